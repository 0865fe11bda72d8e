/**
 * The real-store suite (README: "Running the real-store suite against your staging store"):
 * Tillbridge end to end against the store named by TILLBRIDGE_TEST_STORE_URL / _KEY / _SECRET, or,
 * without them, against the emulator with both race switches on. The suite speaks to the store
 * only through the public REST API (wc/v3) and the Store API (wc/store/v1); Tillbridge runs as the
 * shop runs it (the composition root in this process, the bundled CLI as a process for the
 * SIGKILL scenario) on a demo POS holding the suite's own items, and talks to the store through
 * a watching proxy (engine-proxy.ts).
 *
 * Safety: every SKU starts with a prefix unique to the run, every e-mail carries the run's tag;
 * what the run made is deleted at the end, also when a scenario fails (store-ledger.ts); a store
 * that already holds orders is refused unless TILLBRIDGE_TEST_STORE_ALLOW_ORDERS=1.
 *
 * Scenarios run in order and build on each other's items; each records passed or failed in the
 * table printed at the end (suite-report.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportReference } from '../../electron/engine/orders/export-reference';
import { buildLinkReport } from '../../electron/engine/products/link-report';
import { skuKey } from '../../electron/engine/items/sku';
import { bundleCli } from '../helpers/cli-bundle';
import { EngineProcess } from './engine-process';
import { EngineProxy, isWrite, type ProxyVerdict, type SeenRequest } from './engine-proxy';
import { judgeSku, type CheckoutRound } from './oversell-books';
import { shopperAddress, StoreClient, type Json } from './store-client';
import { StoreLedger } from './store-ledger';
import { openStoreTarget, type StoreTarget } from './store-target';
import { PassLoop, SuiteEngine } from './suite-engine';
import { SuitePos } from './suite-pos';
import { SuiteReport } from './suite-report';

const BUFFER = 1;
const ROUNDS = 10;
const SHOPPERS = 5;
const startedAt = Date.now();
const RUN = randomBytes(3).toString('hex').toUpperCase();
/** Every SKU of this run starts with it. */
const P = `TBRS-${RUN}-`;
const EMAIL_TAG = `tbrs-${RUN.toLowerCase()}`;
const email = (what: string) => `${EMAIL_TAG}-${what}@example.com`;

let target: StoreTarget | null = null;
let store: StoreClient;
let report: SuiteReport | null = null;
let ledger: StoreLedger;
let dir = '';
let pos: SuitePos | null = null;
let proxy: EngineProxy | null = null;
let eng: SuiteEngine | null = null;
let proc: EngineProcess | null = null;
/** Store API orders left open by the allocation scenario, completed by the export scenario. */
const openCheckoutOrders: number[] = [];

const SIMPLE = {
  S1: { price: '12.50', stock: { MAIN: 10, BACK: 5 }, description: 'Stoneware bowl, 16 cm.', category: 'Kitchen' },
  S2: { price: '4.20', stock: { MAIN: 8 } },
  S3: { price: '30.00', stock: { MAIN: 6 } },
  SALE: { price: '9.99', stock: { MAIN: 9 } },
  EDIT: { price: '5.00', stock: { MAIN: 5 } },
  DEL: { price: '6.00', stock: { MAIN: 5 } },
  ALLOC: { price: '15.00', stock: { MAIN: 12 } },
  ORD: { price: '3.50', stock: { MAIN: 40 } },
} as const;
const TEE = { sku: 'TEE', price: '19.00', children: [
  { sku: 'TEE-RED-S', size: 'S', colour: 'Red', stock: { MAIN: 4 } },
  { sku: 'TEE-RED-M', size: 'M', colour: 'Red', stock: { MAIN: 6 } },
  { sku: 'TEE-BLU-S', size: 'S', colour: 'Blue', stock: { BACK: 3 } },
] };
const RACE = Array.from({ length: ROUNDS }, (_, i) => `RACE${String(i + 1).padStart(2, '0')}`);

const sku = (short: string) => `${P}${short}`;

function need<T>(v: T | null | undefined, what: string): T {
  if (v === null || v === undefined) throw new Error(`${what} is not set up (an earlier step failed)`);
  return v;
}

/** A scenario: an `it` whose outcome and note go into the table. */
function scenario(name: string, fn: () => Promise<string | void>, timeout = 180_000): void {
  it(name, async () => {
    const t0 = Date.now();
    try {
      const note = await fn();
      report?.scenarios.push({ name, passed: true, ms: Date.now() - t0, note: note ?? '' });
    } catch (e) {
      const first = String((e as Error).message ?? e).split('\n')[0]!.slice(0, 240);
      report?.scenarios.push({ name, passed: false, ms: Date.now() - t0, note: report.redact(first) });
      throw e;
    }
  }, timeout);
}

/** The one product or variation carrying exactly this SKU. */
async function one(s: string): Promise<Json> {
  const found = await store.bySku(s);
  expect(found.map((p: Json) => `${p.type} ${p.id}`), `store items with SKU ${s}`).toHaveLength(1);
  return found[0];
}

async function webStock(s: string): Promise<number> {
  return Math.max(0, (await need(pos, 'the POS').onHand(s)) - BUFFER);
}

/** The merchant publishes a product by hand (virtual, so shoppers need no shipping method). */
async function publishForShoppers(id: number): Promise<void> {
  await store.call('PUT', `products/${id}`, { status: 'publish', virtual: true });
}

async function placeCheckout(productId: number, quantity: number, who: string): Promise<number> {
  const shopper = store.shopper();
  await shopper.open();
  const added = await shopper.add(productId, quantity);
  if (!added.ok) throw new Error(`add-item refused: ${added.code}`);
  const r = await shopper.checkout(email(who), 1);
  if (r.orderId !== null) ledger.orders.add(r.orderId);
  need(report, 'report').checkouts.attempted++;
  if (!r.accepted) { report!.checkouts.refused++; throw new Error(`checkout refused: ${r.code}`); }
  report!.checkouts.accepted++;
  report!.orders.storeApi++;
  return r.orderId!;
}

beforeAll(async () => {
  target = await openStoreTarget();
  const where = target.kind === 'emulator' ? 'the emulator (checkout and stock-move races on, timed gaps)' : `the staging store ${new URL(target.url).host}`;
  report = new SuiteReport(where, P, [target.key, target.secret]);
  store = new StoreClient(target);
  ledger = new StoreLedger(P, EMAIL_TAG);
  console.log(report.redact(`Real-store suite against ${where}; this run's SKUs start with ${P}, its e-mails with ${EMAIL_TAG}.`));

  // Safety before anything is written: a store holding orders is refused unless allowed.
  const orders = await store.total('orders?status=any');
  if (orders > 0 && !target.allowOrders) {
    report.refusal = `the store holds ${orders} order(s); set TILLBRIDGE_TEST_STORE_ALLOW_ORDERS=1 to run against it anyway`;
    throw new Error(`Refused: ${report.refusal}.`);
  }

  dir = mkdtempSync(join(tmpdir(), 'tb-real-store-'));
  pos = await SuitePos.create(join(dir, 'pos.sqlite'));
  for (const [short, item] of Object.entries(SIMPLE)) await pos.addSimple({ sku: sku(short), name: `Suite item ${short}`, ...item });
  await pos.addMatrix(sku(TEE.sku), 'Suite tee', TEE.price, TEE.children.map((c) => ({ ...c, sku: sku(c.sku) })));
  for (const r of RACE) await pos.addSimple({ sku: sku(r), name: `Suite race item ${r}`, price: '2.00', stock: { MAIN: 3 } });
  for (const s of [...Object.keys(SIMPLE), TEE.sku, ...TEE.children.map((c) => c.sku), ...RACE]) ledger.skus.add(sku(s));

  proxy = new EngineProxy(target.url);
  await proxy.start();
  eng = new SuiteEngine({ dataDir: join(dir, 'data'), storeUrl: proxy.url, authMode: target.auth, key: target.key, secret: target.secret,
    posFile: pos.file, safetyBuffer: BUFFER });
  eng.open();
}, 120_000);

afterAll(async () => {
  if (proxy) proxy.onRequest = null;
  await proc?.stop().catch(() => undefined);
  let linked: number[] = [];
  try {
    if (eng && !eng.tb && report && !report.refusal) eng.open();
    if (eng?.tb) linked = [...eng.engine.links.allLinks().values()].flatMap((l) => (l.storeId ? [l.storeId] : []));
  } catch { /* the clean-up below still sweeps by SKU */ }
  await eng?.close().catch(() => undefined);
  if (report && pos) report.orders.invoices = (await pos.invoices().catch(() => [])).length;
  let left: string[] = [];
  if (report && target && !report.refusal) {
    report.cleanup = await ledger.cleanup(store, linked);
    left = report.cleanup.left;
  }
  if (report && target) report.lostInMoves = target.lostInMoves();
  if (report && proxy) report.requests = { ...store.sent, engine: proxy.seen.length, engineWrites: proxy.seen.filter(isWrite).length };
  if (report) console.log(`\n${report.render(Date.now() - startedAt)}\n`);
  await proxy?.close();
  await pos?.close().catch(() => undefined);
  await target?.close();
  const failed = report?.scenarios.some((s) => !s.passed) ?? true;
  if (dir && !failed) rmSync(dir, { recursive: true, force: true });
  else if (dir) console.log(`The run's POS and Tillbridge state are kept in ${dir} for a look.`);
  if (left.length) throw new Error(`The clean-up left ${left.length} thing(s) in the store: ${left.join(', ')}`);
}, 600_000);

scenario('first push: simple and variable products created as drafts', async () => {
  const e = need(eng, 'Tillbridge');
  const mark = need(proxy, 'proxy').seen.length;
  const r = await e.products();
  await e.orders(); // the first order pass starts Tillbridge's order watermark
  const writes = proxy!.since(mark).filter(isWrite).length;
  for (const [short, item] of [...Object.entries(SIMPLE), ...RACE.map((r) => [r, { price: '2.00' }] as const)]) {
    const p = await one(sku(short));
    expect(p.type, short).toBe('simple');
    expect(p.status, short).toBe('draft');
    expect(p.regular_price, short).toBe(item.price);
    expect(p.manage_stock, short).toBe(true);
    expect(p.stock_quantity, short).toBe(await webStock(sku(short)));
  }
  const parent = await one(sku(TEE.sku));
  expect(parent.type).toBe('variable');
  expect(parent.status).toBe('draft');
  const variations: Json[] = await store.call('GET', `products/${parent.id}/variations?per_page=100`);
  expect(variations.map((v) => v.sku).sort()).toEqual(TEE.children.map((c) => sku(c.sku)).sort());
  for (const v of variations) {
    expect(v.regular_price, v.sku).toBe(TEE.price);
    expect(v.stock_quantity, v.sku).toBe(await webStock(v.sku));
  }
  return `${r.result!.created} created (${Object.keys(SIMPLE).length + RACE.length} simple, 1 variable + ${variations.length} variations), ${writes} write request(s)`;
});

scenario('quiet second run: no writes', async () => {
  const e = need(eng, 'Tillbridge');
  const mark = need(proxy, 'proxy').seen.length;
  const a = await e.products();
  await e.orders();
  const b = await e.products();
  const seen = proxy!.since(mark);
  expect(seen.filter(isWrite).map((r) => `${r.method} ${r.path}`), 'write requests').toEqual([]);
  expect(a.result!.created + a.result!.updated + b.result!.created + b.result!.updated).toBe(0);
  return `${seen.length} read request(s), 0 writes`;
});

scenario('adoption by SKU of hand-made products and variations', async () => {
  const e = need(eng, 'Tillbridge');
  const p = need(pos, 'the POS');
  // The merchant made these by hand before Tillbridge came.
  const hand = await store.call('POST', 'products', { name: 'Hand-made mug', type: 'simple', status: 'publish', sku: sku('HAND'),
    regular_price: '99.00', description: 'Written by the merchant.' });
  ledger.products.add(hand.id);
  const scarf = await store.call('POST', 'products', { name: 'Hand-made scarf', type: 'variable', status: 'publish', sku: sku('HANDV'),
    attributes: [{ name: 'Colour', options: ['Green'], variation: true, visible: true }, { name: 'Size', options: ['S', 'L'], variation: true, visible: true }] });
  ledger.products.add(scarf.id);
  const handVariations = new Map<string, number>();
  for (const size of ['S', 'L']) {
    const v = await store.call('POST', `products/${scarf.id}/variations`, { sku: sku(`HANDV-GRN-${size}`), regular_price: '30.00',
      attributes: [{ name: 'Colour', option: 'Green' }, { name: 'Size', option: size }] });
    handVariations.set(sku(`HANDV-GRN-${size}`), v.id);
  }
  for (const s of ['HAND', 'HANDV', 'HANDV-GRN-S', 'HANDV-GRN-L']) ledger.skus.add(sku(s));
  const handBefore = await store.call('GET', `products/${hand.id}`);
  // Then the same SKUs appear in the POS's web selection.
  await p.addSimple({ sku: sku('HAND'), name: 'Mug', price: '20.00', stock: { MAIN: 6 } });
  await p.addMatrix(sku('HANDV'), 'Scarf', '25.00', [
    { sku: sku('HANDV-GRN-S'), size: 'S', colour: 'Green', stock: { MAIN: 4 } },
    { sku: sku('HANDV-GRN-L'), size: 'L', colour: 'Green', stock: { MAIN: 2 } },
  ]);
  await e.products();

  const mug = await one(sku('HAND'));
  expect(mug.id, 'the hand-made product, not a new one').toBe(hand.id);
  expect([mug.regular_price, mug.manage_stock, mug.stock_quantity]).toEqual(['20.00', true, await webStock(sku('HAND'))]);
  expect([mug.name, mug.status, mug.description]).toEqual([handBefore.name, 'publish', handBefore.description]);
  const parent = await one(sku('HANDV'));
  expect(parent.id).toBe(scarf.id);
  expect(parent.status).toBe('publish');
  for (const [s, id] of handVariations) {
    const v = await one(s);
    expect(v.id, `${s}: the hand-made variation`).toBe(id);
    expect([v.regular_price, v.stock_quantity]).toEqual(['25.00', await webStock(s)]);
  }
  const links = e.engine.links;
  expect(links.link(skuKey(sku('HAND')))?.storeId).toBe(hand.id);
  expect(links.link(skuKey(sku('HANDV-GRN-S')))).toMatchObject({ storeId: handVariations.get(sku('HANDV-GRN-S')), kind: 'variation', parentId: scarf.id });
  // Adopted once: the next pass has nothing to send.
  const mark = proxy!.seen.length;
  await e.products();
  expect(proxy!.since(mark).filter(isWrite).length, 'writes after adoption').toBe(0);
  return `1 simple product and 1 variable product with 2 variations adopted, no duplicates`;
});

scenario('sale prices with dates set and cleared', async () => {
  const e = need(eng, 'Tillbridge');
  const p = need(pos, 'the POS');
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const from = day(-1);
  const to = day(10);
  await p.update(sku('SALE'), { PRICE2: '7.49', PROMO_FROM: from, PROMO_TO: to });
  await p.update(sku('TEE-RED-M'), { PRICE2: '15.00' });
  await e.products();
  const on = await one(sku('SALE'));
  expect([on.regular_price, on.sale_price]).toEqual(['9.99', '7.49']);
  expect(String(on.date_on_sale_from).slice(0, 10)).toBe(from);
  expect(String(on.date_on_sale_to).slice(0, 10)).toBe(to);
  const variation = await one(sku('TEE-RED-M'));
  expect([variation.regular_price, variation.sale_price, variation.date_on_sale_from]).toEqual([TEE.price, '15.00', null]);

  await p.update(sku('SALE'), { PRICE2: null, PROMO_FROM: null, PROMO_TO: null });
  await p.update(sku('TEE-RED-M'), { PRICE2: null });
  await e.products();
  const off = await one(sku('SALE'));
  expect([off.regular_price, off.sale_price, off.date_on_sale_from, off.date_on_sale_to]).toEqual(['9.99', '', null, null]);
  const variationOff = await one(sku('TEE-RED-M'));
  expect([variationOff.regular_price, variationOff.sale_price]).toEqual([TEE.price, '']);
  return `sale ${from} → ${to} set on a product and a variation, then cleared`;
});

scenario('stock moves in the POS reach the store', async () => {
  const e = need(eng, 'Tillbridge');
  const p = need(pos, 'the POS');
  await p.setStock(sku('S1'), 'MAIN', 14); // a delivery
  await p.setStock(sku('S1'), 'REPAIR', 9); // returns: not for sale
  await p.setStock(sku('S2'), 'MAIN', 5); // sold at the till
  await p.setStock(sku('TEE-RED-S'), 'BACK', 7); // a location it had no row in
  await p.setStock(sku('TEE-BLU-S'), 'BACK', 0); // sold out
  const mark = proxy!.seen.length;
  await e.products();
  const moved = ['S1', 'S2', 'TEE-RED-S', 'TEE-BLU-S'];
  for (const s of moved) expect((await one(sku(s))).stock_quantity, s).toBe(await webStock(sku(s)));
  expect((await one(sku('TEE-BLU-S'))).stock_status).toBe('outofstock');
  return `${moved.length} stock changes in ${proxy!.since(mark).filter(isWrite).length} write request(s)`;
});

scenario('merchant fields (name, description, categories, images, published status) untouched', async () => {
  const e = need(eng, 'Tillbridge');
  const p = need(pos, 'the POS');
  const s3 = await one(sku('S3'));
  // The merchant's own category, where the store lets the suite make one (the emulator has no category endpoint).
  const category = await store.raw('POST', 'products/categories', { name: `${P}Merchant category` });
  const categories = category.status === 201 ? [{ id: Number(category.body.id) }] : [];
  if (category.status === 201) ledger.categories.add(Number(category.body.id));
  const imageId = need(target, 'store').imageId;
  await store.call('PUT', `products/${s3.id}`, {
    name: 'Merchant name for S3', description: 'Copy the merchant wrote.', short_description: 'Short copy.', status: 'publish',
    ...(categories.length ? { categories } : {}), ...(imageId ? { images: [{ id: imageId }] } : {}),
  });
  const tee = await one(sku(TEE.sku));
  await store.call('PUT', `products/${tee.id}`, { description: 'Tee copy by the merchant.', status: 'publish' });
  const merchantFields = (x: Json) => ({
    name: x.name, description: x.description, short_description: x.short_description, status: x.status, slug: x.slug,
    categories: (x.categories as Json[]).map((c) => c.id).sort(), images: (x.images as Json[]).map((i) => i.id ?? i.src),
  });
  const before = [merchantFields(await store.call('GET', `products/${s3.id}`)), merchantFields(await store.call('GET', `products/${tee.id}`))];

  // Tillbridge writes price and stock, then a full resync writes every owned value again.
  await p.update(sku('S3'), { PRICE1: '32.00' });
  await p.setStock(sku('S3'), 'MAIN', 9);
  await p.update(sku('TEE-RED-S'), { PRICE1: '21.00' });
  await e.products();
  await e.products({ force: true });

  const s3After = await store.call('GET', `products/${s3.id}`);
  const after = [merchantFields(s3After), merchantFields(await store.call('GET', `products/${tee.id}`))];
  expect(after).toEqual(before);
  expect([s3After.regular_price, s3After.stock_quantity]).toEqual(['32.00', await webStock(sku('S3'))]);
  expect((await one(sku('TEE-RED-S'))).regular_price).toBe('21.00');
  expect((await one(sku('S1'))).status, 'a draft the merchant did not publish stays a draft').toBe('draft');
  return `kept through a price/stock write and a full resync${categories.length ? '' : ' (categories: the store had no category endpoint, the default category was checked)'}` +
    `${imageId ? '' : '; images: none set (TILLBRIDGE_TEST_STORE_IMAGE_ID not given), the empty list was checked'}`;
});

scenario('SKU edited and product deleted in the store: reported, no duplicate, healed or recreated', async () => {
  const e = need(eng, 'Tillbridge');
  const p = need(pos, 'the POS');
  const edited = await one(sku('EDIT'));
  const deleted = await one(sku('DEL'));
  ledger.skus.add(sku('EDITED'));
  await store.call('PUT', `products/${edited.id}`, { sku: sku('EDITED') });
  await store.call('DELETE', `products/${deleted.id}?force=true`);
  // The POS changes both, so Tillbridge writes to them.
  await p.update(sku('EDIT'), { PRICE1: '5.50' });
  await p.update(sku('DEL'), { PRICE1: '6.50' });
  await e.products();

  expect(e.problems('link-broken')).toContain(sku('EDIT'));
  expect(e.problems('missing-in-store')).toContain(sku('DEL'));
  expect(await store.bySku(sku('EDIT')), 'no duplicate for the edited SKU').toEqual([]);
  expect(await store.bySku(sku('DEL')), 'the deleted product is not recreated by an ordinary pass').toEqual([]);
  // The write that finds the SKU changed has landed (its answer is how Tillbridge sees the change); none follows it.
  const renamed = await one(sku('EDITED'));
  expect(renamed.id).toBe(edited.id);
  const landed = renamed.regular_price;
  await p.update(sku('EDIT'), { PRICE1: '5.75' });
  await e.products();
  expect((await one(sku('EDITED'))).regular_price, 'nothing is written to a product whose SKU changed').toBe(landed);
  const tb = e.tb!;
  const rows = await buildLinkReport((await tb.pos.readItems()).items, e.engine.links.allLinks(), tb.catalog);
  const category = (s: string) => rows.find((r) => r.sku === sku(s))?.category;
  expect([category('EDIT'), category('DEL')]).toEqual(['broken', 'missing-in-store']);
  await e.products();
  expect([await store.bySku(sku('EDIT')), await store.bySku(sku('DEL'))], 'still no duplicate on the next pass').toEqual([[], []]);

  // A full resync recreates the deleted product as a draft; the edited one stays broken (no duplicate).
  await e.products({ force: true });
  const back = await one(sku('DEL'));
  expect(back.id).not.toBe(deleted.id);
  expect([back.status, back.regular_price]).toEqual(['draft', '6.50']);
  expect(await store.bySku(sku('EDIT')), 'a full resync does not duplicate the edited SKU').toEqual([]);
  expect(e.problems('link-broken')).toContain(sku('EDIT'));

  // The merchant puts the SKU back: the link heals and the price flows again.
  await store.call('PUT', `products/${edited.id}`, { sku: sku('EDIT') });
  await e.products();
  const healed = await one(sku('EDIT'));
  expect([healed.id, healed.regular_price]).toEqual([edited.id, '5.75']);
  expect(e.problems('link-broken')).not.toContain(sku('EDIT'));
  expect(e.problems('missing-in-store')).not.toContain(sku('DEL'));
  return `edited SKU: link-broken after one write (${landed === '5.50' ? 'the new price landed' : 'nothing landed'}), then no writes, healed when put back, a full resync leaves it broken; deleted: missing-in-store, recreated as a draft by a full resync`;
});

scenario('allocation: open web orders hold stock back (store = POS on-hand − open orders − buffer)', async () => {
  const e = need(eng, 'Tillbridge');
  const alloc = await one(sku('ALLOC'));
  await publishForShoppers(alloc.id);
  const rest = await store.call('POST', 'orders', {
    status: 'processing', payment_method: 'cod', payment_method_title: 'Cash on delivery',
    billing: shopperAddress(email('alloc-rest'), 1), line_items: [{ product_id: alloc.id, quantity: 3 }],
  });
  ledger.orders.add(rest.id);
  need(report, 'report').orders.rest++;
  openCheckoutOrders.push(await placeCheckout(alloc.id, 2, 'alloc-shopper'));
  await e.settle();
  const onHand = await need(pos, 'the POS').onHand(sku('ALLOC'));
  expect(e.engine.allocation!.allocationFor([skuKey(sku('ALLOC'))]).get(skuKey(sku('ALLOC')))?.allocated).toBe(5);
  expect((await one(sku('ALLOC'))).stock_quantity).toBe(onHand - 5 - BUFFER);

  // The REST order is cancelled: its units are for sale again.
  await store.call('PUT', `orders/${rest.id}`, { status: 'cancelled' });
  await e.settle();
  expect((await one(sku('ALLOC'))).stock_quantity).toBe(onHand - 2 - BUFFER);
  return `on-hand ${onHand}, buffer ${BUFFER}: ${onHand - 5 - BUFFER} with 5 units on open orders, ${onHand - 2 - BUFFER} after one was cancelled`;
});

scenario('orders completed via REST are exported to the POS exactly once across SIGKILLs of the engine process', async () => {
  const e = need(eng, 'Tillbridge');
  const px = need(proxy, 'proxy');
  const p = need(pos, 'the POS');
  const r = need(report, 'report');
  const ord = await one(sku('ORD'));
  await publishForShoppers(ord.id);
  const customer = await store.call('POST', 'customers', { email: email('customer'), first_name: 'Suite', last_name: 'Customer',
    billing: shopperAddress(email('customer'), 0) });
  ledger.customers.add(customer.id);
  const completed: number[] = [];
  const complete = async (id: number) => {
    await store.call('PUT', `orders/${id}`, { status: 'completed' });
    completed.push(id);
    r.orders.completed++;
  };
  let n = 0;
  /** One Store API checkout and one REST order for the customer, both completed by the merchant. */
  const placeAndComplete = async () => {
    n++;
    await complete(await placeCheckout(ord.id, 1, `export-${n}`));
    const o = await store.call('POST', 'orders', { status: 'processing', customer_id: customer.id, payment_method: 'cod',
      billing: shopperAddress(email('customer'), 0), line_items: [{ product_id: ord.id, quantity: 2 }] });
    ledger.orders.add(o.id);
    r.orders.rest++;
    await complete(o.id);
  };
  for (const id of openCheckoutOrders.splice(0)) await complete(id);

  await e.close(); // the engine process takes over the data folder
  const cli = await bundleCli(dir);
  proc = new EngineProcess(cli, { dir, dataDir: join(dir, 'data'), storeUrl: px.url, authMode: need(target, 'store').auth,
    key: target!.key, secret: target!.secret, posFile: p.file, safetyBuffer: BUFFER });
  const journal = (sql: string) => {
    const db = new Database(join(dir, 'data', 'state.sqlite'), { readonly: true, fileMustExist: true });
    try { return db.prepare(sql).all() as { id: number; n: number }[]; } finally { db.close(); }
  };
  const midway = () => journal("SELECT COUNT(*) AS n FROM export_journal WHERE state IN ('exporting', 'exported')")[0]!.n;
  /** Runs the engine process until `hit` says so at one of its requests (answered `verdict`), or it dies. */
  const runUntil = (hit: (req: SeenRequest, nth: number) => boolean, verdict: ProxyVerdict, kill: boolean) => new Promise<void>((resolve, reject) => {
    let seen = 0;
    const child = proc!.start();
    const died = (code: number | null, signal: string | null) => {
      px.onRequest = null;
      reject(new Error(`the engine process ended (${code ?? signal}) before the point: ${proc!.stderr.slice(-3).join(' / ')}`));
    };
    child.once('exit', died);
    px.onRequest = (req) => {
      if (!hit(req, ++seen)) return 'forward';
      px.onRequest = null;
      child.off('exit', died);
      if (kill) proc!.killNow();
      resolve();
      return verdict;
    };
  });
  const marking: Record<string, { method: string; path: RegExp }> = {
    'read-notes': { method: 'GET', path: /\/wp-json\/wc\/v3\/orders\/\d+\/notes$/ },
    'write-meta': { method: 'PUT', path: /\/wp-json\/wc\/v3\/orders\/\d+$/ },
    'add-note': { method: 'POST', path: /\/wp-json\/wc\/v3\/orders\/\d+\/notes$/ },
  };
  const kills: { point: string; verdict: ProxyVerdict }[] = [
    { point: 'read-notes', verdict: 'drop' }, { point: 'write-meta', verdict: 'forward' }, { point: 'add-note', verdict: 'forward' },
    { point: 'nth-request', verdict: 'drop' }, { point: 'write-meta', verdict: 'drop' },
  ];
  try {
    for (const [i, k] of kills.entries()) {
      await placeAndComplete();
      const m = marking[k.point];
      await runUntil((req, nth) => (m ? req.method === m.method && m.path.test(req.path) : nth === 2 + i), k.verdict, true);
      await proc.stop();
      const left = midway();
      r.kills.push(`${k.point}${k.verdict === 'forward' ? ' (store ran it)' : ''}: ${left} midway`);
      if (m) expect(left, `a kill at ${k.point} leaves an order between the POS booking and the store marking`).toBeGreaterThan(0);
    }
    await placeAndComplete();
    // One last engine process runs until every completed order is marked ("marked" in its journal).
    const allMarked = () => {
      const marked = new Set(journal("SELECT order_id AS id, 0 AS n FROM export_journal WHERE state = 'marked'").map((row) => row.id));
      return completed.every((id) => marked.has(id));
    };
    await runUntil(() => allMarked(), 'forward', false);
    await proc.stop('SIGTERM');
  } finally {
    // Also after a failure: the engine process goes, and Tillbridge comes back in this process for the next scenarios.
    px.onRequest = null;
    await proc.stop();
    proc = null;
    e.open();
  }

  const invoices = await p.invoices();
  for (const id of completed) {
    const order = await store.call('GET', `orders/${id}`);
    const ref = exportReference(px.url, { number: String(order.number), orderKey: order.order_key });
    const mine = invoices.filter((inv) => inv.ref === ref);
    expect(mine.length, `POS invoices for order ${order.number}`).toBe(1);
    const meta = (order.meta_data as Json[]).filter((m) => m.key === '_tillbridge_pos_invoice');
    expect(meta.map((m) => String(m.value)), `invoice meta on order ${order.number}`).toEqual([String(mine[0]!.invoiceNo)]);
    const notes: Json[] = await store.call('GET', `orders/${id}/notes`);
    expect(notes.filter((note) => /booked in the POS as invoice/.test(String(note.note))).length, `Tillbridge notes on order ${order.number}`).toBe(1);
  }
  expect(invoices.length, 'POS invoices').toBe(completed.length);
  r.orders.exported = invoices.length;
  return `${completed.length} completed orders, ${invoices.length} POS invoices, ${kills.length} SIGKILLs mid-export`;
}, 240_000);

scenario(`concurrent checkouts: ${ROUNDS} rounds of ${SHOPPERS} simultaneous Store API checkouts while Tillbridge syncs`, async () => {
  const e = need(eng, 'Tillbridge');
  const r = need(report, 'report');
  if (!e.tb) e.open();
  const ids = new Map<string, number>();
  for (const short of RACE) {
    const item = await one(sku(short));
    ids.set(sku(short), item.id);
    await publishForShoppers(item.id);
  }
  await e.settle();
  const mark = need(proxy, 'proxy').seen.length;
  const loop = new PassLoop(e);
  loop.start();
  try {
    for (let k = 0; k < ROUNDS; k++) {
      const s = sku(RACE[k]!);
      const id = ids.get(s)!;
      // Tillbridge has caught up with everything before this round (a pass that changed nothing).
      await loop.quietSince(loop.started);
      const shoppers = Array.from({ length: SHOPPERS }, () => store.shopper());
      await Promise.all(shoppers.map((sh) => sh.open()));
      const carts = await Promise.all(shoppers.map((sh) => sh.add(id, 1)));
      const s0 = Number((await store.call('GET', `products/${id}`)).stock_quantity ?? 0);
      const results = await Promise.all(shoppers.map((sh, i) => (carts[i]!.ok ? sh.checkout(email(`round${k + 1}-${i + 1}`), i + 1) : Promise.resolve(null))));
      let accepted = 0;
      for (const res of results) {
        if (res?.orderId) ledger.orders.add(res.orderId);
        if (res?.accepted) accepted++;
      }
      const round: CheckoutRound = { round: k + 1, sku: s, s0, attempted: SHOPPERS, accepted };
      r.rounds.push(round);
      r.checkouts.attempted += SHOPPERS;
      r.checkouts.accepted += accepted;
      r.checkouts.refused += SHOPPERS - accepted;
      r.orders.storeApi += accepted;
    }
    await loop.quietSince(loop.started);
  } finally {
    await loop.stop();
  }
  const engineWrites = proxy!.since(mark).filter(isWrite).length;
  const stockNow = await Promise.all([...ids.values()].map(async (id) => Number((await store.call('GET', `products/${id}`)).stock_quantity)));

  // The books, from the store's orders and the POS; the detections from Tillbridge's problems.
  const holding = new Set(['pending', 'processing', 'on-hold', 'completed']);
  const sold = new Map<string, number>();
  for (const o of await store.all<Json>('orders?status=any')) {
    if (!holding.has(o.status)) continue;
    for (const line of o.line_items as Json[]) if (ids.has(line.sku)) sold.set(line.sku, (sold.get(line.sku) ?? 0) + Number(line.quantity));
  }
  const detected = e.oversoldEver();
  r.verdicts = [];
  for (const s of ids.keys()) {
    r.verdicts.push(judgeSku({ sku: s, webSold: sold.get(s) ?? 0, onHandBeforeOrders: await need(pos, 'the POS').onHand(s), safetyBuffer: BUFFER,
      detected: detected.has(s) }, r.rounds));
  }
  expect(r.verdicts.filter((v) => v.byTillbridge > 0), 'oversells added by Tillbridge').toEqual([]);
  expect(r.verdicts.filter((v) => v.undetected), 'oversells Tillbridge did not report').toEqual([]);
  const byStore = r.verdicts.reduce((n, v) => n + v.byStore, 0);
  return `${r.rounds.reduce((n, x) => n + x.accepted, 0)} of ${ROUNDS * SHOPPERS} accepted; store oversold ${byStore} unit(s), Tillbridge added 0, all detected; ` +
    `Tillbridge sent ${engineWrites} write request(s) meanwhile; store stock after: ${stockNow.join(', ')}`;
}, 300_000);
