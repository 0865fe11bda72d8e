import type { StockBasis } from './stock-race';

/** An order a re-poll read, with the SKU keys of its lines (to name the orders behind a correction). */
export interface RepolledOrder {
  number: string;
  dateModifiedGmt: string;
  keys: readonly string[];
}

/**
 * What the product flow needs from the order side to write stock without handing back the units
 * of live checkouts (RACE.md beside this file). The product flow stays free of order details: it
 * asks for allocation, the taken counter and the per-SKU basis, records bases after confirmed
 * writes, and asks for an immediate re-poll after each write batch. Without a guard the product
 * flow writes absolute values planned from the allocation it was given, as before.
 */
export interface StockGuard {
  /**
   * Units the written stock value must leave out, per SKU key, from the local order copy as it is
   * now: allocated units, less those WooCommerce holds back itself for pending checkouts
   * (held-by-store.ts). 0 for keys with none.
   */
  allocated(keys: Iterable<string>): Map<string, number>;
  /** Units WooCommerce holds off its stock for known orders, per SKU key (the taken counter). */
  taken(keys: Iterable<string>): Map<string, number>;
  /** What the last confirmed write per SKU key was based on; keys never written are absent. */
  bases(keys: Iterable<string>): Map<string, StockBasis>;
  /** Records confirmed writes. Called inside the product flow's transaction with the pushed values. */
  saveBases(entries: readonly { key: string; basis: StockBasis; desired: number }[]): void;
  /**
   * Polls the store's orders again at once (the normal incremental poll) and returns the orders
   * it read. Throws when the store cannot be reached; the written SKUs are checked next cycle.
   */
  repoll(): Promise<RepolledOrder[]>;
  /**
   * A store time (UTC seconds) safely before now, allowing for clock skew: orders modified at or
   * after it count as having landed around a write.
   */
  storeTimeBefore(): string;
}
