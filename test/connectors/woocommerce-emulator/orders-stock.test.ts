/**
 * The stock effects of order status changes, as WooCommerce core applies them (rules in
 * connectors/woocommerce-emulator/order-stock.ts), through the emulator's REST API.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wc } from './emulator-client';
import { freshStore, moveTo, notesOf, orderOf, reducedStock, simpleProduct, stockOf, type Store } from './orders-stock-helpers';

let s: Store;
beforeEach(async () => {
  s = await freshStore();
});
afterEach(async () => {
  await s.emu.close();
});

describe('orders take stock when they enter processing, on-hold or completed', () => {
  for (const status of ['processing', 'on-hold', 'completed']) {
    it(`a REST order created as ${status} reduces managed stock once and says so in a note`, async () => {
      const p = await simpleProduct(s, 'A', 10);
      const order = await orderOf(s, p, 3, { status });
      expect(order.status).toBe(status);
      expect(await stockOf(s, p)).toEqual({ quantity: 7, status: 'instock' });
      expect(reducedStock(order.line_items[0]!)).toBe('3');
      // The stock note is written by the status hook, before the transition note, in the same second.
      expect(await notesOf(s, order.id)).toEqual([
        'Stock levels reduced: Item A (A) 10&rarr;7',
        `Order status changed from Pending payment to ${status === 'on-hold' ? 'On hold' : status[0]!.toUpperCase() + status.slice(1)}.`,
      ]);
    });
  }

  it('a pending REST order holds no stock', async () => {
    const p = await simpleProduct(s, 'A', 10);
    const order = await orderOf(s, p, 3);
    expect(order.status).toBe('pending');
    expect((await stockOf(s, p)).quantity).toBe(10);
    expect(reducedStock(order.line_items[0]!)).toBeUndefined();
    expect(await notesOf(s, order.id)).toEqual([]);
  });

  it('pending → processing → on-hold → completed reduces only at the first paid-like status', async () => {
    const p = await simpleProduct(s, 'A', 10);
    const order = await orderOf(s, p, 2);
    await moveTo(s, order.id, 'processing');
    expect((await stockOf(s, p)).quantity).toBe(8);
    await moveTo(s, order.id, 'on-hold');
    await moveTo(s, order.id, 'completed');
    expect((await stockOf(s, p)).quantity).toBe(8);
    const notes = await notesOf(s, order.id);
    expect(notes.filter((n) => n.startsWith('Stock levels'))).toEqual(['Stock levels reduced: Item A (A) 10&rarr;8']);
  });

  it('set_paid on create pays the order (processing) and takes stock; cash on delivery completes it', async () => {
    const p = await simpleProduct(s, 'A', 10);
    const paid = await orderOf(s, p, 1, { set_paid: true });
    expect(paid.status).toBe('processing');
    expect(paid.date_paid).not.toBeNull();
    const cod = await orderOf(s, p, 2, { set_paid: true, payment_method: 'cod' });
    expect(cod.status).toBe('completed');
    expect((await stockOf(s, p)).quantity).toBe(7);
  });

  it('set_paid on an update pays a pending order and takes stock', async () => {
    const p = await simpleProduct(s, 'A', 5);
    const order = await orderOf(s, p, 2);
    const res = await wc(s.emu, 'PUT', `/orders/${order.id}`, { set_paid: true });
    expect((res.body as { status: string }).status).toBe('processing');
    expect((await stockOf(s, p)).quantity).toBe(3);
  });

  it('reaching zero makes the product out of stock; REST orders may drive stock negative', async () => {
    const p = await simpleProduct(s, 'A', 2);
    await orderOf(s, p, 2, { status: 'processing' });
    expect(await stockOf(s, p)).toEqual({ quantity: 0, status: 'outofstock' });
    await orderOf(s, p, 1, { status: 'processing' });
    expect(await stockOf(s, p)).toEqual({ quantity: -1, status: 'outofstock' });
  });

  it('products without managed stock never move and never appear in notes', async () => {
    const p = await simpleProduct(s, 'U', null);
    const order = await orderOf(s, p, 4, { status: 'processing' });
    expect(await stockOf(s, p)).toEqual({ quantity: null, status: 'instock' });
    expect(reducedStock(order.line_items[0]!)).toBeUndefined();
    expect(await notesOf(s, order.id)).toEqual(['Order status changed from Pending payment to Processing.']);
  });
});

describe('orders give stock back when they go to cancelled or pending', () => {
  it('cancelling a reduced order restores every line, removes _reduced_stock and notes it', async () => {
    const p = await simpleProduct(s, 'A', 10);
    const order = await orderOf(s, p, 4, { status: 'completed' });
    const cancelled = await moveTo(s, order.id, 'cancelled');
    expect(await stockOf(s, p)).toEqual({ quantity: 10, status: 'instock' });
    expect(reducedStock(cancelled.line_items[0]!)).toBeUndefined();
    expect((await notesOf(s, order.id)).slice(0, 2)).toEqual([
      'Stock levels increased: Item A (A) 6&rarr;10',
      'Order status changed from Completed to Cancelled.',
    ]);
  });

  it('processing → pending restores; pending → processing takes it again', async () => {
    const p = await simpleProduct(s, 'A', 10);
    const order = await orderOf(s, p, 3, { status: 'processing' });
    await moveTo(s, order.id, 'pending');
    expect((await stockOf(s, p)).quantity).toBe(10);
    await moveTo(s, order.id, 'processing');
    expect((await stockOf(s, p)).quantity).toBe(7);
  });

  it('cancelling an order that never took stock changes nothing', async () => {
    const p = await simpleProduct(s, 'A', 10);
    const order = await orderOf(s, p, 3);
    await moveTo(s, order.id, 'cancelled');
    expect((await stockOf(s, p)).quantity).toBe(10);
    expect(await notesOf(s, order.id)).toEqual(['Order status changed from Pending payment to Cancelled.']);
  });

  it('a cancelled order that is paid again takes stock again', async () => {
    const p = await simpleProduct(s, 'A', 10);
    const order = await orderOf(s, p, 3, { status: 'processing' });
    await moveTo(s, order.id, 'cancelled');
    await moveTo(s, order.id, 'completed');
    expect((await stockOf(s, p)).quantity).toBe(7);
  });
});

describe('statuses that leave stock alone', () => {
  it('refunded keeps the stock taken (a full refund without restocking); a later cancel restores it', async () => {
    const p = await simpleProduct(s, 'A', 10);
    const order = await orderOf(s, p, 2, { status: 'processing' });
    const refunded = await moveTo(s, order.id, 'refunded');
    expect((await stockOf(s, p)).quantity).toBe(8);
    expect(refunded.refunds).toEqual([expect.objectContaining({ reason: 'Order fully refunded.', total: '-20.00' })]);
    expect((await notesOf(s, order.id)).slice(0, 2)).toEqual([
      'Order status set to refunded. To return funds to the customer you will need to issue a refund through your payment gateway.',
      'Order status changed from Processing to Refunded.',
    ]);
    await moveTo(s, order.id, 'cancelled');
    expect((await stockOf(s, p)).quantity).toBe(10);
  });

  it('a partial refund with restock gives back the refunded units and records them on the line', async () => {
    const p = await simpleProduct(s, 'A', 10);
    const order = await orderOf(s, p, 4, { status: 'processing' });
    const lineId = order.line_items[0]!.id;
    s.clock.nextSecond();
    const res = await wc(s.emu, 'POST', `/orders/${order.id}/refunds`, {
      api_refund: false,
      line_items: [{ id: lineId, quantity: 1, refund_total: 10 }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ amount: '10.00', line_items: [expect.objectContaining({ quantity: -1, total: '-10.00' })] });
    expect((await stockOf(s, p)).quantity).toBe(7);
    expect((await notesOf(s, order.id))[0]).toBe(`Item #${p} stock increased from 6 to 7.`);
    const line = ((await wc(s.emu, 'GET', `/orders/${order.id}`)).body as { line_items: Record<string, unknown>[] }).line_items[0]!;
    expect(reducedStock(line)).toBe('3');
    // Cancelling now gives back only what the order still holds.
    await moveTo(s, order.id, 'cancelled');
    expect((await stockOf(s, p)).quantity).toBe(10);
  });

  it('refunding through the gateway is refused (no gateway here can refund) and leaves nothing', async () => {
    const p = await simpleProduct(s, 'A', 10);
    const order = await orderOf(s, p, 1, { set_paid: true, payment_method: 'bacs' });
    const res = await wc(s.emu, 'POST', `/orders/${order.id}/refunds`, { amount: '5.00' });
    expect(res).toMatchObject({ status: 500, body: { code: 'woocommerce_rest_cannot_create_order_refund' } });
    expect((await wc(s.emu, 'GET', `/orders/${order.id}/refunds`)).body).toEqual([]);
    const full = await wc(s.emu, 'POST', `/orders/${order.id}/refunds`, { amount: '10.00', api_refund: false, api_restock: false });
    expect(full.status).toBe(201);
    expect(((await wc(s.emu, 'GET', `/orders/${order.id}`)).body as { status: string }).status).toBe('refunded');
    expect((await stockOf(s, p)).quantity).toBe(9);
  });

  it('failed takes nothing and gives nothing back; failed → processing takes stock', async () => {
    const p = await simpleProduct(s, 'A', 10);
    const order = await orderOf(s, p, 2);
    await moveTo(s, order.id, 'failed');
    expect((await stockOf(s, p)).quantity).toBe(10);
    await moveTo(s, order.id, 'processing');
    expect((await stockOf(s, p)).quantity).toBe(8);
    await moveTo(s, order.id, 'failed');
    expect((await stockOf(s, p)).quantity).toBe(8);
  });

  it('trashing or deleting a paid order does not restore stock (WooCommerce #26716)', async () => {
    const p = await simpleProduct(s, 'A', 10);
    const first = await orderOf(s, p, 2, { status: 'processing' });
    const second = await orderOf(s, p, 3, { status: 'on-hold' });
    expect((await wc(s.emu, 'DELETE', `/orders/${first.id}`)).status).toBe(200);
    expect((await wc(s.emu, 'GET', `/orders/${first.id}?_fields=status`)).body).toMatchObject({ status: 'trash' });
    expect((await wc(s.emu, 'DELETE', `/orders/${second.id}?force=true`)).status).toBe(200);
    expect((await stockOf(s, p)).quantity).toBe(5);
  });

  it('a trashed order keeps its stock until it is moved out of the trash to cancelled', async () => {
    const p = await simpleProduct(s, 'A', 10);
    const order = await orderOf(s, p, 2, { status: 'processing' });
    await wc(s.emu, 'DELETE', `/orders/${order.id}`);
    expect((await stockOf(s, p)).quantity).toBe(8);
    await moveTo(s, order.id, 'cancelled');
    expect((await stockOf(s, p)).quantity).toBe(10);
  });

  it('setting the same status again is a no-op for stock', async () => {
    const p = await simpleProduct(s, 'A', 10);
    const order = await orderOf(s, p, 2, { status: 'processing' });
    await moveTo(s, order.id, 'processing');
    expect((await stockOf(s, p)).quantity).toBe(8);
    expect(await notesOf(s, order.id)).toHaveLength(2);
  });
});

describe('editing lines of an order that already took stock', () => {
  it('raising and lowering a quantity adjusts stock by the difference, with an "Adjusted stock" note', async () => {
    const p = await simpleProduct(s, 'A', 10);
    const order = await orderOf(s, p, 2, { status: 'processing' });
    const lineId = order.line_items[0]!.id;
    s.clock.nextSecond();
    const up = await wc(s.emu, 'PUT', `/orders/${order.id}`, { line_items: [{ id: lineId, quantity: 5 }] });
    expect(up.status).toBe(200);
    expect((await stockOf(s, p)).quantity).toBe(5);
    expect(reducedStock((up.body as { line_items: Record<string, unknown>[] }).line_items[0]!)).toBe('5');
    expect((await notesOf(s, order.id))[0]).toBe('Adjusted stock: Item A (8&rarr;5)');
    s.clock.nextSecond();
    await wc(s.emu, 'PUT', `/orders/${order.id}`, { line_items: [{ id: lineId, quantity: 1 }] });
    expect((await stockOf(s, p)).quantity).toBe(9);
  });

  it('removing a line (quantity 0 with its id) gives its stock back', async () => {
    const a = await simpleProduct(s, 'A', 10);
    const b = await simpleProduct(s, 'B', 10);
    const order = await placeTwoLines(a, b);
    const lineB = order.line_items[1]!.id as number;
    const res = await wc(s.emu, 'PUT', `/orders/${order.id}`, { line_items: [{ id: lineB, quantity: 0 }] });
    expect(res.status).toBe(200);
    expect((res.body as { line_items: unknown[] }).line_items).toHaveLength(1);
    expect((await stockOf(s, b)).quantity).toBe(10);
    expect((await stockOf(s, a)).quantity).toBe(9);
  });

  it('a line added to a processing order takes its stock right away', async () => {
    const a = await simpleProduct(s, 'A', 10);
    const b = await simpleProduct(s, 'B', 10);
    const order = await orderOf(s, a, 1, { status: 'processing' });
    await wc(s.emu, 'PUT', `/orders/${order.id}`, { line_items: [{ product_id: b, quantity: 4 }] });
    expect((await stockOf(s, b)).quantity).toBe(6);
    await moveTo(s, order.id, 'cancelled');
    expect((await stockOf(s, a)).quantity).toBe(10);
    expect((await stockOf(s, b)).quantity).toBe(10);
  });

  it('editing lines of a pending order moves no stock', async () => {
    const p = await simpleProduct(s, 'A', 10);
    const order = await orderOf(s, p, 2);
    await wc(s.emu, 'PUT', `/orders/${order.id}`, { line_items: [{ id: order.line_items[0]!.id, quantity: 6 }] });
    expect((await stockOf(s, p)).quantity).toBe(10);
  });

  async function placeTwoLines(a: number, b: number) {
    const res = await wc(s.emu, 'POST', '/orders', {
      status: 'processing',
      line_items: [
        { product_id: a, quantity: 1 },
        { product_id: b, quantity: 3 },
      ],
    });
    expect(res.status).toBe(201);
    return res.body as { id: number; line_items: Record<string, unknown>[] };
  }
});
