/**
 * A whole Tillbridge (the composition root, the demo POS on SQLite, the order flow) working a shop
 * through a store that misbehaves: the fault proxy sits between the engine and the practice
 * store. The run pushes the catalogue, changes prices and stock in the POS, sells and completes
 * web orders, and drives product and order passes while a seeded share of requests meets a fault;
 * then the faults stop and the passes go on until nothing is left to do. What it returns is what
 * the tests and the soak check: the store equal to the POS, no duplicate products, every completed
 * order in the POS exactly once, and what the dashboard's status showed meanwhile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createSqliteDemoPos } from '../../connectors/pos/demo/demo-pos';
import { setDemoStock, updateDemoItem } from '../../connectors/pos/demo/demo-activity';
import { SqliteDriver } from '../../connectors/pos/drivers/sqlite-driver';
import { placeCheckoutOrder } from '../../connectors/woocommerce-emulator/order-checkout';
import { startEmulator, type RunningEmulator } from '../../connectors/woocommerce-emulator/server';
import { openTillbridge, type Tillbridge } from '../../electron/compose/compose';
import type { EngineStatus } from '../../electron/engine/engine-status';
import { skuKey } from '../../electron/engine/items/sku';
import { referenceOrderNumber } from '../../electron/engine/orders/export-reference';
import { parseConfig } from '../../electron/engine/settings/config';
import { FaultProxy, seededRandom, type FaultKind } from './fault-proxy';

/** How far the shared clock of the engine and the store moves each round, by default. */
const STEP_MS = 60_000;

export interface StoreFaultRunOptions {
  items: number;
  rounds: number;
  ordersPerRound: number;
  /** Share of requests that meet a fault while faults are on. */
  rate: number;
  seed: number;
  kinds?: readonly FaultKind[];
  /** How far the engine's and the store's shared clock moves each round (default 1 min). */
  stepMs?: number;
  /** Debugging: sees the Tillbridge and the store at the end, before they are closed. */
  inspect?: (tb: Tillbridge, store: RunningEmulator) => void | Promise<void>;
}

export interface StoreFaultRunResult {
  requests: number;
  faults: Map<FaultKind, number>;
  faultsInjected: number;
  ordersCompleted: number;
  invoices: number;
  duplicateInvoices: string[];
  missingInvoices: string[];
  duplicateProducts: string[];
  /** SKUs whose store price or stock differs from what the POS says, with both values. */
  mismatches: string[];
  webItems: number;
  /** Statuses seen after each pass while the faults were on, and after the faults stopped. */
  troubledStatuses: number;
  statusesDuringFaults: number;
  finalStatus: EngineStatus;
  /** Every message the run left: logs, run records, problems, journal errors (for the secret scan). */
  texts: string[];
  secrets: string[];
  convergenceRounds: number;
  trace: string[];
}

export async function runStoreFaultScenario(opts: StoreFaultRunOptions): Promise<StoreFaultRunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tb-faults-'));
  const random = seededRandom(opts.seed ^ 0x5eed);
  let store: RunningEmulator | null = null;
  let proxy: FaultProxy | null = null;
  let tb: Tillbridge | null = null;
  const posFile = join(dir, 'pos.sqlite');
  const pos = new SqliteDriver({ file: posFile });
  try {
    await createSqliteDemoPos(posFile, { items: opts.items, seed: opts.seed });
    // The engine and the store share one clock that runs ahead by a step each round, as if the
    // shop went on for hours: export backoffs and the circuit breaker's pauses pass without waiting.
    let offsetMs = 0;
    store = await startEmulator({ clock: { nowMs: () => Date.now() + offsetMs } });
    proxy = new FaultProxy(store.url, { rate: 0, seed: opts.seed, ...(opts.kinds ? { kinds: opts.kinds } : {}), slowMs: 100 });
    await proxy.start();
    proxy.tracing = process.env.TB_TRACE === '1';
    const logs: string[] = [];
    const now = () => new Date(Date.now() + offsetMs);
    const config = parseConfig({
      dataDir: join(dir, 'data'),
      store: { url: proxy.url, consumerKey: store.state.keys.ck, consumerSecret: store.state.keys.cs, authMode: 'basic', timeoutMs: 1000 },
      pos: { profile: 'demo', driver: 'sqlite', sqlite: { file: posFile } },
      sync: { pollSeconds: 1, orderPollSeconds: 1, fullSyncMinutes: 60 },
      orders: { guests: 'create' },
    });
    tb = openTillbridge(config, { lock: false, log: (l) => logs.push(l), now, storeOptions: { sleep: async () => undefined } });
    const engine = tb.engine;
    const api = directApi(store);

    // The first push of the catalogue already meets the faults (creates whose answers are lost are
    // the duplicate risk); the order side starts its watermark once a poll gets through.
    proxy.rate = opts.rate;
    const statuses: EngineStatus[] = [];
    await engine.syncProducts({ trigger: 'manual' });
    statuses.push(engine.status());
    for (let i = 0; i < 10 && (await engine.exportOrders({ trigger: 'manual' })).status === 'failed'; i++) offsetMs += opts.stepMs ?? STEP_MS;
    // The merchant publishes what arrived so far, so shoppers can buy it.
    const products = [...store.state.products.values()].filter((p) => p.type === 'simple' && (p.stockQuantity ?? 0) >= 3);
    for (const p of products) await api('PUT', `products/${p.id}`, { status: 'publish' });
    const items = ((await pos.query('SELECT ID FROM ITEMS WHERE WEB = 1 AND PARENT_ID IS NULL')) as Record<string, number>[]).map((r) => ({ id: Number(r.ID ?? r.id) }));

    const completed: number[] = [];
    for (let round = 0; round < opts.rounds; round++) {
      // The shop: a few price changes and deliveries at the till, web orders placed and completed.
      for (let i = 0; i < 3; i++) {
        const item = items[Math.floor(random() * items.length)]!;
        if (random() < 0.5) await updateDemoItem(pos, item.id, { PRICE1: (5 + Math.floor(random() * 9000) / 100).toFixed(2) });
        else await setDemoStock(pos, item.id, 'MAIN', Math.floor(random() * 40));
      }
      for (let i = 0; i < opts.ordersPerRound; i++) {
        const p = products[Math.floor(random() * products.length)];
        if (!p) break;
        const r = placeCheckoutOrder(store.state, { lines: [{ sku: p.sku, quantity: 1 }], status: 'processing',
          billing: { first_name: 'Shopper', last_name: `R${round}`, email: `shopper${i % 4}@example.test` } });
        if (!r.ok) continue;
        if (random() < 0.8) { await api('PUT', `orders/${r.order.id}`, { status: 'completed' }); completed.push(r.order.id); }
      }
      await engine.syncProducts({ trigger: 'schedule', incremental: true });
      statuses.push(engine.status());
      await engine.exportOrders({ trigger: 'schedule' });
      statuses.push(engine.status());
      offsetMs += opts.stepMs ?? STEP_MS;
    }
    const troubled = statuses.filter((s) => !s.health.store.ok || s.state !== 'ok').length;

    // The store recovers: passes go on until a complete pass fails nothing and every order is marked.
    proxy.rate = 0;
    let convergenceRounds = 0;
    const journalState = () => engine.orders!.journal.counts();
    for (; convergenceRounds < 20; convergenceRounds++) {
      offsetMs += opts.stepMs ?? STEP_MS;
      const products = await engine.syncProducts({ trigger: 'manual' });
      await engine.exportOrders({ trigger: 'manual' });
      const counts = journalState();
      const busy = counts.waiting + counts.exporting + counts.exported;
      if (products.status === 'ok' && busy === 0) break;
    }
    const final = await engine.syncProducts({ trigger: 'manual' });
    void final;

    // The store against the POS.
    const read = await tb.pos.readItems();
    const allocated = engine.allocation!.allocatedBySku();
    const bySku = new Map<string, { id: number; regularPrice: string; stockQuantity: number | null }[]>();
    for (const p of store.state.products.values()) {
      if (!p.sku) continue;
      const k = skuKey(p.sku);
      bySku.set(k, [...(bySku.get(k) ?? []), p]);
    }
    const duplicateProducts = [...bySku].filter(([, ps]) => ps.length > 1).map(([k]) => k);
    const held = new Set(engine.errors.open('product').filter((e) => !e.retryable).map((e) => skuKey(e.itemKey)));
    const mismatches: string[] = [];
    let webItems = 0;
    for (const item of read.items) {
      if (!item.onWeb || !item.sku || held.has(skuKey(item.sku))) continue;
      webItems++;
      const found = bySku.get(skuKey(item.sku))?.[0];
      if (!found) { mismatches.push(`${item.sku}: not in the store`); continue; }
      if (item.isParent) continue;
      const wantStock = Math.max(0, item.onHand - (allocated.get(skuKey(item.sku)) ?? 0));
      if (item.regularPrice !== null && Number(found.regularPrice) !== Number(item.regularPrice)) mismatches.push(`${item.sku}: price ${found.regularPrice} in the store, ${item.regularPrice} in the POS`);
      if (found.stockQuantity !== wantStock) mismatches.push(`${item.sku}: stock ${found.stockQuantity} in the store, ${wantStock} from the POS (on hand ${item.onHand}, allocated ${allocated.get(skuKey(item.sku)) ?? 0})`);
    }

    // Invoices against completed orders.
    const posDb = new Database(posFile, { readonly: true });
    const invoices = posDb.prepare('SELECT EXTERNAL_REF AS ref FROM INVOICES').all() as { ref: string }[];
    posDb.close();
    const perNumber = new Map<string, number>();
    for (const inv of invoices) { const n = referenceOrderNumber(String(inv.ref)); perNumber.set(n, (perNumber.get(n) ?? 0) + 1); }
    const numbers = completed.map(String); // the emulator's order number is its id, as in WooCommerce without a numbering plugin
    const duplicateInvoices = [...perNumber].filter(([, n]) => n > 1).map(([k]) => k);
    const missingInvoices = numbers.filter((n) => !perNumber.has(n));

    const texts = [...logs, ...collectTexts(tb.db)];
    await opts.inspect?.(tb, store);
    return {
      requests: proxy.requests, faults: new Map(proxy.injected), faultsInjected: proxy.totalInjected,
      ordersCompleted: completed.length, invoices: invoices.length, duplicateInvoices, missingInvoices, duplicateProducts, mismatches, webItems,
      troubledStatuses: troubled, statusesDuringFaults: statuses.length, finalStatus: engine.status(), texts,
      secrets: [store.state.keys.cs], convergenceRounds, trace: proxy.trace,
    };
  } finally {
    await tb?.close();
    await pos.close();
    await proxy?.stop();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every text the state database keeps that a person or a log reader could see. */
export function collectTexts(db: import('better-sqlite3').Database): string[] {
  const out: string[] = [];
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
  for (const table of tables) {
    const rows = db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
    for (const row of rows) for (const v of Object.values(row)) if (typeof v === 'string') out.push(v);
  }
  return out;
}

function directApi(store: RunningEmulator) {
  const auth = 'Basic ' + Buffer.from(`${store.state.keys.ck}:${store.state.keys.cs}`).toString('base64');
  return async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${store.url}/wp-json/wc/v3/${path}`, { method, headers: { authorization: auth, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
}
