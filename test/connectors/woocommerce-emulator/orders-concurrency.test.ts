/**
 * Many orders at once against one SKU: each takes its stock exactly once, whatever the interleaving
 * of HTTP requests, and checkouts (unlike REST orders) never sell more than there is.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { placeCheckoutOrder } from '../../../connectors/woocommerce-emulator/order-checkout';
import { wc } from './emulator-client';
import { freshStore, simpleProduct, stockOf, type Store } from './orders-stock-helpers';

let s: Store;
beforeEach(async () => {
  s = await freshStore();
});
afterEach(async () => {
  await s.emu.close();
});

describe('concurrent orders against one SKU', () => {
  it('60 parallel paid POST /orders leave the stock exactly reduced by their total', async () => {
    const p = await simpleProduct(s, 'HOT', 500);
    const quantities = Array.from({ length: 60 }, (_, i) => 1 + (i % 4));
    const answers = await Promise.all(
      quantities.map((quantity, i) =>
        wc(s.emu, 'POST', '/orders', { set_paid: true, billing: { email: `c${i}@example.com` }, line_items: [{ sku: 'HOT', quantity }] }),
      ),
    );
    expect(answers.every((a) => a.status === 201)).toBe(true);
    const sold = quantities.reduce((a, b) => a + b, 0);
    expect((await stockOf(s, p)).quantity).toBe(500 - sold);
    const ids = new Set(answers.map((a) => (a.body as { id: number }).id));
    expect(ids.size).toBe(60);
  });

  it('parallel status changes of the same orders never take stock twice', async () => {
    const p = await simpleProduct(s, 'HOT', 100);
    const orders = await Promise.all(
      Array.from({ length: 10 }, () => wc(s.emu, 'POST', '/orders', { line_items: [{ product_id: p, quantity: 2 }] })),
    );
    const ids = orders.map((o) => (o.body as { id: number }).id);
    await Promise.all(ids.flatMap((id) => ['processing', 'on-hold', 'completed'].map((status) => wc(s.emu, 'PUT', `/orders/${id}`, { status }))));
    expect((await stockOf(s, p)).quantity).toBe(80);
  });

  it('parallel checkouts sell exactly the stock there is and refuse the rest', async () => {
    const p = await simpleProduct(s, 'LAST', 25);
    const attempts = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        Promise.resolve().then(() => placeCheckoutOrder(s.emu.state, { lines: [{ sku: 'LAST', quantity: 1 }], billing: { email: `s${i}@example.com` } })),
      ),
    );
    expect(attempts.filter((a) => a.ok)).toHaveLength(25);
    const refused = attempts.filter((a) => !a.ok);
    expect(refused).toHaveLength(15);
    expect(refused[0]).toMatchObject({ ok: false, error: expect.stringContaining('Not enough units of Item LAST') });
    expect(await stockOf(s, p)).toEqual({ quantity: 0, status: 'outofstock' });
  });
});
