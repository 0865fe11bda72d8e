/**
 * Coupon discounts and order totals in exact cents: the recorded fixed-cart split, percent and
 * fixed-product coupons, and that discounts never exceed what a line is worth.
 */
import { describe, expect, it } from 'vitest';
import { blankCoupon, type CouponRecord } from '../../../connectors/woocommerce-emulator/order-coupons';
import type { LineItemRecord } from '../../../connectors/woocommerce-emulator/order-model';
import { formatAmount, microsToDecimal, toMicros, unitPriceNumber } from '../../../connectors/woocommerce-emulator/order-money';
import { computeDiscounts } from '../../../connectors/woocommerce-emulator/order-totals';
import { createState } from '../../../connectors/woocommerce-emulator/state';

function line(id: number, unit: string, quantity: number): LineItemRecord {
  const subtotal = microsToDecimal(toMicros(unit) * BigInt(quantity));
  return { type: 'line_item', id, name: `L${id}`, productId: id, variationId: 0, quantity, taxClass: '', subtotal, total: subtotal, meta: [] };
}

function coupon(type: CouponRecord['discountType'], amount: string, code = 'c'): CouponRecord {
  const c = blankCoupon(createState(), code);
  c.discountType = type;
  c.amount = amount;
  return c;
}

function cents(lines: LineItemRecord[], coupons: CouponRecord[]): Record<number, number> {
  const result = computeDiscounts(lines, coupons, () => true);
  const out: Record<number, number> = {};
  for (const l of lines) out[l.id] = coupons.reduce((sum, c) => sum + Number(result.get(c.code)?.get(l.id) ?? 0n), 0);
  return out;
}

describe('coupon discounts', () => {
  it('reproduces the recorded fixed_cart split: 5.00 over 2×10.00, 1×12.00, 3×3.99', () => {
    expect(cents([line(1, '10.00', 2), line(2, '12.00', 1), line(3, '3.99', 3)], [coupon('fixed_cart', '5')])).toEqual({ 1: 167, 2: 84, 3: 249 });
  });

  it('a fixed_cart coupon never discounts a line below zero and hands the rest to other lines', () => {
    expect(cents([line(1, '1.00', 1), line(2, '50.00', 1)], [coupon('fixed_cart', '10')])).toEqual({ 1: 100, 2: 900 });
  });

  it('percent: floor per line, the cart-level remainder goes out a cent at a time', () => {
    expect(cents([line(1, '3.33', 1), line(2, '3.33', 1), line(3, '3.33', 1)], [coupon('percent', '10')])).toEqual({ 1: 34, 2: 33, 3: 33 });
  });

  it('fixed_product: amount per unit, capped at the line', () => {
    expect(cents([line(1, '4.00', 3), line(2, '1.50', 2)], [coupon('fixed_product', '2')])).toEqual({ 1: 600, 2: 300 });
  });

  it('two coupons stack on what is left after the first', () => {
    expect(cents([line(1, '10.00', 1)], [coupon('percent', '50', 'half'), coupon('fixed_cart', '8', 'eight')])).toEqual({ 1: 1000 });
  });
});

describe('order money', () => {
  it('keeps exact decimals and rounds only when printing', () => {
    expect(microsToDecimal(toMicros('9.999') * 3n)).toBe('29.997');
    expect(formatAmount('29.997')).toBe('30.00');
    expect(formatAmount('-8')).toBe('-8.00');
    expect(formatAmount('0.005')).toBe('0.01');
  });

  it('reports the unit price after discounts as the float PHP computes', () => {
    expect(unitPriceNumber('18.33', 2)).toBe(9.165);
    expect(unitPriceNumber('10', 1)).toBe(10);
    expect(unitPriceNumber('10', 3)).toBe(10 / 3);
    expect(unitPriceNumber('0', 0)).toBe(0);
  });
});
