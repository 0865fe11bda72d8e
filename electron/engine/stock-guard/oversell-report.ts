/**
 * Keeps the `oversold` problems (stock-guard/oversell.ts decides what is oversold). One problem
 * per SKU, raised once and kept until a person acknowledges it: an oversell has happened once
 * goods were promised that are not there, whatever the passes after it see (its orders exported,
 * goods arriving later), so no pass resolves it (ErrorLog.keepUntilAcknowledged).
 * - While it is open, what later reviews find widens it: the largest shortfall seen and every
 *   order named so far (newest last), so the message only grows.
 * - Once acknowledged, it stays closed while what is found is covered by what the person saw (no
 *   larger shortfall, no new order); anything beyond that is a new oversell and opens a new problem.
 * Product passes review the SKUs they read; the order pass reviews the SKUs outstanding orders
 * hold before it exports them, so an oversell is seen even when its orders are completed and
 * exported between two product passes.
 */
import type { AllocationEntry } from '../allocation/allocation';
import type { ErrorLog } from '../state/error-log';
import { detectOversell, oversellProblem, OVERSOLD_CODE, type Oversell } from './oversell';

/** A SKU to review: its item key, its SKU as the POS spells it, and its POS on-hand. */
export interface OversellSubject {
  key: string;
  sku: string;
  onHand: number;
}

/** What an oversold problem remembers (ErrorLog detail). */
interface Episode {
  shortfall: number;
  orders: string[];
}

export class OversellReporter {
  constructor(
    private readonly errors: ErrorLog,
    private readonly allocation: { allocationFor(keys: Iterable<string>): Map<string, AllocationEntry> },
  ) {
    errors.keepUntilAcknowledged(OVERSOLD_CODE);
  }

  /**
   * Reviews the subjects and reports what is oversold now. `storeStock` is the lowest store stock
   * read per key in a product pass (absent elsewhere); `allocation` the outstanding orders when the
   * caller has them already. Returns the SKUs found oversold.
   */
  review(subjects: readonly OversellSubject[], safetyBuffer: number,
    opts: { storeStock?: ReadonlyMap<string, number>; allocation?: ReadonlyMap<string, AllocationEntry> } = {}): Set<string> {
    const found = new Set<string>();
    if (subjects.length === 0) return found;
    const allocation = opts.allocation ?? this.allocation.allocationFor(subjects.map((s) => s.key));
    for (const s of subjects) {
      const now = detectOversell({
        sku: s.sku, onHand: s.onHand, safetyBuffer,
        allocation: allocation.get(s.key) ?? { allocated: 0, orders: [] }, storeStock: opts.storeStock?.get(s.key) ?? null,
      });
      if (!now) continue;
      found.add(s.sku);
      this.report(now);
    }
    return found;
  }

  private report(now: Oversell): void {
    const { open, acknowledged } = this.errors.latest('product', now.sku, OVERSOLD_CODE);
    const seen = episodeOf(open?.detail);
    const acked = episodeOf(acknowledged?.detail);
    let episode: Episode = { shortfall: now.shortfall, orders: now.orders };
    if (open && seen) episode = widen(seen, episode);
    else if (acknowledged && acked && covers(acked, episode)) {
      // Nothing beyond what the person acknowledged: the same words keep the acknowledged row closed.
      this.errors.report({ scope: 'product', itemKey: now.sku, code: OVERSOLD_CODE, message: acknowledged.message, detail: acked });
      return;
    }
    this.errors.report({ scope: 'product', itemKey: now.sku, ...oversellProblem({ ...now, ...episode }), detail: episode });
  }
}

function episodeOf(detail: unknown): Episode | null {
  if (detail === null || typeof detail !== 'object') return null;
  const d = detail as Partial<Episode>;
  return typeof d.shortfall === 'number' && Array.isArray(d.orders) ? { shortfall: d.shortfall, orders: d.orders.map(String) } : null;
}

function widen(a: Episode, b: Episode): Episode {
  return { shortfall: Math.max(a.shortfall, b.shortfall), orders: [...new Set([...a.orders, ...b.orders])] };
}

function covers(a: Episode, b: Episode): boolean {
  const named = new Set(a.orders);
  return b.shortfall <= a.shortfall && b.orders.every((o) => named.has(o));
}
