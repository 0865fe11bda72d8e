/**
 * The Tillbridge Stock Guard plugin in the store under test, when it is there
 * (connectors/woocommerce/stock-guard/). A staging store without it is reported as such and the
 * scenario passes (Tillbridge works without it); on the emulator the scenario installs the plugin
 * for itself and removes it afterwards. With it:
 * - five simultaneous Store API checkouts of one unit on a product with stock 3: exactly three are
 *   accepted and the stock ends at 0 (WooCommerce alone accepts four or five: real-store-facts.md);
 * - Tillbridge's own catalogue (the adapter the engine uses) sends 20 stock moves of +1 while ten
 *   shoppers check out one unit each, all at once: the moves go to the plugin's route, not as
 *   inventory_delta, and the stock ends exactly at start + 20 − accepted (no unit lost).
 */
import { expect } from 'vitest';
import { createWooAdapter } from '../../connectors/woocommerce/woo-adapter';
import { STOCK_GUARD_NAMESPACE } from '../../connectors/woocommerce/woo-stock-guard';
import type { Json } from './store-client';
import type { SuiteRun } from './suite-run';

export async function stockGuardPlugin(run: SuiteRun): Promise<string> {
  const emulator = run.target.kind === 'emulator';
  const control = (body: unknown) => fetch(`${run.target.url}/__emulator/stock-guard-plugin`, { method: 'POST', body: JSON.stringify(body) });
  let status = await run.store.raw<Json>('GET', 'status', undefined, STOCK_GUARD_NAMESPACE);
  if (status.status === 404 && emulator) {
    expect((await control({ installed: true })).status).toBe(200);
    status = await run.store.raw<Json>('GET', 'status', undefined, STOCK_GUARD_NAMESPACE);
  }
  if (status.status === 404) return 'the store has no Stock Guard plugin: nothing to check (Tillbridge uses inventory_delta there)';
  expect(status.status, JSON.stringify(status.body)).toBe(200);
  if (status.body.enabled !== true) return `the store has Stock Guard ${String(status.body.version)} switched off: nothing to check`;
  try {
    return await withPlugin(run, String(status.body.version));
  } finally {
    if (emulator) await control({ installed: false });
  }
}

async function withPlugin(run: SuiteRun, version: string): Promise<string> {
  const sku = run.sku('GUARD');
  run.ledger.skus.add(sku);
  const created = await run.store.call<Json>('POST', 'products', {
    name: 'Suite Stock Guard item', sku, regular_price: '2.00', manage_stock: true, stock_quantity: 3, status: 'publish', virtual: true,
  });
  const id = Number(created.id);
  run.ledger.products.add(id);
  const stock = async () => Number((await run.store.call<Json>('GET', `products/${id}`)).stock_quantity);

  // 1. Five checkouts at once on the last 3 units.
  const first = await checkoutsAtOnce(run, id, 5, 'guard-a');
  expect(first, 'checkouts accepted of 5 on stock 3').toBe(3);
  expect(await stock()).toBe(0);

  // 2. Tillbridge's moves and checkouts at once.
  await run.store.call('PUT', `products/${id}`, { stock_quantity: 40 });
  const adapter = createWooAdapter({ url: run.target.url, consumerKey: run.target.key, consumerSecret: run.target.secret, authMode: run.target.auth });
  const moves = Array.from({ length: 20 }, () => adapter.catalog.updateProducts([{ id, stock: { move: 1 } }]));
  const [outcomes, accepted] = await Promise.all([Promise.all(moves), checkoutsAtOnce(run, id, 10, 'guard-b')]);
  expect(outcomes.flat().filter((o) => !o.ok), 'moves refused').toEqual([]);
  expect(adapter.stockGuard.known(), 'Tillbridge found the plugin').toEqual(expect.objectContaining({ installed: true, enabled: true }));
  const end = await stock();
  expect(end, `40 + 20 moves − ${accepted} checkouts`).toBe(40 + 20 - accepted);
  return `Stock Guard ${version}: 3 of 5 checkouts accepted on stock 3 (stock 0); 20 moves through the plugin and ${accepted} checkouts at once: stock ${end}, no unit lost`;
}

/** `n` shoppers with one unit each, checking out at the same moment; how many were accepted. */
async function checkoutsAtOnce(run: SuiteRun, id: number, n: number, who: string): Promise<number> {
  const shoppers = Array.from({ length: n }, () => run.store.shopper());
  await Promise.all(shoppers.map((sh) => sh.open()));
  const carts = await Promise.all(shoppers.map((sh) => sh.add(id, 1)));
  expect(carts.filter((c) => !c.ok), 'add-item refused').toEqual([]);
  const results = await Promise.all(shoppers.map((sh, i) => sh.checkout(run.email(`${who}-${i + 1}`), i + 1)));
  const t = run.table;
  for (const r of results) {
    if (r.orderId !== null) run.ledger.orders.add(r.orderId);
    t.checkouts.attempted++;
    if (r.accepted) { t.checkouts.accepted++; t.orders.storeApi++; } else t.checkouts.refused++;
  }
  return results.filter((r) => r.accepted).length;
}
