/**
 * The stored shape of a product or variation and the small operations other emulator modules need
 * (orders reduce and restore stock; order lines are found by SKU). The REST representation is built
 * elsewhere (product-view.ts); this file only knows the data and WooCommerce's stock rules.
 */
import { skuHolders, variationsOf } from './product-index';
import type { EmuState } from './state';
import { phpCompareStrings } from './wp-text';

export type ProductType = 'simple' | 'variable' | 'grouped' | 'external' | 'variation';
export type StockStatus = 'instock' | 'outofstock' | 'onbackorder';
export type Backorders = 'no' | 'notify' | 'yes';

/** A product attribute on a parent (`options`) or a variation's chosen value (`option`). */
export interface AttributeRecord {
  id: number;
  name: string;
  slug: string;
  position: number;
  visible: boolean;
  variation: boolean;
  options: string[];
  option: string;
}

export interface MetaRecord {
  id: number;
  key: string;
  value: unknown;
}

/** One product or variation as the store keeps it. Prices are strings exactly as WooCommerce stores them. */
export interface ProductRecord {
  id: number;
  /** 0 for products; the variable product for variations. */
  parentId: number;
  type: ProductType;
  name: string;
  slug: string;
  status: string;
  /** The status before trashing, restored on untrash. */
  statusBeforeTrash: string | null;
  featured: boolean;
  catalogVisibility: string;
  description: string;
  shortDescription: string;
  sku: string;
  globalUniqueId: string;
  regularPrice: string;
  salePrice: string;
  /** The active price WooCommerce stores at save time (sale price while a sale ran then, else regular). */
  price: string;
  /** Sale schedule in whole seconds (UTC); null when not set. */
  saleFrom: number | null;
  saleTo: number | null;
  virtual: boolean;
  downloadable: boolean;
  externalUrl: string;
  buttonText: string;
  taxStatus: string;
  taxClass: string;
  manageStock: boolean;
  stockQuantity: number | null;
  stockStatus: StockStatus;
  backorders: Backorders;
  lowStockAmount: number | null;
  soldIndividually: boolean;
  weight: string;
  length: string;
  width: string;
  height: string;
  shippingClass: string;
  reviewsAllowed: boolean;
  purchaseNote: string;
  menuOrder: number;
  postPassword: string;
  totalSales: number;
  categoryIds: number[];
  tagIds: number[];
  upsellIds: number[];
  crossSellIds: number[];
  groupedIds: number[];
  attributes: AttributeRecord[];
  defaultAttributes: { id: number; name: string; option: string }[];
  metaData: MetaRecord[];
  dateCreated: number;
  dateModified: number;
}

/** WooCommerce's "out of stock threshold" setting (notify_no_stock_amount) in the recorded store. */
export const OUT_OF_STOCK_THRESHOLD = 0;

/**
 * Finds a live (not trashed) product or variation by SKU (compared as the store's database does),
 * as order lines given by `sku` and `?sku=` lookups do. Returns undefined when none matches.
 */
export function findBySku(state: EmuState, sku: string): ProductRecord | undefined {
  return skuHolders(state, sku).find((p) => p.status !== 'trash');
}

/** Any product or variation with this SKU, trashed ones included (they still block the SKU). */
export function findAnyBySku(state: EmuState, sku: string, exceptId = 0): ProductRecord | undefined {
  return skuHolders(state, sku).find((p) => p.id !== exceptId);
}

/**
 * The stock status WooCommerce derives for a product that manages stock: at or below the
 * out-of-stock threshold it is `outofstock`, or `onbackorder` when backorders are allowed.
 */
export function deriveStockStatus(p: Pick<ProductRecord, 'manageStock' | 'stockQuantity' | 'stockStatus' | 'backorders'>): StockStatus {
  if (!p.manageStock) return p.stockStatus;
  const qty = p.stockQuantity ?? 0;
  if (qty > OUT_OF_STOCK_THRESHOLD) return 'instock';
  return p.backorders === 'no' ? 'outofstock' : 'onbackorder';
}

/**
 * Changes a managed stock level by `delta` (negative to reduce), as wc_update_product_stock does
 * for orders: on the item that manages the stock (see stockOwner — a variation may leave it to its
 * parent); the status is re-derived and the modified date bumped (WooCommerce saves the product
 * after a stock change). Returns the new quantity, or null when nothing manages stock for this item.
 */
export function adjustStock(state: EmuState, productOrVariationId: number, delta: number): number | null {
  const p = stockOwner(state, productOrVariationId);
  if (!p) return null;
  p.stockQuantity = (p.stockQuantity ?? 0) + delta;
  p.stockStatus = deriveStockStatus(p);
  p.dateModified = state.now();
  return p.stockQuantity;
}

/** Sets an absolute managed stock level (what the integrator's own pushes do). Same rules as adjustStock. */
export function setStock(state: EmuState, productOrVariationId: number, quantity: number): number | null {
  const p = stockOwner(state, productOrVariationId);
  if (!p) return null;
  return adjustStock(state, p.id, quantity - (p.stockQuantity ?? 0));
}

/**
 * Whose stock a sale of this item moves (get_stock_managed_by_id): the item itself when it manages
 * stock, the parent when a variation leaves stock to a parent that manages it, else nobody.
 */
export function stockOwner(state: EmuState, productOrVariationId: number): ProductRecord | undefined {
  const p = state.products.get(productOrVariationId);
  if (!p) return undefined;
  if (p.manageStock) return p;
  if (p.type === 'variation') {
    const parent = state.products.get(p.parentId);
    if (parent?.manageStock) return parent;
  }
  return undefined;
}

/**
 * WC_Product::is_on_sale: a sale price below the regular price (PHP string comparison) and, when
 * scheduled, today inside the window.
 */
export function isOnSale(state: EmuState, p: ProductRecord): boolean {
  if (p.salePrice === '' || phpCompareStrings(p.regularPrice, p.salePrice) <= 0) return false;
  const now = state.now();
  if (p.saleFrom !== null && p.saleFrom > now) return false;
  if (p.saleTo !== null && p.saleTo < now) return false;
  return true;
}

/**
 * The price a read shows. A product's price is the one stored at its last save (and moved by the
 * daily scheduled-sales job, product-cron.ts); a variation's is worked out again on every read
 * (WC_Product_Variation_Data_Store_CPT::read_product_data: sale price while on sale, else regular),
 * so a variation's sale window takes effect at once.
 */
export function currentPrice(state: EmuState, p: ProductRecord): string {
  if (p.type !== 'variation') return p.price;
  return isOnSale(state, p) ? p.salePrice : p.regularPrice;
}

/** Live (not trashed) variations of a variable product, in WooCommerce's order (menu_order, id). */
export function childrenOf(state: EmuState, parentId: number): ProductRecord[] {
  const out = variationsOf(state, parentId).filter((p) => p.status === 'publish' || p.status === 'private');
  return out.sort((a, b) => a.menuOrder - b.menuOrder || a.id - b.id);
}

/** A blank record with WooCommerce's defaults for a new product or variation. */
export function blankProduct(state: EmuState, type: ProductType, parentId = 0): ProductRecord {
  const now = state.now();
  return {
    id: 0,
    parentId,
    type,
    name: '',
    slug: '',
    status: 'publish',
    statusBeforeTrash: null,
    featured: false,
    catalogVisibility: 'visible',
    description: '',
    shortDescription: '',
    sku: '',
    globalUniqueId: '',
    regularPrice: '',
    salePrice: '',
    price: '',
    saleFrom: null,
    saleTo: null,
    virtual: false,
    downloadable: false,
    externalUrl: '',
    buttonText: '',
    taxStatus: 'taxable',
    taxClass: type === 'variation' ? 'parent' : '',
    manageStock: false,
    stockQuantity: null,
    stockStatus: 'instock',
    backorders: 'no',
    lowStockAmount: null,
    soldIndividually: false,
    weight: '',
    length: '',
    width: '',
    height: '',
    shippingClass: '',
    reviewsAllowed: true,
    purchaseNote: '',
    menuOrder: 0,
    postPassword: '',
    totalSales: 0,
    categoryIds: [],
    tagIds: [],
    upsellIds: [],
    crossSellIds: [],
    groupedIds: [],
    attributes: [],
    defaultAttributes: [],
    metaData: [],
    dateCreated: now,
    dateModified: now,
  };
}
