/**
 * The stock part of the product flow when a StockGuard is present (stock-guard/RACE.md). Each
 * batch of updates, exactly as large as one of the store's write requests (`writeBatchSize`), is
 *   1. preceded by a read of the store's current stock for exactly those products; `stockToWrite`
 *      keeps off sale the units of checkouts the order copy does not know yet, and a SKU whose
 *      store already holds the value is not written at all;
 *   2. sent as a move (`stock: { move: value − what was read }`), which the store applies to its
 *      value at the moment it handles the item, so a checkout landing between our read and our
 *      write is not overwritten (an absolute value only where the store does not manage stock yet);
 *   3. settled with the basis of each confirmed write, in the transaction of the pushed values;
 *   4. followed at once by a re-poll of the orders: every written SKU the fresh order copy
 *      contradicts is read and checked again and, if the store is off, moved again; rounds repeat
 *      while `anotherRound` says so.
 * Price-only updates ride along in the same batches, untouched and without any read.
 */
import type { RepolledOrder, StockGuard } from '../stock-guard/stock-guard';
import { SerialQueue } from './lanes';
import { anchored, anotherRound, correctionsAfterWrite, landedSince, needsStockCheck, stockToWrite, type StockWrite, type WrittenStock } from '../stock-guard/stock-race';
import type { StoreCatalogPort, ItemChange, StoreItemRef, WriteOutcome } from '../../../connectors/core/store-catalog-port';
import { itemChange } from './product-mapper';
import type { UpdateAction } from './product-plan';
import { desiredStock } from '../items/web-values';

/** Reads of one batch's stock at most, while polls keep explaining what the store holds. */
const MAX_CHECKS = 3;

/** One correction made after a re-poll, as the run reports it. */
export interface StockCorrectionRecord {
  sku: string;
  /** The value the store was moved to. */
  value: number;
  reason: 'order-landed' | 'drift';
  orders: string[];
  round: number;
}

/** What the guarded stock writes did in one run (for the run message and the tests). */
export interface StockRunStats {
  /** SKUs whose store stock was read before a first write. */
  checked: number;
  /** Stock values sent in first writes (corrections not included). */
  written: number;
  /** Checked SKUs whose store already held the right value: no stock sent. */
  kept: number;
  /** Units kept off sale for checkouts the order copy did not know yet at the write. */
  unknownTaken: number;
  repolls: number;
  /** Re-polls that failed: those SKUs are checked again on the next cycle. */
  repollFailures: number;
  /** Written SKUs an order touched around the write that the store had already accounted for. */
  confirmed: number;
  corrections: StockCorrectionRecord[];
}

/** How outcomes go back to the product flow, which owns links, pushed values, counts and errors. */
export interface StockSettler {
  /** A write's outcome; `count` is false for corrections (the SKU was counted by its first write). */
  settle(u: UpdateAction, outcome: WriteOutcome, count: boolean): void;
  /** No write was needed: the store already holds `stock` (and the prices did not change). */
  kept(u: UpdateAction, stock: number): void;
  transaction(fn: () => void): void;
}

/** Sends one batch (at most the store's write batch size) to the right endpoint; one outcome per item, in order. */
export type SendBatch = (items: readonly ItemChange[]) => Promise<WriteOutcome[]>;

export interface StockWriterOptions {
  safetyBuffer: number;
  /** POS on-hand per SKU key, from this run's items (desired values are recomputed from it). */
  onHand: ReadonlyMap<string, number>;
  log?: (line: string) => void;
}

/**
 * For planning: which linked SKUs need their store stock checked although the plan found no
 * change (WooCommerce moved stock for a known order, or the SKU has no basis yet).
 */
export function stockCheckFor(guard: StockGuard, keys: Iterable<string>): (key: string, desired: number) => boolean {
  const list = [...keys];
  const taken = guard.taken(list);
  const bases = guard.bases(list);
  return (key, desired) => needsStockCheck(desired, taken.get(key) ?? 0, bases.get(key) ?? null);
}

/**
 * A line for the run history when stock had to be corrected after a write (orders that landed
 * meanwhile, or drift); null when nothing needed it. Not an error: nobody has to act.
 */
export function stockRunMessage(stats: StockRunStats | undefined): string | null {
  if (!stats || stats.corrections.length === 0) return null;
  const parts = stats.corrections.map((c) => c.reason === 'order-landed' ? `${c.sku} → ${c.value} (order ${c.orders.join(', ')})` : `${c.sku} → ${c.value} (drift)`);
  return `Stock corrected right after writing: ${parts.join('; ')}.`;
}

/** One SKU's stock decision after the read. */
interface Checked {
  u: UpdateAction;
  write: StockWrite;
  desired: number;
  /** The store's value when read; null when it does not manage the stock (or did not list it). */
  current: number | null;
  /** The taken counter the decision was made with. */
  taken: number;
  /** Stock goes into this write. */
  send: boolean;
}

type Written = WrittenStock & { u: UpdateAction };
type BasisEntry = { key: string; basis: StockWrite['basis']; desired: number };

/**
 * Writes one run's updates through the guard. Make one per run. Several batches may be written at
 * once (the product flow's lanes); each keeps its own read → move → re-check order, and re-polls
 * run one at a time. A re-poll moves the order watermark for everyone, so a batch looks at the
 * orders of every re-poll since its read, not only of its own.
 */
export class StockWriter {
  readonly stats: StockRunStats = { checked: 0, written: 0, kept: 0, unknownTaken: 0, repolls: 0, repollFailures: 0, confirmed: 0, corrections: [] };
  /** The lowest store stock read per SKU key in this run (before any write; oversell detection looks for values below 0). */
  readonly storeReads = new Map<string, number>();
  private readonly polls = new SerialQueue();
  /** Every order the re-polls of this run read, in order. */
  private readonly repolled: RepolledOrder[] = [];

  constructor(private readonly guard: StockGuard, private readonly catalog: StoreCatalogPort, private readonly opts: StockWriterOptions) {}

  /** Records the basis of stock values just created (call inside the create's transaction). */
  recordCreated(entries: readonly { key: string; stock: number }[]): void {
    if (entries.length === 0) return;
    const taken = this.guard.taken(entries.map((e) => e.key));
    this.guard.saveBases(entries.map((e) => ({ key: e.key, desired: e.stock, basis: { written: e.stock, taken: taken.get(e.key) ?? 0 } })));
  }

  /**
   * The updates of one endpoint (products, or one parent's variations), in batches of exactly the
   * store's write request size: each batch's stock is read right before that request goes out.
   */
  async write(list: readonly UpdateAction[], parentId: number | null, send: SendBatch, settler: StockSettler): Promise<void> {
    const size = Math.max(1, Math.floor(this.catalog.writeBatchSize));
    for (let i = 0; i < list.length; i += size) await this.writeBatch(list.slice(i, i + size), parentId, send, settler);
  }

  private async writeBatch(batch: readonly UpdateAction[], parentId: number | null, send: SendBatch, settler: StockSettler): Promise<void> {
    const since = this.guard.storeTimeBefore();
    const mark = this.repolled.length;
    const stocked = batch.filter(hasStock);
    const checked = await this.check(stocked, parentId);
    for (const c of checked.values()) {
      this.stats.checked++;
      this.stats.unknownTaken += c.write.unknownTaken;
    }

    const outgoing: { u: UpdateAction; c: Checked | undefined }[] = [];
    const keptOnly: Checked[] = [];
    for (const u of batch) {
      const c = checked.get(u.key);
      if (!c && hasStock(u)) {
        // Its orders did not settle: the stock waits for the next pass, the prices go now.
        if (u.parts.prices) outgoing.push({ u: { ...u, parts: { prices: true, stock: false } }, c });
      } else if (!c) outgoing.push({ u, c });
      else if (!c.send && !u.parts.prices) keptOnly.push(c);
      else outgoing.push({ u: { ...u, values: { ...u.values, stock: c.write.value }, parts: { prices: u.parts.prices, stock: c.send } }, c });
    }
    const outcomes = outgoing.length > 0 ? await send(outgoing.map((o) => toItem(o.u, o.c))) : [];

    const written: Written[] = [];
    const ignored: Checked[] = [];
    settler.transaction(() => {
      const bases: BasisEntry[] = [];
      outgoing.forEach(({ u, c }, i) => {
        const outcome = outcomes[i]!;
        settler.settle(u, outcome, true);
        if (!c || !outcome.ok) return;
        if (c.send && deltaIgnored(c, outcome.item)) { ignored.push(c); return; }
        bases.push({ key: u.key, basis: c.write.basis, desired: c.desired });
        if (c.send) {
          written.push({ key: u.key, value: c.write.value, u });
          this.stats.written++;
        } else this.stats.kept++;
      });
      for (const c of keptOnly) {
        settler.kept(c.u, c.write.value);
        bases.push({ key: c.u.key, basis: c.write.basis, desired: c.desired });
        this.stats.kept++;
      }
      this.guard.saveBases(bases);
    });
    if (ignored.length > 0) written.push(...await this.absoluteAfterIgnoredDelta(ignored, send, settler));
    const anchors = [...checked.values()].filter((c) => c.write.unexplained > 0 && written.some((w) => w.key === c.u.key));
    if (written.length > 0) await this.verify(written, anchors, parentId, { since, mark }, send, settler);
  }

  /**
   * Reads the store's stock for these updates and decides each one's write from the basis, the
   * taken counter and the desired value (all per SKU key). The read always follows the order
   * copy it is compared with. Where the store holds more than the basis explains, the order copy
   * is probably behind on a cancellation: orders are polled and the stock read again, while the
   * poll keeps finding news for those SKUs (a few times at most). What is still unexplained when
   * a poll brings nothing new is a hand edit: the POS's value is written over it. A SKU whose
   * orders never settle is left for the next pass (its basis stays, so it is checked again).
   */
  private async check(list: readonly UpdateAction[], parentId: number | null): Promise<Map<string, Checked>> {
    const out = new Map<string, Checked>();
    if (list.length === 0) return out;
    let pending = [...list];
    let takenBefore: Map<string, number> | null = null;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const current = await this.catalog.readStock(pending.map((u) => ({ id: u.link.storeId!, parentId })));
      const keys = pending.map((u) => u.key);
      const allocated = this.guard.allocated(keys);
      const taken = this.guard.taken(keys);
      const bases = this.guard.bases(keys);
      const again: UpdateAction[] = [];
      for (const u of pending) {
        const desired = this.desiredOf(u, allocated);
        const now = current.get(u.link.storeId!) ?? null;
        if (now !== null) this.storeReads.set(u.key, Math.min(now, this.storeReads.get(u.key) ?? now));
        const t = taken.get(u.key) ?? 0;
        const write = now === null
          ? absoluteWrite(u.key, desired, t)
          : stockToWrite({ key: u.key, current: now, desired, taken: t, basis: bases.get(u.key) ?? null });
        const settled = write.unexplained === 0 || (takenBefore !== null && takenBefore.get(u.key) === t);
        if (!settled && attempt >= MAX_CHECKS) continue; // left for the next pass
        if (!settled) { again.push(u); continue; }
        // An adopted product gets its stock (and stock management) once, whatever it holds.
        out.set(u.key, { u, write, desired, current: now, taken: t, send: write.changed || u.adopt === true });
      }
      if (again.length === 0) break;
      try {
        this.stats.repolls++;
        await this.repollFrom(this.repolled.length);
      } catch (e) {
        this.stats.repollFailures++;
        this.opts.log?.(`Orders could not be read before a stock write (${(e as Error).message}); ${again.length} SKU(s) are checked again on the next pass.`);
        break;
      }
      takenBefore = taken;
      pending = again;
    }
    return out;
  }

  /** Re-polls orders and checks again the written SKUs the fresh order copy contradicts (RACE.md step 3). */
  private async verify(first: Written[], anchors: readonly Checked[], parentId: number | null, start: { since: string; mark: number }, send: SendBatch, settler: StockSettler): Promise<void> {
    let written = first;
    let readAt = start.since;
    let from = start.mark;
    for (let round = 1; written.length > 0; round++) {
      let orders;
      try {
        this.stats.repolls++;
        orders = await this.repollFrom(from);
      } catch (e) {
        this.stats.repollFailures++;
        this.opts.log?.(`Orders could not be read again after a stock write (${(e as Error).message}); ` +
          `${written.length} SKU(s) are checked again on the next cycle.`);
        return;
      }
      if (round === 1) this.anchorHandEdits(anchors);
      const allocated = this.guard.allocated(written.map((w) => w.key));
      const desiredNow = new Map(written.map((w) => [w.key, this.desiredOf(w.u, allocated)]));
      const suspects = correctionsAfterWrite(written, desiredNow, landedSince(orders, readAt, (o) => o.keys));
      if (suspects.length === 0) return;

      readAt = this.guard.storeTimeBefore();
      from = this.repolled.length;
      const byKey = new Map(written.map((w) => [w.key, w.u]));
      const list: UpdateAction[] = suspects.map((s) => ({ ...byKey.get(s.key)!, parts: { prices: false, stock: true }, adopt: false }));
      const checked = await this.check(list, parentId);
      const moving = list.filter((u) => checked.get(u.key)?.send === true);
      const outcomes = moving.length > 0 ? await send(moving.map((u) => toItem(u, checked.get(u.key)))) : [];
      const next: Written[] = [];
      settler.transaction(() => {
        const bases: BasisEntry[] = [];
        for (const s of suspects) {
          const c = checked.get(s.key);
          if (!c) continue; // its orders did not settle: checked again on the next pass
          const i = moving.indexOf(c.u);
          if (i < 0) {
            // The store had already applied what happened (a move is never overwritten): nothing to correct.
            this.stats.confirmed++;
            bases.push({ key: s.key, basis: c.write.basis, desired: c.desired });
            continue;
          }
          const outcome = outcomes[i]!;
          settler.settle({ ...c.u, values: { ...c.u.values, stock: c.write.value } }, outcome, false);
          if (!outcome.ok) continue;
          this.stats.corrections.push({ sku: c.u.displaySku, value: c.write.value, reason: s.reason, orders: s.orders, round });
          this.opts.log?.(s.reason === 'order-landed'
            ? `Stock of ${c.u.displaySku} corrected to ${c.write.value} at once: order ${s.orders.join(', ')} landed while it was being written.`
            : `Stock of ${c.u.displaySku} corrected to ${c.write.value}: the store's value had drifted from the orders.`);
          bases.push({ key: s.key, basis: c.write.basis, desired: c.desired });
          next.push({ key: s.key, value: c.write.value, u: c.u });
        }
        this.guard.saveBases(bases);
      });
      if (!anotherRound(round, next.length)) return;
      written = next;
    }
  }

  /**
   * A fresh re-poll (after any other lane's re-poll in flight), then every order re-polled in this
   * run since `from`: another lane's re-poll may have read, and moved the watermark past, an order
   * that landed while this batch was written.
   */
  private async repollFrom(from: number): Promise<RepolledOrder[]> {
    await this.polls.run(async () => { this.repolled.push(...await this.guard.repoll()); });
    const latest = new Map<string, RepolledOrder>();
    for (const o of this.repolled.slice(from)) latest.set(o.number, o);
    return [...latest.values()];
  }

  /**
   * SKUs whose store held more than the basis explained: if the poll right after the write shows
   * no order behind it (the taken counter did not move), it was a hand edit, which the POS's
   * value has overwritten; the basis forgets it instead of waiting for an order to net it out.
   */
  private anchorHandEdits(anchors: readonly Checked[]): void {
    if (anchors.length === 0) return;
    const takenNow = this.guard.taken(anchors.map((c) => c.u.key));
    const bases = anchors.map((c) => ({ key: c.u.key, basis: anchored(c.write, c.taken, takenNow.get(c.u.key) ?? 0), desired: c.desired }));
    this.guard.saveBases(bases.filter((b, i) => b.basis !== anchors[i]!.write.basis));
  }

  /**
   * The store answered a move with its stock unchanged: it does not apply stock moves (an old
   * version or a plugin in the way). Those SKUs get the absolute value, as without a guard.
   */
  private async absoluteAfterIgnoredDelta(ignored: readonly Checked[], send: SendBatch, settler: StockSettler): Promise<Written[]> {
    this.opts.log?.(`The store did not apply a stock move for ${ignored.map((c) => c.u.displaySku).join(', ')}; absolute values are written instead.`);
    const list = ignored.map((c) => ({ ...c.u, values: { ...c.u.values, stock: c.write.value }, parts: { prices: false, stock: true } }));
    const outcomes = await send(list.map((u) => toItem(u, undefined)));
    const out: Written[] = [];
    settler.transaction(() => {
      const bases: BasisEntry[] = [];
      list.forEach((u, i) => {
        settler.settle(u, outcomes[i]!, false);
        if (!outcomes[i]!.ok) return;
        const c = ignored[i]!;
        bases.push({ key: u.key, basis: c.write.basis, desired: c.desired });
        out.push({ key: u.key, value: c.write.value, u });
        this.stats.written++;
      });
      this.guard.saveBases(bases);
    });
    return out;
  }

  /** on-hand − allocated − buffer now; an item leaving the web (or deleted in the POS) wants 0. */
  private desiredOf(u: UpdateAction, allocated: ReadonlyMap<string, number>): number {
    if (u.reason !== null) return Math.min(0, desiredStock(0, allocated.get(u.key) ?? 0, this.opts.safetyBuffer));
    const onHand = this.opts.onHand.get(u.key);
    if (onHand === undefined) return u.values.stock ?? 0; // not read in this run: the planned value
    return desiredStock(onHand, allocated.get(u.key) ?? 0, this.opts.safetyBuffer);
  }
}

/** The value for a product whose current stock is unknown: the absolute one (nothing to keep off). */
function absoluteWrite(key: string, desired: number, taken: number): StockWrite {
  const value = Math.floor(desired);
  return { key, value, unknownTaken: 0, unexplained: 0, basis: { written: value, taken }, changed: true };
}

function hasStock(u: UpdateAction): boolean {
  return u.parts.stock && u.values.stock !== null && u.link.storeId !== null;
}

/**
 * A move down answered with exactly the value we had read: the store ignored the move (checkouts
 * only lower stock further, so an applied move cannot give that answer unless a cancellation
 * restocked the same units meanwhile). Only moves down matter here: an ignored move up leaves
 * the store offering less than it could, never more.
 */
function deltaIgnored(c: Checked, item: StoreItemRef): boolean {
  return c.current !== null && c.u.adopt !== true && c.write.value < c.current && item.stockQuantity === c.current;
}

/**
 * The change: prices as the plan says, stock as a move from the value read, or the absolute
 * value where the store holds none and on adoption (which also turns stock management on). Never
 * an absolute value otherwise, not even 0: a checkout it overwrote would, once cancelled, give
 * back units the store never took off.
 */
function toItem(u: UpdateAction, c: Checked | undefined): ItemChange {
  const id = u.link.storeId!;
  const adopt = u.adopt === true;
  if (!c) return itemChange(id, u.values, u.parts, adopt);
  const prices = itemChange(id, u.values, { prices: u.parts.prices, stock: false });
  if (!c.send) return prices;
  if (c.current === null || adopt) {
    return itemChange(id, { ...u.values, stock: c.write.value }, { prices: u.parts.prices, stock: true }, adopt);
  }
  return { ...prices, stock: { move: c.write.value - c.current } };
}
