/**
 * Coupons, as far as orders need them: the records behind `/coupons`, the checks WooCommerce runs
 * before a code may be applied to an order, and the short description an order's coupon line keeps.
 * Coupons share WordPress's post id sequence with products and orders.
 */
import { formatWcDate } from './clock';
import { formatAmount, toMicros } from './order-money';
import { defineStateSlot, type EmuState } from './state';

export type DiscountType = 'percent' | 'fixed_cart' | 'fixed_product';

export const DISCOUNT_TYPES: readonly DiscountType[] = ['percent', 'fixed_cart', 'fixed_product'];

export interface CouponRecord {
  id: number;
  code: string;
  amount: string;
  discountType: DiscountType;
  description: string;
  dateCreated: number;
  dateModified: number;
  dateExpires: number | null;
  usageCount: number;
  individualUse: boolean;
  productIds: number[];
  excludedProductIds: number[];
  usageLimit: number | null;
  usageLimitPerUser: number | null;
  limitUsageToXItems: number | null;
  freeShipping: boolean;
  excludeSaleItems: boolean;
  minimumAmount: string;
  maximumAmount: string;
  emailRestrictions: string[];
  usedBy: string[];
  status: string;
}

export const couponStore = defineStateSlot('coupons', () => new Map<number, CouponRecord>());

/** wc_format_coupon_code: codes are stored and compared in lower case. */
export function formatCouponCode(code: string): string {
  return code.trim().toLowerCase();
}

/** The live (not trashed) coupon with this code, if any. */
export function findCouponByCode(state: EmuState, code: string): CouponRecord | undefined {
  const wanted = formatCouponCode(code);
  for (const c of couponStore(state).values()) if (c.code === wanted && c.status !== 'trash') return c;
  return undefined;
}

/** A new coupon with WooCommerce's defaults. */
export function blankCoupon(state: EmuState, code: string): CouponRecord {
  const now = state.now();
  return {
    id: 0,
    code: formatCouponCode(code),
    amount: '0',
    discountType: 'fixed_cart',
    description: '',
    dateCreated: now,
    dateModified: now,
    dateExpires: null,
    usageCount: 0,
    individualUse: false,
    productIds: [],
    excludedProductIds: [],
    usageLimit: null,
    usageLimitPerUser: null,
    limitUsageToXItems: null,
    freeShipping: false,
    excludeSaleItems: false,
    minimumAmount: '',
    maximumAmount: '',
    emailRestrictions: [],
    usedBy: [],
    status: 'publish',
  };
}

/**
 * WC_Discounts::is_coupon_valid for an order: the reasons WooCommerce refuses a code, as the
 * message it gives (the REST error code is always woocommerce_rest_invalid_coupon). Null when valid.
 */
export function couponProblem(state: EmuState, code: string, coupon: CouponRecord | undefined, subtotal: bigint): string | null {
  if (!coupon) return `Coupon &quot;${code}&quot; cannot be applied because it does not exist.`;
  if (coupon.usageLimit !== null && coupon.usageLimit > 0 && coupon.usageCount >= coupon.usageLimit) {
    return 'Usage limit for coupon &quot;' + coupon.code + '&quot; has been reached.';
  }
  if (coupon.dateExpires !== null && state.now() > coupon.dateExpires) return 'This coupon has expired.';
  const min = toMicros(coupon.minimumAmount);
  if (min > 0n && min > subtotal) return `The minimum spend for this coupon is $${formatAmount(coupon.minimumAmount)}.`;
  const max = toMicros(coupon.maximumAmount);
  if (max > 0n && max < subtotal) return `The maximum spend for this coupon is $${formatAmount(coupon.maximumAmount)}.`;
  return null;
}

/**
 * WC_Coupon::get_short_info, stored on the order's coupon line as `coupon_info`:
 * `[id, code, type or null for fixed_cart, amount]` (+ `true` when it grants free shipping).
 */
export function couponShortInfo(c: CouponRecord): string {
  const info: unknown[] = [c.id, c.code, c.discountType === 'fixed_cart' ? null : c.discountType, Number(c.amount || '0')];
  if (c.freeShipping) info.push(true);
  return JSON.stringify(info);
}

/** The REST shape of a coupon (wc/v3 coupons). */
export function couponView(c: CouponRecord, base: string): Record<string, unknown> {
  const date = (s: number | null) => (s === null ? null : formatWcDate(s));
  return {
    id: c.id,
    code: c.code,
    amount: formatAmount(c.amount),
    status: c.status,
    date_created: date(c.dateCreated),
    date_created_gmt: date(c.dateCreated),
    date_modified: date(c.dateModified),
    date_modified_gmt: date(c.dateModified),
    discount_type: c.discountType,
    description: c.description,
    date_expires: date(c.dateExpires),
    date_expires_gmt: date(c.dateExpires),
    usage_count: c.usageCount,
    individual_use: c.individualUse,
    product_ids: c.productIds,
    excluded_product_ids: c.excludedProductIds,
    usage_limit: c.usageLimit,
    usage_limit_per_user: c.usageLimitPerUser,
    limit_usage_to_x_items: c.limitUsageToXItems,
    free_shipping: c.freeShipping,
    product_categories: [],
    excluded_product_categories: [],
    exclude_sale_items: c.excludeSaleItems,
    minimum_amount: c.minimumAmount === '' ? '0.00' : formatAmount(c.minimumAmount),
    maximum_amount: c.maximumAmount === '' ? '0.00' : formatAmount(c.maximumAmount),
    email_restrictions: c.emailRestrictions,
    used_by: c.usedBy,
    meta_data: [],
    _links: {
      self: [
        {
          href: `${base}/wp-json/wc/v3/coupons/${c.id}`,
          targetHints: { allow: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
        },
      ],
      collection: [{ href: `${base}/wp-json/wc/v3/coupons` }],
    },
  };
}
