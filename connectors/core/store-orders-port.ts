import type { StoreOrder, StoreOrderNote } from './store-order';

/**
 * What the order flow needs from the store, in the engine's terms. The WooCommerce connector
 * implements it (connectors/woocommerce/woo-order-store.ts); paging, retries of reads and the
 * REST details live there, the exactly-once rules live in the engine.
 *
 * Every call may throw the adapter's error type; the engine only reads `retryable`,
 * `writeMayHaveHappened`, `message` and `hint` from it (see order-problems.ts).
 */
export interface StoreOrdersPort {
  /**
   * One page of the orders modified strictly after `since` (store UTC seconds; null = every
   * order), in every status the store lists by default, ordered by id ascending so pages stay
   * stable while orders arrive. `offset` counts from the first matching order; the caller
   * overlaps pages and dedupes by id, so an order that leaves the list mid-walk (trashed) cannot
   * shift another one out of sight.
   */
  listModifiedAfter(since: string | null, offset: number, limit: number): Promise<OrderPage>;
  /** The newest `date_modified_gmt` of any order, or null for a store without orders. */
  latestModified(): Promise<string | null>;
  /** Ids of every order currently in one of `statuses` (cheap: ids only). */
  listIdsInStatuses(statuses: readonly string[]): Promise<number[]>;
  /** Full orders by id (at most 100 per call is the caller's job to respect); missing ids are left out. */
  getOrders(ids: readonly number[]): Promise<StoreOrder[]>;
  /** One order; null when the store has no such order (deleted for good). Trashed orders come back with status 'trash'. */
  getOrder(id: number): Promise<StoreOrder | null>;
  /** Sets (adds or overwrites) meta entries. Idempotent; bumps the order's date_modified. */
  setOrderMeta(id: number, entries: readonly { key: string; value: string }[]): Promise<void>;
  /** The order's notes, newest first. */
  listNotes(id: number): Promise<StoreOrderNote[]>;
  /** Adds a private (staff-only) note. Not idempotent: list the notes before adding it again. */
  addPrivateNote(id: number, text: string): Promise<StoreOrderNote>;
  /** HTTP requests made so far, for run statistics and the cost benchmarks. */
  requestCount(): number;
}

export interface OrderPage {
  orders: StoreOrder[];
  /** How many orders match in all (X-WP-Total), when the store said. */
  total: number | undefined;
}
