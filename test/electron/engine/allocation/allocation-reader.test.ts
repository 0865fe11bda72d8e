/**
 * Allocation over the real pipeline: orders placed in the emulator, mirrored by the poll, counted
 * from the local database; and the stock-race pieces driven step by step against the store, the
 * way the product sync is to call them (read → stockToWrite → write → re-poll → corrections).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { placeCheckoutOrder } from '../../../../connectors/woocommerce-emulator/order-checkout';
import { StockBasisStore } from '../../../../electron/engine/stock-guard/stock-basis-store';
import { correctionsAfterWrite, landedSince, stockToWrite } from '../../../../electron/engine/stock-guard/stock-race';
import { toStoreTime } from '../../../../electron/engine/orders/store-time';
import { LinkStore } from '../../../../electron/engine/links/link-store';
import { OrderFixture } from '../../../helpers/order-fixture';

let f: OrderFixture;
afterEach(async () => { await f?.close(); });

describe('allocation from the order mirror', () => {
  it('counts open orders and completed ones not yet in the POS, and explains each SKU', async () => {
    f = await OrderFixture.open();
    await f.product('A-1');
    await f.product('B-2');
    f.pos.addItem('A-1', 50);
    await f.side.cycle();
    const p = await f.order({ status: 'pending', lines: [{ sku: 'A-1', quantity: 2 }] });
    const h = await f.order({ status: 'on-hold', lines: [{ sku: 'A-1', quantity: 1 }, { sku: 'B-2', quantity: 4 }] });
    const c = await f.order({ status: 'completed', lines: [{ sku: 'B-2', quantity: 3 }] }); // B-2 unknown to the POS: waits
    await f.order({ status: 'cancelled', lines: [{ sku: 'A-1', quantity: 9 }] });
    await f.side.cycle();
    expect(f.side.journal.get(c.id)?.state).toBe('waiting');
    const a = f.allocation.allocationFor(['a-1', 'b-2', 'zz']);
    expect(a.get('a-1')).toEqual({ allocated: 3, orders: [{ number: p.number, status: 'pending', qty: 2 }, { number: h.number, status: 'on-hold', qty: 1 }] });
    expect(a.get('b-2')?.allocated).toBe(7);
    expect(a.get('zz')).toEqual({ allocated: 0, orders: [] });
    expect(f.allocation.summary()).toEqual({ outstandingOrders: 3, allocatedUnits: 10 });

    // Exported: no longer allocated (the POS on-hand went down instead).
    f.pos.addItem('B-2', 10);
    await f.side.exporter.retry(c.number);
    expect(f.allocation.allocatedBySku().get('b-2')).toBe(4);
    expect(f.pos.onHand('B-2')).toBe(7);
  });

  it('allocates a line without SKU through the product link of its product id', async () => {
    f = await OrderFixture.open();
    const id = await f.product('C-3');
    new LinkStore(f.db).saveLink('c-3', { displaySku: 'C-3', posId: '3', storeId: id, parentId: null, kind: 'product', state: 'linked', createdByUs: true, note: null });
    await f.side.cycle();
    await f.order({ status: 'processing', lines: [{ sku: 'C-3', quantity: 2 }] });
    // The merchant clears the SKU in the store: the line comes back without one.
    await f.call('PUT', `products/${id}`, { sku: '' });
    f.advance(1);
    await f.side.cycle();
    const [order] = f.allocation.candidates();
    await f.call('PUT', `orders/${order!.id}`, { status: 'on-hold' });
    await f.side.poller.poll();
    expect(f.side.mirror.get(order!.id)?.order.lines[0]?.sku).toBe('');
    expect(f.allocation.allocatedBySku().get('c-3')).toBe(2);
  });

  it('follows what WooCommerce takes off its own stock as orders move', async () => {
    f = await OrderFixture.open();
    await f.product('A-1');
    await f.side.cycle();
    const o = await f.order({ status: 'pending', lines: [{ sku: 'A-1', quantity: 2 }] });
    await f.side.poller.poll();
    expect(f.side.mirror.storeTaken(['a-1']).get('a-1')).toBe(0);
    await f.setStatus(o.id, 'processing');
    await f.side.poller.poll();
    expect(f.side.mirror.storeTaken(['a-1']).get('a-1')).toBe(2);
    expect((await f.call('GET', 'products?sku=A-1')).body[0].stock_quantity).toBe(98);
    await f.setStatus(o.id, 'cancelled');
    await f.side.poller.poll();
    expect(f.side.mirror.storeTaken(['a-1']).get('a-1')).toBe(0);
    expect((await f.call('GET', 'products?sku=A-1')).body[0].stock_quantity).toBe(100);
  });
});

describe('stock writes racing live checkouts, step by step against the store', () => {
  it('keeps a checkout the mirror has not seen, and corrects one that landed between read and write', async () => {
    f = await OrderFixture.open();
    const id = await f.product('A-1', 10);
    f.pos.addItem('A-1', 10);
    await f.side.cycle();
    const basis = new StockBasisStore(f.db);
    basis.save([{ key: 'a-1', basis: { written: 10, taken: 0 }, desired: 10 }]);
    const stockOf = async () => (await f.call('GET', `products?include=${id}&_fields=id,stock_quantity`)).body[0].stock_quantity as number;
    const desired = () => f.pos.onHand('A-1') - (f.allocation.allocatedBySku().get('a-1') ?? 0);
    const write = async (value: number) => { await f.call('POST', 'products/batch', { update: [{ id, stock_quantity: value }] }); };
    const checkout = (qty: number) => {
      f.advance(1);
      const r = placeCheckoutOrder(f.emulator.state, { lines: [{ sku: 'A-1', quantity: qty }], status: 'processing' });
      if (!r.ok) throw new Error(r.error);
    };

    // The POS sells 3; meanwhile a web checkout takes 2 that the mirror has not polled yet.
    f.pos.db.prepare(`UPDATE items SET on_hand = 7 WHERE sku = 'A-1'`).run();
    checkout(2);
    const w1 = stockToWrite({ key: 'a-1', current: await stockOf(), desired: desired(), taken: f.side.mirror.storeTaken(['a-1']).get('a-1')!, basis: basis.get(['a-1']).get('a-1')! });
    expect(w1.value).toBe(5); // 10 − 3 − 2: the checkout's units are not handed back
    await write(w1.value);
    basis.save([{ key: 'a-1', basis: w1.basis, desired: desired() }]);
    const poll1 = await f.side.poller.poll();
    expect(correctionsAfterWrite([{ key: 'a-1', value: w1.value }], new Map([['a-1', desired()]]), [])).toEqual([]);
    expect(poll1.created).toBe(1);

    // Next change: a checkout lands after our read and before our write (the remaining window).
    f.advance(1);
    const readAt = toStoreTime(f.clock.nowMs()); // the store's clock at the read (in production: the engine's, minus a skew margin)
    const w2 = stockToWrite({ key: 'a-1', current: await stockOf(), desired: desired(), taken: f.side.mirror.storeTaken(['a-1']).get('a-1')!, basis: basis.get(['a-1']).get('a-1')! });
    checkout(1);
    await write(w2.value);
    expect(await stockOf()).toBe(5); // the checkout's unit was handed back by the absolute write
    const poll2 = await f.side.poller.poll();
    const landed = landedSince(poll2.orderIds.map((oid) => f.side.mirror.get(oid)!.order), readAt, () => ['a-1']);
    const fixes = correctionsAfterWrite([{ key: 'a-1', value: w2.value }], new Map([['a-1', desired()]]), landed);
    expect(fixes).toEqual([{ key: 'a-1', value: 4, reason: 'order-landed', orders: [landed[0]!.number] }]);
    await write(fixes[0]!.value);
    expect(await stockOf()).toBe(4); // 10 − 3 − 2 − 1: corrected at once
  });
});
