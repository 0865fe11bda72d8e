/**
 * The REST shape of a refund (under /orders/{id}/refunds): its refunded lines read like order lines
 * with negative quantities and totals.
 */
import { formatWcDate } from './clock';
import { formatAmount } from './order-money';
import type { RefundRecord } from './order-model';
import { lineItemView } from './order-view';
import type { EmuState } from './state';

/** The REST shape of a refund under /orders/{id}/refunds. */
export function refundView(state: EmuState, r: RefundRecord, base: string): Record<string, unknown> {
  const orderUrl = `${base}/wp-json/wc/v3/orders/${r.orderId}`;
  return {
    id: r.id,
    date_created: formatWcDate(r.dateCreated),
    date_created_gmt: formatWcDate(r.dateCreated),
    amount: formatAmount(r.amount),
    reason: r.reason,
    refunded_by: r.refundedBy,
    refunded_payment: r.refundedPayment,
    meta_data: [],
    line_items: r.lineItems.map((i) => lineItemView(state, i, (v) => formatAmount(v))),
    shipping_lines: [],
    tax_lines: [],
    fee_lines: [],
    _links: {
      self: [{ href: `${orderUrl}/refunds/${r.id}`, targetHints: { allow: ['GET', 'DELETE'] } }],
      collection: [{ href: `${orderUrl}/refunds` }],
      up: [{ href: orderUrl }],
    },
  };
}
