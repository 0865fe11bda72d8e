import { describe, expect, it } from 'vitest';
import { heldByStore, type HeldCandidate } from '../../../../electron/engine/stock-guard/held-by-store';

const OPEN = new Set(['pending', 'processing', 'on-hold']);
const SINCE = '2026-11-28T11:00:00';
const keyOf = (l: { sku: string }) => (l.sku ? l.sku.toLowerCase() : null);

function order(over: Partial<HeldCandidate> = {}): HeldCandidate {
  return { status: 'pending', createdVia: 'checkout', datePaidGmt: null, dateCreatedGmt: '2026-11-28T11:30:00',
    lines: [{ sku: 'A-1', productId: 1, variationId: 0, quantity: 2 }], ...over };
}

describe('units WooCommerce holds back itself for pending checkouts', () => {
  it('counts a shopper\'s unpaid checkout (classic or block checkout) within the hold window', () => {
    const held = heldByStore([order(), order({ createdVia: 'store-api', lines: [{ sku: 'A-1', productId: 1, variationId: 0, quantity: 1 }, { sku: 'B-2', productId: 2, variationId: 0, quantity: 3 }] })], OPEN, SINCE, keyOf);
    expect(held).toEqual(new Map([['a-1', 3], ['b-2', 3]]));
  });

  it('leaves out orders WooCommerce does not hold: REST or admin orders, paid ones gone back to pending, expired holds, other statuses', () => {
    const none = [
      order({ createdVia: 'rest-api' }), order({ createdVia: 'admin' }), order({ createdVia: undefined }),
      order({ datePaidGmt: '2026-11-28T11:31:00' }),
      order({ dateCreatedGmt: '2026-11-28T10:59:59' }), order({ dateCreatedGmt: SINCE }),
      order({ status: 'processing' }), order({ status: 'cancelled' }),
    ];
    expect(heldByStore(none, OPEN, SINCE, keyOf)).toEqual(new Map());
  });

  it('holds nothing back when pending orders are not allocated at all', () => {
    expect(heldByStore([order()], new Set(['processing', 'on-hold']), SINCE, keyOf)).toEqual(new Map());
  });
});
