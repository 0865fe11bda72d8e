/**
 * The stock part of the product flow when a StockGuard is present (allocation/RACE.md). Stock
 * writes are absolute and race live checkouts, so each batch of at most 100 updates is
 *   1. preceded by a read of the store's current stock for exactly those products, from which
 *      `stockToWrite` keeps off sale the units of checkouts the order copy does not know yet
 *      (a SKU whose store already holds the value is not written at all);
 *   2. settled with the basis of each confirmed write, in the transaction of the pushed values;
 *   3. followed at once by a re-poll of the orders and an absolute correction of every written
 *      SKU whose value the fresh order copy contradicts, repeated while `anotherRound` says so.
 * Price-only updates ride along in the same batches, untouched and without any read.
 */
import type { StockGuard } from '../allocation/stock-guard';
import { anotherRound, correctionsAfterWrite, landedSince, needsStockCheck, stockToWrite, type StockWrite, type WrittenStock } from '../allocation/stock-race';
import type { CatalogPort, ItemUpdate, WriteOutcome } from './catalog-port';
import { updatePayload } from './product-mapper';
import type { UpdateAction } from './product-plan';
import { desiredStock } from './web-values';

const BATCH = 100;

/** One correction made after a re-poll, as the run reports it. */
export interface StockCorrectionRecord {
  sku: string;
  value: number;
  reason: 'order-landed' | 'drift';
  orders: string[];
  round: number;
}

/** What the guarded stock writes did in one run (for the run message and the tests). */
export interface StockRunStats {
  /** SKUs whose store stock was read before a write. */
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

/** Sends one batch (≤ 100 items) to the right endpoint; one outcome per item, in order. */
export type SendBatch = (items: readonly ItemUpdate[]) => Promise<WriteOutcome[]>;

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

type Written = WrittenStock & { u: UpdateAction };
type BasisEntry = { key: string; basis: StockWrite['basis']; desired: number };

interface Checked {
  u: UpdateAction;
  write: StockWrite;
  desired: number;
  /** Stock goes into this batch's payload. */
  send: boolean;
}

/** Writes one run's updates through the guard. Make one per run. */
export class StockWriter {
  readonly stats: StockRunStats = { checked: 0, written: 0, kept: 0, unknownTaken: 0, repolls: 0, repollFailures: 0, corrections: [] };

  constructor(private readonly guard: StockGuard, private readonly catalog: CatalogPort, private readonly opts: StockWriterOptions) {}

  /** Records the basis of stock values just created (call inside the create's transaction). */
  recordCreated(entries: readonly { key: string; stock: number }[]): void {
    if (entries.length === 0) return;
    const taken = this.guard.taken(entries.map((e) => e.key));
    this.guard.saveBases(entries.map((e) => ({ key: e.key, desired: e.stock, basis: { written: e.stock, taken: taken.get(e.key) ?? 0 } })));
  }

  /** The updates of one endpoint (products, or one parent's variations), in batches of 100. */
  async write(list: readonly UpdateAction[], parentId: number | null, send: SendBatch, settler: StockSettler): Promise<void> {
    for (let i = 0; i < list.length; i += BATCH) await this.writeBatch(list.slice(i, i + BATCH), parentId, send, settler);
  }

  private async writeBatch(batch: readonly UpdateAction[], parentId: number | null, send: SendBatch, settler: StockSettler): Promise<void> {
    const stocked = batch.filter(hasStock);
    const since = this.guard.storeTimeBefore();
    const checked = new Map<UpdateAction, Checked>();
    if (stocked.length > 0) {
      const current = await this.catalog.readStock(stocked.map((u) => ({ id: u.link.storeId!, parentId })));
      const keys = stocked.map((u) => u.key);
      const allocated = this.guard.allocated(keys);
      const taken = this.guard.taken(keys);
      const bases = this.guard.bases(keys);
      for (const u of stocked) {
        const desired = this.desiredOf(u, allocated);
        const now = current.get(u.link.storeId!);
        const write = now === undefined || now === null
          ? absoluteWrite(u.key, desired, taken.get(u.key) ?? 0) // not listed, or stock not managed yet
          : stockToWrite({ key: u.key, current: now, desired, taken: taken.get(u.key) ?? 0, basis: bases.get(u.key) ?? null });
        // An adopted product gets its stock (and stock management) once, whatever it holds.
        checked.set(u, { u, write, desired, send: write.changed || u.adopt === true });
        this.stats.checked++;
        this.stats.unknownTaken += write.unknownTaken;
      }
    }

    const outgoing: { u: UpdateAction; c: Checked | undefined }[] = [];
    const keptOnly: Checked[] = [];
    for (const u of batch) {
      const c = checked.get(u);
      if (!c) outgoing.push({ u, c });
      else if (!c.send && !u.parts.prices) keptOnly.push(c);
      else outgoing.push({ u: { ...u, values: { ...u.values, stock: c.write.value }, parts: { prices: u.parts.prices, stock: c.send } }, c });
    }
    const outcomes = outgoing.length > 0 ? await send(outgoing.map((o) => toItem(o.u))) : [];

    const written: Written[] = [];
    settler.transaction(() => {
      const bases: BasisEntry[] = [];
      outgoing.forEach(({ u, c }, i) => {
        const outcome = outcomes[i]!;
        settler.settle(u, outcome, true);
        if (!c || !outcome.ok) return;
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
    if (written.length > 0) await this.verify(written, since, send, settler);
  }

  /** Re-polls orders and corrects written SKUs at once, round after round (RACE.md step 2). */
  private async verify(first: Written[], since: string, send: SendBatch, settler: StockSettler): Promise<void> {
    let written = first;
    let readAt = since;
    for (let round = 1; written.length > 0; round++) {
      let orders;
      try {
        this.stats.repolls++;
        orders = await this.guard.repoll();
      } catch (e) {
        this.stats.repollFailures++;
        this.opts.log?.(`Orders could not be read again after a stock write (${(e as Error).message}); ` +
          `${written.length} SKU(s) are checked again on the next cycle.`);
        return;
      }
      const keys = written.map((w) => w.key);
      const allocated = this.guard.allocated(keys);
      const byKey = new Map(written.map((w) => [w.key, w]));
      const desiredNow = new Map(written.map((w) => [w.key, this.desiredOf(w.u, allocated)]));
      const fixes = correctionsAfterWrite(written, desiredNow, landedSince(orders, readAt, (o) => o.keys));
      if (fixes.length === 0) return;

      readAt = this.guard.storeTimeBefore();
      const updates = fixes.map((f) => {
        const u = byKey.get(f.key)!.u;
        return { ...u, values: { ...u.values, stock: f.value }, parts: { prices: false, stock: true }, adopt: false };
      });
      const outcomes = await send(updates.map(toItem));
      const next: Written[] = [];
      settler.transaction(() => {
        const taken = this.guard.taken(updates.map((u) => u.key));
        const bases: BasisEntry[] = [];
        updates.forEach((u, i) => {
          const fix = fixes[i]!;
          settler.settle(u, outcomes[i]!, false);
          this.stats.corrections.push({ sku: u.displaySku, value: fix.value, reason: fix.reason, orders: fix.orders, round });
          this.opts.log?.(fix.reason === 'order-landed'
            ? `Stock of ${u.displaySku} corrected to ${fix.value} at once: order ${fix.orders.join(', ')} landed while it was being written.`
            : `Stock of ${u.displaySku} corrected to ${fix.value}: the store's value had drifted from the orders.`);
          if (!outcomes[i]!.ok) return;
          bases.push({ key: u.key, basis: { written: fix.value, taken: taken.get(u.key) ?? 0 }, desired: desiredNow.get(u.key) ?? fix.value });
          next.push({ key: u.key, value: fix.value, u });
        });
        this.guard.saveBases(bases);
      });
      if (!anotherRound(round, fixes.length)) return;
      written = next;
    }
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
  const value = Math.max(0, Math.floor(desired));
  return { key, value, unknownTaken: 0, basis: { written: value, taken }, changed: true };
}

function hasStock(u: UpdateAction): boolean {
  return u.parts.stock && u.values.stock !== null && u.link.storeId !== null;
}

function toItem(u: UpdateAction): ItemUpdate {
  return { id: u.link.storeId!, payload: updatePayload(u.values, u.parts, u.adopt === true) };
}
