/**
 * Oversell detection through the Engine against the emulator (stock-guard/oversell.ts): two
 * shoppers buy the last unit (one through the store's checkout, one written through REST, which
 * WooCommerce never checks against stock), so the store's stock goes below zero and the web holds
 * more than the POS had. Exactly one `oversold` problem names the SKU, the orders and the
 * shortfall; later passes only count it (or widen it with new orders); it stays until a person
 * acknowledges it, whatever happens to the stock after; acknowledged, it stays closed until
 * something beyond what the person saw is oversold. An oversell whose orders are completed and
 * exported in the order pass that first sees them is caught by that pass, before the export.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { placeCheckoutOrder } from '../../../../connectors/woocommerce-emulator/order-checkout';
import { findBySku } from '../../../../connectors/woocommerce-emulator/product-model';
import { WooCatalog } from '../../../../connectors/woocommerce/woo-catalog';
import { WooProducts } from '../../../../connectors/woocommerce/woo-products';
import { parseConfig } from '../../../../electron/engine/settings/config';
import { Engine } from '../../../../electron/engine/engine';
import { OrderFixture } from '../../../helpers/order-fixture';
import { TestPosItems } from '../../../helpers/sqlite-test-pos-items';

const SKU = 'LAST-1';

let f: OrderFixture;
let engine: Engine;
afterEach(async () => {
  await engine?.stop();
  await f?.close();
});

/** A shop with one POS item of `onHand` units, listed and published. */
async function openShop(onHand: number, safetyBuffer = 0): Promise<void> {
  f = await OrderFixture.open();
  f.pos.addItem(SKU, onHand);
  const config = parseConfig({
    store: { url: f.emulator.url, consumerKey: 'ck_x', consumerSecret: 'cs_x' },
    pos: { profile: 'demo', driver: 'sqlite', sqlite: { file: `${f.dir}/unused.sqlite` } },
    sync: { safetyBuffer },
  });
  engine = new Engine({ config, db: f.db, pos: new TestPosItems(f.pos), catalog: new WooCatalog(new WooProducts(f.client)),
    orderStore: f.store, posOrders: f.pos, now: () => f.engineNow });
  await pass();
  for (const link of engine.links.allLinks().values()) await f.call('PUT', `products/${link.storeId!}`, { status: 'publish' });
  await pass();
}

/** One order pass and one product pass, as the scheduler runs them. */
async function pass(): Promise<void> {
  f.advance(1);
  const orders = await engine.exportOrders({ trigger: 'manual' });
  if (!orders.cycle) throw new Error(`order pass failed: ${orders.message}`);
  const products = await engine.syncProducts({ trigger: 'manual' });
  if (!products.result) throw new Error(`product pass failed: ${products.message}`);
}

const storeStock = () => findBySku(f.emulator.state, SKU)!.stockQuantity;

/** Every oversold problem ever opened (open, resolved or acknowledged). */
function oversoldRows(): { id: number; message: string; occurrences: number; resolved_at: string | null; ignored_at: string | null }[] {
  return f.db.prepare(`SELECT id, message, occurrences, resolved_at, ignored_at FROM item_errors WHERE scope = 'product' AND code = 'oversold' ORDER BY id`).all() as never;
}
const openOversold = () => engine.errors.open('product').filter((e) => e.code === 'oversold');

/** Two shoppers buy the last unit: one through the checkout, one through REST. Returns the order numbers (the emulator numbers orders by id). */
async function twoShoppersBuyTheLastUnit(): Promise<[string, string]> {
  expect(storeStock()).toBe(1);
  const first = placeCheckoutOrder(f.emulator.state, { lines: [{ sku: SKU, quantity: 1 }], status: 'processing', billing: { email: 'one@example.com', first_name: 'One', last_name: 'Shopper' } });
  if (!first.ok) throw new Error(first.error);
  const second = await f.order({ lines: [{ sku: SKU, quantity: 1 }], email: 'two@example.com' });
  expect(storeStock()).toBe(-1);
  return [String(first.order.id), second.number];
}

describe('oversell detection', () => {
  it('two shoppers buy the last unit: one problem naming the SKU, both orders and the shortfall; repeated passes only count it; acknowledged it stays closed', async () => {
    await openShop(1);
    expect(oversoldRows()).toEqual([]);
    const [a, b] = await twoShoppersBuyTheLastUnit();

    await pass();
    const open = openOversold();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ scope: 'product', itemKey: SKU, code: 'oversold' });
    expect(open[0]!.message).toBe(`${SKU} is oversold by 1 unit: more was sold on the web than the POS had for the web (orders #${a}, #${b} hold it).`);
    expect(open[0]!.hint).toContain(`the last order (#${b})`);

    await pass();
    await pass();
    expect(oversoldRows()).toHaveLength(1);
    expect(openOversold()).toHaveLength(1);
    expect(oversoldRows()[0]!.occurrences).toBeGreaterThan(1);

    // A person acknowledges it (the dashboard's Ignore): it stays closed while the situation is the same.
    expect(engine.errors.ignore(open[0]!.id)).toBe(true);
    await pass();
    await pass();
    expect(openOversold()).toEqual([]);
    expect(oversoldRows()).toHaveLength(1);

    // The merchant fixes the stock in the POS: nothing new is oversold; the acknowledged problem stays closed.
    f.pos.db.prepare('UPDATE items SET on_hand = on_hand + 1 WHERE sku = ?').run(SKU);
    await pass();
    expect(openOversold()).toEqual([]);
    expect(oversoldRows()).toHaveLength(1);
    expect(oversoldRows()[0]!.ignored_at).not.toBeNull();
    expect(storeStock()).toBe(0);
  }, 60_000);

  it('an unacknowledged oversell stays open after goods arrive; it widens with new orders; after acknowledging, only a new oversell opens a new problem', async () => {
    await openShop(1);
    const [a, b] = await twoShoppersBuyTheLastUnit();
    await pass();
    expect(openOversold().map((e) => e.itemKey)).toEqual([SKU]);

    // Goods arrive in the POS: the web's orders can be served, but the oversell happened; a person closes it.
    f.pos.db.prepare('UPDATE items SET on_hand = on_hand + 1 WHERE sku = ?').run(SKU);
    await pass();
    await pass();
    expect(openOversold()).toHaveLength(1);

    // Another REST order for the SKU (REST orders are never checked against stock): the open problem names it too.
    const c = await f.order({ lines: [{ sku: SKU, quantity: 1 }], email: 'three@example.com' });
    await pass();
    const widened = openOversold();
    expect(widened).toHaveLength(1);
    expect(widened[0]!.message).toBe(`${SKU} is oversold by 1 unit: more was sold on the web than the POS had for the web (orders #${a}, #${b}, #${c.number} hold it).`);

    expect(engine.errors.ignore(widened[0]!.id)).toBe(true);
    await pass();
    expect(openOversold()).toEqual([]);

    // A fourth order oversells further: that is beyond what was acknowledged, so a new problem opens.
    const d = await f.order({ lines: [{ sku: SKU, quantity: 1 }], email: 'four@example.com' });
    await pass();
    const again = openOversold();
    expect(again).toHaveLength(1);
    expect(again[0]!.message).toContain(`#${d.number}`);
    expect(oversoldRows()).toHaveLength(2);
  }, 60_000);

  it('a till sale after a web order: the web holds more than the POS has left', async () => {
    await openShop(3, 1);
    const order = await f.order({ lines: [{ sku: SKU, quantity: 2 }] });
    await pass();
    expect(openOversold()).toEqual([]);
    // The till sells two: the POS has 1 left, 0 for the web; the web order holds 2.
    f.pos.db.prepare('UPDATE items SET on_hand = on_hand - 2 WHERE sku = ?').run(SKU);
    await pass();
    const open = openOversold();
    expect(open).toHaveLength(1);
    expect(open[0]!.message).toBe(`${SKU} is oversold by 2 units: more was sold on the web than the POS had for the web (order #${order.number} holds it).`);
    // The merchant cancels the order: nothing is oversold any more, but the problem waits for a person.
    await f.setStatus(order.id, 'cancelled');
    await pass();
    expect(openOversold()).toHaveLength(1);
  }, 60_000);

  it('the normal flow (orders within stock, completed and exported) opens no oversold problem', async () => {
    await openShop(3);
    const o1 = await f.order({ lines: [{ sku: SKU, quantity: 1 }] });
    const o2 = await f.order({ lines: [{ sku: SKU, quantity: 2 }] });
    await pass();
    await f.setStatus(o1.id, 'completed');
    await f.setStatus(o2.id, 'completed');
    await pass();
    await pass();
    expect(f.pos.onHand(SKU)).toBe(0);
    expect(oversoldRows()).toEqual([]);
  }, 60_000);

  it('checkouts the store lost in its delta race (inside Tillbridge\'s stock moves) and then oversold are detected, and the problem stays after they are exported', async () => {
    await openShop(2, 1); // the store offers 1
    // Checkouts placed inside the read-save windows of Tillbridge's stock moves, one list per window.
    const inWindow: string[][] = [['a'], ['b', 'c']];
    const placed = new Map<string, string>();
    f.emulator.races.set({
      inventoryDelta: true,
      gate: async () => {
        for (const who of inWindow.shift() ?? []) {
          const r = placeCheckoutOrder(f.emulator.state, { lines: [{ sku: SKU, quantity: 1 }], status: 'processing', billing: { email: `${who}@example.com` } });
          if (!r.ok) throw new Error(`checkout ${who} refused: ${r.error}`);
          placed.set(who, String(r.order.id));
        }
      },
    });
    // A delivery: Tillbridge moves the store up by one; the store loses checkout a inside that move,
    // and b and c inside the correction that follows (c buys a unit the POS never had for the web).
    f.pos.db.prepare('UPDATE items SET on_hand = on_hand + 1 WHERE sku = ?').run(SKU);
    f.advance(1);
    const products = await engine.syncProducts({ trigger: 'manual' });
    expect(products.result, products.message ?? undefined).not.toBeNull();
    expect([...placed.keys()]).toEqual(['a', 'b', 'c']);
    expect(Object.values(Object.fromEntries(f.emulator.races.lost())).reduce((x, y) => x + y, 0)).toBe(3);
    expect(storeStock()).toBe(-1); // web orders hold 3 where the POS had 2 for the web: the store shows the unit it owes
    f.emulator.races.set({ inventoryDelta: false, gate: undefined });

    // The merchant ships all three before Tillbridge's next order pass: it polls them, then exports them.
    for (const id of placed.values()) await f.setStatus(Number(id), 'completed');
    f.advance(1);
    const orders = await engine.exportOrders({ trigger: 'manual' });
    expect(orders.cycle?.export.exported).toBe(3);
    await pass();
    const open = openOversold();
    expect(open).toHaveLength(1);
    const [a, b, c] = [...placed.values()];
    expect(open[0]!.message).toBe(`${SKU} is oversold by 1 unit: more was sold on the web than the POS had for the web (orders #${a}, #${b}, #${c} hold it).`);

    expect(f.pos.onHand(SKU)).toBe(0);
    expect(storeStock()).toBe(0);
  }, 60_000);

  it('an oversell whose orders are completed and exported in the order pass that first sees them is caught by that pass, before the export', async () => {
    await openShop(2, 1); // the store offers 1
    // Someone sets the store's stock to 3 by hand; two shoppers buy one each before Tillbridge's next product pass.
    const id = findBySku(f.emulator.state, SKU)!.id;
    await f.call('PUT', `products/${id}`, { stock_quantity: 3 });
    const bought: string[] = [];
    for (const who of ['a', 'b']) {
      const r = placeCheckoutOrder(f.emulator.state, { lines: [{ sku: SKU, quantity: 1 }], status: 'processing', billing: { email: `${who}@example.com` } });
      if (!r.ok) throw new Error(r.error);
      bought.push(String(r.order.id));
    }
    // The merchant ships both before Tillbridge's next order pass: it polls them, then exports them.
    for (const n of bought) await f.setStatus(Number(n), 'completed');
    f.advance(1);
    const orders = await engine.exportOrders({ trigger: 'manual' }); // (a product pass follows, as allocation moved)
    expect(orders.cycle?.export.exported).toBe(2);
    const open = openOversold();
    expect(open).toHaveLength(1);
    expect(open[0]!.message).toBe(`${SKU} is oversold by 1 unit: more was sold on the web than the POS had for the web (orders #${bought[0]}, #${bought[1]} hold it).`);
    // After the export nothing a product pass looks at shows it (no order outstanding, POS at 0,
    // store never below 0): only the review before the export could see it.
    expect(engine.allocation!.allocationFor([SKU.toLowerCase()]).get(SKU.toLowerCase())?.allocated ?? 0).toBe(0);
    expect(f.pos.onHand(SKU)).toBe(0);
    expect(storeStock()).toBe(0);
  }, 60_000);
});
