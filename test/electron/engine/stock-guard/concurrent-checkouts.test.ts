/**
 * THE proof for PRODUCT.md flow 3: the Engine (product passes and order passes back to back, its
 * stock guard on) against the emulator, while live checkouts run in parallel against a few SKUs
 * with little stock, goods arrive, the till sells, and orders are paid late, completed (exported
 * to the POS) or cancelled. At every checkpoint the store has never sold more than the POS had
 * for the web and its stock is not below 0; once everything is quiet it holds exactly the
 * allocation rule's value. Books and actors: test/helpers/checkout-race.ts.
 *
 * Negative control, in the same run: the same load (same seeds, same actors, same engine) with
 * the stock guard left out (EngineDeps.stockGuard: false) must oversell, or the proof above
 * would prove nothing about the guard.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findBySku } from '../../../../connectors/woocommerce-emulator/product-model';
import { WooCatalog } from '../../../../connectors/woocommerce/woo-catalog';
import { WooProducts } from '../../../../connectors/woocommerce/woo-products';
import { parseConfig } from '../../../../electron/engine/settings/config';
import { Engine } from '../../../../electron/engine/engine';
import { HookedCatalog } from '../../../helpers/guarded-catalog';
import { runCheckoutRace, settledStock, type RaceEngine, type RaceReport } from '../../../helpers/checkout-race';
import { OrderFixture } from '../../../helpers/order-fixture';
import { TestPosItems } from '../../../helpers/sqlite-test-pos-items';

const SKUS = [{ sku: 'R-1', onHand: 4 }, { sku: 'R-2', onHand: 6 }, { sku: 'R-3', onHand: 3 }, { sku: 'R-4', onHand: 9 }];
const BUFFER = 1;

let f: OrderFixture;
let engine: Engine;
let engineLog: string[] = [];
afterEach(async () => {
  await engine?.stop();
  await f?.close();
});

/**
 * The shop before the rush: the POS items listed through Tillbridge and published by the merchant.
 * `guard: false` builds the same engine without its stock guard (the negative control).
 */
async function openShop({ guard }: { guard: boolean }): Promise<RaceEngine> {
  f = await OrderFixture.open();
  engineLog = [];
  for (const s of SKUS) f.pos.addItem(s.sku, s.onHand);
  const config = parseConfig({
    store: { url: f.emulator.url, consumerKey: 'ck_x', consumerSecret: 'cs_x' },
    pos: { profile: 'demo', driver: 'sqlite', sqlite: { file: `${f.dir}/unused.sqlite` } },
    sync: { safetyBuffer: BUFFER },
  });
  const catalog = new HookedCatalog(new WooCatalog(new WooProducts(f.client)));
  catalog.beforeWrite = (items) => { engineLog.push(`WRITE ${JSON.stringify(items)}`); };
  engine = new Engine({ config, db: f.db, pos: new TestPosItems(f.pos), catalog,
    orderStore: f.store, posOrders: f.pos, now: () => f.engineNow, log: (line) => engineLog.push(line), ...(guard ? {} : { stockGuard: false }) });
  const race: RaceEngine = {
    async syncProducts() {
      engineLog.push(`PRODUCT PASS (POS ${JSON.stringify((await new TestPosItems(f.pos).readItems()).items.map((i) => i.onHand))})`);
      const r = await engine.syncProducts({ trigger: 'manual' });
      if (!r.result) throw new Error(`product pass failed: ${r.message}`);
      engineLog.push(`PRODUCT PASS END ${JSON.stringify(r.result.stock ?? {})}`, ...stateDump().map((l) => `STATE ${l}`));
      return r.result.created + r.result.updated + (r.result.stock?.corrections.length ?? 0);
    },
    async orderCycle() {
      const r = await engine.exportOrders({ trigger: 'manual' });
      if (!r.cycle) throw new Error(`order pass failed: ${r.message}`);
      return r.cycle.poll.created + r.cycle.poll.updated + r.cycle.export.exported + r.cycle.export.marked;
    },
  };
  await race.syncProducts();
  for (const link of engine.links.allLinks().values()) await f.call('PUT', `products/${link.storeId!}`, { status: 'publish' });
  await race.orderCycle();
  return race;
}

/** Per SKU: what Tillbridge knows (basis, taken counter, allocation) next to the store's stock. */
function stateDump(): string[] {
  return SKUS.map((s) => {
    const key = s.sku.toLowerCase();
    const basis = f.db.prepare('SELECT written, taken FROM stock_basis WHERE sku = ?').get(key);
    const taken = engine.orders!.mirror.storeTaken([key]).get(key);
    const allocation = engine.allocation!.allocationFor([key]).get(key);
    return `${s.sku} store=${findBySku(f.emulator.state, s.sku)?.stockQuantity} basis=${JSON.stringify(basis)} taken=${taken} allocation=${JSON.stringify(allocation)}`;
  });
}

/** Every oversold problem opened in the run, open, resolved or acknowledged. */
function oversoldProblems(): { item_key: string; message: string }[] {
  return f.db.prepare(`SELECT item_key, message FROM item_errors WHERE scope = 'product' AND code = 'oversold' ORDER BY id`).all() as { item_key: string; message: string }[];
}

const SEEDS = [1, 2, 3, 4, 5, 6];
const LOAD = { skus: SKUS, buffer: BUFFER, shoppers: 8, rounds: 40 };

/** The load was real: checkouts went through and were refused, every kind of change happened. */
function expectRealLoad(report: RaceReport): void {
  expect(report.checkouts).toBeGreaterThan(15);
  expect(report.refused).toBeGreaterThan(100);
  expect(report.completed).toBeGreaterThan(3);
  expect(report.cancelled).toBeGreaterThan(0);
  expect(report.receipts).toBeGreaterThan(3);
  expect(report.tillSales).toBeGreaterThan(0);
  expect(f.pos.invoices().length).toBeGreaterThan(3);
}

describe('no oversell with live checkouts racing the stock writes', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: web sales never exceed what the POS had for the web; the store settles on the allocation rule`, async () => {
      const race = await openShop({ guard: true });
      const trace: string[] = [];
      const report = await runCheckoutRace(f, race, { seed, ...LOAD, trace: (l) => trace.push(...engineLog.splice(0), l) });
      const settled = report.books.map((b) => settledStock(f, b.sku, BUFFER));
      const healthy = report.oversellEvents === 0 && report.negativeSeen === 0 && report.books.every((b, i) => b.storeStock === settled[i]);
      // A failing seed leaves its event trace behind for the post-mortem.
      const traceFile = join(tmpdir(), `tillbridge-race-seed-${seed}.txt`);
      if (!healthy) writeFileSync(traceFile, [...trace, JSON.stringify(report), ...stateDump()].join('\n'));

      expectRealLoad(report);

      expect(report.oversellEvents, JSON.stringify(report)).toBe(0);
      expect(report.negativeSeen, JSON.stringify(report)).toBe(0);
      for (const b of report.books) expect(b.webSold, b.sku).toBeLessThanOrEqual(b.forWeb);

      expect(report.settlePasses, 'a pass that changed nothing was reached').toBeGreaterThan(0);
      report.books.forEach((b, i) => expect(b.storeStock, `${b.sku} (trace: ${traceFile})`).toBe(settled[i]));
      expect(engine.errors.open().filter((e) => e.scope === 'product'), 'no product errors').toEqual([]);
      // No oversell, so none may be reported, not even for one pass.
      expect(oversoldProblems(), 'no oversold problem was ever opened').toEqual([]);
    }, 180_000);
  }
});

describe('negative control: the same load without the stock guard oversells', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: without the guard, web sales exceed what the POS had for the web`, async () => {
      const race = await openShop({ guard: false });
      const report = await runCheckoutRace(f, race, { seed, ...LOAD });
      console.log(`race control seed ${seed}: oversold at ${report.oversellEvents} checkpoint(s), by up to ${report.maxOversold} unit(s); negative stock at ${report.negativeSeen}`);
      expectRealLoad(report);
      expect(report.oversellEvents, JSON.stringify(report)).toBeGreaterThan(0);
      // The oversells are noticed: a problem was opened for a SKU the books found oversold.
      const found = oversoldProblems();
      console.log(`race control seed ${seed}: oversold problems opened for ${found.map((p) => `${p.item_key} (${p.message})`).join('; ')}`);
      expect(found.length, 'an oversold problem was opened').toBeGreaterThan(0);
      expect(found.some((p) => report.oversoldSkus.includes(p.item_key)), `${JSON.stringify(found)} vs ${report.oversoldSkus.join(',')}`).toBe(true);
    }, 180_000);
  }
});

/**
 * The same shop with the store racing like the real one (checkout race and inventory_delta race on,
 * made to happen often by the race helper's gate): the store oversells by itself, and Tillbridge
 * can only notice that, not stop it (that takes the Stock Guard plugin). What is proven: the
 * excess is always explained by the store's own oversells (units its checkouts sold beyond what
 * was available at their decrement, and units of checkouts its delta writes overwrote), so
 * Tillbridge's writes add none; every SKU left oversold has an `oversold` problem, and no problem
 * names a SKU that was never oversold; the store still settles on the allocation rule. Without
 * the guard, the same racing load gets oversells Tillbridge added.
 */
describe('with the store racing like the real one (checkout race and inventory_delta race on)', () => {
  let lostUnits = 0;
  for (const seed of SEEDS) {
    it(`seed ${seed}: Tillbridge adds no oversell; every oversell (the store's own) is detected; the store settles on the allocation rule`, async () => {
      const race = await openShop({ guard: true });
      const trace: string[] = [];
      const report = await runCheckoutRace(f, race, { seed, ...LOAD, races: true, trace: (l) => trace.push(...engineLog.splice(0), l) });
      lostUnits += report.lostToDeltaRace;
      const settled = report.books.map((b) => settledStock(f, b.sku, BUFFER));
      const problems = [...new Set(oversoldProblems().map((p) => p.item_key))];
      const leftOversold = report.books.filter((b) => b.webSold > b.forWeb).map((b) => b.sku);
      const drift = report.books.flatMap((b, i) => (b.storeStock !== settled[i] ? [`${b.sku} ${b.storeStock} (rule ${settled[i]})`] : []));
      const healthy = report.addedByTillbridge === 0 && report.books.every((b, i) => b.storeStock <= settled[i]!) && leftOversold.every((s) => problems.includes(s));
      const traceFile = join(tmpdir(), `tillbridge-race-races-seed-${seed}.txt`);
      if (!healthy) writeFileSync(traceFile, [...trace, JSON.stringify(report), ...stateDump()].join('\n'));
      console.log(`races seed ${seed}: checkouts ${report.checkouts} (${report.checkoutsInWindows} inside race windows); the store oversold ${report.storeCheckoutOversold} unit(s) in its checkout race and lost ${report.lostToDeltaRace} to its delta race; excess at ${report.oversellEvents} checkpoint(s), added by Tillbridge at ${report.addedByTillbridge}; oversold problems for ${problems.join(', ')}; settled off the rule: ${drift.join(', ') || 'none'}`);

      expectRealLoad(report);
      expect(report.checkoutsInWindows, 'checkouts landed inside race windows').toBeGreaterThan(0);
      expect(report.storeCheckoutOversold, 'the store oversold by itself').toBeGreaterThan(0);

      expect(report.addedByTillbridge, `${JSON.stringify(report)} (trace: ${traceFile})`).toBe(0);
      expect(leftOversold.filter((s) => !problems.includes(s)), 'every SKU left oversold has a problem').toEqual([]);
      expect(problems.filter((s) => !report.oversoldSkus.includes(s) && !report.negativeSkus.includes(s)), 'no problem for a SKU never oversold').toEqual([]);
      expect(report.settlePasses, 'a pass that changed nothing was reached').toBeGreaterThan(0);
      // Once quiet the store never offers more than the allocation rule. (Under these races it may
      // keep a unit too few: a store movement no known order explains stays counted as an unknown
      // checkout; see RACE.md, "What risk remains".)
      report.books.forEach((b, i) => expect(b.storeStock, `${b.sku} (trace: ${traceFile})`).toBeLessThanOrEqual(settled[i]!));
    }, 180_000);
  }

  it('the delta race cost checkouts in the runs above (so the proof ran with it)', () => {
    expect(lostUnits).toBeGreaterThan(0);
  });

  // One test over all seeds: a single unguarded run may by chance add nothing beyond what the
  // store's own oversells already explain (seen in about 1 run of 18), the load as a whole must.
  it('negative control: without the guard the same racing load fails the proof above (Tillbridge adds oversells) in at least 4 of the 6 seeds', async () => {
    const failing: number[] = [];
    for (const seed of SEEDS) {
      if (seed !== SEEDS[0]) { await engine.stop(); await f.close(); } // the last shop is closed by afterEach
      const race = await openShop({ guard: false });
      const report = await runCheckoutRace(f, race, { seed, ...LOAD, races: true });
      const settled = report.books.map((b) => settledStock(f, b.sku, BUFFER));
      const above = report.books.filter((b, i) => b.storeStock > settled[i]!).length;
      console.log(`races control seed ${seed}: added by Tillbridge at ${report.addedByTillbridge} checkpoint(s), by up to ${report.maxAddedByTillbridge} unit(s); SKUs settled above the rule: ${above}`);
      expectRealLoad(report);
      if (report.addedByTillbridge + above > 0) failing.push(seed);
    }
    expect(failing.length, `seeds that failed the proof without the guard: ${failing.join(', ')}`).toBeGreaterThanOrEqual(4);
  }, 600_000); // six whole runs in one test: a hang guard, not a speed limit
});
