/**
 * Order endpoints beyond what the recordings pin down: list filters the integrator relies on,
 * validation answers, batches, coupons, notes and refunds, and what moves date_modified.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wc } from './emulator-client';
import { freshStore, moveTo, orderOf, placeOrder, simpleProduct, type Store } from './orders-stock-helpers';

let s: Store;
beforeEach(async () => {
  s = await freshStore();
});
afterEach(async () => {
  await s.emu.close();
});

const ids = (body: unknown) => (body as { id: number }[]).map((o) => o.id);

describe('order lists', () => {
  it('filter by customer, product, status trash and search, and page with offset', async () => {
    const a = await simpleProduct(s, 'A', null);
    const b = await simpleProduct(s, 'B', null);
    const customer = (await wc(s.emu, 'POST', '/customers', { email: 'c@example.com' })).body as { id: number };
    const o1 = await orderOf(s, a, 1, { customer_id: customer.id });
    s.clock.nextSecond();
    const o2 = await orderOf(s, b, 1, { billing: { email: 'find.me@example.com', first_name: 'Zed' } });
    s.clock.nextSecond();
    const o3 = await orderOf(s, a, 1);
    await wc(s.emu, 'DELETE', `/orders/${o3.id}`);

    expect(ids((await wc(s.emu, 'GET', `/orders?customer=${customer.id}`)).body)).toEqual([o1.id]);
    expect(ids((await wc(s.emu, 'GET', `/orders?product=${a}`)).body)).toEqual([o1.id]);
    expect(ids((await wc(s.emu, 'GET', '/orders?status=trash')).body)).toEqual([o3.id]);
    expect(ids((await wc(s.emu, 'GET', '/orders?search=zed')).body)).toEqual([o2.id]);
    expect(ids((await wc(s.emu, 'GET', '/orders?orderby=id&order=asc&offset=1&per_page=1')).body)).toEqual([o2.id]);
  });

  it('answers 400 for bad list parameters, naming them', async () => {
    const bad = await wc(s.emu, 'GET', '/orders?orderby=price');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'rest_invalid_param', data: { params: { orderby: 'orderby is not one of date, id, include, title, slug, and modified.' } } });
    const date = await wc(s.emu, 'GET', '/orders?after=yesterday');
    expect(date.body).toMatchObject({ code: 'rest_invalid_param', data: { params: { after: 'Invalid date.' } } });
  });

  it('status and meta changes move date_modified (a modified_after poll sees them); notes do not', async () => {
    const p = await simpleProduct(s, 'A', null);
    const order = await orderOf(s, p, 1);
    const created = order.date_modified_gmt as string;
    s.clock.nextSecond();
    await wc(s.emu, 'POST', `/orders/${order.id}/notes`, { note: 'hello' });
    expect(ids((await wc(s.emu, 'GET', `/orders?modified_after=${created}`)).body)).toEqual([]);
    await wc(s.emu, 'PUT', `/orders/${order.id}`, { meta_data: [{ key: 'x', value: '1' }] });
    expect(ids((await wc(s.emu, 'GET', `/orders?modified_after=${created}`)).body)).toEqual([order.id]);
  });
});

describe('order writes', () => {
  it('refuses bad nested input with rest_invalid_param', async () => {
    const p = await simpleProduct(s, 'A', null);
    const qty = await wc(s.emu, 'POST', '/orders', { line_items: [{ product_id: p, quantity: 1.5 }] });
    expect(qty.body).toMatchObject({ code: 'rest_invalid_param', data: { params: { line_items: 'line_items[0][quantity] is not of type integer.' } } });
    const email = await wc(s.emu, 'POST', '/orders', { billing: { email: '' }, line_items: [{ product_id: p, quantity: 1 }] });
    expect(email.status).toBe(400);
    expect((await wc(s.emu, 'GET', '/orders')).body).toEqual([]);
  });

  it('a missing id is 404 on GET and DELETE but 400 on update; a trashed order cannot be trashed again', async () => {
    expect((await wc(s.emu, 'GET', '/orders/999999')).status).toBe(404);
    expect((await wc(s.emu, 'PUT', '/orders/999999', { status: 'completed' })).status).toBe(400);
    expect((await wc(s.emu, 'DELETE', '/orders/999999')).status).toBe(404);
    const p = await simpleProduct(s, 'A', null);
    const order = await orderOf(s, p, 1);
    await wc(s.emu, 'DELETE', `/orders/${order.id}`);
    const again = await wc(s.emu, 'DELETE', `/orders/${order.id}`);
    expect(again).toMatchObject({ status: 410, body: { code: 'woocommerce_rest_already_trashed' } });
  });

  it('batches create, update and delete in one request, errors per item', async () => {
    const p = await simpleProduct(s, 'A', 10);
    const existing = await orderOf(s, p, 1);
    const res = await wc(s.emu, 'POST', '/orders/batch', {
      create: [{ status: 'processing', line_items: [{ product_id: p, quantity: 2 }] }],
      update: [{ id: existing.id, status: 'on-hold' }, { id: 999999, status: 'completed' }],
      delete: [existing.id],
    });
    expect(res.status).toBe(200);
    const body = res.body as { create: { status: string }[]; update: Record<string, unknown>[]; delete: { id: number }[] };
    expect(body.create[0]!.status).toBe('processing');
    expect(body.update[0]).toMatchObject({ id: existing.id, status: 'on-hold' });
    expect(body.update[1]).toMatchObject({ id: 999999, error: { code: 'woocommerce_rest_shop_order_invalid_id' } });
    expect(body.delete[0]).toMatchObject({ id: existing.id });
    expect((await wc(s.emu, 'GET', `/orders/${existing.id}`)).status).toBe(404);
    const stock = (await wc(s.emu, 'GET', `/products/${p}`)).body as { stock_quantity: number };
    expect(stock.stock_quantity).toBe(7);
  });

  it('a percent coupon discounts the lines; a coupon can be replaced on update', async () => {
    const p = await simpleProduct(s, 'A', null, '20.00');
    await wc(s.emu, 'POST', '/coupons', { code: 'TEN', discount_type: 'percent', amount: '10' });
    await wc(s.emu, 'POST', '/coupons', { code: 'FLAT3', discount_type: 'fixed_cart', amount: '3' });
    const order = await orderOf(s, p, 2, { coupon_lines: [{ code: 'ten' }] });
    expect(order).toMatchObject({ total: '36.00', discount_total: '4.00' });
    expect(order.coupon_lines).toEqual([expect.objectContaining({ code: 'ten', discount: '4', discount_type: 'percent', nominal_amount: 10 })]);
    expect(order.line_items[0]).toMatchObject({ subtotal: '40.00', total: '36.00', price: 18 });
    const res = await wc(s.emu, 'PUT', `/orders/${order.id}`, { coupon_lines: [{ code: 'FLAT3' }] });
    expect(res.body).toMatchObject({ total: '37.00', coupon_lines: [expect.objectContaining({ code: 'flat3', discount: '3' })] });
  });

  it('notes: one by id, 404 for another order\'s note, delete needs force', async () => {
    const p = await simpleProduct(s, 'A', null);
    const o1 = await orderOf(s, p, 1);
    const o2 = await orderOf(s, p, 1);
    const note = (await wc(s.emu, 'POST', `/orders/${o1.id}/notes`, { note: 'n1', customer_note: true })).body as { id: number };
    expect((await wc(s.emu, 'GET', `/orders/${o1.id}/notes/${note.id}`)).body).toMatchObject({ note: 'n1', customer_note: true });
    expect((await wc(s.emu, 'GET', `/orders/${o2.id}/notes/${note.id}`)).status).toBe(404);
    expect((await wc(s.emu, 'DELETE', `/orders/${o1.id}/notes/${note.id}`)).status).toBe(501);
    expect((await wc(s.emu, 'DELETE', `/orders/${o1.id}/notes/${note.id}?force=true`)).status).toBe(200);
    expect((await wc(s.emu, 'GET', `/orders/${o1.id}/notes`)).body).toEqual([]);
  });

  it('a refunded order lists its refund and reads it by id', async () => {
    const p = await simpleProduct(s, 'A', null, '8.00');
    const order = await placeOrder(s, { set_paid: true, line_items: [{ product_id: p, quantity: 1 }] });
    const refunded = await moveTo(s, order.id, 'refunded');
    const refundId = (refunded.refunds as { id: number }[])[0]!.id;
    const one = await wc(s.emu, 'GET', `/orders/${order.id}/refunds/${refundId}`);
    expect(one.body).toMatchObject({ id: refundId, amount: '8.00', reason: 'Order fully refunded.', refunded_by: 1 });
    expect((await wc(s.emu, 'GET', `/orders/${refundId}`)).status).toBe(404);
  });
});
