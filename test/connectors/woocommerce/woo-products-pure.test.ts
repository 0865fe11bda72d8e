import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkFields, chunkSkus } from '../../../connectors/woocommerce/woo-products';
import { parseMoney } from '../../../connectors/core/money';
import { toProductRef } from '../../../connectors/woocommerce/woo-product-types';

describe('chunkSkus', () => {
  it('puts at most 100 SKUs in one lookup', () => {
    const skus = Array.from({ length: 250 }, (_, i) => `S${i}`);
    const chunks = chunkSkus(skus, 100_000);
    expect(chunks.map((c) => c.length)).toEqual([100, 100, 50]);
    expect(chunks.flat()).toEqual(skus);
  });

  it('keeps the URL-encoded sku parameter under the limit', () => {
    const skus = Array.from({ length: 60 }, (_, i) => `LONG-SKU-ÄÖÜ-${String(i).padStart(4, '0')}`);
    const chunks = chunkSkus(skus, 500);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(encodeURIComponent(c.join(',')).length).toBeLessThanOrEqual(500);
    expect(chunks.flat()).toEqual(skus);
  });

  it('sends a SKU longer than the limit alone rather than dropping it', () => {
    const long = 'X'.repeat(300);
    expect(chunkSkus(['A', long, 'B'], 100)).toEqual([['A'], [long], ['B']]);
  });

  it('never loses, reorders or over-fills (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 40 }), { maxLength: 400 }), fc.integer({ min: 50, max: 3000 }), (skus, max) => {
        const chunks = chunkSkus(skus, max);
        if (JSON.stringify(chunks.flat()) !== JSON.stringify(skus)) return false;
        return chunks.every((c) => c.length >= 1 && c.length <= 100 && (c.length === 1 || encodeURIComponent(c.join(',')).length <= max));
      }),
    );
  });
});

describe('checkFields refuses what the store would silently mangle', () => {
  const item = { sku: 'A-1' };
  const ok = (v: string) => {
    const m = parseMoney(v);
    if (!m.ok) throw new Error('bad fixture');
    return m.value;
  };

  it('accepts Money strings, an empty price and a null sale price', () => {
    expect(checkFields({ regular_price: ok('12.5'), sale_price: '' }, item)).toBeUndefined();
    expect(checkFields({ sale_price: null, stock_quantity: 3, manage_stock: true }, item)).toBeUndefined();
  });

  it('refuses a junk price and names the SKU', () => {
    const e = checkFields({ regular_price: 'abc' as never }, item);
    expect(e?.code).toBe('tillbridge_invalid_value');
    expect(e?.message).toMatch(/^SKU "A-1": not sent: regular_price "abc" is not a price/);
    expect(e?.retryable).toBe(false);
  });

  it('refuses a JSON number price and a negative price', () => {
    expect(checkFields({ regular_price: 12.5 as never }, item)?.code).toBe('tillbridge_invalid_value');
    expect(checkFields({ sale_price: '-1.00' as never }, item)?.code).toBe('tillbridge_invalid_value');
  });

  it('refuses a fractional stock quantity', () => {
    expect(checkFields({ stock_quantity: 2.5 }, item)?.message).toMatch(/not a whole number/);
  });
});

describe('toProductRef', () => {
  it('reads a variation found through /products?sku=', () => {
    const ref = toProductRef({
      id: 31, sku: 'T-S', type: 'variation', parent_id: 30, stock_quantity: 3, regular_price: '9.00', sale_price: '',
      status: 'publish', manage_stock: true, date_on_sale_from_gmt: null, date_on_sale_to_gmt: null,
    });
    expect(ref).toEqual({
      id: 31, parentId: 30, type: 'variation', sku: 'T-S', status: 'publish', regularPrice: '9.00', salePrice: '',
      dateOnSaleFrom: null, dateOnSaleTo: null, manageStock: true, stockQuantity: 3,
    });
  });

  it("keeps manage_stock 'parent' of a variation managed by its parent", () => {
    expect(toProductRef({ id: 5, type: 'variation', status: 'publish', manage_stock: 'parent' }).manageStock).toBe('parent');
  });

  it('throws on an object without an id', () => {
    expect(() => toProductRef({ sku: 'x' })).toThrow();
  });
});
