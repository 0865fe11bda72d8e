/**
 * Status changes and what WooCommerce hangs on them: paid/completed dates, stock (order-stock.ts),
 * sales counts, paying customers, the automatic refund of `refunded`, reservations, and the
 * "Order status changed from X to Y." note. The order of side effects follows WC_Order::status_transition:
 * the `woocommerce_order_status_{to}` handlers run first, then the transition note is written.
 */
import { markPayingCustomer } from './customer-model';
import { addOrderNote, deleteOrderNotes } from './note-model';
import { orderStore, statusLabel, type OrderRecord, type OrderStatus } from './order-model';
import { lineProduct, needsProcessingFor } from './order-products';
import { toMicros } from './order-money';
import { createRefund, deleteRefundsOf, refundedTotal } from './order-refunds';
import { releaseReservations } from './order-reservations';
import { maybeIncreaseOrderStock, maybeReduceOrderStock } from './order-stock';
import type { EmuState } from './state';

/** A status change waiting for the order to be saved. */
export interface Transition {
  from: OrderStatus;
  to: OrderStatus;
  /** Text put in front of the transition note (e.g. "Unpaid order cancelled - time limit reached."). */
  note: string;
  /** A person changed it (manual_update): the note is attributed to the API user. */
  manual: boolean;
}

/** Statuses in which WooCommerce counts an order as paid (wc_get_is_paid_statuses). */
export const PAID_STATUSES: readonly OrderStatus[] = ['processing', 'completed'];

/** Statuses whose line edits move stock through REST (the order already took its stock). */
export const STOCK_HOLDING_STATUSES: readonly OrderStatus[] = ['processing', 'completed', 'on-hold'];

/** WC_Order::needs_processing: some line is a real product that is not both virtual and downloadable. */
export function needsProcessing(state: EmuState, order: OrderRecord): boolean {
  return order.lineItems.some((item) => {
    const p = lineProduct(state, item);
    return p !== undefined && needsProcessingFor(p);
  });
}

/** WC_Order::needs_payment: awaiting payment (pending, failed, checkout draft) with something to pay. */
export function needsPayment(order: OrderRecord): boolean {
  return ['pending', 'failed', 'checkout-draft'].includes(order.status) && toMicros(order.total) > 0n;
}

/** WC_Order::is_editable. */
export function isEditable(order: OrderRecord): boolean {
  return ['pending', 'on-hold', 'auto-draft', 'checkout-draft'].includes(order.status);
}

/**
 * The status payment completion leads to: `completed` for cash on delivery (the COD gateway's
 * filter) or when nothing needs processing, else `processing`.
 */
export function paymentCompleteStatus(state: EmuState, order: OrderRecord): OrderStatus {
  if (order.paymentMethod === 'cod') return 'completed';
  return needsProcessing(state, order) ? 'processing' : 'completed';
}

/**
 * WC_Order::set_status: changes the status and, for a real change of an existing status, stamps
 * the paid/completed dates and returns the transition that saving will act on.
 */
export function setStatus(
  state: EmuState,
  order: OrderRecord,
  to: OrderStatus,
  options: { note?: string; manual?: boolean } = {},
): Transition | null {
  const from = order.status;
  order.status = to;
  if (from === to) return null;
  maybeSetDatePaid(state, order);
  if (to === 'completed') order.dateCompleted = state.now();
  return { from, to, note: options.note ?? '', manual: options.manual === true };
}

function maybeSetDatePaid(state: EmuState, order: OrderRecord): void {
  if (order.datePaid !== null) return;
  const paidStatus = paymentCompleteStatus(state, order);
  if (order.status === paidStatus || (paidStatus === 'processing' && order.status === 'completed')) {
    order.datePaid = state.now();
  }
}

/** WC_Order::save for an existing order: bumps date_modified, then runs the pending transition. */
export function saveOrder(state: EmuState, order: OrderRecord, transition: Transition | null): void {
  order.dateModified = state.now();
  orderStore(state).orders.set(order.id, order);
  if (transition) runTransition(state, order, transition);
}

/** set_status + save in one step. */
export function changeStatus(state: EmuState, order: OrderRecord, to: OrderStatus, options: { note?: string; manual?: boolean } = {}): void {
  saveOrder(state, order, setStatus(state, order, to, options));
}

function runTransition(state: EmuState, order: OrderRecord, t: Transition): void {
  // woocommerce_order_status_{to}
  switch (t.to) {
    case 'processing':
    case 'on-hold':
    case 'completed':
      maybeReduceOrderStock(state, order);
      updateSalesCounts(state, order);
      if (t.to === 'completed') markPayingCustomer(state, order.customerId);
      releaseReservations(state, order.id);
      break;
    case 'pending':
      maybeIncreaseOrderStock(state, order);
      break;
    case 'cancelled':
      maybeIncreaseOrderStock(state, order);
      releaseReservations(state, order.id);
      break;
    case 'refunded':
      refundRemainder(state, order);
      break;
    default:
      break;
  }
  const text = `Order status changed from ${statusLabel(t.from)} to ${statusLabel(t.to)}.`;
  addOrderNote(state, order.id, `${t.note} ${text}`.trim(), { addedByUser: t.manual });
  // woocommerce_order_status_{from}_to_cancelled: a paid order's sales no longer count.
  if (t.to === 'cancelled' && STOCK_HOLDING_STATUSES.includes(t.from)) updateSalesCounts(state, order);
}

/**
 * wc_order_fully_refunded: a refund for whatever is not refunded yet (no restocking, no gateway
 * call), and the reminder note that money must be returned through the payment gateway.
 */
function refundRemainder(state: EmuState, order: OrderRecord): void {
  const remaining = toMicros(order.total) - refundedTotal(state, order.id);
  if (remaining <= 0n) return;
  createRefund(state, order, remaining, 'Order fully refunded.', state.admin.id);
  addOrderNote(
    state,
    order.id,
    'Order status set to refunded. To return funds to the customer you will need to issue a refund through your payment gateway.',
  );
}

/**
 * WC_Order::payment_complete (what `set_paid: true` calls): for an order awaiting payment, stamps
 * the payment date, moves it to its paid status and takes stock; otherwise nothing happens.
 */
export function paymentComplete(state: EmuState, order: OrderRecord, transactionId = ''): void {
  if (!['on-hold', 'pending', 'failed', 'cancelled'].includes(order.status)) return;
  if (transactionId !== '') order.transactionId = transactionId;
  if (order.datePaid === null) order.datePaid = state.now();
  changeStatus(state, order, paymentCompleteStatus(state, order));
  // woocommerce_payment_complete
  maybeReduceOrderStock(state, order);
  markPayingCustomer(state, order.customerId);
  releaseReservations(state, order.id);
}

/**
 * wc_update_total_sales_counts: counts the lines into their products' total_sales once the order
 * is paid or on hold, and takes them out again when it is cancelled, trashed or deleted.
 */
export function updateSalesCounts(state: EmuState, order: OrderRecord, deleting = false): void {
  const reflected = deleting || order.status === 'cancelled' || order.status === 'trash';
  if (order.recordedSales !== reflected) return;
  const sign = order.recordedSales && reflected ? -1 : 1;
  for (const item of order.lineItems) {
    const product = item.productId ? state.products.get(item.productId) : undefined;
    if (product) product.totalSales = Math.max(0, product.totalSales + sign * Math.abs(Math.trunc(item.quantity)));
  }
  order.recordedSales = sign === 1;
}

/** Moves an order to the trash: status `trash`, the old status kept, no stock change (WooCommerce #26716). */
export function trashOrder(state: EmuState, order: OrderRecord): void {
  order.statusBeforeTrash = order.status;
  order.status = 'trash';
  order.dateModified = state.now();
  updateSalesCounts(state, order);
}

/** Deletes an order for good, with its notes and refunds; stock is not restored. */
export function deleteOrder(state: EmuState, order: OrderRecord): void {
  updateSalesCounts(state, order, true);
  releaseReservations(state, order.id);
  deleteOrderNotes(state, order.id);
  deleteRefundsOf(state, order.id);
  orderStore(state).orders.delete(order.id);
}
