/**
 * Issue 14, part 1: the circuit breaker inside a running engine, driven by the engine's own
 * injectable clock. A store that fails every request gets K of them, then none while the circuit
 * is open (scheduled ticks skip it), the status says the store is being backed off and until when,
 * each new failure doubles the pause, and once the store answers again all is well at once. The
 * failed writes are tried again by the schedule (a complete pass once a minute while they are
 * open), not left to the next full pass.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { join } from 'node:path';
import { createSqliteDemoPos } from '../../../../connectors/pos/demo/demo-pos';
import { SqliteDriver } from '../../../../connectors/pos/drivers/sqlite-driver';
import { ProfileConnector } from '../../../../connectors/pos/profile-connector';
import { builtInProfile } from '../../../../connectors/pos/profile-loader';
import { WooCatalog } from '../../../../connectors/woocommerce/woo-catalog';
import { StoreCircuit } from '../../../../connectors/woocommerce/woo-circuit';
import { WooClient } from '../../../../connectors/woocommerce/woo-client';
import { parseWooConfig } from '../../../../connectors/woocommerce/woo-config';
import { WooProducts } from '../../../../connectors/woocommerce/woo-products';
import { createWooTransport, type WooHttpRequest } from '../../../../connectors/woocommerce/woo-transport';
import { Engine } from '../../../../electron/engine/engine';
import { parseConfig } from '../../../../electron/engine/settings/config';
import { openPracticeStore, type PracticeStore } from '../../../helpers/practice-store';

let store: PracticeStore;
let connector: ProfileConnector;

beforeEach(async () => {
  store = await openPracticeStore();
  const file = join(store.dir, 'pos.sqlite');
  await createSqliteDemoPos(file, { items: 10, seed: 3 });
  connector = new ProfileConnector(builtInProfile('demo'), new SqliteDriver({ file }));
});
afterEach(async () => {
  await connector.close();
  await store.close();
});

it('backs a failing store off for a growing pause, says so in the status, and closes when the store answers', async () => {
  let t = Date.UTC(2026, 11, 4, 12, 0, 0);
  const now = () => new Date(t);
  const circuit = new StoreCircuit({ failures: 4, openMs: 30_000, maxOpenMs: 120_000 }, () => t);
  const wooConfig = parseWooConfig({ url: store.emulator.url, consumerKey: store.emulator.state.keys.ck, consumerSecret: store.emulator.state.keys.cs, authMode: 'basic', maxRetries: 2 });
  const real = createWooTransport(wooConfig);
  let storeDown = true;
  const sent: WooHttpRequest[] = [];
  const client = new WooClient(wooConfig, {
    transport: async (req) => {
      sent.push(req);
      return storeDown ? { status: 502, headers: {}, body: { code: 'bad_gateway', message: 'Bad gateway' } } : real(req);
    },
    circuit, sleep: async () => undefined, now: () => t,
  });
  const config = parseConfig({ store: { url: store.emulator.url, consumerKey: 'ck_x', consumerSecret: 'cs_x' }, pos: { profile: 'demo', driver: 'sqlite', sqlite: { file: 'x' } }, sync: { pollSeconds: 5 } });
  const engine = new Engine({ config, db: store.db, pos: connector, catalog: new WooCatalog(new WooProducts(client)), storeCircuit: circuit, now });

  // Passes meet the failing store until K requests in a row have failed; then the circuit opens.
  let passes = 0;
  while (circuit.snapshot().state === 'closed' && passes < 10) {
    passes++;
    expect((await engine.syncProducts({ trigger: 'manual' })).status).not.toBe('ok');
  }
  expect(sent).toHaveLength(4);
  // A pass while open sends nothing.
  expect((await engine.syncProducts({ trigger: 'manual' })).status).not.toBe('ok');
  expect(sent).toHaveLength(4);
  const status = engine.status();
  expect(status.state).toBe('offline');
  expect(status.health.store.ok).toBe(false);
  expect(status.health.store.message).toMatch(/failed 4 request\(s\) in a row \(last: bad_gateway 502\).*tries again at 12:00:30 UTC/);

  // Scheduled ticks while open send nothing at all.
  for (let i = 0; i < 5; i++) { t += 5_000; await engine.tick(); }
  expect(sent).toHaveLength(4);

  // The pause is over (12:00:30): one probe goes, fails, and the next pause is twice as long.
  t = Date.UTC(2026, 11, 4, 12, 0, 30);
  await engine.tick();
  expect(sent).toHaveLength(5);
  expect(circuit.snapshot()).toMatchObject({ state: 'open', openings: 2, openUntil: Date.UTC(2026, 11, 4, 12, 1, 30) });
  expect(engine.status().health.store.message).toMatch(/tries again at 12:01:30 UTC \(pause 2\)/);

  // The store is back: the next probe after the pause succeeds, the circuit closes, and the pass completes.
  storeDown = false;
  t = Date.UTC(2026, 11, 4, 12, 1, 30);
  await engine.tick();
  expect(engine.runs.lastSuccess('products')?.finishedAt).toBe('2026-12-04T12:01:30.000Z');
  expect(engine.errors.open('product').filter((e) => e.retryable)).toEqual([]);
  expect(circuit.snapshot().state).toBe('closed');
  const after = engine.status();
  expect(after.health.store.ok).toBe(true);
  expect(store.emulator.state.products.size).toBeGreaterThan(5);
});
