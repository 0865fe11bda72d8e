/**
 * The concurrent checkout rounds of the real-store suite: per round, a SKU the store shows 2 units
 * of, its stock S0 read through REST, then 5 simultaneous Store API checkouts while Tillbridge's
 * order and product passes run back to back; at the end the books say who oversold
 * (oversell-books.ts) and whether Tillbridge reported it.
 */
import { expect } from 'vitest';
import { isWrite } from './engine-proxy';
import { judgeSku, type CheckoutRound } from './oversell-books';
import type { Json } from './store-client';
import { PassLoop } from './suite-engine';
import { BUFFER, RACE, ROUNDS, SHOPPERS, type SuiteRun } from './suite-run';

/** Rounds of simultaneous Store API checkouts on a SKU with little stock while Tillbridge passes run; who oversold. */
export async function checkoutRounds(run: SuiteRun): Promise<string> {
  const e = run.eng;
  const r = run.table;
  if (!e.tb) e.open();
  const ids = new Map<string, number>();
  for (const short of RACE) {
    const item = await run.one(run.sku(short));
    ids.set(run.sku(short), item.id);
    await run.publishForShoppers(item.id);
  }
  await e.settle();
  const mark = run.proxy.seen.length;
  const loop = new PassLoop(e);
  loop.start();
  try {
    for (let k = 0; k < ROUNDS; k++) {
      const s = run.sku(RACE[k]!);
      const id = ids.get(s)!;
      // Tillbridge has caught up with everything before this round (a pass that changed nothing).
      await loop.quietSince(loop.started);
      const shoppers = Array.from({ length: SHOPPERS }, () => run.store.shopper());
      await Promise.all(shoppers.map((sh) => sh.open()));
      const carts = await Promise.all(shoppers.map((sh) => sh.add(id, 1)));
      const s0 = Number((await run.store.call('GET', `products/${id}`)).stock_quantity ?? 0);
      const results = await Promise.all(shoppers.map((sh, i) => (carts[i]!.ok ? sh.checkout(run.email(`round${k + 1}-${i + 1}`), i + 1) : Promise.resolve(null))));
      let accepted = 0;
      for (const res of results) {
        if (res?.orderId) run.ledger.orders.add(res.orderId);
        if (res?.accepted) accepted++;
      }
      const round: CheckoutRound = { round: k + 1, sku: s, s0, attempted: SHOPPERS, accepted };
      r.rounds.push(round);
      r.checkouts.attempted += SHOPPERS;
      r.checkouts.accepted += accepted;
      r.checkouts.refused += SHOPPERS - accepted;
      r.orders.storeApi += accepted;
    }
    await loop.quietSince(loop.started);
  } finally {
    await loop.stop();
  }
  const engineWrites = run.proxy.since(mark).filter(isWrite).length;
  const stockNow = await Promise.all([...ids.values()].map(async (id) => Number((await run.store.call('GET', `products/${id}`)).stock_quantity)));

  // The books, from the store's orders and the POS; the detections from Tillbridge's problems.
  const holding = new Set(['pending', 'processing', 'on-hold', 'completed']);
  const sold = new Map<string, number>();
  for (const o of await run.store.all<Json>('orders?status=any')) {
    if (!holding.has(o.status)) continue;
    for (const line of o.line_items as Json[]) if (ids.has(line.sku)) sold.set(line.sku, (sold.get(line.sku) ?? 0) + Number(line.quantity));
  }
  const detected = e.oversoldEver();
  r.verdicts = [];
  for (const s of ids.keys()) {
    r.verdicts.push(judgeSku({ sku: s, webSold: sold.get(s) ?? 0, onHandBeforeOrders: await run.pos.onHand(s), safetyBuffer: BUFFER,
      detected: detected.has(s) }, r.rounds));
  }
  expect(r.verdicts.filter((v) => v.byTillbridge > 0), 'oversells added by Tillbridge').toEqual([]);
  expect(r.verdicts.filter((v) => v.undetected), 'oversells Tillbridge did not report').toEqual([]);
  const byStore = r.verdicts.reduce((n, v) => n + v.byStore, 0);
  return `${r.rounds.reduce((n, x) => n + x.accepted, 0)} of ${ROUNDS * SHOPPERS} accepted; store oversold ${byStore} unit(s), Tillbridge added 0, all detected; ` +
    `Tillbridge sent ${engineWrites} write request(s) meanwhile; store stock after: ${stockNow.join(', ')}`;
}
