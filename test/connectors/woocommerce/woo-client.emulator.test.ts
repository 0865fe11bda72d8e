import { inspect } from 'node:util';
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../connectors/woocommerce-emulator/server';
import { createWooAdapter } from '../../../connectors/woocommerce/woo-adapter';
import { StoreError } from '../../../connectors/woocommerce/woo-errors';
import { WooProducts } from '../../../connectors/woocommerce/woo-products';
import { clientFor, seedProducts, startStore, type Emulator } from './store-fixture';

let emu: Emulator;
beforeAll(async () => {
  emu = await startStore();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  emu.reset();
  emu.faults.clear();
});

const PRODUCTS = '/wp-json/wc/v3/products';
const ZERO_SECRET = 'cs_' + '0'.repeat(40);

async function failure(p: Promise<unknown>): Promise<StoreError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  }
  throw new Error('expected the call to fail');
}

function skusInStore(sku: string): number {
  return [...emu.state.products.values()].filter((p) => (p as { sku?: string }).sku === sku).length;
}

describe('auth modes against the emulator', () => {
  it.each(['basic', 'query', 'oauth1'] as const)('%s: reads and writes', async (authMode) => {
    const { client } = clientFor(emu, { authMode });
    expect(client.authMode).toBe(authMode);
    const created = await client.post<{ id: number; sku: string }>('products', { name: 'Auth', sku: `AU-${authMode}`, status: 'draft', regular_price: '1.00' });
    expect(created.sku).toBe(`AU-${authMode}`);
    const list = await client.get<{ id: number }[]>('products', { params: { sku: `AU-${authMode}` }, fields: ['id', 'sku'] });
    expect(list.map((p) => p.id)).toEqual([created.id]);
    await client.put(`products/${created.id}`, { stock_quantity: 4, manage_stock: true });
    expect((await client.get<{ stock_quantity: number }>(`products/${created.id}`)).stock_quantity).toBe(4);
  });

  it("'auto' over plain http signs with OAuth 1.0a and works", async () => {
    const { client } = clientFor(emu, { authMode: 'auto' });
    expect(client.authMode).toBe('oauth1');
    expect(await client.get('products')).toEqual([]);
  });

  it.each(['basic', 'query', 'oauth1'] as const)('%s with a wrong secret is a permanent 401, tried once', async (authMode) => {
    const c = clientFor(emu, { authMode, secret: ZERO_SECRET });
    const e = await failure(c.client.get('products'));
    expect(e.status).toBe(401);
    expect(e.retryable).toBe(false);
    expect(e.code).toBe('woocommerce_rest_authentication_error');
    // The store's answer shows which scheme was used: a signature check for OAuth, a secret compare otherwise.
    expect(e.message).toMatch(authMode === 'oauth1' ? /OAuth signature/ : /secret does not match/);
    expect(c.calls).toHaveLength(1);
  });

  it('an unknown key is treated as anonymous; the hint suggests the stripped-header fix', async () => {
    const c = clientFor(emu, { key: 'ck_' + '0'.repeat(40), secret: ZERO_SECRET });
    const e = await failure(c.client.get('products'));
    expect(e.status).toBe(401);
    expect(e.hint).toMatch(/auth mode to 'query'/);
  });

  it('a wrong secret never appears in errors or in the client printout', async () => {
    const secret = 'cs_' + 'f'.repeat(40);
    const c = clientFor(emu, { authMode: 'query', secret });
    const e = await failure(c.client.get('products'));
    expect(JSON.stringify(e)).not.toContain(secret);
    expect(inspect(e, { depth: 10 })).not.toContain(secret);
    expect(inspect(c.client, { depth: 10 })).not.toContain(secret);
    expect(JSON.stringify(c.client)).not.toContain(secret);
  });
});

describe('check()', () => {
  it('reports a good read/write connection with the product count', async () => {
    const { client } = clientFor(emu);
    await seedProducts(client, 'CK', 3);
    const r = await client.check();
    expect(r).toMatchObject({ ok: true, reachable: true, canRead: true, canWrite: true, productCount: 3 });
    expect(r.message).toMatch(/can read and write \(3 products/);
  });

  it('reports a read-only key in plain words', async () => {
    const { client } = clientFor(emu, { key: emu.state.keys.ckRo, secret: emu.state.keys.csRo });
    const r = await client.check();
    expect(r).toMatchObject({ ok: false, reachable: true, canRead: true, canWrite: false });
    expect(r.message).toMatch(/read-only/);
    expect(r.hint).toMatch(/Read\/Write/);
  });

  it('reports wrong keys as reachable but refused', async () => {
    const { client } = clientFor(emu, { secret: ZERO_SECRET });
    const r = await client.check();
    expect(r).toMatchObject({ ok: false, reachable: true, canRead: false });
    expect(r.error?.status).toBe(401);
  });

  it('reports an address where nothing listens as unreachable (retryable network error)', async () => {
    const port = await freePort();
    const { client } = clientFor(emu, { url: `http://127.0.0.1:${port}`, maxRetries: 0 });
    const r = await client.check();
    expect(r).toMatchObject({ ok: false, reachable: false });
    expect(r.error?.code).toBe('ECONNREFUSED');
    expect(r.error?.retryable).toBe(true);
  });
});

describe('retryable failures are retried', () => {
  it('503 twice, then the answer', async () => {
    const c = clientFor(emu);
    emu.faults.add({ method: 'GET', path: PRODUCTS, status: 503, times: 2 });
    expect(await c.client.get('products')).toEqual([]);
    expect(c.calls).toHaveLength(3);
    expect(c.retries.map((r) => r.status)).toEqual([503, 503]);
  });

  it('429 with Retry-After: waits at least that long', async () => {
    const c = clientFor(emu);
    emu.faults.add({ method: 'GET', path: PRODUCTS, status: 429, retryAfter: 1 });
    const started = Date.now();
    expect(await c.client.get('products')).toEqual([]);
    expect(c.retries).toHaveLength(1);
    expect(c.retries[0]!.delayMs).toBeGreaterThanOrEqual(1000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('a Retry-After longer than the policy allows fails at once (retryable, with the wait)', async () => {
    const c = clientFor(emu);
    emu.faults.add({ method: 'GET', path: PRODUCTS, status: 503, retryAfter: 600 });
    const e = await failure(c.client.get('products'));
    expect(e.retryable).toBe(true);
    expect(e.retryAfterMs).toBe(600_000);
    expect(c.calls).toHaveLength(1);
  });

  it('a dropped connection on a read', async () => {
    const c = clientFor(emu);
    emu.faults.add({ method: 'GET', path: PRODUCTS, drop: 'before' });
    expect(await c.client.get('products')).toEqual([]);
    expect(c.retries).toHaveLength(1);
    expect(c.retries[0]!.code).toBe('ECONNRESET');
  });

  it('a timeout, then the answer', async () => {
    // The retry must answer within the deadline: give it room on a loaded machine.
    const c = clientFor(emu, { timeoutMs: 3000 });
    emu.faults.add({ method: 'GET', path: PRODUCTS, delayMs: 8000 });
    expect(await c.client.get('products')).toEqual([]);
    expect(c.retries.map((r) => r.code)).toEqual(['tillbridge_timeout']);
  });

  it('a timeout with no retries left is a retryable StoreError naming the limit', async () => {
    const c = clientFor(emu, { timeoutMs: 1000, maxRetries: 0 });
    emu.faults.add({ method: 'GET', path: PRODUCTS, delayMs: 2500 });
    const e = await failure(c.client.get('products'));
    expect(e).toMatchObject({ code: 'tillbridge_timeout', retryable: true });
    expect(e.message).toMatch(/within 1 s/);
  });

  it('gives up after maxRetries and says the failure is retryable', async () => {
    const c = clientFor(emu, { maxRetries: 2 });
    emu.faults.add({ method: 'GET', path: PRODUCTS, status: 502, times: 10 });
    const e = await failure(c.client.get('products'));
    expect(e).toMatchObject({ status: 502, retryable: true });
    expect(c.calls).toHaveLength(3);
  });
});

describe('permanent failures are not retried', () => {
  it('400', async () => {
    const c = clientFor(emu);
    emu.faults.add({ method: 'GET', path: PRODUCTS, status: 400, times: 5 });
    const e = await failure(c.client.get('products'));
    expect(e).toMatchObject({ status: 400, retryable: false });
    expect(c.calls).toHaveLength(1);
  });

  it('404 of a missing product names it', async () => {
    const c = clientFor(emu);
    const e = await failure(c.client.get('products/999999', { item: { productId: 999999 } }));
    expect(e).toMatchObject({ status: 404, code: 'woocommerce_rest_product_invalid_id', retryable: false });
    expect(e.message).toMatch(/^product 999999: /);
    expect(c.calls).toHaveLength(1);
  });

  it('404 rest_no_route for a wrong route explains the address', async () => {
    const c = clientFor(emu);
    const e = await failure(c.client.get('prodcts'));
    expect(e.code).toBe('rest_no_route');
    expect(e.hint).toMatch(/Permalinks/);
    expect(c.calls).toHaveLength(1);
  });
});

describe('non-idempotent creates are never blindly retried', () => {
  const body = { name: 'Once', sku: 'ONCE-1', status: 'draft', regular_price: '3.00' };

  it('a create whose connection dropped after the write: one call, flagged, and the product exists once', async () => {
    const c = clientFor(emu);
    emu.faults.add({ method: 'POST', path: PRODUCTS, drop: 'after' });
    const e = await failure(c.client.post('products', body, { item: { sku: 'ONCE-1' } }));
    expect(e.retryable).toBe(true);
    expect(e.writeMayHaveHappened).toBe(true);
    expect(e.message).toMatch(/^SKU "ONCE-1": .*may have applied/);
    expect(c.calls).toHaveLength(1);
    expect(skusInStore('ONCE-1')).toBe(1);
    // The caller's recovery: look the SKU up instead of creating again.
    const found = await new WooProducts(c.client).findBySkus(['ONCE-1']);
    expect(found.found.get('ONCE-1')).toHaveLength(1);
  });

  it('a create answered 500 is not repeated (the write may exist)', async () => {
    const c = clientFor(emu);
    emu.faults.add({ method: 'POST', path: PRODUCTS, status: 500 });
    const e = await failure(c.client.post('products', body));
    expect(e.writeMayHaveHappened).toBe(true);
    expect(c.calls).toHaveLength(1);
  });

  it('a create refused with 503 (nothing done) is repeated and made exactly once', async () => {
    const c = clientFor(emu);
    emu.faults.add({ method: 'POST', path: PRODUCTS, status: 503 });
    await c.client.post('products', body);
    expect(c.calls).toHaveLength(2);
    expect(skusInStore('ONCE-1')).toBe(1);
  });

  it("an idempotent POST (retry: 'retry') is repeated after a drop", async () => {
    const c = clientFor(emu);
    const [id] = await seedProducts(c.client, 'ID', 1);
    emu.faults.add({ method: 'POST', path: `${PRODUCTS}/batch`, drop: 'after' });
    await c.client.post('products/batch', { update: [{ id, stock_quantity: 9 }] }, { retry: 'retry' });
    expect(c.retries).toHaveLength(1);
    expect((await c.client.get<{ stock_quantity: number }>(`products/${id}`)).stock_quantity).toBe(9);
  });
});

describe('paging', () => {
  it('listAll walks X-WP-TotalPages: 250 products in 3 pages of 100', async () => {
    const c = clientFor(emu);
    await seedProducts(c.client, 'PG', 250);
    c.calls.length = 0;
    const all = await c.client.listAll<{ id: number }>('products', { fields: ['id'], params: { orderby: 'id', order: 'asc' } });
    expect(all).toHaveLength(250);
    expect(new Set(all.map((p) => p.id)).size).toBe(250);
    expect(c.calls.map((r) => r.params?.page)).toEqual(['1', '2', '3']);
    expect(c.calls.every((r) => r.params?.per_page === '100' && r.params._fields === 'id')).toBe(true);
  });

  it('listAll with concurrency gives the same items; iterate yields them lazily', async () => {
    const c = clientFor(emu);
    await seedProducts(c.client, 'PC', 230);
    const sequential = await c.client.listAll<{ id: number }>('products', { fields: ['id'], params: { orderby: 'id', order: 'asc' } });
    const parallel = await c.client.listAll<{ id: number }>('products', { fields: ['id'], params: { orderby: 'id', order: 'asc' }, concurrency: 3 });
    expect(parallel.map((p) => p.id)).toEqual(sequential.map((p) => p.id));
    const seen: number[] = [];
    for await (const p of c.client.iterate<{ id: number }>('products', { fields: ['id'], perPage: 50, params: { orderby: 'id', order: 'asc' } })) seen.push(p.id);
    expect(seen).toEqual(sequential.map((p) => p.id));
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

describe('createWooAdapter', () => {
  it('wires products, orders and customers over one client from raw settings', async () => {
    const adapter = createWooAdapter({ url: emu.url, consumerKey: emu.state.keys.ck, consumerSecret: emu.state.keys.cs, authMode: 'oauth1' });
    expect((await adapter.client.check()).ok).toBe(true);
    expect((await adapter.products.findBySkus(['NONE'])).missing).toEqual(['NONE']);
  });

  it('refuses bad settings with the problems listed', () => {
    expect(() => createWooAdapter({ url: 'shop' })).toThrow(/not a web address/);
  });
});

describe('a stock store on plain http (WooCommerce ignores Basic there)', () => {
  let stock: Emulator;
  beforeAll(async () => {
    stock = await startEmulator({ port: 0, host: '127.0.0.1', authMode: 'stock' });
  });
  afterAll(async () => {
    await stock.close();
  });

  it("'auto' (OAuth 1.0a over http) connects", async () => {
    const r = await clientFor(stock, { authMode: 'auto' }).client.check();
    expect(r).toMatchObject({ ok: true, authMode: 'oauth1' });
  });

  it("forced 'basic' is refused as anonymous, and the hint names the way out", async () => {
    const r = await clientFor(stock, { authMode: 'basic' }).client.check();
    expect(r).toMatchObject({ ok: false, reachable: true, canRead: false });
    expect(r.hint).toMatch(/'oauth1' \(over plain http\)/);
  });
});
