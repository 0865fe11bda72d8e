/**
 * The product flow's guarded stock writes against the emulator (real HTTP, real SQLite state):
 * live checkouts placed in the store's own state at the exact instants of the race (allocation/
 * RACE.md), and the store's stock checked after each run.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PosItem } from '../../../../connectors/core/pos-items-port';
import { WooCatalog } from '../../../../connectors/woocommerce/woo-catalog';
import { WooProducts } from '../../../../connectors/woocommerce/woo-products';
import { placeCheckoutOrder, type CheckoutOutcome } from '../../../../connectors/woocommerce-emulator/order-checkout';
import { OrderStockGuard } from '../../../../electron/engine/stock-guard/order-stock-guard';
import { LinkStore } from '../../../../electron/engine/links/link-store';
import { ProductSync, type ProductSyncResult } from '../../../../electron/engine/products/product-sync';
import { ErrorLog } from '../../../../electron/engine/state/error-log';
import { HookedCatalog } from '../../../helpers/guarded-catalog';
import { OrderFixture } from '../../../helpers/order-fixture';

function item(sku: string, onHand: number, over: Partial<PosItem> = {}): PosItem {
  return { posId: `P-${sku}`, sku, name: `Item ${sku}`, regularPrice: '10.00', salePrice: null, saleFrom: null, saleTo: null, onHand,
    onWeb: true, parentSku: null, parentPosId: null, isParent: false, attributes: {}, description: null, category: null, weight: null, barcode: null, ...over };
}

let f: OrderFixture;
let catalog: HookedCatalog;
let sync: ProductSync;
let errors: ErrorLog;
let logs: string[];
afterEach(async () => { await f?.close(); });

async function open(guarded = true): Promise<void> {
  f = await OrderFixture.open();
  // A store with an order history, so the order side starts from a watermark as it usually does.
  await f.product('OLD-0');
  await f.order({ status: 'completed', lines: [{ sku: 'OLD-0', quantity: 1 }] });
  await f.side.cycle();
  catalog = new HookedCatalog(new WooCatalog(new WooProducts(f.client)));
  errors = new ErrorLog(f.db);
  logs = [];
  useGuard(guarded);
}

function useGuard(guarded: boolean): void {
  const guard = guarded ? new OrderStockGuard(f.side, f.allocation, f.db, { now: () => f.engineNow }) : undefined;
  sync = new ProductSync(catalog, new LinkStore(f.db), errors, { stockGuard: guard, log: (l) => logs.push(l) });
}

function run(items: PosItem[]): Promise<ProductSyncResult> {
  return sync.run(items, { complete: true, safetyBuffer: 0 });
}

/** Creates the draft through the flow, publishes it as the merchant would, and starts the order side. */
async function listed(sku: string, onHand: number): Promise<number> {
  const r = await run([item(sku, onHand)]);
  expect(r.created).toBe(1);
  const id = new LinkStore(f.db).link(sku.toLowerCase())!.storeId!;
  await f.call('PUT', `products/${id}`, { status: 'publish' });
  await f.side.cycle();
  return id;
}

function checkout(sku: string, quantity: number, status: CheckoutOutcome = 'processing'): { id: number; number: string } {
  f.advance(1);
  const r = placeCheckoutOrder(f.emulator.state, { lines: [{ sku, quantity }], status });
  if (!r.ok) throw new Error(r.error);
  return { id: r.order.id, number: String(r.order.id) };
}

/**
 * Plays WooCommerce's own short window: the store loads the product, a checkout commits, and the
 * store then saves the move on top of the value it had loaded (a PHP read-modify-write), so the
 * checkout is overwritten after all. The emulator applies moves atomically; this hook does not.
 */
function checkoutInsideStoreWrite(id: number, sku: string, quantity: number, then?: () => void): { number: string } {
  const landed = { number: '' };
  catalog.beforeWrite = (items) => {
    const mine = items.find((u) => u.id === id && u.stock !== undefined && 'move' in u.stock);
    if (!mine || !mine.stock || !('move' in mine.stock)) return;
    catalog.beforeWrite = null;
    const loaded = f.emulator.state.products.get(id)!.stockQuantity!;
    landed.number = checkout(sku, quantity).number;
    mine.stock = { set: loaded + mine.stock.move };
    then?.();
  };
  return landed;
}

async function storeStock(id: number): Promise<number> {
  return (await f.call('GET', `products/${id}?_fields=stock_quantity`)).body.stock_quantity as number;
}

describe('guarded stock writes racing live checkouts', () => {
  it('keeps a checkout off sale that landed after the order poll and before the stock write', async () => {
    await open();
    const id = await listed('A-1', 10);
    checkout('A-1', 2); // the store now holds 8; the order copy does not know the order
    const r = await run([item('A-1', 7)]); // the POS sold 3
    expect(await storeStock(id)).toBe(5); // 10 − 3 − 2: the checkout's units stay sold
    expect(r.stock).toMatchObject({ checked: 1, written: 1, unknownTaken: 2, repolls: 1, corrections: [] });
    expect(catalog.stockSent).toEqual([{ id, move: -3 }]); // only the POS's change moves the store
  });

  it('sends a move, so a checkout landing between the read and the write is not overwritten', async () => {
    await open();
    const id = await listed('A-1', 10);
    let landed = { id: 0, number: '' };
    catalog.afterRead = () => { catalog.afterRead = null; landed = checkout('A-1', 1); };
    const r = await run([item('A-1', 7)]);
    expect(catalog.stockSent).toEqual([{ id, move: -3 }]);
    expect(await storeStock(id)).toBe(6); // 10 − 3 − 1
    // The re-poll saw the order and read the store again: it already holds the right value.
    expect(r.stock).toMatchObject({ written: 1, confirmed: 1, corrections: [] });
    expect(landed.number).not.toBe('');
  });

  it('corrects, within the same run, a checkout the store itself overwrote while applying the write', async () => {
    await open();
    const id = await listed('A-1', 10);
    const landed = checkoutInsideStoreWrite(id, 'A-1', 1);
    const r = await run([item('A-1', 7)]);
    // The store saved 10 − 3 over the checkout's unit; the re-poll saw the order and moved one more off.
    expect(catalog.stockSent).toEqual([{ id, move: -3 }, { id, move: -1 }]);
    expect(await storeStock(id)).toBe(6);
    expect(r.stock?.corrections).toEqual([{ sku: 'A-1', value: 6, reason: 'order-landed', orders: [landed.number], round: 1 }]);
    expect(r.updated).toBe(1);
    expect(logs.join('\n')).toContain(`order ${landed.number} landed`);
    expect(errors.openCount()).toBe(0);
  });

  it('moves the store value by exactly the POS change, with or without checkouts the order copy has not seen', async () => {
    await open();
    const id = await listed('B-2', 10);
    checkout('B-2', 2);
    await run([item('B-2', 14)]); // goods received: +4
    expect(await storeStock(id)).toBe(12);
    await f.side.cycle(); // the order copy learns the checkout: the store already applied it (and the basis says so)
    expect(await run([item('B-2', 14)])).toMatchObject({ updated: 0, unchanged: 1, requests: 0 }); // no read, no write
    await run([item('B-2', 9)]); // the POS sold 5
    expect(await storeStock(id)).toBe(7);
    expect(catalog.stockSent).toEqual([{ id, move: 4 }, { id, move: -5 }]);
  });

  it('leaves a pending checkout to WooCommerce\'s own hold, and writes nothing when it is paid', async () => {
    await open();
    const id = await listed('C-3', 10);
    const pending = checkout('C-3', 3, 'pending'); // held back by the store's reservation, stock_quantity unchanged
    await f.side.cycle();
    expect(f.allocation.allocatedBySku().get('c-3')).toBe(3);
    expect(await run([item('C-3', 10)])).toMatchObject({ updated: 0, requests: 0 });
    expect(await storeStock(id)).toBe(10); // the store offers 10 − 3 held = 7 = on-hand − allocated
    await f.setStatus(pending.id, 'processing'); // paid: WooCommerce takes the 3 off its stock itself
    expect(await storeStock(id)).toBe(7);
    await f.side.cycle();
    const r = await run([item('C-3', 10)]);
    expect(r.stock?.written ?? 0).toBe(0);
    expect(await storeStock(id)).toBe(7);
  });

  it('keeps a pending order made through REST (no reservation) off the stock value', async () => {
    await open();
    const id = await listed('C-4', 10);
    await f.order({ status: 'pending', lines: [{ sku: 'C-4', quantity: 2 }] });
    await f.side.cycle();
    await run([item('C-4', 10)]);
    expect(await storeStock(id)).toBe(8);
  });

  it('guards a variation through its parent\'s endpoints', async () => {
    await open();
    const tee = (onHand: number) => [
      item('TEE', 0, { isParent: true, regularPrice: null }),
      item('TEE-S', onHand, { parentSku: 'TEE', parentPosId: 'P-TEE', attributes: { Size: 'S' } }),
    ];
    expect(await run(tee(5))).toMatchObject({ created: 2, failed: 0 });
    const links = new LinkStore(f.db);
    const parentId = links.link('tee')!.storeId!;
    const variation = links.link('tee-s')!;
    await f.call('PUT', `products/${parentId}`, { status: 'publish' });
    await f.side.cycle();
    checkout('TEE-S', 1);
    const r = await run(tee(4)); // the POS sold one
    expect(r.stock).toMatchObject({ checked: 1, written: 1, unknownTaken: 1 });
    const v = (await f.call('GET', `products/${parentId}/variations/${variation.storeId!}`)).body;
    expect(v.stock_quantity).toBe(3);
  });

  it('writes the absolute value where the store ignores a move down (an old store or a plugin in the way)', async () => {
    await open();
    const id = await listed('G-7', 10);
    catalog.beforeWrite = (items) => { for (const u of items) if (u.stock && 'move' in u.stock) delete u.stock; };
    const r = await run([item('G-7', 6)]);
    expect(await storeStock(id)).toBe(6); // not left at 10
    expect(r.stock).toMatchObject({ written: 1 });
    expect(logs.join('\n')).toMatch(/did not apply a stock move for G-7/);
  });

  it('when the re-poll fails, says so in the log (not as an error) and corrects on the next run', async () => {
    await open();
    const id = await listed('D-4', 10);
    checkoutInsideStoreWrite(id, 'D-4', 1, () => f.emulator.faults.add({ method: 'GET', path: '/wp-json/wc/v3/orders', status: 503, times: 4 }));
    const r = await run([item('D-4', 7)]);
    expect(r.stock).toMatchObject({ repollFailures: 1, corrections: [] });
    expect(await storeStock(id)).toBe(7); // overwritten for now
    expect(errors.openCount()).toBe(0);
    expect(logs.join('\n')).toMatch(/checked again on the next cycle/);
    f.emulator.faults.clear();
    await f.side.cycle();
    const again = await run([item('D-4', 7)]);
    expect(again.stock).toMatchObject({ checked: 1, written: 1 });
    expect(await storeStock(id)).toBe(6);
  });

  it('checks links made without the guard once, writes only where the store differs, then stays quiet', async () => {
    await open(false);
    const items = [item('E-5', 4), item('F-6', 6)];
    await run(items);
    const idF = new LinkStore(f.db).link('f-6')!.storeId!;
    await f.call('PUT', `products/${idF}`, { stock_quantity: 9 }); // a hand edit in the store
    useGuard(true);
    const r = await run(items);
    expect(r.stock).toMatchObject({ checked: 2, written: 1, kept: 1 });
    expect(catalog.reads).toBe(1);
    expect(await storeStock(idF)).toBe(6); // stock belongs to the POS
    expect(await run(items)).toMatchObject({ requests: 0 });
  });
});
