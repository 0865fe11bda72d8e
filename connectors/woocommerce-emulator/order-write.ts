/**
 * Creating and updating orders the way WooCommerce's wc/v3 orders controller does (save_object):
 * props and items first (line edits move stock when the order already holds it), the customer
 * check, the first save (a new order is `pending`), totals, coupons — an unknown coupon leaves a
 * `checkout-draft` order behind — then the requested status and finally `set_paid`.
 */
import { findUser } from './customer-model';
import { addOrderNote } from './note-model';
import { couponProblem, couponShortInfo, findCouponByCode, type CouponRecord } from './order-coupons';
import { isObject, type OrderBody } from './order-input';
import { changeStatus, paymentComplete, saveOrder, setStatus, STOCK_HOLDING_STATUSES } from './order-lifecycle';
import {
  blankOrder,
  orderStore,
  setMeta,
  type BillingAddress,
  type FeeLineRecord,
  type LineItemRecord,
  type OrderRecord,
  type OrderStatus,
  type ShippingLineRecord,
} from './order-model';
import { microsToDecimal, toMicros } from './order-money';
import { productTitle, variationAttributes } from './order-products';
import { adjustLineStock } from './order-stock';
import { calculateTotals, centsToStoredDecimal, computeDiscounts, itemsSubtotal } from './order-totals';
import { findBySku, isOnSale, type ProductRecord } from './product-model';
import { phpInt } from './php-values';
import { restError, type EmuResponse } from './router';
import type { EmuState } from './state';
import { formatDecimal } from './wp-text';

/** A write that WooCommerce refuses part-way; carries the answer to give. */
export class OrderWriteError extends Error {
  constructor(readonly response: EmuResponse) {
    super(`order write refused: ${String((response.body as { code?: unknown }).code)}`);
  }
}

function fail(code: string, message: string, status = 400, extra?: Record<string, unknown>): never {
  throw new OrderWriteError(restError(code, message, status, extra));
}

/** The answer a PHP fatal error gets (what `quantity: 0` on a new line triggers in the real store). */
export function criticalError(): EmuResponse {
  return {
    status: 500,
    body: {
      code: 'internal_server_error',
      message:
        '<p>There has been a critical error on this website.</p><p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">Learn more about troubleshooting WordPress.</a></p>',
      data: { status: 500 },
      additional_errors: [],
    },
  };
}

/**
 * Whether a create would hit the PHP fatal error before anything else refuses it: walking the
 * posted items in WooCommerce's order, a removal request (null resource id or quantity 0) without
 * an item id comes before any item the controller would reject on its own.
 */
export function createWouldCrash(input: OrderBody): boolean {
  for (const kind of ['line_items', 'shipping_lines', 'fee_lines']) {
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

export type WriteResult = { ok: true; order: OrderRecord } | { ok: false; response: EmuResponse };

/** POST /orders after validation. */
export function createOrder(state: EmuState, input: OrderBody): WriteResult {
  const order = blankOrder(state);
  try {
    applyProps(state, order, input, true);
    checkCustomer(state, input);
    const via = typeof input.created_via === 'string' ? input.created_via.trim() : '';
    order.createdVia = via !== '' ? via : 'rest-api';
    order.id = state.nextPostId();
    order.dateCreated = state.now();
    saveOrder(state, order, null);
    calculateTotals(order);
    try {
      applyCouponLines(state, order, input);
    } catch (e) {
      if (!(e instanceof OrderWriteError)) throw e;
      changeStatus(state, order, 'checkout-draft');
      const body = e.response.body as { data: Record<string, unknown> };
      body.data.new_draft_order_id = order.id;
      return { ok: false, response: e.response };
    }
    finish(state, order, input, true);
    return { ok: true, order };
  } catch (e) {
    if (e instanceof OrderWriteError) return { ok: false, response: e.response };
    throw e;
  }
}

/**
 * PUT/POST/PATCH /orders/{id} after validation. Works on a copy that replaces the stored order on
 * success, so a refused update leaves the order as it was (stock moved by line edits stays moved,
 * as in WooCommerce, where items are saved as they are edited).
 */
export function updateOrder(state: EmuState, current: OrderRecord, input: OrderBody): WriteResult {
  const order = structuredClone(current);
  try {
    applyProps(state, order, input, false);
    checkCustomer(state, input);
    const touched = ['billing', 'shipping', 'line_items', 'shipping_lines', 'fee_lines', 'coupon_lines'];
    if (touched.some((k) => input[k] !== undefined && input[k] !== null)) calculateTotals(order);
    applyCouponLines(state, order, input);
    finish(state, order, input, false);
    return { ok: true, order };
  } catch (e) {
    if (e instanceof OrderWriteError) return { ok: false, response: e.response };
    throw e;
  }
}

/** Status, save and payment: the common tail of create and update. */
function finish(state: EmuState, order: OrderRecord, input: OrderBody, creating: boolean): void {
  const status = typeof input.status === 'string' && input.status !== '' ? input.status : null;
  const transition = status ? setStatus(state, order, toStatus(status), { manual: input.manual_update === true }) : null;
  saveOrder(state, order, transition);
  if (input.set_paid === true && (creating || needsPaymentNow(order))) {
    paymentComplete(state, order, typeof input.transaction_id === 'string' ? input.transaction_id : '');
  }
}

function needsPaymentNow(order: OrderRecord): boolean {
  return ['pending', 'failed', 'checkout-draft'].includes(order.status) && toMicros(order.total) > 0n;
}

/** WC_Order::set_status keeps known statuses; anything else (only possible in batches) becomes pending. */
function toStatus(status: string): OrderStatus {
  const known: string[] = ['pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed', 'checkout-draft', 'auto-draft', 'trash'];
  return (known.includes(status) ? status : 'pending') as OrderStatus;
}

function checkCustomer(state: EmuState, input: OrderBody): void {
  const id = input.customer_id;
  if (id === undefined || id === null || id === 0) return;
  if (!findUser(state, Number(id))) fail('woocommerce_rest_invalid_customer_id', 'Customer ID is invalid.');
}

/** prepare_object_for_database: every writable property, in schema order. */
function applyProps(state: EmuState, order: OrderRecord, input: OrderBody, creating: boolean): void {
  const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
  if (input.parent_id !== undefined && input.parent_id !== null) {
    const parentId = Math.max(0, Math.trunc(Number(input.parent_id)) || 0);
    if (parentId !== 0 && (parentId === order.id || !orderStore(state).orders.has(parentId))) fail('order_invalid_parent_id', 'Invalid parent ID');
    order.parentId = parentId;
  }
  if (typeof input.currency === 'string' && input.currency !== '') order.currency = input.currency;
  if (input.customer_id !== undefined && input.customer_id !== null) order.customerId = Math.max(0, Math.trunc(Number(input.customer_id)) || 0);
  if (input.customer_note !== undefined && input.customer_note !== null) order.customerNote = str(input.customer_note);
  if (isObject(input.billing)) applyAddress(order.billing, input.billing);
  if (isObject(input.shipping)) applyAddress(order.shipping, input.shipping);
  if (input.payment_method !== undefined && input.payment_method !== null) order.paymentMethod = str(input.payment_method);
  if (input.payment_method_title !== undefined && input.payment_method_title !== null) {
    order.paymentMethodTitle = str(input.payment_method_title).replace(/<[^>]*>/g, '').trim();
  }
  if (input.transaction_id !== undefined && input.transaction_id !== null) order.transactionId = str(input.transaction_id);
  if (Array.isArray(input.meta_data)) {
    for (const m of input.meta_data) {
      if (!isObject(m) || typeof m.key !== 'string') continue;
      setMeta(state, order.meta, 'order_meta', m.key, m.value === undefined ? null : m.value, typeof m.id === 'number' ? m.id : undefined);
    }
  }
  const kinds: ['line_items' | 'shipping_lines' | 'fee_lines'][number][] = ['line_items', 'shipping_lines', 'fee_lines'];
  for (const kind of kinds) {
    const list = input[kind];
    if (!Array.isArray(list)) continue;
    for (const posted of list) {
      if (!isObject(posted)) continue;
      if (itemIsNullOrZero(posted)) removeItem(state, order, kind, posted.id);
      else if (kind === 'line_items') setLineItem(state, order, posted, creating);
      else if (kind === 'shipping_lines') setShippingLine(state, order, posted);
      else setFeeLine(state, order, posted);
    }
  }
}

function applyAddress(target: Partial<BillingAddress>, posted: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(posted)) {
    if (!(key in target)) continue;
    (target as Record<string, unknown>)[key] = value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value);
  }
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
      const lineTotal = microsToDecimal(toMicros(product.price) * BigInt(qty));
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

/**
 * calculate_coupons: every posted code is checked first (a readonly id, an empty code or an invalid
 * coupon refuses the write), then the order's coupons are replaced and discounts recomputed.
 */
function applyCouponLines(state: EmuState, order: OrderRecord, input: OrderBody): void {
  const posted = input.coupon_lines;
  if (posted === undefined || posted === null) return;
  const list = Array.isArray(posted) ? posted : [];
  const applied = new Set(order.couponLines.map((c) => c.code));
  const coupons: CouponRecord[] = [];
  for (const entry of list) {
    const line = isObject(entry) ? entry : {};
    if (line.id) fail('woocommerce_rest_coupon_item_id_readonly', 'Coupon item ID is readonly.');
    const raw = typeof line.code === 'string' ? line.code : line.code === undefined || line.code === null ? '' : String(line.code);
    if (raw.trim() === '') fail('woocommerce_rest_invalid_coupon', 'Coupon code is required.');
    const coupon = findCouponByCode(state, raw);
    if (!applied.has(raw.trim().toLowerCase())) {
      const problem = couponProblem(state, raw.trim().toLowerCase(), coupon, itemsSubtotal(order));
      if (problem) fail('woocommerce_rest_invalid_coupon', problem);
    }
    if (coupon && !coupons.includes(coupon)) coupons.push(coupon);
  }
  order.couponLines = [];
  recalculateCoupons(state, order, coupons);
}

/**
 * recalculate_coupons: line totals go back to their subtotals, each coupon's discounts are spread
 * over the lines, coupon lines record what they gave, and the order totals follow.
 */
export function recalculateCoupons(state: EmuState, order: OrderRecord, coupons: CouponRecord[]): void {
  for (const line of order.lineItems) line.total = line.subtotal;
  const discounts = computeDiscounts(order.lineItems, coupons, (line, coupon) => eligibleForCoupon(state, line, coupon));
  for (const line of order.lineItems) {
    let cents = 0n;
    for (const perCoupon of discounts.values()) cents += perCoupon.get(line.id) ?? 0n;
    line.total = microsToDecimal(toMicros(line.subtotal) - cents * 10_000n);
  }
  for (const coupon of coupons) {
    const total = [...(discounts.get(coupon.code)?.values() ?? [])].reduce((a, b) => a + b, 0n);
    let item = order.couponLines.find((c) => c.code === coupon.code);
    if (!item) {
      item = { type: 'coupon', id: state.nextId('order_item'), code: coupon.code, discount: '0', meta: [] };
      setMeta(state, item.meta, 'item_meta', 'coupon_info', couponShortInfo(coupon));
      order.couponLines.push(item);
    }
    item.discount = centsToStoredDecimal(total);
  }
  calculateTotals(order);
}

/** WC_Coupon::is_valid_for_product for the product coupon types (percent, fixed_product). */
function eligibleForCoupon(state: EmuState, line: LineItemRecord, coupon: CouponRecord): boolean {
  const product = state.products.get(line.variationId || line.productId);
  if (!product) return false;
  const ids = [product.id, product.parentId];
  let valid = coupon.productIds.length === 0 || ids.some((id) => coupon.productIds.includes(id));
  if (coupon.excludedProductIds.length > 0 && ids.some((id) => coupon.excludedProductIds.includes(id))) valid = false;
  if (coupon.excludeSaleItems && isOnSale(state, product)) valid = false;
  return valid;
}
