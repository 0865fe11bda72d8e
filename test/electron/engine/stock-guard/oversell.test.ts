import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectOversell, oversellProblem, OVERSOLD_CODE } from '../../../../electron/engine/stock-guard/oversell';
import type { AllocationEntry } from '../../../../electron/engine/allocation/allocation';

const held = (...orders: [string, number][]): AllocationEntry => ({
  allocated: orders.reduce((n, [, q]) => n + q, 0),
  orders: orders.map(([number, qty]) => ({ number, status: 'processing', qty })),
});

describe('detectOversell', () => {
  it('allocation within what the POS has for the web is no oversell', () => {
    expect(detectOversell({ sku: 'A-1', onHand: 5, safetyBuffer: 1, allocation: held(['10', 2], ['11', 2]), storeStock: 0 })).toBeNull();
  });

  it('the web sold more than on-hand − buffer: shortfall and the orders, newest last', () => {
    const o = detectOversell({ sku: 'A-1', onHand: 4, safetyBuffer: 1, allocation: held(['10', 2], ['12', 2]), storeStock: null });
    expect(o).toMatchObject({ sku: 'A-1', shortfall: 1, orders: ['10', '12'], available: 3, allocated: 4 });
  });

  it('store stock read below zero is an oversell by that many units', () => {
    const o = detectOversell({ sku: 'B', onHand: 10, safetyBuffer: 0, allocation: held(['7', 1], ['8', 1]), storeStock: -2 });
    expect(o).toMatchObject({ shortfall: 2, orders: ['7', '8'] });
  });

  it('both signals: the larger shortfall', () => {
    expect(detectOversell({ sku: 'B', onHand: 1, safetyBuffer: 0, allocation: held(['7', 4]), storeStock: -1 })?.shortfall).toBe(3);
  });

  it('no allocation and on-hand below the buffer is no oversell (nothing was sold)', () => {
    expect(detectOversell({ sku: 'C', onHand: 0, safetyBuffer: 2, allocation: held(), storeStock: 0 })).toBeNull();
  });

  it('POS on-hand below zero with nothing held on the web is no oversell (sold at the till before receiving)', () => {
    expect(detectOversell({ sku: 'C', onHand: -3, safetyBuffer: 0, allocation: held(), storeStock: 0 })).toBeNull();
  });

  it('unknown on-hand and no store read: nothing to decide', () => {
    expect(detectOversell({ sku: 'C', onHand: null, safetyBuffer: 0, allocation: held(['1', 9]), storeStock: null })).toBeNull();
  });

  it('property: oversold exactly when allocated > max(0, on-hand − buffer) or the store is below 0; shortfall is the larger excess', () => {
    fc.assert(fc.property(
      fc.integer({ min: -5, max: 20 }), fc.integer({ min: 0, max: 5 }), fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 6 }),
      fc.option(fc.integer({ min: -6, max: 20 }), { nil: null }),
      (onHand, buffer, qtys, storeStock) => {
        const allocation = held(...qtys.map((q, i): [string, number] => [String(100 + i), q]));
        const o = detectOversell({ sku: 'P', onHand, safetyBuffer: buffer, allocation, storeStock });
        const available = Math.max(0, onHand - buffer);
        const excess = Math.max(0, allocation.allocated - available, storeStock === null ? 0 : -storeStock);
        if (excess === 0) expect(o).toBeNull();
        else {
          expect(o?.shortfall).toBe(excess);
          expect(o?.orders).toEqual(allocation.orders.map((s) => s.number));
        }
      }));
  });
});

describe('oversellProblem', () => {
  it('names the SKU, the shortfall and the orders; says what to do', () => {
    const p = oversellProblem({ sku: 'R-3', shortfall: 2, orders: ['41', '43'], available: 1, allocated: 3, storeStock: -1 });
    expect(p.code).toBe(OVERSOLD_CODE);
    expect(p.message).toBe('R-3 is oversold by 2 units: more was sold on the web than the POS had for the web (orders #41, #43 hold it).');
    expect(p.hint).toContain('Check the shelf for R-3');
    expect(p.hint).toContain('the last order (#43)');
    expect(p.hint).toContain('adjust the stock in the POS');
    expect(p.hint).toContain('Ignore');
  });

  it('the message is the same for the same situation, whatever the store stock read (it moves by itself)', () => {
    const a = oversellProblem({ sku: 'X', shortfall: 1, orders: ['5'], available: 0, allocated: 1, storeStock: -1 });
    const b = oversellProblem({ sku: 'X', shortfall: 1, orders: ['5'], available: 0, allocated: 1, storeStock: 0 });
    expect(a.message).toBe(b.message);
    expect(a.message).toContain('by 1 unit:');
    expect(a.message).toContain('order #5 holds it');
  });
});
