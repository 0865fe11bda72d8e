/**
 * Oversell detection through the Engine against the emulator (stock-guard/oversell.ts): two
 * shoppers buy the last unit (one through the store's checkout, one written through REST, which
 * WooCommerce never checks against stock), so the store's stock goes below zero and the web holds
 * more than the POS had. Exactly one `oversold` problem names the SKU, the orders and the
 * shortfall; later passes only count it; acknowledging keeps it closed; fixing the stock resolves it.
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

    // The merchant fixes the stock in the POS: the oversell is gone; the acknowledgement ends with it.
    f.pos.db.prepare('UPDATE items SET on_hand = on_hand + 1 WHERE sku = ?').run(SKU);
    await pass();
    expect(openOversold()).toEqual([]);
    expect(oversoldRows()[0]!.ignored_at).toBeNull();
    expect(storeStock()).toBe(0);
  }, 60_000);

  it('fixing the stock resolves an unacknowledged oversell by itself', async () => {
    await openShop(1);
    await twoShoppersBuyTheLastUnit();
    await pass();
    expect(openOversold().map((e) => e.itemKey)).toEqual([SKU]);

    // Goods arrive in the POS: what the web sold is there after all.
    f.pos.db.prepare('UPDATE items SET on_hand = on_hand + 1 WHERE sku = ?').run(SKU);
    await pass();
    expect(openOversold()).toEqual([]);
    expect(oversoldRows()).toHaveLength(1);
    expect(oversoldRows()[0]!.resolved_at).not.toBeNull();
    expect(oversoldRows()[0]!.ignored_at).toBeNull();
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
    // The merchant cancels the order: nothing is oversold any more.
    await f.setStatus(order.id, 'cancelled');
    await pass();
    expect(openOversold()).toEqual([]);
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
});
