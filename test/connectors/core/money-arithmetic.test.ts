import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addMoney, divideMoney, exactMoney, MoneyFormatError, subtractMoney } from '../../../connectors/core/money';

describe('order money (exact strings)', () => {
  it('keeps each amount at its own precision, at least two decimals', () => {
    expect(exactMoney('5', 'x')).toBe('5.00');
    expect(exactMoney('9.165', 'x')).toBe('9.165');
    expect(exactMoney('', 'x')).toBe('0.00');
    expect(exactMoney(3, 'x')).toBe('3.00');
  });

  it('refuses what is not money, naming the field', () => {
    expect(() => exactMoney('abc', 'order total')).toThrow(MoneyFormatError);
    expect(() => exactMoney({}, 'order total')).toThrow(/order total/);
  });

  it('adds and subtracts without binary floats', () => {
    expect(addMoney('0.1', '0.2')).toBe('0.30');
    expect(addMoney('18.33', '11.16', '9.48')).toBe('38.97');
    expect(subtractMoney('20.00', '18.33')).toBe('1.67');
    expect(subtractMoney('0.00', '9.165')).toBe('-9.165');
  });

  it('divides to a unit price: exact when it divides, else four decimals rounded half away from zero', () => {
    expect(divideMoney('11.97', 3)).toBe('3.99');
    expect(divideMoney('10.00', 3)).toBe('3.3333');
    expect(divideMoney('20.00', 3)).toBe('6.6667');
    expect(divideMoney('-20.00', 3)).toBe('-6.6667');
    expect(divideMoney('0.05', 2)).toBe('0.025');
    expect(() => divideMoney('1.00', 0)).toThrow(RangeError);
  });

  it('a unit price times the quantity is within half a ten-thousandth per unit of the subtotal', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 500 }), (cents, qty) => {
      const amount = (cents / 100).toFixed(2);
      const unit = divideMoney(amount, qty);
      const [w, fr = ''] = unit.split('.');
      const unitMicro = BigInt(w!) * 10000n + BigInt(fr.padEnd(4, '0'));
      const diff = unitMicro * BigInt(qty) - BigInt(cents) * 100n;
      return (diff < 0n ? -diff : diff) * 2n <= BigInt(qty);
    }));
  });
});
