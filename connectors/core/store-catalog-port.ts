/**
 * What the product flow needs from the store, in the engine's terms. The WooCommerce connector
 * implements it (connectors/woocommerce/woo-catalog.ts); batching, paging, retries of reads,
 * endpoint routing, the store's field names and error codes live there, business rules in the
 * engine. Nothing here names a store's field or error code.
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

/**
 * What kind of failure a write met, decided by the store's adapter from its own codes and
 * statuses; the engine decides from this alone.
 * - `not-found`: the product or variation no longer exists in the store (deleted, or moved).
 * - `duplicate-sku`: a create met another product or variation with this SKU; `resourceId` names it.
 * - `in-trash`: a create met a product in the store's trash that still holds this SKU.
 * - `uncertain`: no answer came back; the store may have applied the write (look it up before repeating).
 * - `unavailable`: the store could not be reached or asked us to wait; nothing was applied.
 * - `refused`: the store (or the adapter, before sending) refused the write; trying again will not help
 *   until someone changes something.
 */
export type StoreFailureKind = 'not-found' | 'duplicate-sku' | 'in-trash' | 'uncertain' | 'unavailable' | 'refused';

/** Why one write did not happen (or might have happened). */
export interface StoreFailure {
  kind: StoreFailureKind;
  /** The store's or the adapter's code, for display and logs only (never a decision). */
  code: string;
  message: string;
  hint?: string;
  httpStatus?: number;
  /** Waiting and sending the same write again may help. */
  retryable: boolean;
  /** For `duplicate-sku`: the product or variation that already has the SKU. */
  resourceId?: number;
}

export type WriteOutcome = { ok: true; item: StoreItemRef } | { ok: false; error: StoreFailure };

/**
 * The prices Tillbridge owns, which always travel together: the store silently drops a sale when
 * the regular price alone moves below it. Exact decimal strings, never floats.
 */
export interface Prices {
  regular: string;
  /** '' when there is no sale (clears the store's sale price). */
  sale: string;
  /** Sale window, "YYYY-MM-DDTHH:MM:SS"; '' when there is none (clears the store's date). */
  saleFrom: string;
  saleTo: string;
}

/**
 * A stock write on an existing product or variation (the store manages its stock afterwards):
 * - `set`: the store holds exactly this many units;
 * - `move`: add this many units (negative: take them off) to the stock as the store has it at the
 *   moment it applies the write, so a checkout landing between Tillbridge's stock read and this
 *   write stays applied (stock-guard/RACE.md).
 */
export type StockChange = { set: number } | { move: number };

/** One variation attribute of a variable parent: its name and every option a variation may take. */
export interface ProductAttribute {
  name: string;
  options: string[];
}

interface NewProductBase {
  sku: string;
  name: string;
  /** Creation only, like weight and barcode: afterwards they belong to the merchant. */
  description?: string;
  weight?: string;
  /** GTIN / EAN / UPC / ISBN. */
  barcode?: string;
}

/**
 * A new product. It is always created unpublished (the merchant decides when it goes live);
 * the adapter makes sure the store does not publish it.
 */
export type NewProduct = NewProductBase & (
  /** A simple product: its prices, and its stock (managed by the store from the start). */
  | { kind: 'simple'; prices?: Prices; stock?: number }
  /** A variable parent: no price or stock of its own, the attributes its variations choose from. */
  | { kind: 'variable'; attributes: ProductAttribute[] }
);

/** A new variation under an existing variable parent. */
export interface NewVariation {
  sku: string;
  prices?: Prices;
  /** Units in stock, managed by the store from the start. */
  stock?: number;
  /** The option this variation takes for each of the parent's attributes, in order. */
  attributes: { name: string; option: string }[];
  weight?: string;
  barcode?: string;
}

/** A change to a linked product or variation: only the parts given are written. */
export interface ItemChange {
  id: number;
  prices?: Prices;
  stock?: StockChange;
  /** Turn the store's stock management on (a product made by hand, adopted). */
  manageStock?: true;
}

/** Which stock to read: a product (parentId null) or a variation under its parent. */
export interface StockTarget {
  id: number;
  parentId: number | null;
}

export interface StoreCatalogPort {
  /**
   * Most items one write request carries: lists longer than this are split by the adapter in
   * this size, in order. The stock writer batches exactly so, since it reads stock right before
   * each request (stock-guard/RACE.md).
   */
  readonly writeBatchSize: number;
  /** Exact SKU lookups (products and variations, any status but trash). */
  findBySkus(skus: readonly string[]): Promise<StoreItemRef[]>;
  /** One product or variation by id; null when the store has no such id. */
  getById(id: number): Promise<StoreItemRef | null>;
  /**
   * The store's current stock by id, read just before a stock write (the race with live
   * checkouts, stock-guard/RACE.md): as few requests as the store allows, per product list or per
   * parent's variations. null: stock not managed; an id the store does not list is absent.
   */
  readStock(targets: readonly StockTarget[]): Promise<Map<number, number | null>>;
  /** Creates products (unpublished); one outcome per product, in order. A lost request gives `uncertain` failures. */
  createProducts(products: readonly NewProduct[]): Promise<WriteOutcome[]>;
  createVariations(parentId: number, variations: readonly NewVariation[]): Promise<WriteOutcome[]>;
  updateProducts(changes: readonly ItemChange[]): Promise<WriteOutcome[]>;
  updateVariations(parentId: number, changes: readonly ItemChange[]): Promise<WriteOutcome[]>;
  /** Requests made so far (for run statistics and the cost benchmarks). */
  requestCount(): number;
  /**
   * The name the store will keep when it is given `name` (a store may drop characters on save).
   * No request: the adapter knows its store's rules. The link report warns when it differs.
   */
  nameAsSaved(name: string): string;
}
