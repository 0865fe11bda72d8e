/**
 * Everything an order-side test needs, all real: the WooCommerce emulator over HTTP (with a fake
 * clock, so "a new second" costs nothing), the store adapter, a fresh state database file and the
 * SQLite test POS. `restart()` drops the engine objects and opens new connections on the same
 * files, as a process restart would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { WooClient } from '../../connectors/woocommerce/woo-client';
import { parseWooConfig } from '../../connectors/woocommerce/woo-config';
import { WooOrderStore } from '../../connectors/woocommerce/woo-order-store';
import { WooOrders } from '../../connectors/woocommerce/woo-orders';
import { FakeClock } from '../../connectors/woocommerce-emulator/clock';
import { startEmulator, type RunningEmulator } from '../../connectors/woocommerce-emulator/server';
import { DEFAULT_KEYS } from '../../connectors/woocommerce-emulator/state';
import { openDatabase } from '../../electron/engine/db/database';
import type { ExportBackoff } from '../../electron/engine/orders/export-backoff';
import { AllocationReader } from '../../electron/engine/allocation/allocation-reader';
import { OrderSide } from '../../electron/engine/orders/order-side';
import { DEFAULT_ORDER_SETTINGS, type OrderSettings } from '../../electron/engine/orders/order-settings';
import type { StoreOrdersPort } from '../../connectors/core/store-orders-port';
import type { PosOrdersPort } from '../../connectors/core/pos-orders-port';
import { SqliteTestPos } from './sqlite-test-pos';

export interface OrderLineInput { sku: string; quantity: number }

export interface OrderInput {
  status?: string;
  lines: OrderLineInput[];
  email?: string;
  customerId?: number;
  setPaid?: boolean;
  extra?: Record<string, unknown>;
}

export interface OrderFixtureOptions {
  settings?: Partial<OrderSettings>;
  /** Wraps the real ports (crash points, counting). */
  wrapStore?: (store: StoreOrdersPort) => StoreOrdersPort;
  wrapPos?: (pos: PosOrdersPort) => PosOrdersPort;
  backoff?: ExportBackoff;
}

export class OrderFixture {
  readonly clock = new FakeClock(Date.UTC(2026, 10, 28, 12, 0, 0));
  emulator!: RunningEmulator;
  client!: WooClient;
  store!: WooOrderStore;
  db!: Database;
  pos!: SqliteTestPos;
  side!: OrderSide;
  /** Allocation over the same state database (the engine builds it beside the order side). */
  allocation!: AllocationReader;
  /** Filled in by `open`: the store's address is the emulator's unless the test names another. */
  settings!: OrderSettings;
  /** The engine's clock (its own, for backoff times): starts with the store's and moves with it. */
  engineNow = new Date(Date.UTC(2026, 10, 28, 12, 0, 0));
  readonly dir = mkdtempSync(join(tmpdir(), 'tb-orders-'));
  private readonly handles: { close(): void }[] = [];

  private constructor(private readonly opts: OrderFixtureOptions) {}

  static async open(opts: OrderFixtureOptions = {}): Promise<OrderFixture> {
    const f = new OrderFixture(opts);
    f.emulator = await startEmulator({ clock: f.clock });
    f.settings = { ...DEFAULT_ORDER_SETTINGS, storeUrl: f.emulator.url, ...opts.settings };
    f.client = new WooClient(parseWooConfig({
      url: f.emulator.url, consumerKey: DEFAULT_KEYS.ck, consumerSecret: DEFAULT_KEYS.cs, authMode: 'basic', timeoutMs: 5000, maxRetries: 1,
    }), { sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 5))) });
    f.store = new WooOrderStore(f.client, new WooOrders(f.client));
    f.openLocal();
    return f;
  }

  /** Opens the state database and the POS on their files, and builds the order side. */
  private openLocal(): void {
    this.db = openDatabase(join(this.dir, 'state.sqlite'));
    this.pos = new SqliteTestPos(join(this.dir, 'pos.sqlite'));
    this.handles.push(this.db, this.pos);
    const store = this.opts.wrapStore ? this.opts.wrapStore(this.store) : this.store;
    const pos = this.opts.wrapPos ? this.opts.wrapPos(this.pos) : this.pos;
    this.side = new OrderSide({ db: this.db, store, pos, settings: this.settings, backoff: this.opts.backoff, now: () => this.engineNow });
    this.allocation = new AllocationReader(this.db, this.settings);
  }

  /**
   * A restart: new connections and engine objects on the same files. The old ones are left as a
   * killed process leaves them (a promise stuck at a crash point never resumes).
   */
  restart(wrap: Pick<OrderFixtureOptions, 'wrapStore' | 'wrapPos'> = {}): void {
    this.opts.wrapStore = wrap.wrapStore;
    this.opts.wrapPos = wrap.wrapPos;
    this.openLocal();
  }

  /** Moves both clocks forward. */
  advance(seconds: number): void {
    this.clock.advance(seconds * 1000);
    this.engineNow = new Date(this.engineNow.getTime() + seconds * 1000);
  }

  /** Calls the store's REST API directly, as the merchant or a checkout would. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- store JSON, read freely in tests
  async call<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const auth = 'Basic ' + Buffer.from(`${DEFAULT_KEYS.ck}:${DEFAULT_KEYS.cs}`).toString('base64');
    const res = await fetch(`${this.emulator.url}/wp-json/wc/v3/${path.replace(/^\//, '')}`, {
      method, headers: { authorization: auth, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() as T };
  }

  /** A published product with managed stock. */
  async product(sku: string, stock = 100, price = '10.00'): Promise<number> {
    const r = await this.call('POST', 'products', { name: `Item ${sku}`, status: 'publish', sku, regular_price: price, manage_stock: true, stock_quantity: stock });
    if (r.status !== 201) throw new Error(`product ${sku}: ${JSON.stringify(r.body)}`);
    return r.body.id as number;
  }

  /** An order created through REST, one second after the previous store event. */
  async order(input: OrderInput): Promise<{ id: number; number: string }> {
    this.advance(1);
    const body: Record<string, unknown> = {
      status: input.status ?? 'processing',
      billing: { first_name: 'Ada', last_name: 'Lovelace', email: input.email ?? 'ada@example.com' },
      line_items: input.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      ...input.extra,
    };
    if (input.customerId !== undefined) body.customer_id = input.customerId;
    if (input.setPaid) body.set_paid = true;
    const r = await this.call('POST', 'orders', body);
    if (r.status !== 201) throw new Error(`order: ${JSON.stringify(r.body)}`);
    return { id: r.body.id as number, number: r.body.number as string };
  }

  async setStatus(id: number, status: string): Promise<void> {
    this.advance(1);
    const r = await this.call('PUT', `orders/${id}`, { status });
    if (r.status !== 200) throw new Error(`status ${status}: ${JSON.stringify(r.body)}`);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- store JSON
  async notes(id: number): Promise<any[]> {
    return (await this.call('GET', `orders/${id}/notes`)).body;
  }

  async meta(id: number, key: string): Promise<unknown> {
    const o = (await this.call('GET', `orders/${id}`)).body as { meta_data: { key: string; value: unknown }[] };
    return o.meta_data.find((m) => m.key === key)?.value;
  }

  async close(): Promise<void> {
    for (const h of this.handles) {
      try { h.close(); } catch { /* already closed */ }
    }
    await this.emulator.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
