import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { anchored, anotherRound, correctionsAfterWrite, landedSince, needsStockCheck, stockToWrite } from '../../../../electron/engine/stock-guard/stock-race';

describe('stock value to write, just after reading the store', () => {
  it('writes the absolute value when there is no basis yet', () => {
    expect(stockToWrite({ key: 'a', current: 3, desired: 12, taken: 0, basis: null })).toMatchObject({ value: 12, unknownTaken: 0, changed: true });
    // An oversold SKU (orders hold 4 more than the POS has for the web): the store owes 4.
    expect(stockToWrite({ key: 'a', current: 3, desired: -4, taken: 0, basis: null }).value).toBe(-4);
  });

  it('keeps off units a checkout took that the order mirror does not know yet', () => {
    // We wrote 10; a checkout of 2 landed since; the mirror has not seen it; nothing else changed.
    const w = stockToWrite({ key: 'a', current: 8, desired: 10, taken: 5, basis: { written: 10, taken: 5 } });
    expect(w).toMatchObject({ value: 8, unknownTaken: 2, changed: false });
  });

  it('undoes WooCommerce taking again what allocation already held (pending → processing)', () => {
    const w = stockToWrite({ key: 'a', current: 8, desired: 10, taken: 7, basis: { written: 10, taken: 5 } });
    expect(w).toMatchObject({ value: 10, unknownTaken: 0 });
  });

  it('passes a POS change through and overwrites a hand edit in the store', () => {
    expect(stockToWrite({ key: 'a', current: 10, desired: 7, taken: 0, basis: { written: 10, taken: 0 } }).value).toBe(7);
    expect(stockToWrite({ key: 'a', current: 25, desired: 10, taken: 0, basis: { written: 10, taken: 0 } }).value).toBe(10);
  });

  it('with unknown taken checkouts and no hand edits, the value is the truth while it is not below 0, and between the truth and 0 when it is', () => {
    fc.assert(fc.property(
      fc.integer({ min: -20, max: 300 }), fc.nat(100), fc.nat(10), fc.nat(50), fc.nat(50), fc.nat(30),
      (onHand, knownAllocated, buffer, takenBefore, takenSince, unknown) => {
        const desired = Math.max(0, onHand - buffer) - knownAllocated;
        const written = Math.max(0, desired + 7);
        const current = written - takenSince - unknown;
        const w = stockToWrite({ key: 'a', current, desired, taken: takenBefore + takenSince, basis: { written, taken: takenBefore } });
        const truth = desired - unknown;
        return truth >= 0 ? w.value === truth : w.value >= truth && w.value <= 0;
      }));
  });

  it('never writes more than the absolute value', () => {
    fc.assert(fc.property(fc.integer({ min: -50, max: 300 }), fc.integer({ min: -50, max: 300 }), fc.nat(300), fc.nat(50), fc.nat(50),
      (current, desired, written, takenNow, takenBasis) => {
        const w = stockToWrite({ key: 'a', current, desired, taken: takenNow, basis: { written, taken: takenBasis } });
        return w.value <= Math.max(0, desired) && w.value >= Math.min(0, desired, current) && w.basis.written === w.value && w.basis.taken === takenNow + w.unknownTaken - w.unexplained;
      }));
  });
});

describe('the basis after a write that kept unknown checkouts off', () => {
  it('lets the taken counter catch up when those orders become known, and still keeps newer unknown checkouts off', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 300 }), fc.nat(40), fc.nat(20), fc.nat(20), fc.nat(100), fc.nat(20),
      (onHand, unknown, laterWanted, posChange, takenBefore, newerWanted) => {
        // We wrote `onHand`; then `unknown` units were taken by orders the mirror did not know yet.
        const first = stockToWrite({ key: 'a', current: onHand - unknown, desired: onHand + posChange, taken: takenBefore, basis: { written: onHand, taken: takenBefore } });
        // The move landed. Then `later` units sell and, with the first orders, become known;
        // `newer` units sell to orders the mirror does not know yet.
        const later = Math.min(laterWanted, first.value);
        const newer = Math.min(newerWanted, first.value - later);
        const current = first.value - later - newer;
        const desired = onHand + posChange - unknown - later;
        const second = stockToWrite({ key: 'a', current, desired, taken: takenBefore + unknown + later, basis: first.basis });
        return second.unknownTaken === newer && second.value === Math.max(0, Math.max(0, desired) - newer) && second.value <= current + Math.max(0, posChange);
      }));
  });

  it('reports units the store holds beyond what the basis explains', () => {
    const w = stockToWrite({ key: 'a', current: 13, desired: 10, taken: 2, basis: { written: 10, taken: 0 } });
    expect(w).toMatchObject({ value: 10, unknownTaken: 0, unexplained: 5, basis: { written: 10, taken: -3 } });
    // A cancellation of 5 units the counter has not seen yet: once it has, nothing is left to explain.
    const later = stockToWrite({ key: 'a', current: 10, desired: 15, taken: -3, basis: w.basis });
    expect(later).toMatchObject({ value: 15, unknownTaken: 0, unexplained: 0 });
    // A hand edit: a poll after the write shows no order behind it, so the basis forgets it.
    expect(anchored(w, 2, 2)).toEqual({ written: 10, taken: 2 });
    expect(anchored(w, 2, 0)).toEqual(w.basis);
  });
});

describe('after the write: re-poll and correct', () => {
  it('corrects a SKU an order landed on between the read and the write, and names the order', () => {
    const c = correctionsAfterWrite(
      [{ key: 'a', value: 10 }, { key: 'b', value: 4 }],
      new Map([['a', 8], ['b', 4]]),
      [{ number: '1077', keys: ['a'] }],
    );
    expect(c).toEqual([{ key: 'a', value: 8, reason: 'order-landed', orders: ['1077'] }]);
  });

  it('corrects drift without a landed order; an oversold SKU gets the units it owes', () => {
    expect(correctionsAfterWrite([{ key: 'a', value: 3 }], new Map([['a', 1]]), [])).toEqual([{ key: 'a', value: 1, reason: 'drift', orders: [] }]);
    expect(correctionsAfterWrite([{ key: 'a', value: 3 }], new Map([['a', -2]]), [])).toEqual([{ key: 'a', value: -2, reason: 'drift', orders: [] }]);
  });

  it('leaves alone a SKU whose written value already counts the landed order', () => {
    expect(correctionsAfterWrite([{ key: 'a', value: 8 }], new Map([['a', 8]]), [{ number: '1', keys: ['a'] }])).toEqual([]);
  });

  it('after corrections, every written SKU holds the desired value', () => {
    fc.assert(fc.property(fc.array(fc.record({ v: fc.nat(50), d: fc.integer({ min: -20, max: 50 }) }), { maxLength: 10 }), (rows) => {
      const written = rows.map((r, i) => ({ key: `k${i}`, value: r.v }));
      const desired = new Map(rows.map((r, i) => [`k${i}`, r.d]));
      const fixes = new Map(correctionsAfterWrite(written, desired, []).map((c) => [c.key, c.value]));
      return written.every((w) => (fixes.get(w.key) ?? w.value) === desired.get(w.key)!);
    }));
  });

  it('counts an order in the same second as the read as landed', () => {
    const orders = [{ number: '1', dateModifiedGmt: '2026-11-28T12:00:04' }, { number: '2', dateModifiedGmt: '2026-11-28T12:00:05' }];
    expect(landedSince(orders, '2026-11-28T12:00:05', () => ['a']).map((o) => o.number)).toEqual(['2']);
  });

  it('repeats rounds only while corrections are needed, up to the limit', () => {
    expect(anotherRound(1, 2)).toBe(true);
    expect(anotherRound(3, 2)).toBe(false);
    expect(anotherRound(1, 0)).toBe(false);
  });
});

describe('which SKUs need a stock check', () => {
  it('when the desired value moved, WooCommerce moved stock for a known order, or nothing was written yet', () => {
    const basis = { written: 10, taken: 4 };
    expect(needsStockCheck(10, 4, basis)).toBe(false);
    expect(needsStockCheck(9, 4, basis)).toBe(true);
    expect(needsStockCheck(10, 6, basis)).toBe(true);
    expect(needsStockCheck(-3, 4, { written: -3, taken: 4 })).toBe(false);
    expect(needsStockCheck(-3, 4, { written: 0, taken: 4 })).toBe(true); // oversold since: the store must show what it owes
    expect(needsStockCheck(10, 4, null)).toBe(true);
  });
});
