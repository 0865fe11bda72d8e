/**
 * Shared steps for the order stock tests: a fresh emulator on a fake clock, products with managed
 * stock, orders and status changes — all through real HTTP, the way a client drives a store.
 */
import { expect } from 'vitest';
import { FakeClock } from '../../../connectors/woocommerce-emulator/clock';
import { startEmulator, type RunningEmulator } from '../../../connectors/woocommerce-emulator/server';
import { wc } from './emulator-client';

export interface Store {
  emu: RunningEmulator;
  clock: FakeClock;
}

export async function freshStore(): Promise<Store> {
  const clock = new FakeClock(Date.UTC(2026, 10, 28, 9, 0, 0));
  const emu = await startEmulator({ port: 0, clock });
  return { emu, clock };
}

/** A published simple product; `stock` null leaves stock unmanaged. */
export async function simpleProduct(s: Store, sku: string, stock: number | null, price = '10.00'): Promise<number> {
  const body: Record<string, unknown> = { name: `Item ${sku}`, sku, regular_price: price, status: 'publish' };
  if (stock !== null) Object.assign(body, { manage_stock: true, stock_quantity: stock });
  const res = await wc(s.emu, 'POST', '/products', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (res.body as { id: number }).id;
}

/** A variable product "Tee" (Size M/L) with one variation M; stock on the variation or on the parent. */
export async function variableProduct(
  s: Store,
  opts: { variationStock?: number; parentStock?: number },
): Promise<{ parent: number; variation: number }> {
  const parentBody: Record<string, unknown> = {
    name: 'Tee',
    type: 'variable',
    status: 'publish',
    sku: 'TEE',
    attributes: [{ name: 'Size', options: ['M', 'L'], variation: true, visible: true }],
  };
  if (opts.parentStock !== undefined) Object.assign(parentBody, { manage_stock: true, stock_quantity: opts.parentStock });
  const parent = await wc(s.emu, 'POST', '/products', parentBody);
  expect(parent.status, JSON.stringify(parent.body)).toBe(201);
  const parentId = (parent.body as { id: number }).id;
  const variationBody: Record<string, unknown> = { sku: 'TEE-M', regular_price: '12.00', attributes: [{ name: 'Size', option: 'M' }] };
  if (opts.variationStock !== undefined) Object.assign(variationBody, { manage_stock: true, stock_quantity: opts.variationStock });
  const variation = await wc(s.emu, 'POST', `/products/${parentId}/variations`, variationBody);
  expect(variation.status, JSON.stringify(variation.body)).toBe(201);
  return { parent: parentId, variation: (variation.body as { id: number }).id };
}

/** Stock level and status of a product or variation, as GET /products/{id} reports them. */
export async function stockOf(s: Store, id: number): Promise<{ quantity: number | null; status: string }> {
  const res = await wc(s.emu, 'GET', `/products/${id}`);
  expect(res.status).toBe(200);
  const body = res.body as { stock_quantity: number | null; stock_status: string };
  return { quantity: body.stock_quantity, status: body.stock_status };
}

export type OrderJson = Record<string, unknown> & { id: number; status: string; line_items: Record<string, unknown>[] };

/** POST /orders; expects 201. */
export async function placeOrder(s: Store, body: Record<string, unknown>): Promise<OrderJson> {
  const res = await wc(s.emu, 'POST', '/orders', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as OrderJson;
}

/** One line of `quantity` units of a product, as a pending REST order unless `extra` says otherwise. */
export async function orderOf(s: Store, productId: number, quantity: number, extra: Record<string, unknown> = {}): Promise<OrderJson> {
  return placeOrder(s, { billing: { email: 'buyer@example.com' }, line_items: [{ product_id: productId, quantity }], ...extra });
}

/** PUT a new status (in a new second, so notes sort cleanly); expects 200. */
export async function moveTo(s: Store, orderId: number, status: string): Promise<OrderJson> {
  s.clock.nextSecond();
  const res = await wc(s.emu, 'PUT', `/orders/${orderId}`, { status });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as OrderJson;
}

/** The texts of an order's notes, newest first. */
export async function notesOf(s: Store, orderId: number): Promise<string[]> {
  const res = await wc(s.emu, 'GET', `/orders/${orderId}/notes`);
  expect(res.status).toBe(200);
  return (res.body as { note: string }[]).map((n) => n.note);
}

/** The `_reduced_stock` value a line item carries in the REST answer, or undefined. */
export function reducedStock(line: Record<string, unknown>): unknown {
  const meta = line.meta_data as { key: string; value: unknown }[];
  return meta.find((m) => m.key === '_reduced_stock')?.value;
}
