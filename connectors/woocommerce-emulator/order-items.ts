/**
 * The item half of WooCommerce's prepare_object_for_database: line, shipping and fee items created
 * or updated from the request (by id, SKU, product or variation id), removals (a null resource id
 * or quantity 0 with the item's id) and, for orders that already hold stock, the stock adjustment
 * each line edit makes.
 */
import { addOrderNote } from './note-model';
import { fail, OrderWriteError, criticalError } from './order-errors';
import { isObject, type OrderBody } from './order-input';
import { STOCK_HOLDING_STATUSES } from './order-lifecycle';
import { setMeta, type FeeLineRecord, type LineItemRecord, type OrderRecord, type ShippingLineRecord } from './order-model';
import { microsToDecimal, toMicros } from './order-money';
import { productTitle, variationAttributes } from './order-products';
import { adjustLineStock } from './order-stock';
import { currentPrice, findBySku, type ProductRecord } from './product-model';
import { phpInt } from './php-values';
import type { EmuState } from './state';
import { formatDecimal } from './wp-text';

/** The item lists of an order write, in the order WooCommerce handles them. */
export const ITEM_KINDS = ['line_items', 'shipping_lines', 'fee_lines'] as const;

/** Creates, updates or removes the posted items of one kind. */
export function applyItems(state: EmuState, order: OrderRecord, kind: (typeof ITEM_KINDS)[number], list: unknown[], creating: boolean): void {
  for (const posted of list) {
    if (!isObject(posted)) continue;
    if (itemIsNullOrZero(posted)) removeItem(state, order, kind, posted.id);
    else if (kind === 'line_items') setLineItem(state, order, posted, creating);
    else if (kind === 'shipping_lines') setShippingLine(state, order, posted);
    else setFeeLine(state, order, posted);
  }
}

/**
 * Whether a create would hit the PHP fatal error before anything else refuses it: walking the
 * posted items in WooCommerce's order, a removal request (null resource id or quantity 0) without
 * an item id comes before any item the controller would reject on its own.
 */
export function createWouldCrash(input: OrderBody): boolean {
  for (const kind of ITEM_KINDS) {
    const list = input[kind];
    if (!Array.isArray(list)) continue;
    for (const posted of list) {
      if (!isObject(posted)) continue;
      if (itemIsNullOrZero(posted)) return typeof posted.id !== 'number';
      if (posted.id) return false;
      if (kind === 'line_items' && !posted.sku && !posted.product_id && !posted.variation_id) return false;
      if (kind === 'shipping_lines' && !posted.method_id) return false;
      if (kind === 'fee_lines' && !posted.name) return false;
    }
  }
  return false;
}

/** WooCommerce removes an item given a null resource id or a quantity of exactly 0. */
function itemIsNullOrZero(posted: Record<string, unknown>): boolean {
  for (const key of ['product_id', 'method_id', 'method_title', 'name', 'code']) if (key in posted && posted[key] === null) return true;
  return posted.quantity === 0;
}

/**
 * Removing needs the item's id; without one WooCommerce passes null to an int parameter and PHP
 * dies (HTTP 500) — which is what `quantity: 0` on a new line does in the recorded store.
 */
function removeItem(state: EmuState, order: OrderRecord, kind: string, rawId: unknown): void {
  const id = typeof rawId === 'number' ? rawId : Number.NaN;
  if (!Number.isInteger(id)) throw new OrderWriteError(criticalError());
  const list = kind === 'line_items' ? order.lineItems : kind === 'shipping_lines' ? order.shippingLines : order.feeLines;
  const index = list.findIndex((i) => i.id === id);
  if (index < 0) fail('woocommerce_rest_invalid_item_id', 'Order item ID provided is not associated with order.');
  if (kind === 'line_items') adjustLineStock(state, order, order.lineItems[index]!, 0);
  list.splice(index, 1);
}

function findExisting<T extends { id: number }>(list: T[], posted: Record<string, unknown>): T | undefined {
  if (!posted.id) return undefined;
  const item = list.find((i) => i.id === Number(posted.id));
  if (!item) fail('woocommerce_rest_invalid_item_id', 'Order item ID provided is not associated with order.');
  return item;
}

/** get_product_id: by SKU first, then product_id (without variation_id), then variation_id. */
function postedProductId(state: EmuState, posted: Record<string, unknown>, updating: boolean): number {
  if (!phpEmpty(posted.sku)) return findBySku(state, String(posted.sku))?.id ?? 0;
  if (!phpEmpty(posted.product_id) && phpEmpty(posted.variation_id)) return phpInt(posted.product_id);
  if (!phpEmpty(posted.variation_id)) return phpInt(posted.variation_id);
  if (updating) return 0;
  fail('woocommerce_rest_required_product_reference', 'Product ID or SKU is required.');
}

/** PHP's empty(): null, false, 0, "0", "" and [] are empty. */
function phpEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === false || value === 0 || value === '0' || value === '' || (Array.isArray(value) && value.length === 0);
}

function setLineItem(state: EmuState, order: OrderRecord, posted: Record<string, unknown>, creating: boolean): void {
  const existing = findExisting(order.lineItems, posted);
  const item: LineItemRecord = existing ?? {
    type: 'line_item',
    id: 0,
    name: '',
    productId: 0,
    variationId: 0,
    quantity: 1,
    taxClass: '',
    subtotal: '0',
    total: '0',
    meta: [],
  };
  const productId = postedProductId(state, posted, existing !== undefined);
  const product = productId ? state.products.get(productId) : undefined;
  if (product && product.id !== (item.variationId || item.productId)) {
    setProduct(state, item, product);
    if (!existing) {
      const qty = posted.quantity === undefined || posted.quantity === null ? 1 : Math.trunc(Number(posted.quantity)) || 0;
      const lineTotal = microsToDecimal(toMicros(currentPrice(state, product)) * BigInt(qty));
      item.total = lineTotal;
      item.subtotal = lineTotal;
    }
  }
  if (posted.name !== undefined && posted.name !== null) item.name = String(posted.name);
  if (posted.quantity !== undefined && posted.quantity !== null) item.quantity = Math.trunc(Number(posted.quantity)) || 0;
  if (posted.total !== undefined && posted.total !== null) setTotal(item, posted.total);
  if (posted.subtotal !== undefined && posted.subtotal !== null) item.subtotal = decimalOrZero(posted.subtotal);
  if (typeof posted.tax_class === 'string') item.taxClass = posted.tax_class;
  setItemMeta(state, item.meta, posted.meta_data);
  if (!existing) {
    item.id = state.nextId('order_item');
    order.lineItems.push(item);
  }
  if (!creating && STOCK_HOLDING_STATUSES.includes(order.status)) {
    const change = adjustLineStock(state, order, item);
    if (change) addOrderNote(state, order.id, `Adjusted stock: ${item.name} (${change.from}&rarr;${change.to})`, { addedByUser: true });
  }
}

/** WC_Order_Item_Product::set_product: ids, variation attributes as item meta, name and tax class. */
function setProduct(state: EmuState, item: LineItemRecord, product: ProductRecord): void {
  if (product.type === 'variation') {
    item.productId = product.parentId;
    item.variationId = product.id;
    for (const a of variationAttributes(product)) setMeta(state, item.meta, 'item_meta', a.key, a.value);
  } else {
    item.productId = product.id;
  }
  item.name = productTitle(state, product);
  const parent = product.type === 'variation' ? state.products.get(product.parentId) : undefined;
  item.taxClass = product.taxClass === 'parent' ? (parent?.taxClass ?? '') : product.taxClass;
}

/** wc_format_decimal, with anything non-numeric stored as 0 (the item setters' rule). */
function decimalOrZero(value: unknown): string {
  const text = formatDecimal(value);
  return /^-?(\d+\.?\d*|\.\d+)$/.test(text) ? microsToDecimal(toMicros(text)) : '0';
}

/** set_total: a line's subtotal is raised to its total when it would be lower. */
function setTotal(item: LineItemRecord, value: unknown): void {
  item.total = decimalOrZero(value);
  if (toMicros(item.subtotal) < toMicros(item.total)) item.subtotal = item.total;
}

function setItemMeta(state: EmuState, meta: LineItemRecord['meta'], posted: unknown): void {
  if (!Array.isArray(posted)) return;
  for (const m of posted) {
    if (!isObject(m) || m.key === undefined || m.key === null) continue;
    setMeta(state, meta, 'item_meta', String(m.key), m.value === undefined ? null : m.value, typeof m.id === 'number' ? m.id : undefined);
  }
}

function setShippingLine(state: EmuState, order: OrderRecord, posted: Record<string, unknown>): void {
  const existing = findExisting(order.shippingLines, posted);
  if (!existing && (typeof posted.method_id !== 'string' || posted.method_id === '')) {
    fail('woocommerce_rest_invalid_shipping_item', 'Shipping method ID is required.');
  }
  const item: ShippingLineRecord = existing ?? { type: 'shipping', id: 0, methodTitle: '', methodId: '', instanceId: '', total: '0', meta: [] };
  if (typeof posted.method_id === 'string') item.methodId = posted.method_id;
  if (typeof posted.method_title === 'string') item.methodTitle = posted.method_title;
  if (posted.total !== undefined && posted.total !== null) item.total = decimalOrZero(posted.total);
  if (posted.instance_id !== undefined && posted.instance_id !== null) item.instanceId = String(posted.instance_id);
  setItemMeta(state, item.meta, posted.meta_data);
  if (!existing) {
    item.id = state.nextId('order_item');
    order.shippingLines.push(item);
  }
}

function setFeeLine(state: EmuState, order: OrderRecord, posted: Record<string, unknown>): void {
  const existing = findExisting(order.feeLines, posted);
  if (!existing && (typeof posted.name !== 'string' || posted.name === '')) fail('woocommerce_rest_invalid_fee_item', 'Fee name is required.');
  const item: FeeLineRecord = existing ?? { type: 'fee', id: 0, name: '', taxClass: '', taxStatus: 'taxable', amount: '', total: '0', meta: [] };
  if (typeof posted.name === 'string') item.name = posted.name;
  if (typeof posted.tax_class === 'string') item.taxClass = posted.tax_class;
  if (typeof posted.tax_status === 'string') item.taxStatus = posted.tax_status;
  if (posted.total !== undefined && posted.total !== null) item.total = decimalOrZero(posted.total);
  setItemMeta(state, item.meta, posted.meta_data);
  if (!existing) {
    item.id = state.nextId('order_item');
    order.feeLines.push(item);
  }
}
