/**
 * Allocation (flow 3), as pure functions. The POS only learns about a web order when it is
 * exported, so until then its on-hand still counts goods already sold online:
 *   outstanding = orders in an open status, plus orders in an export status not yet in the POS;
 *   allocated(SKU) = Σ quantities of that SKU over outstanding orders;
 *   web stock(SKU) = max(0, on-hand − allocated − safety buffer).
 * An order that is in the POS (journal 'exported' or 'marked') is never outstanding, whatever its
 * status says: the POS on-hand already went down by its quantities.
 */
import type { JournalState } from '../orders/export-journal';
import { webStock } from '../items/web-values';
import type { LineIdentity } from '../links/line-keys';

export interface AllocationLine extends LineIdentity {
  quantity: number;
}

export interface AllocationOrder {
  id: number;
  number: string;
  status: string;
  journal: JournalState | null;
  lines: readonly AllocationLine[];
}

/** One order's share of a SKU's allocation, for the `allocation SKU` explanation. */
export interface AllocationShare {
  number: string;
  status: string;
  qty: number;
}

export interface AllocationEntry {
  allocated: number;
  orders: AllocationShare[];
}

/** Whether an order holds stock that the POS does not know is sold. */
export function isOutstanding(status: string, journal: JournalState | null, openStatuses: ReadonlySet<string>): boolean {
  if (journal === 'exported' || journal === 'marked') return false;
  if (journal === 'waiting' || journal === 'exporting') return true;
  return openStatuses.has(status);
}

/**
 * Allocated units per SKU key over the outstanding orders among `orders`. `keyOf` ties a line to
 * a SKU key (null: the line is no POS item and allocates nothing). Quantities are whole units;
 * a negative or fractional quantity from a plugin counts as its rounded non-negative value.
 */
export function allocate(
  orders: readonly AllocationOrder[],
  openStatuses: ReadonlySet<string>,
  keyOf: (line: AllocationLine) => string | null,
): Map<string, AllocationEntry> {
  const out = new Map<string, AllocationEntry>();
  for (const order of orders) {
    if (!isOutstanding(order.status, order.journal, openStatuses)) continue;
    const perKey = new Map<string, number>();
    for (const line of order.lines) {
      const key = keyOf(line);
      const qty = units(line.quantity);
      if (key === null || qty === 0) continue;
      perKey.set(key, (perKey.get(key) ?? 0) + qty);
    }
    for (const [key, qty] of perKey) {
      const entry = out.get(key) ?? { allocated: 0, orders: [] };
      entry.allocated += qty;
      entry.orders.push({ number: order.number, status: order.status, qty });
      out.set(key, entry);
    }
  }
  return out;
}

/** Just the numbers: allocated units per SKU key. */
export function allocatedUnits(entries: ReadonlyMap<string, AllocationEntry>): Map<string, number> {
  return new Map([...entries].map(([k, e]) => [k, e.allocated]));
}

/** web stock = max(0, on-hand − allocated − buffer); the same rule the product flow pushes. */
export function webStockFor(onHand: number, allocated: number, safetyBuffer: number): number {
  return webStock(onHand, allocated, safetyBuffer);
}

function units(quantity: number): number {
  return Number.isFinite(quantity) ? Math.max(0, Math.round(quantity)) : 0;
}
