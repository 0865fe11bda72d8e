import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe } from 'vitest';
import { DEMO_SCHEMA_SQLITE } from '../../../../connectors/pos/demo/demo-schema';
import { SqliteDriver } from '../../../../connectors/pos/drivers/sqlite-driver';
import { applySchema } from '../../../../connectors/pos/generators/bulk-insert';
import { demoExportScenarios, type DemoExportEnv } from './demo-export-scenarios';

describe('demo profile export on SQLite (the embedded demo POS)', () => {
  let dir: string;
  let env: DemoExportEnv;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tb-pos-export-'));
    const file = join(dir, 'demo-pos.sqlite');
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    raw.close();
    const till = new SqliteDriver({ file });
    await applySchema(till, DEMO_SCHEMA_SQLITE);
    env = { till, driver: () => new SqliteDriver({ file, busyTimeoutMs: 300 }) };
  });

  afterAll(async () => {
    await env?.till.close();
    rmSync(dir, { recursive: true, force: true });
  });

  demoExportScenarios(() => env);
});
