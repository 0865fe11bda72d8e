/**
 * Reset returns the empty store (ids start over, only "Uncategorized" and the admin remain), from
 * the API and through the control endpoint; a batch of exactly 100 items is accepted and 101 are
 * refused with 413 and nothing applied. The wc/v3 namespace is not reachable at /__emulator paths.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../connectors/woocommerce-emulator/server';
import { wc } from './emulator-client';

let emu: RunningEmulator;
beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  await emu.close();
});

const items = (n: number, prefix: string): Record<string, unknown>[] =>
  Array.from({ length: n }, (_, i) => ({ name: `${prefix} ${i}`, status: 'draft', sku: `${prefix}-${i}`, regular_price: '2.00', manage_stock: true, stock_quantity: i }));

describe('emulator reset', () => {
  it('empties the store and restarts ids (reset())', async () => {
    const first = await wc(emu, 'POST', '/products', items(1, 'R')[0]);
    emu.reset();
    expect((await wc(emu, 'GET', '/products')).headers.get('X-WP-Total')).toBe('0');
    const again = await wc(emu, 'POST', '/products', items(1, 'R')[0]);
    expect(again.status).toBe(201);
    expect((again.body as { id: number }).id).toBe((first.body as { id: number }).id);
    expect([...emu.state.categories.values()].map((c) => c.slug)).toEqual(['uncategorized']);
    expect(emu.state.admin.email).toBe('admin@example.test');
  });

  it('empties the store through POST /__emulator/reset and clears faults', async () => {
    await wc(emu, 'POST', '/products', items(1, 'R2')[0]);
    emu.faults.add({ path: '/wp-json/wc/v3/orders', status: 500, times: 5 });
    const res = await fetch(`${emu.url}/__emulator/reset`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(emu.state.products.size).toBe(0);
    expect(emu.faults.list()).toEqual([]);
  });

  it('keeps control endpoints out of the REST namespace', async () => {
    expect((await wc(emu, 'POST', '/__emulator/reset')).status).toBe(404);
    expect((await fetch(`${emu.url}/wp-json/__emulator/reset`, { method: 'POST' })).status).toBe(404);
  });
});

describe('emulator batch limits', () => {
  it('accepts exactly 100 creates', async () => {
    const res = await wc(emu, 'POST', '/products/batch', { create: items(100, 'B') });
    expect(res.status).toBe(200);
    const created = (res.body as { create: { id: number; sku: string }[] }).create;
    expect(created).toHaveLength(100);
    expect(new Set(created.map((c) => c.id)).size).toBe(100);
    expect((await wc(emu, 'GET', '/products?per_page=1')).headers.get('X-WP-Total')).toBe('100');
  });

  it('refuses 101 items in total with 413 and applies none of them', async () => {
    const seed = await wc(emu, 'POST', '/products', items(1, 'S')[0]);
    const id = (seed.body as { id: number }).id;
    const res = await wc(emu, 'POST', '/products/batch', {
      create: items(60, 'O'),
      update: Array.from({ length: 40 }, () => ({ id, stock_quantity: 99 })),
      delete: [id],
    });
    expect(res.status).toBe(413);
    expect((res.body as { code: string }).code).toBe('woocommerce_rest_request_entity_too_large');
    expect(emu.state.products.size).toBe(1);
    expect(emu.state.products.get(id)?.stockQuantity).toBe(0);
  });

  it('applies the 101-item limit to variation batches too', async () => {
    const parent = await wc(emu, 'POST', '/products', { name: 'Var', type: 'variable', status: 'draft', attributes: [{ name: 'Size', options: ['S'], variation: true }] });
    const pid = (parent.body as { id: number }).id;
    const res = await wc(emu, 'POST', `/products/${pid}/variations/batch`, { create: Array.from({ length: 101 }, (_, i) => ({ sku: `V-${i}`, regular_price: '1.00' })) });
    expect(res.status).toBe(413);
    expect(emu.state.products.size).toBe(1);
  });
});
