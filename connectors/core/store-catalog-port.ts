/**
 * What the product flow needs from the store, in the engine's terms. The WooCommerce connector
 * implements it (connectors/woocommerce/woo-catalog.ts); batching, paging, retries of reads and
 * endpoint routing live there, business rules live here.
 */

/** A product or variation as the store holds it; only the fields the product flow reads. */
export interface StoreItemRef {
  id: number;
  /** Parent product id for a variation; null for a product. */
  parentId: number | null;
  type: string;
  sku: string;
  status: string;
  regularPrice: string;
  salePrice: string;
  dateOnSaleFrom: string | null;
  dateOnSaleTo: string | null;
  manageStock: boolean;
  stockQuantity: number | null;
}

/** Why one write did not happen (or might have happened). */
export interface StoreFailure {
  code: string;
  message: string;
  hint?: string;
  httpStatus?: number;
  retryable: boolean;
  /** The request may have reached the store before the answer was lost (timeout, dropped connection). */
  uncertain?: boolean;
  /** For a duplicate SKU: the product or variation that already has it. */
  resourceId?: number;
}

export type WriteOutcome = { ok: true; item: StoreItemRef } | { ok: false; error: StoreFailure };

export interface ItemUpdate {
  id: number;
  payload: Record<string, unknown>;
}

/** Which stock to read: a product (parentId null) or a variation under its parent. */
export interface StockTarget {
  id: number;
  parentId: number | null;
}

export interface StoreCatalogPort {
  /** Exact SKU lookups (products and variations, any status but trash). */
  findBySkus(skus: readonly string[]): Promise<StoreItemRef[]>;
  /** One product or variation by id; null when the store has no such id. */
  getById(id: number): Promise<StoreItemRef | null>;
  /**
   * The store's current stock_quantity by id, read just before a stock write (the race with live
   * checkouts, allocation/RACE.md): one request per 100 products, or per 100 variations of a
   * parent. null: stock not managed; an id the store does not list is absent.
   */
  readStock(targets: readonly StockTarget[]): Promise<Map<number, number | null>>;
  /** Creates products; one outcome per payload, in order. A lost batch gives uncertain failures. */
  createProducts(payloads: readonly Record<string, unknown>[]): Promise<WriteOutcome[]>;
  createVariations(parentId: number, payloads: readonly Record<string, unknown>[]): Promise<WriteOutcome[]>;
  updateProducts(updates: readonly ItemUpdate[]): Promise<WriteOutcome[]>;
  updateVariations(parentId: number, updates: readonly ItemUpdate[]): Promise<WriteOutcome[]>;
  /** HTTP requests made so far (for run statistics and the cost benchmarks). */
  requestCount(): number;
}
