/**
 * /orders/{id}/refunds: list (with paging headers), create (order-refund-write.ts), read and delete.
 * Setting an order to `refunded` also leaves a refund behind (order-lifecycle.ts).
 */
import { findOrder, orderStore } from './order-model';
import { refundView } from './order-refund-view';
import { createRefundFromRequest } from './order-refund-write';
import { refundsOf } from './order-refunds';
import { pagingHeaders, restError, type EmuResponse, type Route } from './router';

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
      return { status: 200, body: slice.map((r) => refundView(state, r, req.base)), headers: pagingHeaders(req, all.length, page, totalPages) };
    },
  },
  {
    method: 'POST',
    pattern: REFUNDS,
    args: {
      amount: { type: 'string' },
      reason: { type: 'string' },
      refunded_by: { type: 'integer' },
      line_items: { type: 'array' },
      api_refund: { type: 'boolean' },
      api_restock: { type: 'boolean' },
    },
    handler: (req, state) => {
      const order = findOrder(state, Number(req.params.order_id));
      if (!order) return orderMissing();
      const result = createRefundFromRequest(state, order, req.args, req.auth.userId || state.admin.id);
      if (!result.ok) return result.response;
      return {
        status: 201,
        body: refundView(state, result.refund, req.base),
        headers: { Location: `${req.base}/wp-json/wc/v3/orders/${order.id}/refunds/${result.refund.id}` },
      };
    },
  },
  {
    method: 'GET',
    pattern: REFUND,
    handler: (req, state) => {
      const refund = orderStore(state).refunds.get(Number(req.params.id));
      if (!refund || refund.orderId !== Number(req.params.order_id)) return restError('woocommerce_rest_invalid_id', 'Invalid ID.', 404);
      return { status: 200, body: refundView(state, refund, req.base) };
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
      const body = refundView(state, refund, req.base);
      orderStore(state).refunds.delete(refund.id);
      return { status: 200, body };
    },
  },
];
