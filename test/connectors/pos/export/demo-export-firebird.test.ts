import { afterAll, beforeAll, describe } from 'vitest';
import { DEMO_SCHEMA_FIREBIRD } from '../../../../connectors/pos/demo/demo-schema';
import { createTestFirebirdDatabase, type TestFirebirdDatabase } from '../../../helpers/firebird';
import { demoExportScenarios, type DemoExportEnv } from './demo-export-scenarios';

describe('demo profile export on Firebird (same tables, same profile)', () => {
  let db: TestFirebirdDatabase;
  let env: DemoExportEnv;

  beforeAll(async () => {
    db = await createTestFirebirdDatabase('demo-export', DEMO_SCHEMA_FIREBIRD);
    env = { till: db.driver(), driver: () => db.driver({ lockTimeoutSeconds: 1 }) };
  });

  afterAll(async () => { await db?.drop(); });

  demoExportScenarios(() => env);
});
