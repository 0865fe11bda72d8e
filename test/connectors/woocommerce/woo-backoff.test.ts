import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backoffDelay, parseRetryAfter, retryDelay, type BackoffPolicy } from '../../../connectors/woocommerce/woo-backoff';

const policy: BackoffPolicy = { baseMs: 500, capMs: 30_000, maxRetryAfterMs: 120_000 };

describe('backoffDelay', () => {
  it('doubles the step with each attempt (equal jitter: half fixed, half random)', () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(250);
    expect(backoffDelay(0, policy, () => 1)).toBe(500);
    expect(backoffDelay(1, policy, () => 0)).toBe(500);
    expect(backoffDelay(2, policy, () => 1)).toBe(2000);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(3000);
  });

  it('never exceeds the cap, even for huge attempt numbers', () => {
    expect(backoffDelay(50, policy, () => 1)).toBe(30_000);
    expect(backoffDelay(1e9, policy, () => 0)).toBe(15_000);
  });

  it('stays within [step/2, step] for any attempt and random value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
        const step = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
        const d = backoffDelay(attempt, policy, () => r);
        return d >= Math.floor(step / 2) && d <= step;
      }),
    );
  });

  it('spreads retries: different random draws give different delays', () => {
    expect(backoffDelay(4, policy, () => 0.1)).not.toBe(backoffDelay(4, policy, () => 0.9));
  });
});

describe('retryDelay', () => {
  it('uses the backoff when the store sent no Retry-After', () => {
    expect(retryDelay(1, policy, undefined, () => 0)).toBe(500);
  });

  it('waits at least as long as Retry-After asks', () => {
    expect(retryDelay(0, policy, 7_000, () => 1)).toBe(7_000);
  });

  it('keeps the backoff when it is longer than Retry-After', () => {
    expect(retryDelay(5, policy, 1_000, () => 1)).toBe(16_000);
  });

  it('gives up (undefined) when Retry-After is longer than the policy allows inside one call', () => {
    expect(retryDelay(0, policy, 3_600_000)).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-28T10:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date relative to now', () => {
    expect(parseRetryAfter('Sat, 28 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
  });

  it('treats a date in the past as no wait', () => {
    expect(parseRetryAfter('Sat, 28 Nov 2026 09:00:00 GMT', now)).toBe(0);
  });

  it('returns undefined for absent or unreadable values', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});
