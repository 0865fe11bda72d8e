/**
 * Applying coupon lines to an order (the REST controller's calculate_coupons and the order's
 * recalculate_coupons): codes are checked before anything changes, then the order's coupons are
 * replaced and the discounts spread over the lines (order-totals.ts).
 */
import { fail } from './order-errors';
import { couponProblem, couponShortInfo, findCouponByCode, type CouponRecord } from './order-coupons';
import { isObject, type OrderBody } from './order-input';
import { setMeta, type LineItemRecord, type OrderRecord } from './order-model';
import { microsToDecimal, toMicros } from './order-money';
import { calculateTotals, centsToStoredDecimal, computeDiscounts, itemsSubtotal } from './order-totals';
import { isOnSale } from './product-model';
import type { EmuState } from './state';

/**
 * calculate_coupons: every posted code is checked first (a readonly id, an empty code or an invalid
 * coupon refuses the write), then the order's coupons are replaced and discounts recomputed.
 */
export function applyCouponLines(state: EmuState, order: OrderRecord, input: OrderBody): void {
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
