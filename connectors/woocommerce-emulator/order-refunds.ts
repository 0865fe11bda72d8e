/**
 * Refunds: what setting an order to `refunded` leaves behind (one refund for the remaining total,
 * reason "Order fully refunded.", no restocking) and how refunds read through the API.
 */
import { formatAmount, microsToDecimal, toMicros } from './order-money';
import { orderStore, type OrderRecord, type RefundRecord } from './order-model';
import type { EmuState } from './state';

/** The refunds of an order, newest first (WooCommerce lists them by date, then id, descending). */
export function refundsOf(state: EmuState, orderId: number): RefundRecord[] {
  return [...orderStore(state).refunds.values()]
    .filter((r) => r.orderId === orderId)
    .sort((a, b) => b.dateCreated - a.dateCreated || b.id - a.id);
}

/** Total refunded so far, in millionths. */
export function refundedTotal(state: EmuState, orderId: number): bigint {
  return refundsOf(state, orderId).reduce((sum, r) => sum + toMicros(r.amount), 0n);
}

/** Stores a refund (refunds take post ids, like orders). */
export function createRefund(
  state: EmuState,
  order: OrderRecord,
  amount: bigint,
  reason: string,
  refundedBy: number,
): RefundRecord {
  const refund: RefundRecord = {
    id: state.nextPostId(),
    orderId: order.id,
    dateCreated: state.now(),
    amount: microsToDecimal(amount),
    reason,
    refundedBy,
    refundedPayment: false,
    lineItems: [],
  };
  orderStore(state).refunds.set(refund.id, refund);
  return refund;
}

/** Drops the refunds of an order deleted for good. */
export function deleteRefundsOf(state: EmuState, orderId: number): void {
  const refunds = orderStore(state).refunds;
  for (const [id, r] of refunds) if (r.orderId === orderId) refunds.delete(id);
}

/** The short form inside an order's `refunds` list: the total is negative. */
export function refundSummary(r: RefundRecord): Record<string, unknown> {
  return { id: r.id, reason: r.reason, total: `-${formatAmount(r.amount)}` };
}
