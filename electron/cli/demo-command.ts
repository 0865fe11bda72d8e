import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createSqliteDemoPos } from '../../connectors/pos/demo/demo-pos';
import { sellDemoItem, setDemoStock } from '../../connectors/pos/demo/demo-activity';
import { SqliteDriver } from '../../connectors/pos/drivers/sqlite-driver';
import { placeCheckoutOrder } from '../../connectors/woocommerce-emulator/order-checkout';
import { startEmulator, type RunningEmulator } from '../../connectors/woocommerce-emulator/server';
import Database from 'better-sqlite3';
import { defaultDataDir, parseConfig, type TillbridgeConfig } from '../engine/settings/config';
import { openTillbridge, type Tillbridge } from '../compose/compose';
import { describeProductRun, type Output } from './output';
import { runCommand } from './run-command';

export interface DemoFlags {
  items: number;
  storePort: number;
  dataDir?: string;
  once: boolean;
  /** Simulate till activity (sales, deliveries) every N seconds; 0 = off. */
  activitySeconds: number;
}

/** A demo world: the embedded SQLite demo POS and an in-memory practice store. */
export interface DemoWorld {
  config: TillbridgeConfig;
  store: RunningEmulator;
  posFile: string;
  close(): Promise<void>;
}

/**
 * Builds the demo world in its own data folder. The practice store lives in memory, so the
 * demo's own state is started afresh each time to match it; the demo POS file is kept.
 */
export async function createDemoWorld(flags: Pick<DemoFlags, 'items' | 'storePort' | 'dataDir'>, out: Output): Promise<DemoWorld> {
  const dataDir = flags.dataDir ?? join(defaultDataDir(), 'demo');
  mkdirSync(dataDir, { recursive: true });
  for (const f of ['state.sqlite', 'state.sqlite-wal', 'state.sqlite-shm']) rmSync(join(dataDir, f), { force: true });
  const posFile = join(dataDir, 'demo-pos.sqlite');
  if (existsSync(posFile) && !hasSalesTables(posFile)) {
    out.err('The demo POS predates order export; making a new one.');
    for (const f of [posFile, `${posFile}-wal`, `${posFile}-shm`]) rmSync(f, { force: true });
  }
  if (!existsSync(posFile)) {
    out.err(`Creating the demo POS with ${flags.items} items in ${posFile} ...`);
    const stats = await createSqliteDemoPos(posFile, { items: flags.items, seed: 42, referenceDate: new Date().toISOString().slice(0, 10) });
    out.err(`  ${stats.items} items, ${stats.webItems} of them flagged for the web.`);
  }
  const store = await startEmulator({ port: flags.storePort });
  const keys = store.state.keys;
  const config = parseConfig({
    dataDir,
    store: { url: store.url, consumerKey: keys.ck, consumerSecret: keys.cs, authMode: 'basic' },
    pos: { profile: 'demo', driver: 'sqlite', sqlite: { file: posFile } },
    sync: { pollSeconds: 2, fullSyncMinutes: 30, orderPollSeconds: 5 },
    orders: { guests: 'create' },
  });
  out.err(`Practice store (a WooCommerce emulator, in memory): ${store.url}/wp-json/wc/v3/products`);
  out.err(`  API key ${keys.ck} (the emulator's built-in demo key; see README "Practice store")`);
  return { config, store, posFile, close: () => store.close() };
}

/** `tillbridge demo`: a real sync from the demo POS to the practice store, then the engine on its schedule. */
export async function demoCommand(out: Output, flags: DemoFlags): Promise<number> {
  const world = await createDemoWorld(flags, out);
  let tb: Tillbridge | null = null;
  try {
    tb = openTillbridge(world.config);
    const showProgress = (p: { done: number; total: number; phase: string } | null) => { if (p) out.progress(p.done, p.total, p.phase); };
    const stopProgress = tb.engine.on('progress', showProgress);
    const first = await tb.engine.syncProducts({ trigger: 'manual' });
    stopProgress();
    out.out(describeProductRun(first));
    if (flags.once) return first.status === 'failed' ? 1 : 0;

    const pos = new SqliteDriver({ file: world.posFile });
    let timer: NodeJS.Timeout | null = null;
    if (flags.activitySeconds > 0) {
      out.err(`Simulating the shop every ${flags.activitySeconds} s: till sales and deliveries in the POS, web checkouts and`);
      out.err('completed orders in the practice store. Watch stock, allocation and orders follow.');
      const shop = new DemoShop(pos, world.store, flags.items);
      timer = setInterval(() => { shop.step().catch((e: unknown) => out.err(`demo activity: ${(e as Error).message}`)); }, flags.activitySeconds * 1000);
    }
    const code = await runCommand(tb, out, { quiet: true });
    tb = null; // runCommand closed it
    if (timer) clearInterval(timer);
    await pos.close();
    return code;
  } finally {
    if (tb) await tb.close();
    await world.close();
  }
}

function hasSalesTables(file: string): boolean {
  const db = new Database(file, { readonly: true });
  try {
    return Boolean(db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'INVOICES'").get());
  } finally {
    db.close();
  }
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
