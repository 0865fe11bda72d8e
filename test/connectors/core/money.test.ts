import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatMinor, parseMoney, sameMoney, toMinor } from '../../../connectors/core/money';

describe('money', () => {
  it('canonicalises decimal strings to two places without float drift', () => {
    expect(parseMoney('19.99')).toEqual({ ok: true, value: '19.99' });
    expect(parseMoney('19.9')).toEqual({ ok: true, value: '19.90' });
    expect(parseMoney(' 7 ')).toEqual({ ok: true, value: '7.00' });
    expect(parseMoney('0.125')).toEqual({ ok: true, value: '0.13' });
    expect(parseMoney('1,5')).toEqual({ ok: true, value: '1.50' });
    expect(parseMoney(0.1 + 0.2)).toEqual({ ok: true, value: '0.30' });
    expect(parseMoney(12n)).toEqual({ ok: true, value: '12.00' });
    expect(parseMoney('-5')).toEqual({ ok: true, value: '-5.00' });
  });

  it('refuses what is not a price, saying why', () => {
    for (const bad of ['abc', '', '  ', '1.2.3', '1e5', 'NaN', null, undefined, {}, Infinity]) {
      const r = parseMoney(bad);
      expect(r.ok, String(bad)).toBe(false);
      if (!r.ok) expect(r.reason.length).toBeGreaterThan(0);
    }
    expect(parseMoney('1234567890123.00').ok).toBe(false);
  });

  it('round-trips minor units for any amount', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 14n - 1n), max: 10n ** 14n - 1n }), (minor) => {
      expect(toMinor(formatMinor(minor))).toBe(minor);
    }));
  });

  it('compares amounts, treating empty and null as no price', () => {
    expect(sameMoney('10', '10.00')).toBe(true);
    expect(sameMoney('', null)).toBe(true);
    expect(sameMoney('', '0')).toBe(false);
    expect(sameMoney('10.01', '10.00')).toBe(false);
  });
});
