/**
 * The race proof (concurrent-checkouts.test.ts) with the Tillbridge Stock Guard plugin installed in
 * the store: the same Engine, the same load, the emulator's checkout race and inventory_delta race
 * switched on. With the plugin, Tillbridge's stock moves go to its route and are applied in one
 * step, and checkouts check and take their stock in one step, so the store loses no unit to its
 * delta race, sells nothing it does not have, and Tillbridge's books stay exact: no oversell at any
 * checkpoint, no stock below 0, no oversold problem, and the store settles on the allocation rule.
 * Negative control: the same seeds without the plugin lose units to the delta race or oversell in
 * the store's checkout race.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { findBySku } from '../../../../connectors/woocommerce-emulator/product-model';
import { WooCatalog } from '../../../../connectors/woocommerce/woo-catalog';
import { WooProducts } from '../../../../connectors/woocommerce/woo-products';
import { WooStockGuard } from '../../../../connectors/woocommerce/woo-stock-guard';
import { parseConfig } from '../../../../electron/engine/settings/config';
import { Engine } from '../../../../electron/engine/engine';
import { runCheckoutRace, settledStock, type RaceEngine } from '../../../helpers/checkout-race';
import { OrderFixture } from '../../../helpers/order-fixture';
import { TestPosItems } from '../../../helpers/sqlite-test-pos-items';

const SKUS = [{ sku: 'R-1', onHand: 4 }, { sku: 'R-2', onHand: 6 }, { sku: 'R-3', onHand: 3 }, { sku: 'R-4', onHand: 9 }];
const BUFFER = 1;
const SEEDS = [1, 2, 3];

let f: OrderFixture;
let engine: Engine;
let guard: WooStockGuard;
afterEach(async () => {
  await engine?.stop();
  await f?.close();
});

/** The shop before the rush, with the plugin installed (unless `plugin: false`): the POS items listed and published. */
async function openShop({ plugin = true } = {}): Promise<RaceEngine> {
  f = await OrderFixture.open();
  f.emulator.stockGuardPlugin.set({ installed: plugin });
  for (const s of SKUS) f.pos.addItem(s.sku, s.onHand);
  const config = parseConfig({
    store: { url: f.emulator.url, consumerKey: 'ck_x', consumerSecret: 'cs_x' },
    pos: { profile: 'demo', driver: 'sqlite', sqlite: { file: `${f.dir}/unused.sqlite` } },
    sync: { safetyBuffer: BUFFER },
  });
  guard = new WooStockGuard(f.client);
  engine = new Engine({ config, db: f.db, pos: new TestPosItems(f.pos), catalog: new WooCatalog(new WooProducts(f.client), guard),
    orderStore: f.store, posOrders: f.pos, now: () => f.engineNow, storeGuard: () => guard.known() });
  const race: RaceEngine = {
    async syncProducts() {
      const r = await engine.syncProducts({ trigger: 'manual' });
      if (!r.result) throw new Error(`product pass failed: ${r.message}`);
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

describe('with the Stock Guard plugin in the racing store', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: no unit lost to the delta race, no store oversell, exact books, settles on the rule`, async () => {
      const race = await openShop();
      const report = await runCheckoutRace(f, race, { seed, skus: SKUS, buffer: BUFFER, shoppers: 8, rounds: 40, races: true });
      const settled = report.books.map((b) => settledStock(f, b.sku, BUFFER));
      console.log(`plugin seed ${seed}: checkouts ${report.checkouts}, refused ${report.refused}; lost to the delta race ${report.lostToDeltaRace}; store oversold ${report.storeCheckoutOversold}; plugin requests ${guard.requestCount()}`);

      expect(report.checkouts).toBeGreaterThan(15);
      expect(report.refused).toBeGreaterThan(100);
      expect(report.completed + report.cancelled).toBeGreaterThan(3);
      // The stock moves went to the plugin (a status request, then moves), none into a race window.
      expect(guard.known()).toEqual(expect.objectContaining({ installed: true, enabled: true }));
      expect(engine.status().storeGuard).toEqual(expect.objectContaining({ installed: true, enabled: true, version: '1.0.0' }));
      expect(guard.requestCount()).toBeGreaterThan(2);
      expect(report.checkoutsInWindows, 'nothing waited in a race window').toBe(0);

      expect(report.lostToDeltaRace, JSON.stringify(report)).toBe(0);
      expect(report.storeCheckoutOversold, JSON.stringify(report)).toBe(0);
      expect(report.oversellEvents, JSON.stringify(report)).toBe(0);
      expect(report.negativeSeen, JSON.stringify(report)).toBe(0);
      for (const b of report.books) expect(b.webSold, b.sku).toBeLessThanOrEqual(b.forWeb);
      expect(report.settlePasses).toBeGreaterThan(0);
      report.books.forEach((b, i) => expect(b.storeStock, b.sku).toBe(settled[i]));
      expect(f.db.prepare(`SELECT COUNT(*) AS n FROM item_errors WHERE scope = 'product' AND code = 'oversold'`).get()).toEqual({ n: 0 });
      for (const s of SKUS) expect(findBySku(f.emulator.state, s.sku)!.stockQuantity).toBeGreaterThanOrEqual(0);
    }, 180_000);
  }

  it('negative control: the same seeds without the plugin lose units to the delta race or oversell in the store', async () => {
    let damage = 0;
    for (const seed of SEEDS) {
      if (seed !== SEEDS[0]) { await engine.stop(); await f.close(); } // the last shop is closed by afterEach
      const race = await openShop({ plugin: false });
      const report = await runCheckoutRace(f, race, { seed, skus: SKUS, buffer: BUFFER, shoppers: 8, rounds: 40, races: true });
      console.log(`no plugin seed ${seed}: lost to the delta race ${report.lostToDeltaRace}; store oversold ${report.storeCheckoutOversold}`);
      expect(guard.known()).toEqual(expect.objectContaining({ installed: false }));
      damage += report.lostToDeltaRace + report.storeCheckoutOversold;
    }
    expect(damage).toBeGreaterThan(0);
  }, 180_000);
});
