/**
 * The suite's own hands on the store, through the public APIs only: WooCommerce's REST API
 * (`/wp-json/wc/v3`, as the merchant and the back office use it) and the Store API
 * (`/wp-json/wc/store/v1`, as a shopper's browser does: GET /cart for Cart-Token and Nonce, then
 * add-item and checkout with both). Nothing here knows whether the store is real or emulated.
 * Errors name the method, path and the store's code and message, never the keys.
 */

export interface StoreAccess {
  url: string;
  key: string;
  secret: string;
  /** How the keys travel: Basic (HTTPS, or a store that allows it on HTTP) or query-string parameters. */
  auth: 'basic' | 'query';
}

export class StoreCallError extends Error {
  constructor(readonly method: string, readonly path: string, readonly status: number, readonly code: string, message: string) {
    super(`${method} ${path}: ${status} ${code} ${message}`);
    this.name = 'StoreCallError';
  }
}

export interface RestAnswer<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** Store JSON, read freely by the suite. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- store JSON
export type Json = any;

export class StoreClient {
  private readonly base: string;
  /** Requests sent, for the record: REST as the merchant, Store API as shoppers. */
  readonly sent = { rest: 0, storeApi: 0 };

  constructor(private readonly access: StoreAccess) {
    this.base = access.url.replace(/\/+$/, '');
  }

  /**
   * A REST call (`path` relative to `namespace`, wc/v3 unless a plugin's is named); returns status,
   * body and headers whatever the status.
   */
  async raw<T = Json>(method: string, path: string, body?: unknown, namespace = 'wc/v3'): Promise<RestAnswer<T>> {
    const rel = path.replace(/^\//, '');
    let url = `${this.base}/wp-json/${namespace}/${rel}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.access.auth === 'basic') {
      headers.authorization = 'Basic ' + Buffer.from(`${this.access.key}:${this.access.secret}`).toString('base64');
    } else {
      url += `${rel.includes('?') ? '&' : '?'}consumer_key=${encodeURIComponent(this.access.key)}&consumer_secret=${encodeURIComponent(this.access.secret)}`;
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    this.sent.rest++;
    const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = text === '' ? null : JSON.parse(text); } catch { /* not JSON: keep the text */ }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** A REST call that must succeed (2xx); throws StoreCallError otherwise. */
  async call<T = Json>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await this.raw<Json>(method, path, body);
    if (r.status < 200 || r.status >= 300) throw callError(method, path, r);
    return r.body as T;
  }

  /** Every page of a list (100 a page). */
  async all<T = Json>(path: string): Promise<T[]> {
    const out: T[] = [];
    for (let page = 1; page < 1000; page++) {
      const r = await this.raw<T[]>('GET', `${path}${path.includes('?') ? '&' : '?'}per_page=100&page=${page}`);
      if (r.status !== 200) throw callError('GET', path, r);
      out.push(...r.body);
      const pages = Number(r.headers.get('x-wp-totalpages') ?? '1');
      if (page >= pages || r.body.length === 0) break;
    }
    return out;
  }

  /** The store's count of a list (X-WP-Total), e.g. orders in any status. */
  async total(path: string): Promise<number> {
    const r = await this.raw('GET', `${path}${path.includes('?') ? '&' : '?'}per_page=1`);
    if (r.status !== 200) throw callError('GET', path, r);
    return Number(r.headers.get('x-wp-total') ?? (Array.isArray(r.body) ? r.body.length : 0));
  }

  /** Products and variations carrying exactly this SKU (the store compares without letter case). */
  async bySku(sku: string): Promise<Json[]> {
    return this.call<Json[]>('GET', `products?sku=${encodeURIComponent(sku)}&per_page=100`);
  }

  /** A shopper with a fresh cart. */
  shopper(): Shopper {
    return new Shopper(this.base, this.sent);
  }
}

function callError(method: string, path: string, r: RestAnswer<Json>): StoreCallError {
  const code = typeof r.body === 'object' && r.body !== null ? String(r.body.code ?? '') : '';
  const message = typeof r.body === 'object' && r.body !== null ? String(r.body.message ?? '') : String(r.body).slice(0, 200);
  return new StoreCallError(method, path.split('?')[0]!, r.status, code, message);
}

export interface CheckoutResult {
  accepted: boolean;
  orderId: number | null;
  status: string | null;
  /** The store's error code when refused (e.g. out of stock). */
  code: string | null;
}

/** The address every test shopper checks out with (a US address, so the store's checks pass). */
export function shopperAddress(email: string, n: number): Record<string, string> {
  return {
    first_name: 'Test', last_name: `Shopper ${n}`, company: '', address_1: '1 Market Street', address_2: '', city: 'San Francisco',
    state: 'CA', postcode: '94105', country: 'US', email, phone: '5550100',
  };
}

/**
 * One shopper's session on the Store API, as a browser keeps it: the Cart-Token and Nonce from
 * GET /cart go with every later request.
 */
export class Shopper {
  private token = '';
  private nonce = '';

  constructor(private readonly base: string, private readonly sent: { storeApi: number }) {}

  private async send(method: string, route: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers['cart-token'] = this.token;
    if (this.nonce) headers.nonce = this.nonce;
    if (body !== undefined) headers['content-type'] = 'application/json';
    this.sent.storeApi++;
    const res = await fetch(`${this.base}/wp-json/wc/store/v1/${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    this.token = res.headers.get('cart-token') ?? this.token;
    this.nonce = res.headers.get('nonce') ?? this.nonce;
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = text === '' ? null : JSON.parse(text); } catch { /* keep text */ }
    return { status: res.status, body: parsed };
  }

  /** GET /cart: starts the session (Cart-Token and Nonce). */
  async open(): Promise<void> {
    const r = await this.send('GET', 'cart');
    if (r.status !== 200 || !this.token || !this.nonce) throw new Error(`GET cart: ${r.status}, Cart-Token ${this.token ? 'sent' : 'missing'}, Nonce ${this.nonce ? 'sent' : 'missing'}`);
  }

  /** POST /cart/add-item; false (with the store's code) when the store refuses, e.g. out of stock. */
  async add(id: number, quantity: number): Promise<{ ok: boolean; code: string | null }> {
    const r = await this.send('POST', 'cart/add-item', { id, quantity });
    if (r.status === 200 || r.status === 201) return { ok: true, code: null };
    return { ok: false, code: String(r.body?.code ?? r.status) };
  }

  /** POST /checkout with cash on delivery. */
  async checkout(email: string, n: number): Promise<CheckoutResult> {
    const address = shopperAddress(email, n);
    const { email: _e, ...shipping } = address;
    const r = await this.send('POST', 'checkout', { billing_address: address, shipping_address: shipping, payment_method: 'cod' });
    if (r.status === 200 && r.body && typeof r.body.order_id === 'number') {
      return { accepted: true, orderId: r.body.order_id, status: String(r.body.status ?? ''), code: null };
    }
    // A refused checkout may leave a checkout-draft order behind; the clean-up sweeps those by their lines.
    return { accepted: false, orderId: null, status: null, code: String(r.body?.code ?? r.status) };
  }
}
