/**
 * The race between Tillbridge's stock writes and live checkouts (PRODUCT.md flow 3; the design
 * and its remaining risk are in RACE.md beside this file). Stock writes are absolute, so a value
 * computed from an order snapshot that is seconds old would hand back the units of every checkout
 * since. Two pure pieces close that window:
 *
 * 1. `stockToWrite`: just before writing, the store's current quantity is read; units the store
 *    took off for orders we do not know yet ("unknown takings") are kept off in what we write:
 *        U     = (written last time − current) − (units WooCommerce took for known orders since)
 *        write = desired − max(0, U), not below min(0, desired, current)
 *    which is `current + (desired − written) + (taken since)`: the change caused by the POS and
 *    by allocation, minus what WooCommerce already applied itself. U below zero (the store holds
 *    more than it should, e.g. a hand edit) is not added: the absolute value wins then. The caller
 *    sends `write − current` as a move (`stock: { move }` at the port), which the store applies
 *    to its value at that moment, so checkouts between the read and the write stay applied.
 * 2. `correctionsAfterWrite`: right after a write batch the orders are polled again; with the
 *    fresh mirror the exact desired value is known, and any written SKU whose value differs (an
 *    order landed between our read and our write, or drift) is corrected at once, absolutely.
 */

/** What the last stock write for one SKU key was based on (kept per SKU in stock_basis). */
export interface StockBasis {
  /** The value written. */
  written: number;
  /** Units WooCommerce held off its stock for known orders (store_taken) when we wrote. */
  taken: number;
}

export interface StockWriteInput {
  key: string;
  /** The store's stock quantity, read just before this write. */
  current: number;
  /** on-hand − allocated − buffer from the local mirror now, before the clamp at 0. */
  desired: number;
  /** Units WooCommerce holds off its stock for known orders now (store_taken). */
  taken: number;
  /** null before the first write: then the absolute value is written. */
  basis: StockBasis | null;
}

export interface StockWrite {
  key: string;
  value: number;
  /** Units kept off for checkouts the mirror does not know yet (0 in the absolute case). */
  unknownTaken: number;
  /**
   * Units the store holds above what the basis and the known orders explain: a cancellation the
   * mirror has not seen yet (the basis then nets it out once the order is polled), or a hand edit
   * (which `anchored` drops from the basis once a poll shows no order behind it).
   */
  unexplained: number;
  /** Record this once the write succeeded. */
  basis: StockBasis;
  /** False when the store already holds `value`: nothing to send. */
  changed: boolean;
}

/** The value to write for one SKU (see the file comment). */
export function stockToWrite(input: StockWriteInput): StockWrite {
  // Below 0 only for an oversold SKU (web-values.ts): the store keeps owing those units.
  const target = Math.floor(input.desired);
  let net = 0;
  if (input.basis) {
    const storeMoved = input.basis.written - input.current;
    const knownMoved = input.taken - input.basis.taken;
    net = storeMoved - knownMoved;
  }
  const unknownTaken = Math.max(0, net);
  // Unknown takings never push a value below 0 by themselves (a hand edit may look like them), but a
  // store already below 0 is not lifted to 0 either: its orders are oversold, and lifting it would
  // let a cancellation hand back units the store never had.
  const value = Math.max(Math.min(0, target, input.current), target - unknownTaken);
  // The basis counts the store's unexplained movement as already seen by the taken counter:
  // when the orders behind it become known (a checkout taking units, a cancellation giving them
  // back), the counter catches up with the basis instead of moving past it, which would read as
  // fresh takings (units kept off twice) or a fresh restock (units handed back).
  return { key: input.key, value, unknownTaken, unexplained: Math.max(0, -net), basis: { written: value, taken: input.taken + net }, changed: value !== input.current };
}

/** A SKU written in this batch and the value sent. */
export interface WrittenStock {
  key: string;
  value: number;
}

/** An order the re-poll found that changed after our read (its SKU keys, resolved). */
export interface LandedOrder {
  number: string;
  keys: readonly string[];
}

export interface StockCorrection {
  key: string;
  /** Absolute: desired from the fresh mirror (below 0 only when oversold). */
  value: number;
  /** 'order-landed': an order touching the SKU arrived around the write; 'drift': the store's value was off. */
  reason: 'order-landed' | 'drift';
  orders: string[];
}

/**
 * After a write batch and the re-poll: which written SKUs must be written again, and to what.
 * `desiredNow` holds on-hand − allocated − buffer per key from the refreshed mirror.
 */
export function correctionsAfterWrite(written: readonly WrittenStock[], desiredNow: ReadonlyMap<string, number>, landed: readonly LandedOrder[]): StockCorrection[] {
  const byKey = new Map<string, string[]>();
  for (const o of landed) for (const k of o.keys) byKey.set(k, [...(byKey.get(k) ?? []), o.number]);
  const out: StockCorrection[] = [];
  for (const w of written) {
    const desired = desiredNow.get(w.key);
    if (desired === undefined) continue;
    const value = Math.floor(desired);
    if (value === w.value) continue;
    const orders = byKey.get(w.key) ?? [];
    out.push({ key: w.key, value, reason: orders.length ? 'order-landed' : 'drift', orders });
  }
  return out;
}

/**
 * The basis to keep once a poll after the write showed that no order explains the units the
 * store held above the basis (the taken counter did not move): they were a hand edit, which the
 * POS's value has overwritten, so the basis must not wait for an order to net them out.
 */
export function anchored(write: StockWrite, takenAtCheck: number, takenNow: number): StockBasis {
  if (write.unexplained === 0 || takenNow !== takenAtCheck) return write.basis;
  return { written: write.value, taken: takenAtCheck };
}

/** Orders the re-poll returned that changed at or after `since` (store time; whole seconds, so the same second counts). */
export function landedSince<T extends { number: string; dateModifiedGmt: string }>(orders: readonly T[], since: string, keysOf: (o: T) => readonly string[]): LandedOrder[] {
  return orders.filter((o) => o.dateModifiedGmt >= since).map((o) => ({ number: o.number, keys: keysOf(o) }));
}

/**
 * Whether to run another write-and-check round. Corrections themselves race new checkouts, so
 * rounds repeat while corrections are needed, up to `maxRounds`; what is left after that is
 * marked for the next cycle (seconds later).
 */
export function anotherRound(round: number, corrections: number, maxRounds = 3): boolean {
  return corrections > 0 && round < maxRounds;
}

/**
 * Whether a SKU's store stock must be read and perhaps written in this cycle: its desired value
 * moved away from what we last wrote (POS change, allocation change), or WooCommerce took or gave
 * back stock for a known order since (its count moved), so the store no longer holds our value.
 */
export function needsStockCheck(desired: number, taken: number, basis: StockBasis | null): boolean {
  if (!basis) return true;
  return Math.floor(desired) !== basis.written || taken !== basis.taken;
}
