/**
 * Issue 14, part 2: the POS (the demo profile on a real Firebird 3 server) misbehaving under a
 * running engine. The engine reaches Firebird through a TCP proxy, so the server can vanish and
 * come back at a chosen protocol point. Each fault must give a clear message, recover without
 * restarting Tillbridge, and leave no attachment behind (counted in MON$ATTACHMENTS); no message
 * may carry the POS password.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fillDemoPos } from '../../../../connectors/pos/demo/demo-pos';
import { DEMO_SCHEMA_FIREBIRD } from '../../../../connectors/pos/demo/demo-schema';
import { updateDemoItem } from '../../../../connectors/pos/demo/demo-activity';
import { applySchema } from '../../../../connectors/pos/generators/bulk-insert';
import { createFirebirdDatabase, dropFirebirdDatabase } from '../../../../connectors/pos/drivers/firebird-admin';
import { FirebirdDriver } from '../../../../connectors/pos/drivers/firebird-driver';
import { ProfileConnector } from '../../../../connectors/pos/profile-connector';
import { builtInProfile } from '../../../../connectors/pos/profile-loader';
import { Engine } from '../../../../electron/engine/engine';
import { parseConfig } from '../../../../electron/engine/settings/config';
import { collectTexts } from '../../../helpers/store-fault-run';
import { createTestFirebirdDatabase, FIREBIRD_HOST, FIREBIRD_PORT, type TestFirebirdDatabase } from '../../../helpers/firebird';
import { openPracticeStore, type PracticeStore } from '../../../helpers/practice-store';
import { recordSoak } from '../../../helpers/soak';
import { TcpProxy } from '../../../helpers/tcp-proxy';
import { ProfilePosOrderPort } from '../../../../connectors/pos/profile-order-port';
import { WooOrderStore } from '../../../../connectors/woocommerce/woo-order-store';
import { WooOrders } from '../../../../connectors/woocommerce/woo-orders';
import { placeCheckoutOrder } from '../../../../connectors/woocommerce-emulator/order-checkout';

let fb: TestFirebirdDatabase;
let store: PracticeStore;
let proxy: TcpProxy;
let admin: FirebirdDriver;
const texts: string[] = [];

beforeAll(async () => {
  fb = await createTestFirebirdDatabase('pos-faults', DEMO_SCHEMA_FIREBIRD);
  await fillDemoPos(fb.driver(), { items: 30, seed: 14 });
  store = await openPracticeStore();
  proxy = new TcpProxy(FIREBIRD_HOST, FIREBIRD_PORT);
  await proxy.start();
  admin = fb.driver();
  // The helper's schema and fill attachments are ended, so every attachment counted later is the engine's.
  await admin.transaction((tx) => tx.query('DELETE FROM MON$ATTACHMENTS WHERE MON$ATTACHMENT_ID <> CURRENT_CONNECTION AND MON$SYSTEM_FLAG = 0'), { mode: 'write' });
}, 120_000);

afterAll(async () => {
  await proxy?.stop();
  await store?.close();
  await fb?.drop();
});

/** User attachments to the test database other than the admin's own. */
async function attachments(): Promise<number> {
  const [row] = await admin.query('SELECT COUNT(*) AS N FROM MON$ATTACHMENTS WHERE MON$SYSTEM_FLAG = 0 AND MON$ATTACHMENT_ID <> CURRENT_CONNECTION');
  return Number(row!.N);
}

function engineOn(driver: FirebirdDriver): { engine: Engine; connector: ProfileConnector } {
  const connector = new ProfileConnector(builtInProfile('demo'), driver);
  const config = parseConfig({ store: { url: store.emulator.url, consumerKey: 'ck_x', consumerSecret: 'cs_x' },
    pos: { profile: 'demo', driver: 'firebird', firebird: { database: fb.path, password: fb.config.password } } });
  const engine = new Engine({ config, db: store.db, pos: connector, catalog: store.catalog, log: (l) => texts.push(l) });
  return { engine, connector };
}

it('the server gone mid-run, back again, then a restore replacing the database: clear status, recovery without a restart, no leaked attachments', async () => {
  const { engine, connector } = engineOn(new FirebirdDriver({ ...fb.config, port: proxy.port, connectTimeoutMs: 3000 }));
  expect((await engine.syncProducts({ trigger: 'manual' })).status).toBe('ok');
  const before = await attachments();
  expect(before).toBeLessThanOrEqual(1);

  // The server goes away while the engine talks to it: the next request is cut in flight, then nobody listens.
  await updateDemoItem(admin, 1, { PRICE1: '12.34' });
  const cut = proxy.cutOnNextRequest();
  const during = engine.syncProducts({ trigger: 'manual' });
  await cut;
  await proxy.stop();
  const down = await during;
  const downAgain = await engine.syncProducts({ trigger: 'manual' });
  expect([down.status, downAgain.status]).toContain('failed');
  const status = engine.status();
  expect(status.state).toBe('offline');
  expect(status.health.pos.ok).toBe(false);
  expect(status.health.pos.message).toMatch(/Firebird|POS/);
  texts.push(status.health.pos.message, down.message ?? '', downAgain.message ?? '');

  // Back: the same engine recovers by itself on its next pass.
  await proxy.start();
  const back = await engine.syncProducts({ trigger: 'manual' });
  expect(back.status).toBe('ok');
  expect(engine.status().health.pos.ok).toBe(true);
  expect(await attachments(), 'attachments after the outage').toBeLessThanOrEqual(1);

  // A restore replaces the database under the running engine: every attachment is ended (as gbak -rep needs), the file
  // is dropped and made again with the same catalogue, and one price differs from before.
  await admin.transaction((tx) => tx.query('DELETE FROM MON$ATTACHMENTS WHERE MON$ATTACHMENT_ID <> CURRENT_CONNECTION AND MON$SYSTEM_FLAG = 0'), { mode: 'write' });
  await admin.close();
  await dropFirebirdDatabase(fb.config);
  await createFirebirdDatabase(fb.config);
  admin = new FirebirdDriver(fb.config);
  await applySchema(admin, DEMO_SCHEMA_FIREBIRD);
  await fillDemoPos(admin, { items: 30, seed: 14 });
  await updateDemoItem(admin, 2, { PRICE1: '77.70' });
  const afterRestore = await engine.syncProducts({ trigger: 'manual' });
  expect(afterRestore.status, afterRestore.message ?? '').toBe('ok');
  const [item2] = await admin.query('SELECT SKU FROM ITEMS WHERE ID = 2');
  const product = [...store.emulator.state.products.values()].find((p) => p.sku === item2!.SKU);
  expect(product?.regularPrice).toBe('77.70');
  expect(await attachments(), 'attachments after the restore').toBeLessThanOrEqual(1);
  await connector.close();
  expect(await attachments(), 'attachments once the connector is closed').toBe(0);
  recordSoak('pos-faults', { leakedConnections: await attachments(), note: 'real Firebird 3: cut in flight, server gone and back (TCP proxy), database replaced by a restore; wrong password, missing file, a till lock while reading and while exporting (these in the same file)' });
});

it('a wrong password and a missing database file each say what to fix, without the password, and leave no attachment', async () => {
  const wrong = 'Wr0ng-P0s-Passw0rd';
  for (const [label, overrides, pattern] of [
    ['wrong password', { password: wrong }, /refused the login.*user name or password/],
    ['missing file', { database: `${fb.path}.missing.fdb`, password: wrong }, /cannot open the database file|refused the login/],
  ] as const) {
    const { engine, connector } = engineOn(new FirebirdDriver({ ...fb.config, ...overrides }));
    const run = await engine.syncProducts({ trigger: 'manual' });
    expect(run.status, label).toBe('failed');
    const status = engine.status();
    expect(status.health.pos.message, label).toMatch(pattern);
    const problems = engine.errors.open('pos').map((e) => `${e.message} ${e.hint ?? ''}`);
    texts.push(status.health.pos.message, run.message ?? '', ...problems, ...collectTexts(store.db));
    for (const t of texts) expect(t, `${label}: a message carrying the POS password`).not.toContain(wrong);
    for (const t of texts) expect(t).not.toContain(fb.config.password);
    await connector.close();
  }
  expect(await attachments()).toBe(0);
});

it('a till transaction holding locks: the product read does not wait for it', async () => {
  const till = fb.driver();
  const { engine, connector } = engineOn(new FirebirdDriver(fb.config));
  let release!: () => void;
  const held = new Promise<void>((r) => { release = r; });
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => { locked = r; });
  const tillWork = till.transaction(async (tx) => {
    await tx.query("UPDATE ITEMS SET PRICE1 = '99.99' WHERE ID <= 10");
    await tx.query("UPDATE STOCK SET QTY = QTY + 1 WHERE ITEM_ID <= 10");
    locked();
    await held;
  }, { mode: 'write' });
  await isLocked;
  const run = await engine.syncProducts({ trigger: 'manual' });
  expect(run.status, run.message ?? '').toBe('ok');
  release();
  await tillWork;
  // The committed change is seen by the next pass.
  expect((await engine.syncProducts({ trigger: 'manual' })).status).toBe('ok');
  await connector.close();
  await till.close();
  expect(await attachments()).toBe(0);
});

it('an export meeting a till transaction that holds the stock row waits within the lock bound, books nothing, and goes once the till commits', async () => {
  const till = fb.driver();
  const exportDriver = new FirebirdDriver({ ...fb.config, lockTimeoutSeconds: 1 });
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  const connector = new ProfileConnector(builtInProfile('demo'), new FirebirdDriver(fb.config));
  const config = parseConfig({ store: { url: store.emulator.url, consumerKey: 'ck_x', consumerSecret: 'cs_x' },
    pos: { profile: 'demo', driver: 'firebird', firebird: { database: fb.path, password: fb.config.password } }, orders: { guests: 'create' } });
  const engine = new Engine({ config, db: store.db, pos: connector, catalog: store.catalog, now,
    orderStore: new WooOrderStore(store.client, new WooOrders(store.client)), posOrders: new ProfilePosOrderPort(builtInProfile('demo'), exportDriver) });
  await engine.syncProducts({ trigger: 'manual' });
  await engine.exportOrders({ trigger: 'manual' }); // the watermark starts here
  const [row] = await admin.query("SELECT FIRST 1 I.ID, I.SKU FROM ITEMS I JOIN STOCK S ON S.ITEM_ID = I.ID AND S.LOCATION = 'MAIN' WHERE I.WEB = 1 AND I.PARENT_ID IS NULL AND S.QTY > 3");
  const product = [...store.emulator.state.products.values()].find((p) => p.sku === row!.SKU)!;
  await store.call('PUT', `products/${product.id}`, { status: 'publish' });
  const placed = placeCheckoutOrder(store.emulator.state, { lines: [{ sku: product.sku, quantity: 1 }], status: 'processing', billing: { first_name: 'Lock', last_name: 'Test', email: 'lock@example.test' } });
  expect(placed.ok).toBe(true);
  const orderId = placed.ok ? placed.order.id : 0;
  await store.call('PUT', `orders/${orderId}`, { status: 'completed' });

  let release!: () => void;
  const held = new Promise<void>((r) => { release = r; });
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => { locked = r; });
  const tillWork = till.transaction(async (tx) => {
    await tx.query('UPDATE STOCK SET QTY = QTY + 10 WHERE ITEM_ID = :id', { id: Number(row!.ID) });
    locked();
    await held;
  }, { mode: 'write' });
  await isLocked;
  const blocked = await engine.exportOrders({ trigger: 'manual' });
  expect(blocked.status).not.toBe('ok');
  const entry = engine.orders!.journal.get(orderId)!;
  expect(['waiting', 'exporting'], 'not booked: waiting, or exporting to be settled by the POS reference check').toContain(entry.state);
  expect(entry.errorMessage ?? '').toMatch(/busy|locked/i);
  const invoices = async () => (await admin.query('SELECT COUNT(*) AS N FROM INVOICES WHERE EXTERNAL_REF STARTING WITH :n', { n: `${orderId}-` }))[0]!.N;
  expect(Number(await invoices()), 'nothing booked while the till holds the row').toBe(0);

  release();
  await tillWork;
  offsetMs += 2 * 60_000; // past the order's retry time (export-backoff: 30 s after a first retryable failure)
  await engine.exportOrders({ trigger: 'manual' });
  expect(engine.orders!.journal.get(orderId)!.state).toBe('marked');
  expect(Number(await invoices())).toBe(1);
  await connector.close();
  await exportDriver.close();
  await till.close();
  expect(await attachments()).toBe(0);
});
