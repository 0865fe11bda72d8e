import { afterEach, describe, expect, it } from 'vitest';
import { OrderFixture } from '../../helpers/order-fixture';

let f: OrderFixture;
afterEach(async () => { await f?.close(); });

describe('WooOrderStore (the StoreOrdersPort over the adapter) against the emulator', () => {
  it('maps a full order: lines incl. a variation, shipping, fee, coupon, totals, addresses, meta', async () => {
    f = await OrderFixture.open();
    await f.product('OC-A', 50, '10.00');
    const tee = await f.call('POST', 'products', { name: 'Tee', type: 'variable', status: 'publish', sku: 'OC-TEE', attributes: [{ name: 'Size', options: ['M'], variation: true, visible: true }] });
    const m = await f.call('POST', `products/${tee.body.id}/variations`, { sku: 'OC-TEE-M', regular_price: '12.00', manage_stock: true, stock_quantity: 5, attributes: [{ name: 'Size', option: 'M' }] });
    await f.call('POST', 'coupons', { code: 'SAVE5', discount_type: 'fixed_cart', amount: '5' });
    const created = await f.call('POST', 'orders', {
      status: 'completed', payment_method: 'bacs', payment_method_title: 'Direct bank transfer',
      billing: { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com', city: 'London' },
      shipping: { first_name: 'Ada', last_name: 'Lovelace', city: 'London' },
      line_items: [{ sku: 'OC-A', quantity: 2 }, { variation_id: m.body.id, quantity: 1 }],
      shipping_lines: [{ method_id: 'flat_rate', method_title: 'Flat rate', total: '5.00' }],
      fee_lines: [{ name: 'Handling', total: '1.50' }],
      coupon_lines: [{ code: 'save5' }],
      meta_data: [{ key: 'gift', value: 'yes' }],
    });
    expect(created.status).toBe(201);
    const o = await f.store.getOrder(created.body.id);
    expect(o).toMatchObject({
      id: created.body.id, number: String(created.body.id), status: 'completed', currency: 'USD', customerId: 0,
      billing: { firstName: 'Ada', email: 'ada@example.com', city: 'London' }, shipping: { city: 'London', email: '' },
      paymentMethod: 'bacs', totals: { discountTotal: '5.00', shippingTotal: '5.00', total: '33.50' },
      shippingLines: [{ methodId: 'flat_rate', methodTitle: 'Flat rate', total: '5.00' }],
      feeLines: [{ name: 'Handling', total: '1.50' }],
      couponLines: [{ code: 'save5', discount: '5' }],
      meta: [{ key: 'gift', value: 'yes' }],
    });
    expect(o!.lines.map((l) => [l.sku, l.productId > 0, l.variationId === m.body.id, l.quantity, l.subtotal])).toEqual([
      ['OC-A', true, false, 2, '20.00'], ['OC-TEE-M', true, true, 1, '12.00'],
    ]);
    expect(o!.dateCompletedGmt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  it('lists by modified_after with offsets and totals, finds the newest, lists open ids, reads by ids', async () => {
    f = await OrderFixture.open();
    await f.product('A-1');
    expect(await f.store.latestModified()).toBeNull();
    const ids: number[] = [];
    for (const status of ['pending', 'processing', 'completed', 'on-hold', 'cancelled']) ids.push((await f.order({ status, lines: [{ sku: 'A-1', quantity: 1 }] })).id);
    const first = (await f.call('GET', `orders/${ids[0]}`)).body.date_modified_gmt as string;
    const page = await f.store.listModifiedAfter(first, 1, 2);
    expect(page.total).toBe(4);
    expect(page.orders.map((o) => o.id)).toEqual([ids[2], ids[3]]);
    expect((await f.store.listModifiedAfter(null, 0, 100)).orders).toHaveLength(5);
    expect(await f.store.latestModified()).toBe((await f.call('GET', `orders/${ids[4]}`)).body.date_modified_gmt);
    expect((await f.store.listIdsInStatuses(['pending', 'processing', 'on-hold'])).sort()).toEqual([ids[0], ids[1], ids[3]].sort());
    expect((await f.store.getOrders([ids[4]!, ids[1]!])).map((o) => o.status).sort()).toEqual(['cancelled', 'processing']);
    expect(await f.store.getOrder(999999)).toBeNull();
  });

  it('writes meta (bumping date_modified), adds a private note and lists notes', async () => {
    f = await OrderFixture.open();
    await f.product('A-1');
    const o = await f.order({ status: 'completed', lines: [{ sku: 'A-1', quantity: 1 }] });
    const before = (await f.store.getOrder(o.id))!.dateModifiedGmt;
    f.advance(1);
    const requests = f.store.requestCount();
    await f.store.setOrderMeta(o.id, [{ key: '_tillbridge_pos_invoice', value: 'INV-9' }]);
    const after = (await f.store.getOrder(o.id))!;
    expect(after.meta).toContainEqual({ key: '_tillbridge_pos_invoice', value: 'INV-9' });
    expect(after.dateModifiedGmt > before).toBe(true);
    const note = await f.store.addPrivateNote(o.id, 'Tillbridge: booked in the POS as invoice INV-9.');
    expect(note.customerNote).toBe(false);
    const notes = await f.store.listNotes(o.id);
    expect(notes[0]).toMatchObject({ id: note.id, note: 'Tillbridge: booked in the POS as invoice INV-9.' });
    expect(f.store.requestCount() - requests).toBe(4);
  });
});
