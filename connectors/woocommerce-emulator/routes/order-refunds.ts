/**
 * /orders/{id}/refunds: list (with paging headers), read and delete. Refunds come from setting an
 * order to `refunded` (the full remaining amount, no restocking); creating partial refunds through
 * this route is not emulated and answers as a store whose gateway cannot refund.
 */
import { findOrder } from '../order-model';
import { orderStore } from '../order-model';
import { refundsOf, refundView } from '../order-refunds';
import { pagingHeaders, restError, type EmuResponse, type Route } from '../router';

const REFUNDS = '/wc/v3/orders/:order_id/refunds';
const REFUND = '/wc/v3/orders/:order_id/refunds/:id';

function orderMissing(): EmuResponse {
  return restError('woocommerce_rest_invalid_order_id', 'Invalid order ID.', 404);
}

export const orderRefundRoutes: Route[] = [
  {
    method: 'GET',
    pattern: REFUNDS,
    args: { page: { type: 'integer', minimum: 1 }, per_page: { type: 'integer', minimum: 1, maximum: 100 } },
    handler: (req, state) => {
      const orderId = Number(req.params.order_id);
      if (!findOrder(state, orderId)) return orderMissing();
      const all = refundsOf(state, orderId);
      const page = typeof req.args.page === 'number' ? req.args.page : 1;
      const perPage = typeof req.args.per_page === 'number' ? req.args.per_page : 10;
      const slice = all.slice((page - 1) * perPage, page * perPage);
      const totalPages = Math.ceil(all.length / perPage);
      return { status: 200, body: slice.map((r) => refundView(r, req.base)), headers: pagingHeaders(req, all.length, page, totalPages) };
    },
  },
  {
    method: 'POST',
    pattern: REFUNDS,
    handler: (req, state) => {
      const order = findOrder(state, Number(req.params.order_id));
      if (!order) return orderMissing();
      const message = order.paymentMethod === '' ? 'The payment gateway for this order does not exist.' : 'The payment gateway for this order does not support automatic refunds.';
      return restError('woocommerce_rest_cannot_create_order_refund', message, 500);
    },
  },
  {
    method: 'GET',
    pattern: REFUND,
    handler: (req, state) => {
      const refund = orderStore(state).refunds.get(Number(req.params.id));
      if (!refund || refund.orderId !== Number(req.params.order_id)) return restError('woocommerce_rest_invalid_id', 'Invalid ID.', 404);
      return { status: 200, body: refundView(refund, req.base) };
    },
  },
  {
    method: 'DELETE',
    pattern: REFUND,
    args: { force: { type: 'boolean' } },
    handler: (req, state) => {
      if (req.args.force !== true) return restError('woocommerce_rest_trash_not_supported', 'Refunds do not support trashing.', 501);
      const refund = orderStore(state).refunds.get(Number(req.params.id));
      if (!refund || refund.orderId !== Number(req.params.order_id)) return restError('woocommerce_rest_invalid_id', 'Invalid ID.', 404);
      const body = refundView(refund, req.base);
      orderStore(state).refunds.delete(refund.id);
      return { status: 200, body };
    },
  },
];
