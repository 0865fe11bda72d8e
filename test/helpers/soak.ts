/**
 * Short and long versions of the same scenario: `npm test` runs the short one (seconds), `npm run
 * test:soak` sets TB_SOAK=1 and runs the long one, and each scenario leaves its numbers in
 * TB_SOAK_DIR for the one summary table the soak prints at the end (test/soak/summary.mjs).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** True under `npm run test:soak`. */
export const SOAK = process.env.TB_SOAK === '1';

/** The short value normally, the long one in the soak. */
export function soakScale<T>(short: T, long: T): T {
  return SOAK ? long : short;
}

/** One scenario's counts for the summary table (kept only when TB_SOAK_DIR is set). */
export type SoakCounts = Partial<Record<'faults' | 'kills' | 'orders' | 'invoices' | 'duplicates' | 'missing' | 'badInputs' | 'leakedConnections' | 'requests' | 'seconds', number>> & { note?: string };

export function recordSoak(scenario: string, counts: SoakCounts): void {
  const dir = process.env.TB_SOAK_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${scenario}.json`), JSON.stringify({ scenario, ...counts }, null, 2));
}
