/**
 * /orders: list, create, read, update (POST/PUT/PATCH), delete (trash, or for good with force) and
 * batch, with WooCommerce's status codes (missing id: 404 on GET/DELETE, 400 on update). This
 * module also gathers the other order-side route modules (notes, refunds, coupons) so the route
 * index registers them with one import.
 */
import { BATCH_ARGS, runBatch } from './batch';
import { ORDER_WRITE_ARGS, looseOrderBody, validateOrderBody } from './order-input';
import { deleteOrder, trashOrder } from './order-lifecycle';
import { findOrder, type OrderRecord } from './order-model';
import { parseOrderListQuery, runOrderList } from './order-query';
import { orderView } from './order-view';
import { criticalError } from './order-errors';
import { createWouldCrash } from './order-items';
import { createOrder, updateOrder } from './order-write';
import { phpInt } from './php-values';
import { editable, restError, type EmuRequest, type EmuResponse, type Route } from './router';
import type { EmuState } from './state';
import type { ArgSchemas } from './wp-args';
import { orderCouponRoutes } from './route-order-coupons';
import { orderNoteRoutes } from './route-order-notes';
import { orderRefundRoutes } from './route-order-refunds';

const COLLECTION = '/wc/v3/orders';
const ITEM = '/wc/v3/orders/:id';

const ITEM_ARGS: ArgSchemas = {
  context: { type: 'string', enum: ['view', 'edit'] },
  force: { type: 'boolean' },
  dp: { type: 'integer' },
};

function invalidId(status: number): EmuResponse {
  return restError('woocommerce_rest_shop_order_invalid_id', 'Invalid ID.', status);
}

function view(state: EmuState, req: EmuRequest, order: OrderRecord): Record<string, unknown> {
  return orderView(state, order, { base: req.base, dp: typeof req.args.dp === 'number' ? req.args.dp : 2 });
}

/** Creates one order (single route: validated; batch items: taken as they come, like WooCommerce). */
export function createOrderResponse(state: EmuState, req: EmuRequest, input: Record<string, unknown>, validate: boolean): EmuResponse {
  if (typeof input.id === 'number' && input.id > 0) {
    return restError('woocommerce_rest_shop_order_exists', 'Cannot create existing shop_order.', 400);
  }
  const checked = validate ? validateOrderBody(input) : { ok: true as const, values: looseOrderBody(input) };
  if (!checked.ok) return checked.response;
  const result = createOrder(state, checked.values);
  if (!result.ok) return result.response;
  return {
    status: 201,
    body: view(state, req, result.order),
    headers: { Location: `${req.base}/wp-json/wc/v3/orders/${result.order.id}` },
  };
}

/** Updates one order; a missing id is a 400 here (WooCommerce's update_item). */
export function updateOrderResponse(state: EmuState, req: EmuRequest, id: number, input: Record<string, unknown>, validate: boolean): EmuResponse {
  const current = findOrder(state, id);
  if (!current || id === 0) return invalidId(400);
  const checked = validate ? validateOrderBody(input) : { ok: true as const, values: looseOrderBody(input) };
  if (!checked.ok) return checked.response;
  const result = updateOrder(state, current, checked.values);
  if (!result.ok) return result.response;
  return { status: 200, body: view(state, req, result.order) };
}

/** Deletes one order: to the trash, or for good with force. The answer shows the order as it was. */
export function deleteOrderResponse(state: EmuState, req: EmuRequest, id: number, force: boolean): EmuResponse {
  const order = findOrder(state, id);
  if (!order) return invalidId(404);
  const previous = view(state, req, order);
  if (force) {
    deleteOrder(state, order);
    return { status: 200, body: previous };
  }
  if (order.status === 'trash') return restError('woocommerce_rest_already_trashed', 'The shop_order has already been deleted.', 410);
  trashOrder(state, order);
  return { status: 200, body: previous };
}

const crudRoutes: Route[] = [
  {
    method: 'GET',
    pattern: COLLECTION,
    handler: (req, state) => {
      const parsed = parseOrderListQuery(req.query);
      if (!parsed.ok) return parsed.response;
      const { orders, headers } = runOrderList(state, req, parsed.query);
      const opts = { base: req.base, dp: parsed.query.dp };
      return { status: 200, body: orders.map((o) => orderView(state, o, opts)), headers };
    },
  },
  {
    method: 'POST',
    pattern: COLLECTION,
    args: ORDER_WRITE_ARGS,
    // The real store dies on a removal request inside a create (HTTP 500, no REST headers).
    permission: (req) => (createWouldCrash(req.args) ? criticalError() : null),
    handler: (req, state) => createOrderResponse(state, req, req.args, true),
  },
  ...editable(
    `${COLLECTION}/batch`,
    (req, state) =>
      runBatch(req, {
        create: (item) => createOrderResponse(state, req, item, false),
        update: (item) => updateOrderResponse(state, req, phpInt(item.id), item, false),
        delete: (id) => deleteOrderResponse(state, req, id, true),
      }),
    { args: BATCH_ARGS },
  ),
  {
    method: 'GET',
    pattern: ITEM,
    args: ITEM_ARGS,
    handler: (req, state) => {
      const order = findOrder(state, Number(req.params.id));
      if (!order) return invalidId(404);
      return { status: 200, body: view(state, req, order) };
    },
  },
  ...editable(ITEM, (req, state) => updateOrderResponse(state, req, Number(req.params.id), req.args, true), {
    args: { ...ORDER_WRITE_ARGS, ...ITEM_ARGS },
  }),
  {
    method: 'DELETE',
    pattern: ITEM,
    args: ITEM_ARGS,
    handler: (req, state) => deleteOrderResponse(state, req, Number(req.params.id), req.args.force === true),
  },
];

/** Every order-side route: orders, their notes and refunds, and coupons. */
export const orderRoutes: Route[] = [...crudRoutes, ...orderNoteRoutes, ...orderRefundRoutes, ...orderCouponRoutes];
