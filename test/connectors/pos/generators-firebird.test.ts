import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoPos, createSqliteDemoPos } from '../../../connectors/pos/demo/demo-pos';
import { SqliteDriver } from '../../../connectors/pos/drivers/sqlite-driver';
import { createMatrixRetailPos } from '../../../connectors/pos/matrix-retail/matrix-retail-pos';
import { ProfileConnector } from '../../../connectors/pos/profile-connector';
import { builtInProfile } from '../../../connectors/pos/profile-loader';
import type { SqlDriver } from '../../../connectors/pos/drivers/sql-driver';
import { createTestFirebirdDatabase, type TestFirebirdDatabase } from '../../helpers/firebird';

async function readAll(profile: string, driver: SqlDriver) {
  const c = new ProfileConnector(builtInProfile(profile), driver);
  const items = (await c.readItems()).items;
  return items.sort((a, b) => Number(a.posId) - Number(b.posId));
}

describe('generators on Firebird (multi-row blocks) load exactly what they load on SQLite', () => {
  let dir: string;
  const dbs: TestFirebirdDatabase[] = [];
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'tb-gen-fb-')); });
  afterAll(async () => {
    await Promise.all(dbs.map((d) => d.drop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('demo POS', async () => {
    const fb = await createTestFirebirdDatabase('gen-demo');
    dbs.push(fb);
    const opts = { items: 1500, seed: 11 };
    const fbStats = await createDemoPos(fb.driver(), opts);
    const file = join(dir, 'demo.sqlite');
    expect(await createSqliteDemoPos(file, opts)).toEqual(fbStats);
    const fromFirebird = await readAll('demo', fb.driver());
    const fromSqlite = await readAll('demo', new SqliteDriver({ file }));
    expect(fromFirebird.length).toBe(fbStats.webItems);
    expect(fromFirebird).toEqual(fromSqlite);
  });

  it('matrix-retail POS', async () => {
    const fb = await createTestFirebirdDatabase('gen-matrix');
    dbs.push(fb);
    const opts = { products: 800, seed: 4 };
    const fbStats = await createMatrixRetailPos(fb.driver(), opts);
    const file = join(dir, 'matrix.sqlite');
    new Database(file).close();
    const sqlite = new SqliteDriver({ file });
    expect(await createMatrixRetailPos(sqlite, opts)).toEqual(fbStats);
    const fromFirebird = await readAll('matrix-retail', fb.driver());
    expect(fromFirebird.length).toBeGreaterThan(300);
    expect(fromFirebird).toEqual(await readAll('matrix-retail', sqlite));
  });
});
