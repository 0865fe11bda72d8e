import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe } from 'vitest';
import { createSqliteDemoPos } from '../../../connectors/pos/demo/demo-pos';
import { SqliteDriver } from '../../../connectors/pos/drivers/sqlite-driver';
import { bucketScenarios, type BucketTestEnv } from './bucket-scenarios';

describe('bucket change detection on SQLite (the demo POS)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tb-buckets-'));
  let env: BucketTestEnv;
  let n = 0;
  const drivers: SqliteDriver[] = [];

  beforeEach(async () => {
    await Promise.all(drivers.splice(0).map((d) => d.close()));
    const file = join(dir, `pos-${n++}.sqlite`);
    await createSqliteDemoPos(file, { items: 1200, seed: 3 });
    const open = () => { const d = new SqliteDriver({ file }); drivers.push(d); return d; };
    env = { pos: open(), driver: open, items: 1200 };
  });

  afterAll(async () => {
    await Promise.all(drivers.map((d) => d.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  bucketScenarios(() => env);
});
