import { describe, expect, it } from 'vitest';
import { laterStoreTime, parseSinceDate, shiftStoreTime, storeTimeToMs, toStoreTime } from '../../../../electron/engine/orders/store-time';

describe('store times', () => {
  it('shifts across day and month ends in UTC', () => {
    expect(shiftStoreTime('2026-12-01T00:02:00', -300)).toBe('2026-11-30T23:57:00');
    expect(toStoreTime(storeTimeToMs('2026-11-28T12:00:00'))).toBe('2026-11-28T12:00:00');
  });

  it('takes the later of two times, null meaning none yet', () => {
    expect(laterStoreTime(null, '2026-01-01T00:00:00')).toBe('2026-01-01T00:00:00');
    expect(laterStoreTime('2026-01-02T00:00:00', '2026-01-01T00:00:00')).toBe('2026-01-02T00:00:00');
    expect(laterStoreTime(null, null)).toBeNull();
  });

  it('reads what a person types for "pull again since"', () => {
    expect(parseSinceDate('2026-11-01')).toBe('2026-11-01T00:00:00');
    expect(parseSinceDate('2026-11-01T08:30:00')).toBe('2026-11-01T08:30:00');
    expect(parseSinceDate('2026-11-01T08:30:00Z')).toBe('2026-11-01T08:30:00');
    expect(() => parseSinceDate('last tuesday')).toThrow(/YYYY-MM-DD/);
    expect(() => storeTimeToMs('2026-11-01')).toThrow(RangeError);
  });
});
