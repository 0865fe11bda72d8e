import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe } from 'vitest';
import { DEMO_SCHEMA_SQLITE } from '../../../connectors/pos/demo/demo-schema';
import { SqliteDriver } from '../../../connectors/pos/drivers/sqlite-driver';
import { applySchema } from '../../../connectors/pos/generators/bulk-insert';
import { demoProfileScenarios, type DemoTestEnv } from './demo-scenarios';

describe('demo profile on SQLite (the embedded demo POS)', () => {
  let dir: string;
  let env: DemoTestEnv;
  const drivers: SqliteDriver[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tb-pos-demo-'));
    const file = join(dir, 'demo-pos.sqlite');
    new Database(file).close();
    const pos = new SqliteDriver({ file });
    await applySchema(pos, DEMO_SCHEMA_SQLITE);
    env = {
      pos,
      connectorDriver: () => {
        const d = new SqliteDriver({ file });
        drivers.push(d);
        return d;
      },
    };
  });

  afterAll(async () => {
    await env.pos.close();
    await Promise.all(drivers.map((d) => d.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  demoProfileScenarios(() => env);
});
