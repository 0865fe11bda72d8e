/**
 * A shop under load, for the "no oversell" proof (stock-guard/RACE.md): many live checkouts in
 * parallel against a few SKUs with little stock, a merchant completing and cancelling orders over
 * the REST API, goods arriving in the stockroom, the till selling, and Tillbridge's product passes
 * and order passes running back to back — all real (emulator over HTTP, SQLite state and POS).
 *
 * The books are kept from the store's and the POS's own state, independently of Tillbridge: per
 * SKU, the units web orders hold (pending, processing, on-hold, completed) may never exceed what
 * the POS had for the web, initial + received − sold at the till − buffer. The till sells only
 * units that are neither promised to web orders nor offered by the store at that moment, and only
 * between Tillbridge's passes (a sale during a pass's POS read is the ordinary sync delay, which
 * the safety buffer is for, not the race under test), so any excess is the store selling units
 * Tillbridge should not have offered.
 *
 * With `races` on, the store loses the two races the real one loses (real-store-facts.md): its
 * checkouts check stock, then decrement later (racingCheckout), and its `inventory_delta` writes
 * read, then save (a checkout in between is lost). A gate makes both happen often whatever the
 * machine's speed: inside a checkout's window another shopper sometimes buys the same product,
 * inside an item's delta window a shopper sometimes buys it. The books then tell the store's own
 * oversells apart: units a checkout sold beyond what was available at its decrement (the checkout
 * race), and units of checkouts a delta write overwrote (the store's read-add-save, counted by the
 * emulator); what is left of an excess is what Tillbridge added.
 */
import { placeCheckoutOrder, type CheckoutOptions, type CheckoutOutcome } from '../../connectors/woocommerce-emulator/order-checkout';
import { racingCheckout, type RaceEvent } from '../../connectors/woocommerce-emulator/races';
import { orderStore } from '../../connectors/woocommerce-emulator/order-model';
import { heldStock } from '../../connectors/woocommerce-emulator/order-reservations';
import { findBySku } from '../../connectors/woocommerce-emulator/product-model';
import { referenceOrderNumber } from '../../electron/engine/orders/export-reference';
import type { OrderFixture } from './order-fixture';

/**
 * Tillbridge as the simulation drives it: one product pass and one order pass, never overlapping.
 * Each returns how much it changed (writes sent; orders new, changed or exported), 0 when quiet.
 */
export interface RaceEngine {
  syncProducts(): Promise<number>;
  orderCycle(): Promise<number>;
}

export interface RaceOptions {
  seed: number;
  skus: readonly { sku: string; onHand: number }[];
  buffer: number;
  /** Shopper loops running at once. */
  shoppers: number;
  /** Load phase length in engine rounds (a product pass and an order pass each). */
  rounds: number;
  /** Every event, for a failing seed's post-mortem. */
  trace?: (line: string) => void;
  /** The store's checkout race and inventory_delta race on, made to happen often (see the top). */
  races?: boolean;
}

export interface SkuBooks {
  sku: string;
  initial: number;
  received: number;
  till: number;
  /** Units of web orders in pending, processing, on-hold or completed. */
  webSold: number;
  /** initial + received − till − buffer: what the POS had for the web. */
  forWeb: number;
  storeStock: number;
}

export interface RaceReport {
  checkouts: number;
  refused: number;
  completed: number;
  cancelled: number;
  receipts: number;
  tillSales: number;
  /** Checkpoints at which a SKU's web units stood above what the POS had for the web. */
  oversellEvents: number;
  /** The largest excess seen, in units, over all SKUs. */
  maxOversold: number;
  /** The SKUs seen oversold at some checkpoint. */
  oversoldSkus: string[];
  /** Checkpoints at which the store's stock_quantity stood below 0. */
  negativeSeen: number;
  /** The SKUs seen below 0 in the store at some checkpoint. */
  negativeSkus: string[];
  /** Checkpoints at which an excess was more than the store's own oversells explain: units Tillbridge offered that the POS did not have for the web. */
  addedByTillbridge: number;
  /** The largest such unexplained excess, in units. */
  maxAddedByTillbridge: number;
  /** Units checkouts sold beyond what was available at their decrement (the store's checkout race). */
  storeCheckoutOversold: number;
  /** Units of checkouts the store's delta writes overwrote (its read-add-save). */
  lostToDeltaRace: number;
  /** Checkouts placed inside another checkout's or a delta write's window (races on). */
  checkoutsInWindows: number;
  /** Passes (order + product) it took after the load until one changed nothing; -1: never. */
  settlePasses: number;
  books: SkuBooks[];
}

const OPEN = new Set(['pending', 'processing', 'on-hold']);
const HOLDING = new Set(['pending', 'processing', 'on-hold', 'completed']);

/**
 * Bounds an actor's work per engine round, so a slow machine gets the same load per pass rather
 * than more of it (and the run stays bounded): `take` waits for the next round once the round's
 * budget is spent; `close` lets every waiter go.
 */
class RoundBudget {
  private left: number;
  private waiters: (() => void)[] = [];
  constructor(private readonly perRound: number) { this.left = perRound; }
  async take(): Promise<void> {
    while (this.left <= 0) await new Promise<void>((r) => this.waiters.push(r));
    this.left--;
  }
  refill(): void { this.left = this.perRound; this.release(); }
  close(): void { this.left = Number.POSITIVE_INFINITY; this.release(); }
  private release(): void { const w = this.waiters; this.waiters = []; for (const r of w) r(); }
}

/** A small seeded PRNG (mulberry32), so a seed replays the same choices. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs the load phase, then waits for quiescence; returns the books. */
export async function runCheckoutRace(f: OrderFixture, engine: RaceEngine, opts: RaceOptions): Promise<RaceReport> {
  const rng = seeded(opts.seed);
  const int = (n: number) => Math.floor(rng() * n);
  const trace = opts.trace ?? (() => undefined);
  const state = f.emulator.state;
  const books = new Map(opts.skus.map((s) => [s.sku, { sku: s.sku, initial: s.onHand, received: 0, till: 0 }]));
  const report: RaceReport = { checkouts: 0, refused: 0, completed: 0, cancelled: 0, receipts: 0, tillSales: 0, oversellEvents: 0, maxOversold: 0, oversoldSkus: [], negativeSeen: 0, negativeSkus: [],
    addedByTillbridge: 0, maxAddedByTillbridge: 0, storeCheckoutOversold: 0, lostToDeltaRace: 0, checkoutsInWindows: 0, settlePasses: -1, books: [] };
  /** Per order: units it got beyond what was available at its decrement, by SKU (the store's checkout race). */
  const storeOversold = new Map<number, Map<string, number>>();

  const webSold = (sku: string) => {
    let units = 0;
    for (const o of orderStore(state).orders.values()) {
      if (!HOLDING.has(o.status)) continue;
      for (const l of o.lineItems) if (state.products.get(l.variationId || l.productId)?.sku === sku) units += l.quantity;
    }
    return units;
  };
  const forWeb = (sku: string) => { const b = books.get(sku)!; return b.initial + b.received - b.till - opts.buffer; };
  const storeStock = (sku: string) => findBySku(state, sku)?.stockQuantity ?? 0;
  /** What the store oversold by itself so far for a SKU: checkout-race units of orders still holding it, and units its delta writes lost. */
  const storeOwn = (sku: string) => {
    let units = f.emulator.races.lost().get(findBySku(state, sku)?.id ?? -1) ?? 0;
    for (const o of orderStore(state).orders.values()) if (HOLDING.has(o.status)) units += storeOversold.get(o.id)?.get(sku) ?? 0;
    return units;
  };
  /** A checkpoint: synchronous, so no other actor can move in between. */
  const audit = () => {
    for (const sku of books.keys()) {
      const excess = webSold(sku) - forWeb(sku);
      if (excess > 0) { report.oversellEvents++; report.maxOversold = Math.max(report.maxOversold, excess); if (!report.oversoldSkus.includes(sku)) report.oversoldSkus.push(sku); trace(`OVERSOLD ${sku} by ${excess}`); }
      const added = excess - storeOwn(sku);
      if (added > 0) { report.addedByTillbridge++; report.maxAddedByTillbridge = Math.max(report.maxAddedByTillbridge, added); trace(`ADDED BY TILLBRIDGE ${sku} ${added}`); }
      if (storeStock(sku) < 0) { report.negativeSeen++; if (!report.negativeSkus.includes(sku)) report.negativeSkus.push(sku); trace(`NEGATIVE ${sku} ${storeStock(sku)}`); }
    }
  };

  /** A checkout as the store runs it (racing when switched on); records what it sold beyond what was there. */
  const placeCheckout = async (options: CheckoutOptions): Promise<{ ok: true; id: number } | { ok: false }> => {
    if (!opts.races) {
      const r = placeCheckoutOrder(state, options);
      return r.ok ? { ok: true, id: r.order.id } : { ok: false };
    }
    const r = await racingCheckout(state, f.emulator.races, options);
    if (!r.ok) return { ok: false };
    if (r.oversold) {
      const bySku = new Map<string, number>();
      for (const [id, units] of r.oversold) {
        const sku = state.products.get(id)?.sku ?? '';
        bySku.set(sku, (bySku.get(sku) ?? 0) + units);
        report.storeCheckoutOversold += units;
        trace(`STORE CHECKOUT RACE #${r.order.id} ${sku} +${units} beyond stock`);
      }
      storeOversold.set(r.order.id, bySku);
    }
    return { ok: true, id: r.order.id };
  };

  let stop = false;
  const skus = opts.skus.map((s) => s.sku);
  const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

  const checkouts = new RoundBudget(40);
  const merchantActs = new RoundBudget(6);
  const deliveries = new RoundBudget(1);

  const shopper = async () => {
    while (!stop) {
      await checkouts.take();
      await pause(int(3));
      if (stop) break;
      const first = skus[int(skus.length)]!;
      const lines = [{ sku: first, quantity: 1 + int(3) }];
      if (rng() < 0.2) {
        const second = skus[int(skus.length)]!;
        if (second !== first) lines.push({ sku: second, quantity: 1 + int(2) });
      }
      const roll = rng();
      const status: CheckoutOutcome = roll < 0.55 ? 'processing' : roll < 0.7 ? 'on-hold' : roll < 0.9 ? 'pending' : 'completed';
      const r = await placeCheckout({ lines, status, billing: { email: `shopper${int(50)}@example.com`, first_name: 'Web', last_name: 'Shopper' } });
      if (!r.ok) { report.refused++; continue; } // a refused checkout changes nothing
      report.checkouts++;
      trace(`CHECKOUT #${r.id} ${status} ${JSON.stringify(lines)}`);
      audit();
    }
  };

  const merchant = async () => {
    while (!stop) {
      await merchantActs.take();
      await pause(2 + int(6));
      if (stop) break;
      const open = [...orderStore(state).orders.values()].filter((o) => OPEN.has(o.status));
      if (open.length === 0) continue;
      const order = open[int(open.length)]!;
      // Paid orders get shipped (completed); some are cancelled; an abandoned pending one is either paid late or cancelled.
      const to = order.status === 'pending' ? (rng() < 0.5 ? 'processing' : 'cancelled') : rng() < 0.8 ? 'completed' : 'cancelled';
      const res = await f.call('PUT', `orders/${order.id}`, { status: to });
      if (res.status === 200 && to !== 'processing') report[to === 'completed' ? 'completed' : 'cancelled']++;
      trace(`MERCHANT #${order.id} → ${to}`);
      audit();
    }
  };

  const receive = (sku: string, n: number) => {
    f.pos.db.prepare('UPDATE items SET on_hand = on_hand + ? WHERE sku = ?').run(n, sku);
    books.get(sku)!.received += n;
    report.receipts++;
    trace(`RECEIVED ${sku} +${n}`);
  };

  const stockroom = async () => {
    while (!stop) {
      await deliveries.take();
      await pause(int(20));
      if (stop || rng() < 0.5) continue;
      receive(skus[int(skus.length)]!, 1 + int(4));
    }
  };

  /** The till sells only what is neither promised to web orders nor offered by the store right now. */
  const tillSale = (sku: string) => {
    const p = findBySku(state, sku)!;
    const offered = Math.max(0, (p.stockQuantity ?? 0) - heldStock(state, p.id));
    const n = Math.min(1 + int(3), forWeb(sku) - webSold(sku) - offered);
    if (n <= 0) return;
    f.pos.db.prepare('UPDATE items SET on_hand = on_hand - ? WHERE sku = ?').run(n, sku);
    books.get(sku)!.till += n;
    report.tillSales++;
    trace(`TILL ${sku} -${n}`);
  };

  /**
   * The races' gate: inside a checkout's window another shopper sometimes buys one unit of the
   * same product (both passed the stock check: the checkout race), inside a delta write's item
   * window a shopper sometimes buys it (the store will overwrite that sale). Quiet once the load
   * phase is over, so the store can settle.
   */
  const inWindow = (event: RaceEvent): void => {
    if (stop) return;
    const chance = event.kind === 'checkout-checked' ? 0.3 : 0.5;
    for (const id of Object.keys(event.stock).map(Number)) {
      if (rng() >= chance) continue;
      const r = placeCheckoutOrder(state, { lines: [{ productId: id, quantity: 1 }], status: 'processing', billing: { email: `window${int(50)}@example.com` } });
      if (!r.ok) continue;
      report.checkouts++;
      report.checkoutsInWindows++;
      trace(`CHECKOUT IN ${event.kind} WINDOW #${r.order.id} ${state.products.get(id)?.sku}`);
      audit();
    }
  };
  if (opts.races) {
    f.emulator.races.set({ checkout: true, inventoryDelta: true, gate: async (event) => { inWindow(event); await pause(int(3)); } });
  }

  const actors = [...Array.from({ length: opts.shoppers }, shopper), merchant(), stockroom()];
  // Settled from the start, so an actor failing early is held for the end, not an unhandled rejection.
  const actorsDone = Promise.allSettled(actors);
  try {
    for (let round = 0; round < opts.rounds; round++) {
      if (rng() < 0.4) {
        // A delivery between passes; some of it goes over the counter before Tillbridge offers it.
        const sku = skus[int(skus.length)]!;
        receive(sku, 1 + int(4));
        tillSale(sku);
      }
      await engine.syncProducts();
      audit();
      await engine.orderCycle();
      audit();
      // Ten store seconds a round: old orders leave the poll's overlap window as in a real shop.
      f.advance(10);
      for (const b of [checkouts, merchantActs, deliveries]) b.refill();
    }
  } finally {
    // Also when a pass failed: no actor may outlive the load phase (and touch a closed store or POS).
    stop = true;
    for (const b of [checkouts, merchantActs, deliveries]) b.close();
    await actorsDone;
  }
  for (const r of await actorsDone) if (r.status === 'rejected') throw r.reason; // an actor's own failure fails the run

  // Quiescence, waited for explicitly: passes until one changes nothing at all (bounded).
  for (let pass = 1; pass <= 12; pass++) {
    f.advance(1);
    const moved = (await engine.orderCycle()) + (await engine.syncProducts());
    audit();
    if (moved === 0) { report.settlePasses = pass; break; }
  }
  if (opts.races) {
    for (const units of f.emulator.races.lost().values()) report.lostToDeltaRace += units;
    f.emulator.races.set({ checkout: false, inventoryDelta: false, gate: undefined });
  }
  report.books = skus.map((sku) => {
    const b = books.get(sku)!;
    return { ...b, webSold: webSold(sku), forWeb: forWeb(sku), storeStock: storeStock(sku) };
  });
  return report;
}

/**
 * What the store's stock_quantity should be once everything settled, from the store's and the
 * POS's own books: on-hand − buffer − units of open orders and of completed ones the POS has no
 * invoice for, where units WooCommerce holds back itself for pending checkouts (its reservation
 * keeps them off sale without taking them off stock_quantity) are left in. Below 0 only when those
 * orders hold more than the POS has for the web (oversold): the store then shows what it owes.
 */
export function settledStock(f: OrderFixture, sku: string, buffer: number): number {
  const state = f.emulator.state;
  const invoiced = new Set(f.pos.invoices().map((i) => referenceOrderNumber(i.externalRef ?? '')));
  let outstanding = 0;
  for (const o of orderStore(state).orders.values()) {
    if (!OPEN.has(o.status) && !(o.status === 'completed' && !invoiced.has(String(o.id)))) continue;
    for (const l of o.lineItems) if (state.products.get(l.variationId || l.productId)?.sku === sku) outstanding += l.quantity;
  }
  const held = heldStock(state, findBySku(state, sku)!.id);
  return Math.max(0, f.pos.onHand(sku) - buffer) - Math.max(0, outstanding - held);
}
