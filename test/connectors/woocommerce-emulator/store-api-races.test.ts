/**
 * The Store API checkout flow and the race switches (races.ts), over real HTTP. The races are made
 * deterministic with a gate: each request that reaches its race window reports it and waits until
 * the test releases it, so no assertion depends on machine speed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MEASURED_WINDOWS_MS, racingCheckout, Races, type RaceEvent } from '../../../connectors/woocommerce-emulator/races';
import type { RunningEmulator } from '../../../connectors/woocommerce-emulator/server';
import { wc } from './emulator-client';
import { freshStore, notesOf, simpleProduct, stockOf, type Store } from './orders-stock-helpers';

let s: Store;
beforeEach(async () => {
  s = await freshStore();
});
afterEach(async () => {
  await s.emu.close();
});

interface Shopper {
  token: string;
  nonce: string;
}

interface StoreAnswer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function storeApi(emu: RunningEmulator, method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<StoreAnswer> {
  const res = await fetch(`${emu.url}/wp-json/wc/store/v1${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/** A new shopper: GET /cart, keeping its Cart-Token and Nonce. */
async function shopper(emu: RunningEmulator): Promise<Shopper> {
  const res = await storeApi(emu, 'GET', '/cart');
  expect(res.status).toBe(200);
  const token = res.headers.get('cart-token');
  const nonce = res.headers.get('nonce');
  expect(token).toBeTruthy();
  expect(nonce).toBeTruthy();
  return { token: token!, nonce: nonce! };
}

function auth(sh: Shopper): Record<string, string> {
  return { 'Cart-Token': sh.token, Nonce: sh.nonce };
}

async function addItem(emu: RunningEmulator, sh: Shopper, id: number, quantity: number): Promise<StoreAnswer> {
  return storeApi(emu, 'POST', '/cart/add-item', auth(sh), { id, quantity });
}

const ADDRESS = { first_name: 'Ana', last_name: 'Ruiz', address_1: 'Calle 1', city: 'Madrid', postcode: '28001', country: 'ES', email: 'ana@example.com', phone: '600000000' };

async function checkout(emu: RunningEmulator, sh: Shopper): Promise<StoreAnswer> {
  const { email: _email, phone: _phone, ...shipping } = ADDRESS;
  return storeApi(emu, 'POST', '/checkout', auth(sh), { billing_address: ADDRESS, shipping_address: shipping, payment_method: 'cod' });
}

/** A shopper with `quantity` of product `id` in the cart. */
async function shopperWith(emu: RunningEmulator, id: number, quantity: number): Promise<Shopper> {
  const sh = await shopper(emu);
  expect((await addItem(emu, sh, id, quantity)).status).toBe(201);
  return sh;
}

/** Collects the requests held in their race windows; the test releases them. */
class Gate {
  readonly events: RaceEvent[] = [];
  private readonly releases: (() => void)[] = [];
  private readonly watchers: (() => void)[] = [];

  readonly gate = (event: RaceEvent): Promise<void> => {
    this.events.push(event);
    for (const w of this.watchers.splice(0)) w();
    return new Promise<void>((resolve) => this.releases.push(resolve));
  };

  async arrived(count: number): Promise<void> {
    while (this.events.length < count) await new Promise<void>((resolve) => this.watchers.push(resolve));
  }

  releaseAll(): void {
    for (const r of this.releases.splice(0)) r();
  }
}

describe('Store API checkout flow', () => {
  it('cart token and nonce, add item, checkout → a processing store-api order with stock reduced and the notes', async () => {
    const id = await simpleProduct(s, 'CUP', 24, '10.00');
    const sh = await shopper(s.emu);
    const added = await addItem(s.emu, sh, id, 2);
    expect(added.status).toBe(201);
    expect(added.headers.get('cart-token')).toBe(sh.token);
    expect(added.body.items_count).toBe(2);
    expect(added.body.items).toEqual([expect.objectContaining({ id, quantity: 2, name: 'Item CUP', sku: 'CUP' })]);
    expect(added.body.totals).toEqual(expect.objectContaining({ total_price: '2000', currency_code: 'USD', currency_minor_unit: 2 }));

    const placed = await checkout(s.emu, sh);
    expect(placed.status, JSON.stringify(placed.body)).toBe(200);
    expect(placed.body).toEqual(expect.objectContaining({ status: 'processing', payment_method: 'cod' }));
    expect(placed.body.payment_result).toEqual(expect.objectContaining({ payment_status: 'success' }));
    const orderId = placed.body.order_id as number;

    const order = await wc(s.emu, 'GET', `/orders/${orderId}`);
    expect(order.body).toEqual(
      expect.objectContaining({ status: 'processing', created_via: 'store-api', payment_method: 'cod', billing: expect.objectContaining({ email: 'ana@example.com' }) }),
    );
    expect((order.body as { shipping: { city: string } }).shipping.city).toBe('Madrid');
    expect((await stockOf(s, id)).quantity).toBe(22);
    const notes = await notesOf(s, orderId);
    expect(notes).toContain('Stock hold of 60 minutes applied');
    expect(notes).toContain('Stock levels reduced: Item CUP (CUP) 24&rarr;22');

    const cart = await storeApi(s.emu, 'GET', '/cart', auth(sh));
    expect(cart.body.items).toEqual([]);
  });

  it('refuses a missing or wrong nonce, unknown and out-of-stock products, and an empty checkout', async () => {
    const id = await simpleProduct(s, 'GONE', 0);
    const other = await simpleProduct(s, 'ONE', 1);
    const sh = await shopper(s.emu);
    const noNonce = await storeApi(s.emu, 'POST', '/cart/add-item', { 'Cart-Token': sh.token }, { id: other, quantity: 1 });
    expect([noNonce.status, noNonce.body.code]).toEqual([401, 'woocommerce_rest_missing_nonce']);
    const wrong = await storeApi(s.emu, 'POST', '/cart/add-item', { 'Cart-Token': sh.token, Nonce: 'nope' }, { id: other, quantity: 1 });
    expect([wrong.status, wrong.body.code]).toEqual([403, 'woocommerce_rest_invalid_nonce']);
    const unknown = await addItem(s.emu, sh, 99999, 1);
    expect([unknown.status, unknown.body.code]).toEqual([400, 'woocommerce_rest_cart_invalid_product']);
    const out = await addItem(s.emu, sh, id, 1);
    expect([out.status, out.body.code]).toEqual([400, 'woocommerce_rest_product_out_of_stock']);
    const tooMany = await addItem(s.emu, sh, other, 2);
    expect([tooMany.status, tooMany.body.code]).toEqual([400, 'woocommerce_rest_product_partially_out_of_stock']);
    const empty = await checkout(s.emu, sh);
    expect([empty.status, empty.body.code]).toEqual([400, 'woocommerce_rest_cart_empty']);
    expect((await stockOf(s, other)).quantity).toBe(1);
  });
});

describe('races off (default): the emulator serialises', () => {
  it('five concurrent checkouts on stock 3 sell exactly 3', async () => {
    const id = await simpleProduct(s, 'LAST', 3);
    const shoppers = await Promise.all(Array.from({ length: 5 }, () => shopperWith(s.emu, id, 1)));
    const answers = await Promise.all(shoppers.map((sh) => checkout(s.emu, sh)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(2);
    expect((await stockOf(s, id)).quantity).toBe(0);
  });

  it('concurrent inventory_delta writes and checkouts lose nothing', async () => {
    const id = await simpleProduct(s, 'MIX', 50);
    const shoppers = await Promise.all(Array.from({ length: 10 }, () => shopperWith(s.emu, id, 1)));
    const answers = await Promise.all([
      ...shoppers.map((sh) => checkout(s.emu, sh)),
      ...Array.from({ length: 5 }, () => wc(s.emu, 'PUT', `/products/${id}`, { inventory_delta: 2 })),
      wc(s.emu, 'POST', '/products/batch', { update: [{ id, inventory_delta: 3 }] }),
    ]);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect((await stockOf(s, id)).quantity).toBe(50 - 10 + 5 * 2 + 3);
  });
});

describe('Store API prices follow the sale windows', () => {
  it('a variation in its sale window is sold at the sale price, at once (its price is worked out on every read)', async () => {
    const parent = await wc(s.emu, 'POST', '/products', { name: 'Tee', type: 'variable', status: 'publish', attributes: [{ name: 'Size', options: ['M'], variation: true }] });
    const parentId = (parent.body as { id: number }).id;
    const v = await wc(s.emu, 'POST', `/products/${parentId}/variations`, {
      regular_price: '12.00', sale_price: '9.00', date_on_sale_from: '2026-11-28T10:00:00', date_on_sale_to: '2026-11-28T12:00:00',
      manage_stock: true, stock_quantity: 5, attributes: [{ name: 'Size', option: 'M' }],
    });
    const vid = (v.body as { id: number }).id;
    const before = await shopperWith(s.emu, vid, 1);
    expect((await storeApi(s.emu, 'GET', '/cart', auth(before))).body.totals).toEqual(expect.objectContaining({ total_price: '1200' }));
    s.clock.advance(2 * 3600 * 1000); // 11:00: inside the window
    const cart = await storeApi(s.emu, 'GET', '/cart', auth(before));
    expect(cart.body.totals).toEqual(expect.objectContaining({ total_price: '900' }));
    const placed = await checkout(s.emu, before);
    expect(placed.status).toBe(200);
    const order = await wc(s.emu, 'GET', `/orders/${placed.body.order_id as number}`);
    expect((order.body as { total: string }).total).toBe('9.00');
  });

  it('a shopper\'s request runs the daily sales job like a REST request does', async () => {
    const p = await wc(s.emu, 'POST', '/products', { name: 'Window', sku: 'W-1', regular_price: '20.00', sale_price: '15.00', status: 'publish', date_on_sale_from: '2026-11-28T18:00:00' });
    const id = (p.body as { id: number }).id;
    s.clock.advance(24 * 3600 * 1000); // the next day: the midnight run is due
    const sh = await shopperWith(s.emu, id, 1); // only Store API requests from here on
    const placed = await checkout(s.emu, sh);
    expect(placed.status).toBe(200);
    const order = await wc(s.emu, 'GET', `/orders/${placed.body.order_id as number}`);
    expect((order.body as { total: string }).total).toBe('15.00');
  });
});

describe('race switches', () => {
  it('are set through POST /__emulator/races, checked, and cleared by reset', async () => {
    const post = (body: unknown): Promise<Response> => fetch(`${s.emu.url}/__emulator/races`, { method: 'POST', body: JSON.stringify(body) });
    const off = (await (await fetch(`${s.emu.url}/__emulator/races`)).json()) as Record<string, unknown>;
    expect(off).toEqual(expect.objectContaining({ checkout: false, inventoryDelta: false, deltaGapMs: MEASURED_WINDOWS_MS.singleWrite, deltaBatchGapMs: MEASURED_WINDOWS_MS.batchItem, checkoutGapMs: MEASURED_WINDOWS_MS.orderCreate }));
    const on = await post({ checkout: true, inventoryDelta: true, checkoutGapMs: 5, deltaGapMs: 7 });
    expect(on.status).toBe(200);
    expect(await on.json()).toEqual({ checkout: true, inventoryDelta: true, checkoutGapMs: 5, deltaGapMs: 7, deltaBatchGapMs: MEASURED_WINDOWS_MS.batchItem, gate: false, lost: {} });
    expect(s.emu.races.settings.checkout).toBe(true);
    expect((await post({ checkout: 'yes' })).status).toBe(400);
    expect((await post({ sideways: true })).status).toBe(400);
    await fetch(`${s.emu.url}/__emulator/reset`, { method: 'POST' });
    expect(s.emu.races.settings).toEqual(expect.objectContaining({ checkout: false, inventoryDelta: false }));
  });

  it('checkout race: two checkouts held after their stock check both sell the last unit, stock −1', async () => {
    const id = await simpleProduct(s, 'LAST', 1);
    const g = new Gate();
    s.emu.races.set({ checkout: true, gate: g.gate });
    const [a, b] = await Promise.all([shopperWith(s.emu, id, 1), shopperWith(s.emu, id, 1)]);
    const pending = [checkout(s.emu, a!), checkout(s.emu, b!)];
    await g.arrived(2);
    expect(g.events).toEqual([
      { kind: 'checkout-checked', stock: { [id]: 1 } },
      { kind: 'checkout-checked', stock: { [id]: 1 } },
    ]);
    expect((await stockOf(s, id)).quantity).toBe(1);
    g.releaseAll();
    const answers = await Promise.all(pending);
    expect(answers.map((x) => [x.status, x.body.status])).toEqual([
      [200, 'processing'],
      [200, 'processing'],
    ]);
    expect((await stockOf(s, id)).quantity).toBe(-1);
  });

  it('inventory_delta race: a checkout between the read and the save is overwritten (one unit too high)', async () => {
    const id = await simpleProduct(s, 'DELTA', 10);
    const g = new Gate();
    s.emu.races.set({ inventoryDelta: true, gate: g.gate });
    const sh = await shopperWith(s.emu, id, 1);
    const write = wc(s.emu, 'PUT', `/products/${id}`, { inventory_delta: 5 });
    await g.arrived(1);
    expect(g.events).toEqual([{ kind: 'delta-read', stock: { [id]: 10 } }]);
    const placed = await checkout(s.emu, sh);
    expect(placed.status).toBe(200);
    expect((await stockOf(s, id)).quantity).toBe(9);
    g.releaseAll();
    const written = await write;
    expect(written.status).toBe(200);
    expect((written.body as { stock_quantity: number }).stock_quantity).toBe(15);
    expect((await stockOf(s, id)).quantity).toBe(15); // 10 + 5 − 1 would be 14: the checkout's unit is lost
  });

  it('inventory_delta race in a batch and on a variation; stock_quantity wins and is never held', async () => {
    const id = await simpleProduct(s, 'B1', 20);
    const parent = await wc(s.emu, 'POST', '/products', { name: 'Tee', type: 'variable', status: 'publish', attributes: [{ name: 'Size', options: ['M'], variation: true }] });
    const parentId = (parent.body as { id: number }).id;
    const v = await wc(s.emu, 'POST', `/products/${parentId}/variations`, { regular_price: '5.00', manage_stock: true, stock_quantity: 8, attributes: [{ name: 'Size', option: 'M' }] });
    const vid = (v.body as { id: number }).id;
    const g = new Gate();
    s.emu.races.set({ inventoryDelta: true, gate: g.gate });

    const absolute = await wc(s.emu, 'PUT', `/products/${id}`, { stock_quantity: 7, inventory_delta: 3 });
    expect((absolute.body as { stock_quantity: number }).stock_quantity).toBe(7);
    expect(g.events).toEqual([]);

    const buyer = await shopperWith(s.emu, id, 2);
    const vbuyer = await shopperWith(s.emu, vid, 1);
    const batch = wc(s.emu, 'POST', '/products/batch', { update: [{ id, inventory_delta: 1 }] });
    const vwrite = wc(s.emu, 'PUT', `/products/${parentId}/variations/${vid}`, { inventory_delta: -2 });
    await g.arrived(2);
    expect((await checkout(s.emu, buyer)).status).toBe(200);
    expect((await checkout(s.emu, vbuyer)).status).toBe(200);
    expect((await stockOf(s, id)).quantity).toBe(5);
    g.releaseAll();
    expect((await batch).status).toBe(200);
    expect((await vwrite).status).toBe(200);
    expect((await stockOf(s, id)).quantity).toBe(8); // 7 + 1; the 2 sold units came back
    const variation = await wc(s.emu, 'GET', `/products/${parentId}/variations/${vid}`);
    expect((variation.body as { stock_quantity: number }).stock_quantity).toBe(6); // 8 − 2; the sold unit came back
  });

  it('a batch reads and saves its items one after another: a checkout is lost only inside its own item\'s window, and counted', async () => {
    const a = await simpleProduct(s, 'BA', 10);
    const b = await simpleProduct(s, 'BB', 10);
    const g = new Gate();
    s.emu.races.set({ inventoryDelta: true, gate: g.gate });
    const buyA1 = await shopperWith(s.emu, a, 1);
    const buyA2 = await shopperWith(s.emu, a, 2);
    const buyB = await shopperWith(s.emu, b, 3);
    const batch = wc(s.emu, 'POST', '/products/batch', { update: [{ id: a, inventory_delta: 1 }, { id: b, inventory_delta: 1 }] });
    await g.arrived(1);
    expect(g.events).toEqual([{ kind: 'delta-read', stock: { [a]: 10 } }]); // item b is not read yet
    expect((await checkout(s.emu, buyA1)).status).toBe(200); // inside a's window: lost
    g.releaseAll();
    await g.arrived(2);
    expect(g.events[1]).toEqual({ kind: 'delta-read', stock: { [b]: 10 } });
    expect((await checkout(s.emu, buyA2)).status).toBe(200); // a is saved already: kept
    expect((await checkout(s.emu, buyB)).status).toBe(200); // inside b's window: lost
    g.releaseAll();
    expect((await batch).status).toBe(200);
    expect((await stockOf(s, a)).quantity).toBe(10 + 1 - 2); // the unit of the first checkout came back
    expect((await stockOf(s, b)).quantity).toBe(10 + 1);
    expect(Object.fromEntries(s.emu.races.lost())).toEqual({ [a]: 1, [b]: 3 });
    const shown = (await (await fetch(`${s.emu.url}/__emulator/races`)).json()) as { lost: Record<string, number> };
    expect(shown.lost).toEqual({ [a]: 1, [b]: 3 });
  });

  it('racingCheckout names the units a checkout sold beyond what was available at its decrement', async () => {
    const id = await simpleProduct(s, 'OVER', 2);
    const g = new Gate();
    const races = new Races({ checkout: true, gate: g.gate });
    const order = (quantity: number) => racingCheckout(s.emu.state, races, { lines: [{ productId: id, quantity }], paymentMethod: 'cod', status: 'processing' });
    const first = order(2);
    const second = order(1);
    await g.arrived(2);
    g.releaseAll();
    const [r1, r2] = await Promise.all([first, second]);
    expect(r1.ok && r1.oversold).toBe(undefined);
    expect(r2.ok && r2.oversold && Object.fromEntries(r2.oversold)).toEqual({ [id]: 1 });
    expect((await stockOf(s, id)).quantity).toBe(-1);
  });
});

describe('default race windows', () => {
  it('are the real store\'s measured medians (test/fixtures/woocommerce-timings.json)', () => {
    const timings = JSON.parse(readFileSync(join(__dirname, '../../fixtures/woocommerce-timings.json'), 'utf8')) as {
      measurements: Record<string, { median_ms: number; items_per_call?: number }>;
    };
    const m = timings.measurements;
    expect(MEASURED_WINDOWS_MS.singleWrite).toBe(m.single_product_put_stock!.median_ms);
    expect(MEASURED_WINDOWS_MS.batchItem).toBeCloseTo(m.batch_update_100_products!.median_ms / m.batch_update_100_products!.items_per_call!, 1);
    expect(MEASURED_WINDOWS_MS.orderCreate).toBeCloseTo(m.batch_create_100_orders!.median_ms / m.batch_create_100_orders!.items_per_call!, 0);
  });
});
