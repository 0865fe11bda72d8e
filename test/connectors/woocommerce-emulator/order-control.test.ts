/**
 * The order-side control handler: checkouts and the unpaid-order cron, answered as the control
 * endpoints answer (plain JSON, no WooCommerce error shape).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleOrderControl } from '../../../connectors/woocommerce-emulator/order-control';
import { freshStore, simpleProduct, stockOf, type Store } from './orders-stock-helpers';

let s: Store;
beforeEach(async () => {
  s = await freshStore();
});
afterEach(async () => {
  await s.emu.close();
});

describe('handleOrderControl', () => {
  it('places a checkout, refuses one that would oversell, and ignores other routes', async () => {
    const p = await simpleProduct(s, 'A', 3);
    const ok = handleOrderControl('POST /__emulator/checkout', { lines: [{ sku: 'A', quantity: 2 }] }, s.emu.state);
    expect(ok).toMatchObject({ status: 201, body: { status: 'processing', total: '20.00', created_via: 'checkout' } });
    const refused = handleOrderControl('POST /__emulator/checkout', { lines: [{ sku: 'A', quantity: 2 }] }, s.emu.state);
    expect(refused).toMatchObject({ status: 409, body: { error: expect.stringContaining('Not enough units') } });
    expect(handleOrderControl('POST /__emulator/checkout', {}, s.emu.state)?.status).toBe(400);
    expect(handleOrderControl('POST /__emulator/reset', {}, s.emu.state)).toBeNull();
    expect((await stockOf(s, p)).quantity).toBe(1);
  });

  it('runs the unpaid-order cron', async () => {
    await simpleProduct(s, 'A', 3);
    const held = handleOrderControl('POST /__emulator/checkout', { lines: [{ sku: 'A', quantity: 3 }], status: 'pending' }, s.emu.state);
    s.clock.advance(2 * 60 * 60 * 1000);
    const id = (held?.body as { id: number }).id;
    expect(handleOrderControl('POST /__emulator/cancel-unpaid', {}, s.emu.state)).toEqual({ status: 200, body: { cancelled: [id] } });
  });
});
