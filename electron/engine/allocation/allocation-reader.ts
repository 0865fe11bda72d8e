import type { Database } from 'better-sqlite3';
import type { JournalState } from '../orders/export-journal';
import { allocate, allocatedUnits, isOutstanding, type AllocationEntry, type AllocationLine, type AllocationOrder } from './allocation';
import { currentLineKeys, type LineKeyResolver } from '../links/line-keys';

/**
 * Reads the outstanding orders from the local mirror and the export journal and allocates them.
 * No store request: the mirror is kept current by the order poll. This is what the product flow
 * calls for `allocated(SKU)` and what the CLI's `allocation [SKU]` explains.
 */
export class AllocationReader {
  private readonly open: ReadonlySet<string>;

  constructor(private readonly db: Database, settings: { openStatuses: readonly string[] }) {
    this.open = new Set(settings.openStatuses);
  }

  /** The line → SKU key resolver over the current product links. */
  resolver(): LineKeyResolver {
    return currentLineKeys(this.db);
  }

  /** Orders that may be outstanding (the pure rule in allocation.ts has the last word). */
  candidates(): AllocationOrder[] {
    const open = [...this.open];
    const inOpen = open.length ? `m.status IN (${open.map(() => '?').join(',')}) OR ` : '';
    const rows = this.db.prepare(`SELECT m.id, m.number, m.status, m.lines_json, j.state AS journal
      FROM order_mirror m LEFT JOIN export_journal j ON j.order_id = m.id
      WHERE ${inOpen} j.state IN ('waiting', 'exporting') ORDER BY m.id`).all(...open) as { id: number; number: string; status: string; lines_json: string; journal: JournalState | null }[];
    return rows.map((r) => ({ id: r.id, number: r.number, status: r.status, journal: r.journal, lines: JSON.parse(r.lines_json) as AllocationLine[] }));
  }

  /**
   * Allocation per SKU key with the orders behind it. `keys` limits the answer (SKU keys as
   * skuKey gives them); every key asked for is present, with 0 when nothing is allocated.
   */
  allocationFor(keys?: Iterable<string>, candidates: readonly AllocationOrder[] = this.candidates()): Map<string, AllocationEntry> {
    const resolver = this.resolver();
    const all = allocate(candidates, this.open, (l) => resolver.keyOf(l));
    if (!keys) return all;
    const out = new Map<string, AllocationEntry>();
    for (const k of keys) out.set(k, all.get(k) ?? { allocated: 0, orders: [] });
    return out;
  }

  /** Allocated units per SKU key (the engine's `allocation` dependency). */
  allocatedBySku(): Map<string, number> {
    return allocatedUnits(this.allocationFor());
  }

  /** How many orders are outstanding and how many units they hold, for the dashboard. */
  summary(): { outstandingOrders: number; allocatedUnits: number } {
    const candidates = this.candidates();
    const outstanding = candidates.filter((o) => isOutstanding(o.status, o.journal, this.open)).length;
    let unitsTotal = 0;
    for (const e of this.allocationFor(undefined, candidates).values()) unitsTotal += e.allocated;
    return { outstandingOrders: outstanding, allocatedUnits: unitsTotal };
  }
}
