import { afterEach, beforeEach, describe } from 'vitest';
import { createDemoPos } from '../../../connectors/pos/demo/demo-pos';
import { createTestFirebirdDatabase, type TestFirebirdDatabase } from '../../helpers/firebird';
import { bucketScenarios, type BucketTestEnv } from './bucket-scenarios';

describe('bucket change detection on Firebird (the demo POS)', { timeout: 60_000 }, () => {
  let db: TestFirebirdDatabase;
  let env: BucketTestEnv;

  beforeEach(async () => {
    db = await createTestFirebirdDatabase('buckets');
    const pos = db.driver();
    await createDemoPos(pos, { items: 1200, seed: 3 });
    env = { pos, driver: () => db.driver(), items: 1200 };
  }, 60_000);

  afterEach(async () => { await db.drop(); });

  bucketScenarios(() => env);
});
