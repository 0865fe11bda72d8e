/**
 * Units WooCommerce holds back itself. A shopper's checkout that waits for payment (status
 * pending) reserves its lines for the shop's "Hold stock (minutes)" setting: other checkouts see
 * its stock quantity − held as available, while the stock quantity itself only drops once the order
 * is paid. Allocation counts such an order too, so a stock value that subtracted it would keep
 * its units off twice, and WooCommerce's own deduction at payment would then drive the store's
 * stock below zero. The stock value Tillbridge writes therefore leaves these units in; what the
 * store offers is still on-hand − allocated − buffer.
 *
 * Held: status pending, made by the checkout ('checkout', or 'store-api' for the block checkout),
 * never paid (a paid order going back to pending has no reservation any more), and younger than
 * the hold window. REST and admin orders never reserve.
 */
import type { AllocationLine } from '../allocation/allocation';

const RESERVING = new Set(['checkout', 'store-api']);

export interface HeldCandidate {
  status: string;
  createdVia?: string;
  datePaidGmt: string | null;
  /** Store time, "YYYY-MM-DDTHH:MM:SS". */
  dateCreatedGmt: string;
  lines: readonly AllocationLine[];
}

/**
 * Units held back by the store per SKU key, over orders allocation counts (`openStatuses`), for
 * checkouts created after `holdSince` (store time: now − the hold window).
 */
export function heldByStore(
  orders: readonly HeldCandidate[],
  openStatuses: ReadonlySet<string>,
  holdSince: string,
  keyOf: (line: AllocationLine) => string | null,
): Map<string, number> {
  const out = new Map<string, number>();
  if (!openStatuses.has('pending')) return out;
  for (const o of orders) {
    if (o.status !== 'pending' || !RESERVING.has(o.createdVia ?? '') || o.datePaidGmt !== null || o.dateCreatedGmt <= holdSince) continue;
    for (const line of o.lines) {
      const key = keyOf(line);
      const qty = Number.isFinite(line.quantity) ? Math.max(0, Math.round(line.quantity)) : 0;
      if (key !== null && qty > 0) out.set(key, (out.get(key) ?? 0) + qty);
    }
  }
  return out;
}
