import { afterAll, beforeAll, describe } from 'vitest';
import { DEMO_SCHEMA_FIREBIRD } from '../../../connectors/pos/demo/demo-schema';
import { createTestFirebirdDatabase, type TestFirebirdDatabase } from '../../helpers/firebird';
import { demoProfileScenarios, type DemoTestEnv } from './demo-scenarios';

describe('demo profile on Firebird (same tables, same profile)', () => {
  let db: TestFirebirdDatabase;
  let env: DemoTestEnv;

  beforeAll(async () => {
    db = await createTestFirebirdDatabase('demo-profile', DEMO_SCHEMA_FIREBIRD);
    env = { pos: db.driver(), connectorDriver: () => db.driver() };
  });

  afterAll(async () => {
    await db?.drop();
  });

  demoProfileScenarios(() => env);
});
