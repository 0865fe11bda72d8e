/**
 * How long to wait before trying the store again. Pure functions (the random source is a
 * parameter) so the policy is unit-tested rather than discovered in production: exponential
 * growth so a struggling host gets room, jitter so many PCs do not retry in lockstep, a cap so a
 * long outage does not turn into hour-long sleeps, and the host's own Retry-After respected.
 */

export interface BackoffPolicy {
  /** Delay scale of the first retry, in ms. */
  baseMs: number;
  /** No computed delay exceeds this, in ms. */
  capMs: number;
  /**
   * A Retry-After longer than this is not waited out inside one call: the call fails (retryable)
   * and the scheduler tries later instead of holding a sync open.
   */
  maxRetryAfterMs: number;
}

/** Defaults for a store on the internet: 0.5 s, 1 s, 2 s, 4 s... up to 30 s; Retry-After up to 2 min. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 30_000, maxRetryAfterMs: 120_000 };

/**
 * Delay before retry number `attempt` (0 for the first retry): "equal jitter", i.e. half of
 * min(cap, base·2^attempt) fixed plus up to the same again at random. Never below half the step,
 * so retries do spread out; never above the cap.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const n = Math.max(0, Math.floor(attempt));
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(n, 30));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(step / 2 + (step / 2) * r);
}

/**
 * The wait before the next retry, or undefined when the call should not be retried now because
 * the host asked for a longer pause than `maxRetryAfterMs`. A Retry-After is a floor: we wait at
 * least that long, and at least the backoff delay.
 */
export function retryDelay(
  attempt: number,
  policy: BackoffPolicy,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number | undefined {
  const backoff = backoffDelay(attempt, policy, random);
  if (retryAfterMs === undefined) return backoff;
  if (retryAfterMs > policy.maxRetryAfterMs) return undefined;
  return Math.max(retryAfterMs, backoff);
}

/**
 * Parses a Retry-After header: delay-seconds ("120") or an HTTP date ("Wed, 21 Oct 2026 07:28:00
 * GMT"). Returns milliseconds from `nowMs` (0 for a date in the past), undefined when absent or
 * unreadable.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (/^\d+\.\d+$/.test(text)) return Math.round(Number(text) * 1000);
  // HTTP dates always name the month ("Wed, 21 Oct 2026 07:28:00 GMT"); anything else is junk.
  if (!/[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
