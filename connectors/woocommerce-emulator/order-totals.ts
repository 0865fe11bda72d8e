/**
 * Order totals and coupon discounts (WC_Abstract_Order::calculate_totals, recalculate_coupons and
 * WC_Discounts), in whole cents with BigInt so the numbers match the store to the cent:
 * - `percent`: each line gets floor(line subtotal × pct); the cent remainder of the whole-cart
 *   figure (rounded half down) is then handed out one cent at a time;
 * - `fixed_cart`: the amount is split per unit (floor(amount / units) each, capped at what a line is
 *   worth), repeated on what is left, and the last cents go one per unit;
 * - `fixed_product`: amount × quantity per line, capped at the line.
 * Lines are visited from the highest unit price down. That order is what the recorded store shows
 * (5.00 off 2×10.00 + 1×12.00 + 3×3.99 leaves 18.33 / 11.16 / 9.48); WooCommerce's own source sorts
 * by subtotal × quantity, which would give 18.32 instead, so the recording wins.
 */
import type { CouponRecord } from './order-coupons';
import { centsToMicros, microsToCents, microsToDecimal, roundToCents, toMicros } from './order-money';
import type { LineItemRecord, OrderRecord } from './order-model';

/** A line as the discount code sees it. */
interface DiscountLine {
  key: number;
  /** Line subtotal in cents. */
  price: bigint;
  quantity: bigint;
  /** Whether a product coupon (percent, fixed_product) may touch this line. */
  eligible: boolean;
}

/** The per-line discounts (cents) one coupon grants, keyed by line id. */
export type CouponDiscounts = Map<number, bigint>;

/**
 * Computes every coupon's discounts over the lines, in application order. Discounts of earlier
 * coupons reduce what later ones can take (never below zero), as in WooCommerce.
 */
export function computeDiscounts(
  lines: LineItemRecord[],
  coupons: CouponRecord[],
  eligible: (line: LineItemRecord, coupon: CouponRecord) => boolean,
): Map<string, CouponDiscounts> {
  const taken = new Map<number, bigint>();
  const result = new Map<string, CouponDiscounts>();
  for (const coupon of coupons) {
    const items: DiscountLine[] = sortByUnitPrice(
      lines.map((l) => ({
        key: l.id,
        price: microsToCents(toMicros(l.subtotal)),
        quantity: BigInt(Math.max(0, Math.trunc(l.quantity))),
        eligible: eligible(l, coupon),
      })),
    );
    const discounts: CouponDiscounts = new Map(items.map((i) => [i.key, 0n]));
    const left = (i: DiscountLine) => i.price - (taken.get(i.key) ?? 0n) - (discounts.get(i.key) ?? 0n);
    const give = (i: DiscountLine, cents: bigint) => discounts.set(i.key, (discounts.get(i.key) ?? 0n) + cents);
    const candidates = items.filter((i) => i.quantity > 0n && left(i) > 0n && (coupon.discountType === 'fixed_cart' || i.eligible));
    const amountCents = microsToCents(toMicros(coupon.amount));
    if (coupon.discountType === 'percent') applyPercent(candidates, toMicros(coupon.amount), left, give);
    else if (coupon.discountType === 'fixed_product') applyFixedProduct(candidates, amountCents, left, give);
    else applyFixedCart(candidates, amountCents, left, give);
    for (const [key, cents] of discounts) taken.set(key, (taken.get(key) ?? 0n) + cents);
    result.set(coupon.code, discounts);
  }
  return result;
}

type Left = (i: DiscountLine) => bigint;
type Give = (i: DiscountLine, cents: bigint) => void;

function sortByUnitPrice(items: DiscountLine[]): DiscountLine[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => {
      // Compare a.price / a.qty with b.price / b.qty without division.
      const qa = a.item.quantity === 0n ? 1n : a.item.quantity;
      const qb = b.item.quantity === 0n ? 1n : b.item.quantity;
      const lhs = a.item.price * qb;
      const rhs = b.item.price * qa;
      if (lhs !== rhs) return lhs > rhs ? -1 : 1;
      return a.index - b.index;
    })
    .map((x) => x.item);
}

function applyPercent(items: DiscountLine[], pctMicros: bigint, left: Left, give: Give): void {
  let total = 0n;
  let cartTotal = 0n;
  for (const item of items) {
    const discount = min(left(item), (item.price * pctMicros) / 100_000_000n);
    cartTotal += item.price;
    total += discount;
    give(item, discount);
  }
  const cartDiscount = roundHalfDown(cartTotal * pctMicros, 100_000_000n);
  if (total < cartDiscount) applyRemainder(items, cartDiscount - total, left, give);
}

function applyFixedProduct(items: DiscountLine[], amount: bigint, left: Left, give: Give): bigint {
  let total = 0n;
  for (const item of items) {
    const discount = min(left(item), amount * item.quantity);
    total += discount;
    give(item, discount);
  }
  return total;
}

function applyFixedCart(items: DiscountLine[], amount: bigint, left: Left, give: Give): bigint {
  const withPrice = items.filter((i) => left(i) > 0n);
  const units = withPrice.reduce((sum, i) => sum + i.quantity, 0n);
  if (units === 0n || amount <= 0n) return 0n;
  const perUnit = amount / units;
  if (perUnit > 0n) {
    const total = applyFixedProduct(withPrice, perUnit, left, give);
    if (total > 0n && total < amount) return total + applyFixedCart(withPrice, amount - total, left, give);
    return total;
  }
  return applyRemainder(withPrice, amount, left, give);
}

/** Hands out `amount` cents one per unit, in line order, while lines still have value left. */
function applyRemainder(items: DiscountLine[], amount: bigint, left: Left, give: Give): bigint {
  let total = 0n;
  for (const item of items) {
    for (let i = 0n; i < item.quantity; i++) {
      const cent = min(left(item), 1n);
      total += cent;
      give(item, cent);
      if (total >= amount) return total;
    }
  }
  return total;
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

/** numerator / denominator rounded to an integer, halves towards zero (WC_DISCOUNT_ROUNDING_MODE). */
function roundHalfDown(numerator: bigint, denominator: bigint): bigint {
  const q = numerator / denominator;
  const r = numerator % denominator;
  return 2n * r > denominator ? q + 1n : q;
}

/** Cents → the way WooCommerce stores a coupon line's discount ("5", "1.67"). */
export function centsToStoredDecimal(cents: bigint): string {
  return microsToDecimal(centsToMicros(cents));
}

/**
 * calculate_totals without taxes (the recorded store has taxes off): shipping total, the discount
 * (line subtotals minus line totals) and the grand total, each rounded to cents.
 */
export function calculateTotals(order: OrderRecord): void {
  let subtotal = 0n;
  let total = 0n;
  for (const line of order.lineItems) {
    subtotal += toMicros(line.subtotal);
    total += toMicros(line.total);
  }
  const shipping = order.shippingLines.reduce((sum, s) => sum + toMicros(s.total), 0n);
  const fees = order.feeLines.reduce((sum, f) => sum + toMicros(f.total), 0n);
  order.shippingTotal = microsToDecimal(roundToCents(shipping));
  order.discountTotal = microsToDecimal(roundToCents(subtotal - total));
  order.total = microsToDecimal(roundToCents(total + fees + shipping));
}

/** Sum of the line subtotals (what coupon minimum/maximum spends are checked against). */
export function itemsSubtotal(order: OrderRecord): bigint {
  return order.lineItems.reduce((sum, l) => sum + toMicros(l.subtotal), 0n);
}
