/**
 * Creating and updating orders the way WooCommerce's wc/v3 orders controller does (save_object):
 * props and items first (line edits move stock when the order already holds it), the customer
 * check, the first save (a new order is `pending`), totals, coupons — an unknown coupon leaves a
 * `checkout-draft` order behind — then the requested status and finally `set_paid`.
 */
import { findUser } from './customer-model';
import { applyCouponLines } from './order-coupon-apply';
import { fail, OrderWriteError } from './order-errors';
import { isObject, type OrderBody } from './order-input';
import { applyItems, ITEM_KINDS } from './order-items';
import { changeStatus, paymentComplete, saveOrder, setStatus } from './order-lifecycle';
import { blankOrder, orderStore, setMeta, type BillingAddress, type OrderRecord, type OrderStatus } from './order-model';
import { toMicros } from './order-money';
import { calculateTotals } from './order-totals';
import type { EmuResponse } from './router';
import type { EmuState } from './state';

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
  for (const kind of ITEM_KINDS) {
    const list = input[kind];
    if (Array.isArray(list)) applyItems(state, order, kind, list, creating);
  }
}

function applyAddress(target: Partial<BillingAddress>, posted: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(posted)) {
    if (!(key in target)) continue;
    (target as Record<string, unknown>)[key] = value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value);
  }
}
