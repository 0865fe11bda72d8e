import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_EXPORT_BACKOFF, exportRetryDelay } from '../../../../electron/engine/orders/export-backoff';

describe('export retry delay', () => {
  it('doubles from 30 s for retryable trouble, capped at 15 min', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => exportRetryDelay(n, true))).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 900_000]);
    expect(exportRetryDelay(1000, true)).toBe(900_000);
  });

  it('re-checks problems a person must fix hourly', () => {
    expect(exportRetryDelay(1, false)).toBe(3_600_000);
    expect(exportRetryDelay(9, false)).toBe(3_600_000);
  });

  it('never shrinks as failures grow and stays within its bounds', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), (n) => {
      const d = exportRetryDelay(n, true);
      return d >= DEFAULT_EXPORT_BACKOFF.firstMs && d <= DEFAULT_EXPORT_BACKOFF.maxMs && exportRetryDelay(n + 1, true) >= d;
    }));
  });
});
