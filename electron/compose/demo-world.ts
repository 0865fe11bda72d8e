/**
 * The demo world: an embedded SQLite demo POS and a practice store (the WooCommerce emulator,
 * in memory, in this process on 127.0.0.1), with the configuration that connects Tillbridge to
 * both. `tillbridge demo` and the app's "Start the demo" both build it here, and can let a
 * simulated shop live in it (till sales, deliveries, web checkouts, completed orders).
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createSqliteDemoPos } from '../../connectors/pos/demo/demo-pos';
import { sellDemoItem, setDemoStock } from '../../connectors/pos/demo/demo-activity';
import { SqliteDriver } from '../../connectors/pos/drivers/sqlite-driver';
import { placeCheckoutOrder } from '../../connectors/woocommerce-emulator/order-checkout';
import { startEmulator, type RunningEmulator } from '../../connectors/woocommerce-emulator/server';
import { defaultDataDir, parseConfig, type TillbridgeConfig } from '../engine/settings/config';

export interface DemoWorldOptions {
  /** Items in a new demo POS (default 300); an existing demo POS file is kept as it is. */
  items?: number;
  /** The practice store's port (default 0: any free port). */
  storePort?: number;
  /** The demo's own data folder (default: `demo` in the user's data folder). */
  dataDir?: string;
  /** Lines for a person (what is being made, where the practice store listens). */
  log?: (line: string) => void;
}

/** A demo world: the embedded SQLite demo POS and an in-memory practice store. */
export interface DemoWorld {
  /** Connects Tillbridge to both (its literal secrets are the emulator's built-in demo keys; never saved). */
  config: TillbridgeConfig;
  store: RunningEmulator;
  posFile: string;
  /**
   * Simulates the shop every `seconds`: one event per step, each after the previous one ended.
   * Returns the function that stops it (and waits for the step in progress).
   */
  startActivity(seconds: number, onError?: (e: Error) => void): () => Promise<void>;
  /** Stops the activity and the practice store. The demo POS file stays. */
  close(): Promise<void>;
}

/**
 * Builds the demo world in its own data folder. The practice store lives in memory, so the
 * demo's own state is started afresh each time to match it; the demo POS file is kept.
 */
export async function createDemoWorld(opts: DemoWorldOptions = {}): Promise<DemoWorld> {
  const log = opts.log ?? (() => undefined);
  const items = opts.items ?? 300;
  const dataDir = opts.dataDir ?? join(defaultDataDir(), 'demo');
  mkdirSync(dataDir, { recursive: true });
  for (const f of ['state.sqlite', 'state.sqlite-wal', 'state.sqlite-shm']) rmSync(join(dataDir, f), { force: true });
  const posFile = join(dataDir, 'demo-pos.sqlite');
  if (existsSync(posFile) && !hasSalesTables(posFile)) {
    log('The demo POS predates order export; making a new one.');
    for (const f of [posFile, `${posFile}-wal`, `${posFile}-shm`]) rmSync(f, { force: true });
  }
  if (!existsSync(posFile)) {
    log(`Creating the demo POS with ${items} items in ${posFile} ...`);
    const stats = await createSqliteDemoPos(posFile, { items, seed: 42, referenceDate: new Date().toISOString().slice(0, 10) });
    log(`  ${stats.items} items, ${stats.webItems} of them flagged for the web.`);
  }
  const store = await startEmulator({ port: opts.storePort ?? 0 });
  const keys = store.state.keys;
  const config = parseConfig({
    dataDir,
    store: { url: store.url, consumerKey: keys.ck, consumerSecret: keys.cs, authMode: 'basic' },
    pos: { profile: 'demo', driver: 'sqlite', sqlite: { file: posFile } },
    sync: { pollSeconds: 2, fullSyncMinutes: 30, orderPollSeconds: 5 },
    orders: { guests: 'create' },
  });
  log(`Practice store (a WooCommerce emulator, in memory): ${store.url}/wp-json/wc/v3/products`);
  log(`  API key ${keys.ck} (the emulator's built-in demo key; see README "Practice store")`);

  const activities = new Set<() => Promise<void>>();
  return {
    config, store, posFile,
    startActivity(seconds, onError = () => undefined) {
      const stop = startShopLife(new DemoShop(new SqliteDriver({ file: posFile }), store, items), seconds * 1000, onError);
      const once = async () => { activities.delete(once); await stop(); };
      activities.add(once);
      return once;
    },
    async close() {
      for (const stop of [...activities]) await stop();
      await store.close();
    },
  };
}

function hasSalesTables(file: string): boolean {
  const db = new Database(file, { readonly: true });
  try {
    return Boolean(db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'INVOICES'").get());
  } finally {
    db.close();
  }
}

/** Runs the shop's steps one after another, `everyMs` apart; the returned function stops it. */
function startShopLife(shop: DemoShop, everyMs: number, onError: (e: Error) => void): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> = Promise.resolve();
  const next = () => {
    timer = setTimeout(() => {
      timer = null;
      current = shop.step().catch((e: unknown) => onError(e as Error)).then(() => { if (!stopped) next(); });
    }, everyMs);
  };
  next();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await current;
    await shop.close();
  };
}

/**
 * The demo's shop life, one event per step: a till sale or a delivery in the POS, a shopper's
 * checkout on the practice store (the "merchant" publishes a draft first when none is buyable),
 * or the merchant completing the oldest paid order, which then travels to the POS.
 */
class DemoShop {
  private n = 0;

  constructor(private readonly pos: SqliteDriver, private readonly store: RunningEmulator, private readonly items: number) {}

  async step(): Promise<void> {
    this.n++;
    const itemId = 1 + ((this.n * 7) % Math.max(1, Math.min(this.items, 50)));
    switch (this.n % 4) {
      case 0: await setDemoStock(this.pos, itemId, 'MAIN', 10 + (this.n % 5)); break;
      case 1: await sellDemoItem(this.pos, itemId, 1); break;
      case 2: await this.checkout(); break;
      default: await this.completeOldest();
    }
  }

  close(): Promise<void> {
    return this.pos.close();
  }

  private async checkout(): Promise<void> {
    const products = [...this.store.state.products.values()].filter((p) => p.type === 'simple' && p.sku !== '' && (p.stockQuantity ?? 0) > 0);
    const pick = products[this.n % Math.max(1, products.length)];
    if (!pick) return;
    if (pick.status !== 'publish') await this.merchant('PUT', `products/${pick.id}`, { status: 'publish' });
    placeCheckoutOrder(this.store.state, { lines: [{ sku: pick.sku, quantity: 1 }], status: 'processing',
      billing: { first_name: 'Demo', last_name: `Shopper ${this.n}`, email: `shopper${this.n % 7}@example.test` } });
  }

  private async completeOldest(): Promise<void> {
    const open = await this.merchant('GET', 'orders?status=processing&orderby=id&order=asc&per_page=1') as { id: number }[];
    if (open[0]) await this.merchant('PUT', `orders/${open[0].id}`, { status: 'completed' });
  }

  /** What the shop owner does in WooCommerce's admin, through the REST API. */
  private async merchant(method: string, path: string, body?: unknown): Promise<unknown> {
    const { ck, cs } = this.store.state.keys;
    const res = await fetch(`${this.store.url}/wp-json/wc/v3/${path}`, {
      method, headers: { authorization: 'Basic ' + Buffer.from(`${ck}:${cs}`).toString('base64'), 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return res.json();
  }
}
