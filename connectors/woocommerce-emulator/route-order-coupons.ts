/**
 * /coupons: enough of WooCommerce's coupon endpoints for orders to use coupons — create, list
 * (optionally by `code`), read, update and delete. Codes are stored lower-case and must be unique.
 */
import { blankCoupon, couponStore, couponView, DISCOUNT_TYPES, findCouponByCode, formatCouponCode, type CouponRecord } from './order-coupons';
import { microsToDecimal, toMicros } from './order-money';
import { editable, pagingHeaders, restError, type EmuRequest, type EmuResponse, type Route } from './router';
import type { EmuState } from './state';
import type { ArgSchemas } from './wp-args';
import { parseWcDate } from './clock';

const COLLECTION = '/wc/v3/coupons';
const ITEM = '/wc/v3/coupons/:id';

const WRITE_ARGS: ArgSchemas = {
  code: { type: 'string' },
  amount: { type: 'string' },
  discount_type: { type: 'string', enum: DISCOUNT_TYPES },
  description: { type: 'string' },
  date_expires: { type: ['string'] },
  individual_use: { type: 'boolean' },
  product_ids: { type: 'array', items: { type: 'integer' } },
  excluded_product_ids: { type: 'array', items: { type: 'integer' } },
  usage_limit: { type: 'integer' },
  usage_limit_per_user: { type: 'integer' },
  limit_usage_to_x_items: { type: 'integer' },
  free_shipping: { type: 'boolean' },
  exclude_sale_items: { type: 'boolean' },
  minimum_amount: { type: 'string' },
  maximum_amount: { type: 'string' },
  email_restrictions: { type: 'array', items: { type: 'string' } },
};

function invalidId(status: number): EmuResponse {
  return restError('woocommerce_rest_shop_coupon_invalid_id', 'Invalid ID.', status);
}

function applyCouponInput(state: EmuState, c: CouponRecord, a: Record<string, unknown>): EmuResponse | null {
  if (typeof a.code === 'string') {
    const code = formatCouponCode(a.code);
    const other = findCouponByCode(state, code);
    if (other && other.id !== c.id) return restError('woocommerce_rest_coupon_code_already_exists', 'The coupon code already exists', 400);
    c.code = code;
  }
  if (typeof a.amount === 'string') c.amount = microsToDecimal(toMicros(a.amount));
  if (typeof a.discount_type === 'string') c.discountType = a.discount_type as CouponRecord['discountType'];
  if (typeof a.description === 'string') c.description = a.description;
  if (a.date_expires !== undefined) c.dateExpires = typeof a.date_expires === 'string' && a.date_expires !== '' ? parseWcDate(a.date_expires) : null;
  if (typeof a.individual_use === 'boolean') c.individualUse = a.individual_use;
  if (Array.isArray(a.product_ids)) c.productIds = a.product_ids as number[];
  if (Array.isArray(a.excluded_product_ids)) c.excludedProductIds = a.excluded_product_ids as number[];
  if (typeof a.usage_limit === 'number') c.usageLimit = a.usage_limit || null;
  if (typeof a.usage_limit_per_user === 'number') c.usageLimitPerUser = a.usage_limit_per_user || null;
  if (typeof a.limit_usage_to_x_items === 'number') c.limitUsageToXItems = a.limit_usage_to_x_items || null;
  if (typeof a.free_shipping === 'boolean') c.freeShipping = a.free_shipping;
  if (typeof a.exclude_sale_items === 'boolean') c.excludeSaleItems = a.exclude_sale_items;
  if (typeof a.minimum_amount === 'string') c.minimumAmount = a.minimum_amount;
  if (typeof a.maximum_amount === 'string') c.maximumAmount = a.maximum_amount;
  if (Array.isArray(a.email_restrictions)) c.emailRestrictions = a.email_restrictions as string[];
  return null;
}

function created(req: EmuRequest, c: CouponRecord): EmuResponse {
  return { status: 201, body: couponView(c, req.base), headers: { Location: `${req.base}/wp-json/wc/v3/coupons/${c.id}` } };
}

export const orderCouponRoutes: Route[] = [
  {
    method: 'GET',
    pattern: COLLECTION,
    args: { page: { type: 'integer', minimum: 1 }, per_page: { type: 'integer', minimum: 1, maximum: 100 }, code: { type: 'string' } },
    handler: (req, state) => {
      let all = [...couponStore(state).values()].filter((c) => c.status !== 'trash').sort((a, b) => b.dateCreated - a.dateCreated || b.id - a.id);
      if (typeof req.args.code === 'string') all = all.filter((c) => c.code === formatCouponCode(req.args.code as string));
      const page = typeof req.args.page === 'number' ? req.args.page : 1;
      const perPage = typeof req.args.per_page === 'number' ? req.args.per_page : 10;
      const slice = all.slice((page - 1) * perPage, page * perPage);
      return { status: 200, body: slice.map((c) => couponView(c, req.base)), headers: pagingHeaders(req, all.length, page, Math.ceil(all.length / perPage)) };
    },
  },
  {
    method: 'POST',
    pattern: COLLECTION,
    args: WRITE_ARGS,
    handler: (req, state) => {
      if (typeof req.args.code !== 'string') return restError('rest_missing_callback_param', 'Missing parameter(s): code', 400, { params: ['code'] });
      const coupon = blankCoupon(state, req.args.code);
      const problem = applyCouponInput(state, coupon, req.args);
      if (problem) return problem;
      coupon.id = state.nextPostId();
      couponStore(state).set(coupon.id, coupon);
      return created(req, coupon);
    },
  },
  {
    method: 'GET',
    pattern: ITEM,
    handler: (req, state) => {
      const c = couponStore(state).get(Number(req.params.id));
      return c ? { status: 200, body: couponView(c, req.base) } : invalidId(404);
    },
  },
  ...editable(
    ITEM,
    (req, state) => {
      const c = couponStore(state).get(Number(req.params.id));
      if (!c) return invalidId(400);
      const problem = applyCouponInput(state, c, req.args);
      if (problem) return problem;
      c.dateModified = state.now();
      return { status: 200, body: couponView(c, req.base) };
    },
    { args: WRITE_ARGS },
  ),
  {
    method: 'DELETE',
    pattern: ITEM,
    args: { force: { type: 'boolean' } },
    handler: (req, state) => {
      const c = couponStore(state).get(Number(req.params.id));
      if (!c) return invalidId(404);
      const body = couponView(c, req.base);
      if (req.args.force === true) couponStore(state).delete(c.id);
      else if (c.status === 'trash') return restError('woocommerce_rest_already_trashed', 'The shop_coupon has already been deleted.', 410);
      else c.status = 'trash';
      return { status: 200, body };
    },
  },
];
