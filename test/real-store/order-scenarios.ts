/**
 * The order scenarios of the real-store suite (PRODUCT.md flows 2 and 3): allocation of open web
 * orders, and the export of completed orders to the POS exactly once across SIGKILLs of the
 * engine process (the bundled `tillbridge run`, stopped at exact requests through the proxy).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { skuKey } from '../../electron/engine/items/sku';
import { exportReference } from '../../electron/engine/orders/export-reference';
import { bundleCli } from '../helpers/cli-bundle';
import { EngineProcess } from './engine-process';
import type { ProxyVerdict, SeenRequest } from './engine-proxy';
import { shopperAddress, type Json } from './store-client';
import { BUFFER, type SuiteRun } from './suite-run';

/** Open web orders hold their units back: store stock = POS on-hand − open orders − buffer; a cancellation gives them back. */
export async function allocation(run: SuiteRun): Promise<string> {
  const e = run.eng;
  const alloc = await run.one(run.sku('ALLOC'));
  await run.publishForShoppers(alloc.id);
  const rest = await run.store.call('POST', 'orders', {
    status: 'processing', payment_method: 'cod', payment_method_title: 'Cash on delivery',
    billing: shopperAddress(run.email('alloc-rest'), 1), line_items: [{ product_id: alloc.id, quantity: 3 }],
  });
  run.ledger.orders.add(rest.id);
  run.table.orders.rest++;
  run.openCheckoutOrders.push(await run.checkout(alloc.id, 2, 'alloc-shopper'));
  await e.settle();
  const onHand = await run.pos.onHand(run.sku('ALLOC'));
  expect(e.engine.allocation!.allocationFor([skuKey(run.sku('ALLOC'))]).get(skuKey(run.sku('ALLOC')))?.allocated).toBe(5);
  expect((await run.one(run.sku('ALLOC'))).stock_quantity).toBe(onHand - 5 - BUFFER);

  // The REST order is cancelled: its units are for sale again.
  await run.store.call('PUT', `orders/${rest.id}`, { status: 'cancelled' });
  await e.settle();
  expect((await run.one(run.sku('ALLOC'))).stock_quantity).toBe(onHand - 2 - BUFFER);
  return `on-hand ${onHand}, buffer ${BUFFER}: ${onHand - 5 - BUFFER} with 5 units on open orders, ${onHand - 2 - BUFFER} after one was cancelled`;
}

/** Completed orders reach the POS exactly once although the `tillbridge run` process is SIGKILLed mid-export. */
export async function exportAcrossKills(run: SuiteRun): Promise<string> {
  const e = run.eng;
  const px = run.proxy;
  const p = run.pos;
  const r = run.table;
  const ord = await run.one(run.sku('ORD'));
  await run.publishForShoppers(ord.id);
  const customer = await run.store.call('POST', 'customers', { email: run.email('customer'), first_name: 'Suite', last_name: 'Customer',
    billing: shopperAddress(run.email('customer'), 0) });
  run.ledger.customers.add(customer.id);
  const completed: number[] = [];
  const complete = async (id: number) => {
    await run.store.call('PUT', `orders/${id}`, { status: 'completed' });
    completed.push(id);
    r.orders.completed++;
  };
  let n = 0;
  /** One Store API checkout and one REST order for the customer, both completed by the merchant. */
  const placeAndComplete = async () => {
    n++;
    await complete(await run.checkout(ord.id, 1, `export-${n}`));
    const o = await run.store.call('POST', 'orders', { status: 'processing', customer_id: customer.id, payment_method: 'cod',
      billing: shopperAddress(run.email('customer'), 0), line_items: [{ product_id: ord.id, quantity: 2 }] });
    run.ledger.orders.add(o.id);
    r.orders.rest++;
    await complete(o.id);
  };
  for (const id of run.openCheckoutOrders.splice(0)) await complete(id);

  await e.close(); // the engine process takes over the data folder
  const dir = run.dir;
  const cli = await bundleCli(dir);
  const proc = new EngineProcess(cli, { dir, dataDir: join(dir, 'data'), storeUrl: px.url, authMode: run.target.auth,
    key: run.target.key, secret: run.target.secret, posFile: p.file, safetyBuffer: BUFFER });
  run.proc = proc;
  const journal = (sql: string) => {
    const db = new Database(join(dir, 'data', 'state.sqlite'), { readonly: true, fileMustExist: true });
    try { return db.prepare(sql).all() as { id: number; n: number }[]; } finally { db.close(); }
  };
  const midway = () => journal("SELECT COUNT(*) AS n FROM export_journal WHERE state IN ('exporting', 'exported')")[0]!.n;
  /** Runs the engine process until `hit` says so at one of its requests (answered `verdict`), or it dies. */
  const runUntil = (hit: (req: SeenRequest, nth: number) => boolean, verdict: ProxyVerdict, kill: boolean) => new Promise<void>((resolve, reject) => {
    let seen = 0;
    const child = proc.start();
    const died = (code: number | null, signal: string | null) => {
      px.onRequest = null;
      reject(new Error(`the engine process ended (${code ?? signal}) before the point: ${proc.stderr.slice(-3).join(' / ')}`));
    };
    child.once('exit', died);
    px.onRequest = (req) => {
      if (!hit(req, ++seen)) return 'forward';
      px.onRequest = null;
      child.off('exit', died);
      if (kill) proc.killNow();
      resolve();
      return verdict;
    };
  });
  const marking: Record<string, { method: string; path: RegExp }> = {
    'read-notes': { method: 'GET', path: /\/wp-json\/wc\/v3\/orders\/\d+\/notes$/ },
    'write-meta': { method: 'PUT', path: /\/wp-json\/wc\/v3\/orders\/\d+$/ },
    'add-note': { method: 'POST', path: /\/wp-json\/wc\/v3\/orders\/\d+\/notes$/ },
  };
  const kills: { point: string; verdict: ProxyVerdict }[] = [
    { point: 'read-notes', verdict: 'drop' }, { point: 'write-meta', verdict: 'forward' }, { point: 'add-note', verdict: 'forward' },
    { point: 'nth-request', verdict: 'drop' }, { point: 'write-meta', verdict: 'drop' },
  ];
  try {
    for (const [i, k] of kills.entries()) {
      await placeAndComplete();
      const m = marking[k.point];
      await runUntil((req, nth) => (m ? req.method === m.method && m.path.test(req.path) : nth === 2 + i), k.verdict, true);
      await proc.stop();
      const left = midway();
      r.kills.push(`${k.point}${k.verdict === 'forward' ? ' (store ran it)' : ''}: ${left} midway`);
      if (m) expect(left, `a kill at ${k.point} leaves an order between the POS booking and the store marking`).toBeGreaterThan(0);
    }
    await placeAndComplete();
    // One last engine process runs until every completed order is marked ("marked" in its journal).
    const allMarked = () => {
      const marked = new Set(journal("SELECT order_id AS id, 0 AS n FROM export_journal WHERE state = 'marked'").map((row) => row.id));
      return completed.every((id) => marked.has(id));
    };
    await runUntil(() => allMarked(), 'forward', false);
    await proc.stop('SIGTERM');
  } finally {
    // Also after a failure: the engine process goes, and Tillbridge comes back in this process for the next scenarios.
    px.onRequest = null;
    await proc.stop();
    run.proc = null;
    e.open();
  }

  const invoices = await p.invoices();
  for (const id of completed) {
    const order = await run.store.call('GET', `orders/${id}`);
    const ref = exportReference(px.url, { number: String(order.number), orderKey: order.order_key });
    const mine = invoices.filter((inv) => inv.ref === ref);
    expect(mine.length, `POS invoices for order ${order.number}`).toBe(1);
    const meta = (order.meta_data as Json[]).filter((m) => m.key === '_tillbridge_pos_invoice');
    expect(meta.map((m) => String(m.value)), `invoice meta on order ${order.number}`).toEqual([String(mine[0]!.invoiceNo)]);
    const notes: Json[] = await run.store.call('GET', `orders/${id}/notes`);
    expect(notes.filter((note) => /booked in the POS as invoice/.test(String(note.note))).length, `Tillbridge notes on order ${order.number}`).toBe(1);
  }
  expect(invoices.length, 'POS invoices').toBe(completed.length);
  r.orders.exported = invoices.length;
  return `${completed.length} completed orders, ${invoices.length} POS invoices, ${kills.length} SIGKILLs mid-export`;
}
