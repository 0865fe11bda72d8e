import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocate, isOutstanding, webStockFor, type AllocationOrder } from '../../../../electron/engine/allocation/allocation';
import type { JournalState } from '../../../../electron/engine/orders/export-journal';

const OPEN = new Set(['pending', 'processing', 'on-hold']);
const SKUS = ['a', 'b', 'c', 'd'];
const keyOf = (l: { sku: string }) => (l.sku === '' ? null : l.sku);

const lineArb = fc.record({ sku: fc.constantFrom(...SKUS, ''), productId: fc.constant(0), variationId: fc.constant(0), quantity: fc.integer({ min: 0, max: 12 }) });
const statusArb = fc.constantFrom('pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed');
const journalArb = fc.constantFrom<JournalState | null>(null, 'waiting', 'exporting', 'exported', 'marked', 'withdrawn');
const ordersArb = fc.array(fc.record({ status: statusArb, journal: journalArb, lines: fc.array(lineArb, { maxLength: 4 }) }), { maxLength: 12 })
  .map((list) => list.map((o, i): AllocationOrder => ({ ...o, id: i + 1, number: String(1000 + i) })));
const openOrderArb = fc.record({ status: fc.constantFrom('pending', 'processing', 'on-hold'), lines: fc.array(lineArb, { minLength: 1, maxLength: 4 }) })
  .map((o): AllocationOrder => ({ ...o, id: 9999, number: '9999', journal: null }));
const onHandArb = fc.dictionary(fc.constantFrom(...SKUS), fc.integer({ min: -20, max: 200 }));

const allocated = (orders: AllocationOrder[], k: string) => allocate(orders, OPEN, keyOf).get(k)?.allocated ?? 0;
const qtyOf = (o: AllocationOrder, k: string) => o.lines.filter((l) => l.sku === k).reduce((s, l) => s + l.quantity, 0);

describe('allocation properties', () => {
  it('web stock is never above on-hand minus buffer, and below 0 exactly by what outstanding orders hold beyond it (oversold)', () => {
    fc.assert(fc.property(ordersArb, onHandArb, fc.integer({ min: 0, max: 10 }), (orders, onHand, buffer) => {
      for (const k of SKUS) {
        const forWeb = Math.max(0, (onHand[k] ?? 0) - buffer);
        const held = allocated(orders, k);
        const ws = webStockFor(onHand[k] ?? 0, held, buffer);
        expect(ws).toBeLessThanOrEqual(forWeb);
        if (held <= forWeb) expect(ws).toBeGreaterThanOrEqual(0);
        else expect(ws).toBe(forWeb - held);
      }
    }));
  });

  it('web stock is monotone (non-increasing) in the allocated quantity', () => {
    fc.assert(fc.property(fc.integer({ min: -50, max: 500 }), fc.nat(300), fc.nat(300), fc.nat(20), (onHand, a, b, buffer) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      return webStockFor(onHand, lo, buffer) >= webStockFor(onHand, hi, buffer);
    }));
  });

  it('allocated = the quantities of exactly the outstanding orders (exported ones never count)', () => {
    fc.assert(fc.property(ordersArb, (orders) => {
      for (const k of SKUS) {
        const expected = orders.filter((o) => isOutstanding(o.status, o.journal, OPEN)).reduce((s, o) => s + qtyOf(o, k), 0);
        expect(allocated(orders, k)).toBe(expected);
        const entry = allocate(orders, OPEN, keyOf).get(k);
        if (entry) expect(entry.orders.reduce((s, o) => s + o.qty, 0)).toBe(entry.allocated);
      }
      return orders.filter((o) => o.journal === 'exported' || o.journal === 'marked').every((o) => !isOutstanding(o.status, o.journal, OPEN));
    }));
  });

  it('an open order that is completed, exported and deducted in the POS leaves web stock unchanged while the POS keeps its buffer', () => {
    fc.assert(fc.property(ordersArb, openOrderArb, onHandArb, fc.nat(10), (others, order, onHand, buffer) => {
      const before = [...others, order];
      const after = [...others, { ...order, status: 'completed', journal: 'marked' as const }];
      for (const k of SKUS) {
        const h = onHand[k] ?? 0;
        const wsBefore = webStockFor(h, allocated(before, k), buffer);
        const wsAfter = webStockFor(h - qtyOf(order, k), allocated(after, k), buffer);
        // Booked into the buffer or below 0, the POS carries what the web owed: the store owes no more.
        if (h - qtyOf(order, k) >= buffer) expect(wsAfter).toBe(wsBefore);
        else expect(wsAfter).toBeGreaterThanOrEqual(wsBefore);
      }
    }));
  });

  it('a completed order waiting for export still counts, until it is in the POS', () => {
    fc.assert(fc.property(openOrderArb, (order) => {
      const waiting = { ...order, status: 'completed', journal: 'waiting' as const };
      for (const k of SKUS) expect(allocated([waiting], k)).toBe(qtyOf(order, k));
    }));
  });

  it('cancelling an open order releases exactly its quantities', () => {
    fc.assert(fc.property(ordersArb, openOrderArb, onHandArb, fc.nat(10), (others, order, onHand, buffer) => {
      const before = [...others, order];
      const after = [...others, { ...order, status: 'cancelled' }];
      for (const k of SKUS) {
        expect(allocated(before, k) - allocated(after, k)).toBe(qtyOf(order, k));
        const h = onHand[k] ?? 0;
        if (h - allocated(before, k) - buffer >= 0) {
          expect(webStockFor(h, allocated(after, k), buffer) - webStockFor(h, allocated(before, k), buffer)).toBe(qtyOf(order, k));
        }
      }
    }));
  });

  it('lines no SKU key resolves allocate nothing', () => {
    const orders: AllocationOrder[] = [{ id: 1, number: '1', status: 'processing', journal: null, lines: [{ sku: '', productId: 5, variationId: 0, quantity: 3 }] }];
    expect(allocate(orders, OPEN, keyOf).size).toBe(0);
  });
});
