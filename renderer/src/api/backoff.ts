/**
 * How long to wait before reconnecting to the engine: doubling from a second up to a cap, with
 * jitter, so a restarting engine is not hit by every open page at the same instant and a page
 * left open for a day on a stopped engine costs one request every half minute at most.
 */
export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  /** 0 ≤ random() < 1; injected so tests are exact. */
  random?: () => number;
}

export function reconnectDelay(attempt: number, opts: BackoffOptions = {}): number {
  const base = opts.baseMs ?? 1000;
  const cap = opts.capMs ?? 30_000;
  const random = opts.random ?? Math.random;
  const exp = Math.min(cap, base * 2 ** Math.min(Math.max(0, attempt), 30));
  return Math.round(exp * (0.5 + 0.5 * random()));
}
