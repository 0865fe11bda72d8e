import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, laterHighWater, sinceValue } from '../../../connectors/pos/change-cursor';
import { PosError } from '../../../connectors/core/pos-errors';

describe('change cursor', () => {
  it('round-trips the high-water mark and a membership selection compactly', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => String(i * 3 + 1));
    const text = encodeCursor({ highWater: '2026-11-28 10:00:00.123', selection: { ids, fingerprint: '5000,37492500' } });
    expect(text.length).toBeLessThan(5000 * 3);
    const back = decodeCursor(text);
    expect(back.highWater).toBe('2026-11-28 10:00:00.123');
    expect(back.selection?.fingerprint).toBe('5000,37492500');
    expect(back.selection?.ids).toEqual(ids);
    const codes = decodeCursor(encodeCursor({ highWater: 42, selection: { ids: ['A-1', 'B,2'], fingerprint: null } }));
    expect(codes).toEqual({ highWater: 42, selection: { ids: ['A-1', 'B,2'], fingerprint: null } });
  });

  it('round-trips bucket state: fingerprints, ids (integers compactly, others as they are) and parts', () => {
    const map = new Map([
      ['0', { fingerprint: '999,4958', ids: Array.from({ length: 999 }, (_, i) => String(i + 1)) }],
      ['7', { fingerprint: '1,2', ids: ['c0a8-1/ab', 'c0a8-2'] }],
      ['8', { fingerprint: '0,∅', ids: [] }],
    ]);
    const parts = [{ marker: '12,0,∅', fingerprints: new Map([['0', '999,1'], ['7', '1,1']]) }];
    const text = encodeCursor({ highWater: null, buckets: { shared: '5|x', map, parts } });
    expect(text.length).toBeLessThan(999 * 3 + 200);
    expect(decodeCursor(text)).toEqual({ highWater: null, buckets: { shared: '5|x', map, parts } });
  });

  it('refuses a cursor it did not write', () => {
    expect(() => decodeCursor('2026-01-01')).toThrow(PosError);
    expect(() => decodeCursor('2026-01-01')).toThrow(/full product sync/);
  });

  it('moves :since back by the overlap, for times and for counters', () => {
    expect(sinceValue('2026-01-01 00:01:00.000', 120)).toBe('2025-12-31 23:59:00.000');
    expect(sinceValue('2026-03-01', 60)).toBe('2026-02-28 23:59:00.000');
    expect(sinceValue(1000, 120)).toBe(880);
    expect(sinceValue('9007199254740993', 3)).toBe('9007199254740990');
    expect(sinceValue('2026-01-01 00:00:00.000', 0)).toBe('2026-01-01 00:00:00.000');
  });

  it('keeps the later of two marks', () => {
    expect(laterHighWater('2026-01-02 00:00:00.000', '2026-01-01 23:59:59.999')).toBe('2026-01-02 00:00:00.000');
    expect(laterHighWater('2026-01-01 10:00:00', '2026-01-01 10:00:00.500')).toBe('2026-01-01 10:00:00.500');
    expect(laterHighWater(9, 10)).toBe(10);
    expect(laterHighWater('99', '100')).toBe('100');
    expect(laterHighWater(null, 5)).toBe(5);
    expect(laterHighWater(5, null)).toBe(5);
  });
});
