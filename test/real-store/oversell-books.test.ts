import { describe, expect, it } from 'vitest';
import { judgeSku, storeOversold, type CheckoutRound } from './oversell-books';

const round = (sku: string, s0: number, accepted: number): CheckoutRound => ({ round: 1, sku, s0, attempted: 5, accepted });

describe('oversell attribution for the real-store suite', () => {
  it('counts what a round accepted beyond the stock it showed as the store\'s own', () => {
    expect(storeOversold({ s0: 2, accepted: 5 })).toBe(3);
    expect(storeOversold({ s0: 2, accepted: 2 })).toBe(0);
    expect(storeOversold({ s0: -1, accepted: 1 })).toBe(1);
    expect(storeOversold({ s0: 0, accepted: 0 })).toBe(0);
  });

  it('gives Tillbridge nothing when the store\'s rounds explain the excess', () => {
    const v = judgeSku({ sku: 'A', webSold: 5, onHandBeforeOrders: 3, safetyBuffer: 1, detected: true }, [round('A', 2, 5)]);
    expect(v).toEqual({ sku: 'A', excess: 3, byStore: 3, byTillbridge: 0, detected: true, undetected: false });
  });

  it('gives Tillbridge the excess the store\'s rounds do not explain (units handed back for sale)', () => {
    // The store showed 4 although the POS had 2 for the web: all 4 sold without a store race.
    const v = judgeSku({ sku: 'A', webSold: 4, onHandBeforeOrders: 3, safetyBuffer: 1, detected: true }, [round('A', 4, 4)]);
    expect(v.byStore).toBe(0);
    expect(v.byTillbridge).toBe(2);
  });

  it('only counts the rounds of the SKU, and flags an oversell nobody reported', () => {
    const v = judgeSku({ sku: 'B', webSold: 3, onHandBeforeOrders: 3, safetyBuffer: 1, detected: false }, [round('A', 2, 5), round('B', 2, 3)]);
    expect(v).toMatchObject({ excess: 1, byStore: 1, byTillbridge: 0, undetected: true });
  });

  it('is not oversold when the web sold less than the POS had', () => {
    const v = judgeSku({ sku: 'C', webSold: 1, onHandBeforeOrders: 5, safetyBuffer: 1, detected: false }, []);
    expect(v).toMatchObject({ excess: -3, byStore: 0, byTillbridge: 0, undetected: false });
  });
});
