/**
 * What WooCommerce itself does to its stock as orders move (so Tillbridge's absolute stock writes
 * can agree with it). Core WooCommerce takes an order's lines off stock when the order enters
 * processing, completed or on-hold (once: a per-order flag), gives them back when it enters
 * cancelled or pending, and leaves stock alone for refunded, failed, trash and statuses it does
 * not know (wc_maybe_reduce_stock_levels / wc_maybe_increase_stock_levels; the emulator's
 * order-stock.ts lists the sources). Lines edited on a taken order move stock by the difference.
 */
import type { LineKeyResolver, LineIdentity } from '../links/line-keys';

const TAKING = new Set(['processing', 'completed', 'on-hold']);
const GIVING_BACK = new Set(['cancelled', 'pending']);

/**
 * Whether the store holds the order's lines off its stock after the order reached `status`.
 * `before` is what we knew for this order; null for an order seen for the first time, which is
 * assumed taken exactly when its status takes stock.
 */
export function storeHasTaken(before: boolean | null, status: string): boolean {
  if (TAKING.has(status)) return true;
  if (GIVING_BACK.has(status)) return false;
  return before ?? false;
}

export interface TakenLine extends LineIdentity {
  quantity: number;
}

/**
 * How the units WooCommerce holds off its stock change per SKU key when an order goes from
 * (`beforeTaken`, `beforeLines`) to (`afterTaken`, `afterLines`). Keys with no change are left out.
 */
export function takenDelta(
  beforeTaken: boolean, beforeLines: readonly TakenLine[],
  afterTaken: boolean, afterLines: readonly TakenLine[],
  resolver: LineKeyResolver,
): Map<string, number> {
  const delta = new Map<string, number>();
  const add = (lines: readonly TakenLine[], sign: number) => {
    for (const line of lines) {
      const key = resolver.keyOf(line);
      const qty = Number.isFinite(line.quantity) ? Math.max(0, Math.round(line.quantity)) : 0;
      if (key === null || qty === 0) continue;
      delta.set(key, (delta.get(key) ?? 0) + sign * qty);
    }
  };
  if (beforeTaken) add(beforeLines, -1);
  if (afterTaken) add(afterLines, +1);
  for (const [k, v] of delta) if (v === 0) delta.delete(k);
  return delta;
}
