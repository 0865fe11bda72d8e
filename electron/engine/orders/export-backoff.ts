/**
 * When to try an order again after a failed step. Retryable trouble (POS or store down, busy,
 * no answer) backs off exponentially from half a minute to a quarter of an hour; a problem a
 * person must fix (unknown SKU, no e-mail, POS refusal) is re-checked hourly, so a fix in the
 * POS lets the order through even if nobody presses Retry.
 */
export interface ExportBackoff {
  firstMs: number;
  maxMs: number;
  permanentMs: number;
}

export const DEFAULT_EXPORT_BACKOFF: ExportBackoff = { firstMs: 30_000, maxMs: 15 * 60_000, permanentMs: 60 * 60_000 };

/** Delay before the next attempt; `failures` counts the failures so far (1 after the first). */
export function exportRetryDelay(failures: number, retryable: boolean, policy: ExportBackoff = DEFAULT_EXPORT_BACKOFF): number {
  if (!retryable) return policy.permanentMs;
  const n = Math.max(1, Math.floor(failures));
  const delay = policy.firstMs * 2 ** Math.min(n - 1, 30);
  return Math.min(policy.maxMs, delay);
}
