import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grossUp, sumQuantities } from '../../../connectors/pos/gross-price';
import { netForGross } from '../../../connectors/pos/matrix-retail/matrix-retail-data';

describe('net to gross, exactly', () => {
  it('rounds half away from zero on decimal digits', () => {
    expect(grossUp('16.6583', '20')).toBe('19.99'); // 19.98996
    expect(grossUp('9.5238', '5')).toBe('10.00'); // 9.999990
    expect(grossUp('3.99', '0.00')).toBe('3.99');
    expect(grossUp('0.125', '0')).toBe('0.13');
    expect(grossUp('10', '7.7')).toBe('10.77');
    expect(grossUp('-5.00', '20')).toBe('-6.00');
    expect(grossUp('0.004', '0')).toBe('0.00');
    expect(grossUp('1,50', '20')).toBe('1.80');
  });

  it('refuses what is not a decimal number, so validation can name it', () => {
    expect(grossUp('abc', '20')).toBeNull();
    expect(grossUp('10', 'x')).toBeNull();
    expect(grossUp('', '20')).toBeNull();
  });

  it('gives back the shop price a generated net price was made from', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.constantFrom(0, 5, 7, 10, 20, 21, 25), (cents, rate) => {
      const gross = grossUp(netForGross(cents, rate), String(rate));
      expect(gross).toBe(`${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`);
    }));
  });
});

describe('quantity sums', () => {
  it('adds decimals without float drift', () => {
    expect(sumQuantities(['0.1', '0.2'])).toBe(0.3);
    expect(sumQuantities(['5.000', '2.500', 3])).toBe(10.5);
    expect(sumQuantities([])).toBe(0);
    expect(sumQuantities(['lots'])).toBeNull();
  });
});
