/**
 * The emulator's Tillbridge Stock Guard plugin (stock-guard-plugin.ts): its routes only when
 * installed, WooCommerce's key rule on its `wc-` namespace, moves applied in one step (so the
 * inventory_delta race cannot reach them), the off switch, and checkouts that stay atomic with the
 * checkout race on. Races are ordered with a gate, never with timing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RaceEvent } from '../../../connectors/woocommerce-emulator/races';
import type { RunningEmulator } from '../../../connectors/woocommerce-emulator/server';
import { freshStore, simpleProduct, stockOf, variableProduct, type Store } from './orders-stock-helpers';

let s: Store;
beforeEach(async () => {
  s = await freshStore();
});
afterEach(async () => {
  await s.emu.close();
});

async function plugin(emu: RunningEmulator, method: string, path: string, body?: unknown, key: 'rw' | 'ro' | 'none' = 'rw'): Promise<{ status: number; body: Record<string, unknown> }> {
  const { ck, cs, ckRo, csRo } = emu.state.keys;
  const headers: Record<string, string> = body === undefined ? {} : { 'Content-Type': 'application/json' };
  if (key !== 'none') headers.Authorization = `Basic ${Buffer.from(key === 'rw' ? `${ck}:${cs}` : `${ckRo}:${csRo}`).toString('base64')}`;
  const res = await fetch(`${emu.url}/wp-json/wc-tillbridge-stock-guard/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function control(emu: RunningEmulator, body: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${emu.url}/__emulator/stock-guard-plugin`, { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

async function storeApi(emu: RunningEmulator, method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
  const res = await fetch(`${emu.url}/wp-json/wc/store/v1${path}`, {
    method, headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/** A shopper with one unit of `id` in the cart, ready to check out. */
async function shopperWith(emu: RunningEmulator, id: number): Promise<Record<string, string>> {
  const cart = await storeApi(emu, 'GET', '/cart');
  const auth = { 'Cart-Token': cart.headers.get('cart-token')!, Nonce: cart.headers.get('nonce')! };
  expect((await storeApi(emu, 'POST', '/cart/add-item', auth, { id, quantity: 1 })).status).toBe(201);
  return auth;
}

const ADDRESS = { first_name: 'Ana', last_name: 'Ruiz', address_1: 'Calle 1', city: 'Madrid', postcode: '28001', country: 'ES', email: 'ana@example.com' };
const checkout = (emu: RunningEmulator, auth: Record<string, string>) =>
  storeApi(emu, 'POST', '/checkout', auth, { billing_address: ADDRESS, shipping_address: ADDRESS, payment_method: 'cod' });

/** Holds every request that reaches a race window until released. */
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

describe('Stock Guard plugin in the emulator', () => {
  it('is absent by default: both routes answer 404 rest_no_route, even without keys', async () => {
    expect(await plugin(s.emu, 'GET', '/status')).toEqual({ status: 404, body: expect.objectContaining({ code: 'rest_no_route' }) });
    expect((await plugin(s.emu, 'POST', '/moves', { moves: [] }, 'none')).body.code).toBe('rest_no_route');
  });

  it('installed: status tells version and switch; keys are needed, a read-only key may look but not move', async () => {
    expect((await control(s.emu, { installed: true })).status).toBe(200);
    expect(await plugin(s.emu, 'GET', '/status')).toEqual({ status: 200, body: expect.objectContaining({ plugin: 'tillbridge-stock-guard', version: '1.0.0', enabled: true }) });
    expect((await plugin(s.emu, 'GET', '/status', undefined, 'none')).status).toBe(401);
    expect((await plugin(s.emu, 'GET', '/status', undefined, 'ro')).status).toBe(200);
    expect((await plugin(s.emu, 'POST', '/moves', { moves: [] }, 'ro')).status).toBe(401);
    expect((await control(s.emu, { enabled: false })).status).toBe(200);
    expect((await plugin(s.emu, 'GET', '/status')).body.enabled).toBe(false);
    expect(await control(s.emu, { installed: 'yes' })).toEqual({ status: 400, body: { error: 'installed must be true or false' } });
    s.emu.reset();
    expect((await plugin(s.emu, 'GET', '/status')).status).toBe(404);
  });

  it('applies delta and compare-and-set moves by id or SKU, per-item errors, variations and stock status', async () => {
    s.emu.stockGuardPlugin.set({ installed: true });
    const a = await simpleProduct(s, 'A', 5);
    const unmanaged = await simpleProduct(s, 'U', null);
    const { variation } = await variableProduct(s, { variationStock: 4 });
    const r = await plugin(s.emu, 'POST', '/moves', {
      moves: [
        { id: a, delta: -5 }, { sku: 'A', delta: 2 }, { id: a, set: 9, if_current: 3 }, { id: a, set: 7, if_current: 2 },
        { id: variation, delta: -1 }, { id: unmanaged, delta: 1 }, { sku: 'NOPE', delta: 1 }, { id: a, delta: 1.5 },
      ],
    });
    expect(r.status).toBe(200);
    const results = r.body.results as Record<string, unknown>[];
    expect(results.map((x) => (x.ok ? x.stock_quantity : (x.error as { code: string }).code))).toEqual([0, 2, 'tbsg_stock_changed', 7, 3, 'tbsg_stock_not_managed', 'tbsg_not_found', 'tbsg_invalid_move']);
    expect(results[0]!.product).toEqual(expect.objectContaining({ id: a, sku: 'A', manage_stock: true, stock_quantity: 0, regular_price: '10.00' }));
    expect(results[2]!.stock_quantity).toBe(2);
    expect(await stockOf(s, a)).toEqual({ quantity: 7, status: 'instock' });
    expect((await stockOf(s, variation)).quantity).toBe(3);
  });

  it('refuses moves while switched off (409 tbsg_disabled), changing nothing', async () => {
    s.emu.stockGuardPlugin.set({ installed: true, enabled: false });
    const a = await simpleProduct(s, 'OFF', 5);
    const r = await plugin(s.emu, 'POST', '/moves', { moves: [{ id: a, delta: -1 }] });
    expect([r.status, r.body.code]).toEqual([409, 'tbsg_disabled']);
    expect((await stockOf(s, a)).quantity).toBe(5);
  });

  it('moves are out of reach of the inventory_delta race: a checkout inside the window is kept', async () => {
    const gate = new Gate();
    s.emu.races.set({ inventoryDelta: true, gate: gate.gate });
    s.emu.stockGuardPlugin.set({ installed: true });
    const a = await simpleProduct(s, 'RACE', 10);
    // Control: an inventory_delta write enters its window; a checkout commits inside it and is lost.
    const auth = await shopperWith(s.emu, a);
    const put = fetch(`${s.emu.url}/wp-json/wc/v3/products/${a}`, {
      method: 'PUT', headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`${s.emu.state.keys.ck}:${s.emu.state.keys.cs}`).toString('base64')}` },
      body: JSON.stringify({ inventory_delta: 3 }),
    });
    await gate.arrived(1);
    expect((await checkout(s.emu, auth)).status).toBe(200);
    gate.releaseAll();
    expect((await put).status).toBe(200);
    expect((await stockOf(s, a)).quantity).toBe(13); // 10 + 3, the checkout's unit overwritten
    expect(s.emu.races.lost().get(a)).toBe(1);
    // The plugin's move never waits in a window: the same checkout after it is simply applied.
    const auth2 = await shopperWith(s.emu, a);
    const moved = await plugin(s.emu, 'POST', '/moves', { moves: [{ id: a, delta: 3 }] });
    expect((moved.body.results as { stock_quantity: number }[])[0]!.stock_quantity).toBe(16);
    expect((await checkout(s.emu, auth2)).status).toBe(200);
    expect((await stockOf(s, a)).quantity).toBe(15);
    expect(gate.events).toHaveLength(1);
    expect(s.emu.races.lost().get(a)).toBe(1);
  });

  it('with the checkout race on, five checkouts on stock 3 all pass without the plugin, exactly 3 with it', async () => {
    const gate = new Gate();
    s.emu.races.set({ checkout: true, gate: gate.gate });
    const a = await simpleProduct(s, 'LAST', 3);
    const shoppers = await Promise.all(Array.from({ length: 5 }, () => shopperWith(s.emu, a)));
    // Negative control: all five pass the check before any decrement and are all accepted.
    const racing = Promise.all(shoppers.map((sh) => checkout(s.emu, sh)));
    await gate.arrived(5);
    gate.releaseAll();
    expect((await racing).filter((x) => x.status === 200)).toHaveLength(5);
    expect((await stockOf(s, a)).quantity).toBe(-2);

    s.emu.stockGuardPlugin.set({ installed: true });
    const b = await simpleProduct(s, 'GUARDED', 3);
    const guarded = await Promise.all(Array.from({ length: 5 }, () => shopperWith(s.emu, b)));
    const answers = await Promise.all(guarded.map((sh) => checkout(s.emu, sh)));
    expect(answers.filter((x) => x.status === 200)).toHaveLength(3);
    expect(answers.filter((x) => x.status === 409).map((x) => x.body.code)).toEqual(['woocommerce_rest_cart_error', 'woocommerce_rest_cart_error']);
    expect((await stockOf(s, b)).quantity).toBe(0);
    expect(gate.events).toHaveLength(5); // only the control's checkouts waited in the window
  });
});
