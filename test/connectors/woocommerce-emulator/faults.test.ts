/**
 * Fault injection: statuses (with Retry-After), delays, connections dropped before or after the
 * write was applied, counted uses, and the control endpoint that manages them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../connectors/woocommerce-emulator/server';
import { bySku, wc } from './emulator-client';

let emu: RunningEmulator;
beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  await emu.close();
});

const draft = (sku: string): Record<string, unknown> => ({ name: `Fault ${sku}`, status: 'draft', sku, regular_price: '1.00' });

describe('emulator fault injection', () => {
  it('answers 503 with Retry-After for the next N matching requests, then normally', async () => {
    emu.faults.add({ method: 'POST', path: '/wp-json/wc/v3/products', status: 503, retryAfter: 7, times: 2 });
    const first = await wc(emu, 'POST', '/products', draft('F-1'));
    const second = await wc(emu, 'POST', '/products', draft('F-1'));
    const third = await wc(emu, 'POST', '/products', draft('F-1'));
    expect([first.status, second.status, third.status]).toEqual([503, 503, 201]);
    expect(first.headers.get('Retry-After')).toBe('7');
    expect(await bySku(emu, 'F-1')).toHaveLength(1);
  });

  it('matches only its method and path pattern', async () => {
    emu.faults.add({ method: 'PUT', path: '/wp-json/wc/v3/products/:id', status: 429, retryAfter: 1 });
    const created = await wc(emu, 'POST', '/products', draft('F-2'));
    expect(created.status).toBe(201);
    const id = (created.body as { id: number }).id;
    expect((await wc(emu, 'GET', `/products/${id}`)).status).toBe(200);
    expect((await wc(emu, 'PUT', `/products/${id}`, { stock_quantity: 1 })).status).toBe(429);
    expect((await wc(emu, 'PUT', `/products/${id}`, { stock_quantity: 1 })).status).toBe(200);
  });

  it('delays an answer by at least the given time', async () => {
    emu.faults.add({ path: '/wp-json/wc/v3/products', delayMs: 150 });
    const started = Date.now();
    const res = await wc(emu, 'GET', '/products');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('drops the connection before the write: the client sees a network error and nothing was created', async () => {
    emu.faults.add({ method: 'POST', path: '/wp-json/wc/v3/products', drop: 'before' });
    await expect(wc(emu, 'POST', '/products', draft('F-3'))).rejects.toThrow();
    expect(await bySku(emu, 'F-3')).toEqual([]);
  });

  it('drops the connection after the write: a network error, yet the product exists (retry gets product_invalid_sku)', async () => {
    emu.faults.add({ method: 'POST', path: '/wp-json/wc/v3/products', drop: 'after' });
    await expect(wc(emu, 'POST', '/products', draft('F-4'))).rejects.toThrow();
    const found = await bySku(emu, 'F-4');
    expect(found).toHaveLength(1);
    const retry = await wc(emu, 'POST', '/products', draft('F-4'));
    expect(retry.status).toBe(400);
    expect((retry.body as { code: string; data: { resource_id: number } }).data.resource_id).toBe(found[0]!.id);
  });

  it('is managed through POST/GET/DELETE /__emulator/faults', async () => {
    const add = await fetch(`${emu.url}/__emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ method: 'GET', path: '/wp-json/wc/v3/*', status: 502, times: 3 }),
    });
    expect(add.status).toBe(201);
    expect((await wc(emu, 'GET', '/products')).status).toBe(502);
    const listed = (await (await fetch(`${emu.url}/__emulator/faults`)).json()) as { remaining: number }[];
    expect(listed.map((f) => f.remaining)).toEqual([2]);
    expect((await fetch(`${emu.url}/__emulator/faults`, { method: 'DELETE' })).status).toBe(200);
    expect((await wc(emu, 'GET', '/products')).status).toBe(200);
  });

  it('refuses a fault that would do nothing', async () => {
    expect(() => emu.faults.add({ path: '/wp-json/wc/v3/products' })).toThrow(/does nothing/);
    const res = await fetch(`${emu.url}/__emulator/faults`, { method: 'POST', body: JSON.stringify({ status: 500 }) });
    expect(res.status).toBe(400);
  });
});
