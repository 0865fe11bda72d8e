import { describe, expect, it } from 'vitest';
import { reconnectDelay } from '../../../../renderer/src/api/backoff';

describe('reconnectDelay', () => {
  it('doubles from the base', () => {
    const top = (a: number) => reconnectDelay(a, { random: () => 0.999999 });
    expect([0, 1, 2, 3].map(top)).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never exceeds the cap, however many attempts', () => {
    for (const attempt of [5, 6, 10, 100, 10_000]) {
      expect(reconnectDelay(attempt, { random: () => 0.999999 })).toBeLessThanOrEqual(30_000);
      expect(reconnectDelay(attempt, { random: () => 0 })).toBe(15_000);
    }
  });

  it('jitters between half and all of the step', () => {
    expect(reconnectDelay(2, { random: () => 0 })).toBe(2000);
    expect(reconnectDelay(2, { random: () => 0.5 })).toBe(3000);
  });

  it('takes its own base and cap, and treats a negative attempt as the first', () => {
    expect(reconnectDelay(3, { baseMs: 100, capMs: 500, random: () => 0.999999 })).toBe(500);
    expect(reconnectDelay(-1, { random: () => 0.999999 })).toBe(1000);
  });
});
