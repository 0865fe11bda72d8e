/**
 * Shop checkouts (placeCheckoutOrder): paid checkouts take stock like paid REST orders, pending
 * ones hold their units for the hold-stock window without touching stock_quantity, and unpaid ones
 * are cancelled when the window ends.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cancelUnpaidOrders, placeCheckoutOrder } from '../../../connectors/woocommerce-emulator/order-checkout';
import { wc } from './emulator-client';
import { freshStore, notesOf, simpleProduct, stockOf, type Store } from './orders-stock-helpers';

let s: Store;
beforeEach(async () => {
  s = await freshStore();
});
afterEach(async () => {
  await s.emu.close();
});

function checkout(sku: string, quantity: number, status?: 'pending' | 'on-hold' | 'processing' | 'completed') {
  return placeCheckoutOrder(s.emu.state, { lines: [{ sku, quantity }], status, billing: { email: 'shopper@example.com' } });
}

describe('placeCheckoutOrder', () => {
  it('a paid checkout is a processing order created via checkout that took its stock', async () => {
    const p = await simpleProduct(s, 'A', 10);
    const result = checkout('A', 3);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const order = (await wc(s.emu, 'GET', `/orders/${result.order.id}`)).body as Record<string, unknown>;
    expect(order).toMatchObject({ status: 'processing', created_via: 'checkout', total: '30.00', needs_payment: false });
    expect((await stockOf(s, p)).quantity).toBe(7);
    expect((await notesOf(s, result.order.id))[0]).toBe('Stock levels reduced: Item A (A) 10&rarr;7');
  });

  it('an on-hold checkout (bank transfer) takes stock too', async () => {
    const p = await simpleProduct(s, 'A', 10);
    expect(checkout('A', 4, 'on-hold').ok).toBe(true);
    expect((await stockOf(s, p)).quantity).toBe(6);
  });

  it('a pending checkout holds its units: stock_quantity stays, other checkouts see less', async () => {
    const p = await simpleProduct(s, 'A', 5);
    expect(checkout('A', 4, 'pending').ok).toBe(true);
    expect((await stockOf(s, p)).quantity).toBe(5);
    const second = checkout('A', 2);
    expect(second).toMatchObject({ ok: false, error: expect.stringContaining('(1 available, 2 wanted)') });
    expect(checkout('A', 1).ok).toBe(true);
    expect((await stockOf(s, p)).quantity).toBe(4);
  });

  it('an unpaid checkout is cancelled after the hold-stock window and frees its units', async () => {
    const p = await simpleProduct(s, 'A', 5);
    const held = checkout('A', 5, 'pending');
    expect(held.ok).toBe(true);
    if (!held.ok) return;
    expect(cancelUnpaidOrders(s.emu.state)).toEqual([]);
    s.clock.advance(61 * 60 * 1000);
    expect(cancelUnpaidOrders(s.emu.state)).toEqual([held.order.id]);
    expect((await notesOf(s, held.order.id))[0]).toBe('Unpaid order cancelled - time limit reached. Order status changed from Pending payment to Cancelled.');
    expect(checkout('A', 5).ok).toBe(true);
    expect((await stockOf(s, p)).quantity).toBe(0);
  });

  it('paying a pending checkout takes its stock and releases its hold', async () => {
    const p = await simpleProduct(s, 'A', 5);
    const held = checkout('A', 3, 'pending');
    if (!held.ok) throw new Error(held.error);
    const res = await wc(s.emu, 'PUT', `/orders/${held.order.id}`, { set_paid: true });
    expect((res.body as { status: string }).status).toBe('processing');
    expect((await stockOf(s, p)).quantity).toBe(2);
    expect(checkout('A', 2).ok).toBe(true);
  });

  it('REST orders are never checked against stock, checkouts are', async () => {
    await simpleProduct(s, 'A', 1);
    const rest = await wc(s.emu, 'POST', '/orders', { set_paid: true, line_items: [{ sku: 'A', quantity: 3 }] });
    expect(rest.status).toBe(201);
    expect(checkout('A', 1)).toMatchObject({ ok: false });
  });

  it('refuses unknown products and unpurchasable quantities without creating anything', async () => {
    await simpleProduct(s, 'A', 5);
    expect(checkout('NOPE', 1)).toMatchObject({ ok: false, error: expect.stringContaining('no product') });
    expect(checkout('A', 0)).toMatchObject({ ok: false });
    const list = await wc(s.emu, 'GET', '/orders');
    expect(list.body).toEqual([]);
  });
});
