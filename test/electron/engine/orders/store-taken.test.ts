import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LineKeyResolver, bareResolver } from '../../../../electron/engine/links/line-keys';
import { storeHasTaken, takenDelta } from '../../../../electron/engine/orders/store-taken';
import type { Link } from '../../../../electron/engine/links/link-store';

const line = (sku: string, quantity: number, productId = 0) => ({ sku, quantity, productId, variationId: 0 });

describe("WooCommerce's own stock handling of orders", () => {
  it('takes on processing, completed and on-hold; gives back on cancelled and pending; otherwise keeps', () => {
    expect(storeHasTaken(false, 'processing')).toBe(true);
    expect(storeHasTaken(false, 'on-hold')).toBe(true);
    expect(storeHasTaken(true, 'cancelled')).toBe(false);
    expect(storeHasTaken(true, 'pending')).toBe(false);
    expect(storeHasTaken(true, 'refunded')).toBe(true);
    expect(storeHasTaken(true, 'failed')).toBe(true);
    expect(storeHasTaken(true, 'trash')).toBe(true);
    expect(storeHasTaken(false, 'shipped')).toBe(false);
    expect(storeHasTaken(null, 'refunded')).toBe(false);
  });

  it('counts per SKU key, including line edits on a taken order', () => {
    const r = bareResolver();
    expect(takenDelta(false, [], true, [line('A', 2), line('b', 1), line('a', 1)], r)).toEqual(new Map([['a', 3], ['b', 1]]));
    expect(takenDelta(true, [line('A', 2)], false, [line('A', 2)], r)).toEqual(new Map([['a', -2]]));
    expect(takenDelta(true, [line('A', 8)], true, [line('A', 6)], r)).toEqual(new Map([['a', -2]]));
    expect(takenDelta(true, [line('A', 2)], true, [line('A', 2)], r)).toEqual(new Map());
  });

  it('finds lines without SKU through the product links, and ignores what it cannot place', () => {
    const link: Link = { sku: 'x-1', displaySku: 'X-1', posId: '1', storeId: 42, parentId: null, kind: 'product', state: 'linked', createdByUs: false, note: null, linkedAt: '', updatedAt: '' };
    const r = new LineKeyResolver(new Map([['x-1', link]]));
    expect(takenDelta(false, [], true, [line('', 2, 42), line('', 5, 43)], r)).toEqual(new Map([['x-1', 2]]));
  });

  it('over any status path, the deltas add up to what the store holds at the end', () => {
    const statuses = ['pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed', 'trash'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...statuses), { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 9 }), (path, qty) => {
      let taken: boolean | null = null;
      let sum = 0;
      for (const s of path) {
        const before: boolean = taken ?? false;
        taken = storeHasTaken(taken, s);
        sum += takenDelta(before, [line('A', qty)], taken, [line('A', qty)], bareResolver()).get('a') ?? 0;
      }
      return sum === (taken ? qty : 0);
    }));
  });
});
