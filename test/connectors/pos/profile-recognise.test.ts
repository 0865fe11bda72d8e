import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteDemoPos } from '../../../connectors/pos/demo/demo-pos';
import { SqliteDriver } from '../../../connectors/pos/drivers/sqlite-driver';
import { ProfileConnector } from '../../../connectors/pos/profile-connector';
import { builtInProfile } from '../../../connectors/pos/profile-loader';

describe('a profile\'s recognise statement in check()', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tb-recognise-'));
    file = join(dir, 'pos.sqlite');
    await createSqliteDemoPos(file, { items: 20, seed: 1 });
    const d = new SqliteDriver({ file });
    await d.transaction(async (tx) => {
      await tx.query('CREATE TABLE APP_INFO (NAME TEXT, VERSION TEXT)');
      await tx.query("INSERT INTO APP_INFO VALUES ('Demo POS', '2.1')");
    }, { mode: 'write' });
    await d.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const check = async (sql: string) => {
    const profile = builtInProfile('demo');
    profile.recognise = { sql, columns: { name: 'NAME', version: 'VERSION' } };
    const c = new ProfileConnector(profile, new SqliteDriver({ file }));
    try { return await c.check(); } finally { await c.close(); }
  };

  it('names the POS and its version next to the server', async () => {
    const r = await check('SELECT NAME, VERSION FROM APP_INFO');
    expect(r).toMatchObject({ ok: true, pos: { name: 'Demo POS', version: '2.1' } });
    expect(r.message).toMatch(/^Connected to SQLite [\d.]+ \(Demo POS 2\.1\); the \d+ statements and the \d+ export statements of profile "demo" work\.$/);
  });

  it('says the database is not that POS when the statement finds no table or no row', async () => {
    const missing = await check('SELECT NAME, VERSION FROM NO_SUCH_TABLE');
    expect(missing.ok).toBe(false);
    expect(missing.pos).toBeUndefined();
    expect(missing.problems[0]).toMatchObject({ code: 'bad-profile', statement: 'recognise.sql' });
    expect(missing.message).toMatch(/^This database does not look like the POS the profile "demo" is written for: .*NO_SUCH_TABLE.* Check that the profile names this POS/);
    const empty = await check("SELECT NAME, VERSION FROM APP_INFO WHERE NAME = 'other'");
    expect(empty.message).toMatch(/found no POS name/);
  });
});
