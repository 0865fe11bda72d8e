import type { Database } from 'better-sqlite3';
import type { AllocationReader } from '../allocation/allocation-reader';
import type { OrderSide } from '../orders/order-side';
import { toStoreTime } from '../orders/store-time';
import { allocatedUnits, type AllocationLine } from '../allocation/allocation';
import { DEFAULT_HOLD_STOCK_MINUTES, DEFAULT_OPEN_STATUSES } from '../settings/defaults';
import { heldByStore, type HeldCandidate } from './held-by-store';
import { StockBasisStore } from './stock-basis-store';
import type { RepolledOrder, StockGuard } from './stock-guard';
import type { StockBasis } from './stock-race';

export interface OrderStockGuardOptions {
  /** The engine's clock (tests move it with the store's). */
  now?: () => Date;
  /** How far the store's clock may be ahead of ours, in seconds (default 5). */
  skewSeconds?: number;
  /** The shop's "Hold stock (minutes)"; 0 when it is empty there (nothing is held). Default 60. */
  holdStockMinutes?: number;
  /** Order statuses allocation counts (held units are only left in for those). */
  openStatuses?: readonly string[];
}

/**
 * The StockGuard over the order side: allocation and the taken counter from the order mirror,
 * the basis in stock_basis (the same database), and the re-poll through the side's own poller,
 * so a re-poll moves the watermark and fills the export journal exactly like a scheduled poll.
 */
export class OrderStockGuard implements StockGuard {
  private readonly basis: StockBasisStore;
  private readonly now: () => Date;
  private readonly skewMs: number;
  private readonly holdMs: number;
  private readonly open: ReadonlySet<string>;

  constructor(private readonly side: OrderSide, private readonly allocation: AllocationReader, private readonly db: Database, options: OrderStockGuardOptions = {}) {
    this.basis = new StockBasisStore(db);
    this.now = options.now ?? (() => new Date());
    this.skewMs = Math.max(0, options.skewSeconds ?? 5) * 1000;
    this.holdMs = Math.max(0, options.holdStockMinutes ?? DEFAULT_HOLD_STOCK_MINUTES) * 60_000;
    this.open = new Set(options.openStatuses ?? DEFAULT_OPEN_STATUSES);
  }

  /** Allocated units minus those WooCommerce holds back itself for pending checkouts (held-by-store.ts). */
  allocated(keys: Iterable<string>): Map<string, number> {
    const list = [...keys];
    const out = allocatedUnits(this.allocation.allocationFor(list));
    if (this.holdMs === 0) return out;
    const resolver = this.allocation.resolver();
    const held = heldByStore(this.pendingOrders(), this.open, toStoreTime(this.now().getTime() - this.holdMs), (l) => resolver.keyOf(l));
    for (const k of list) out.set(k, Math.max(0, (out.get(k) ?? 0) - (held.get(k) ?? 0)));
    return out;
  }

  taken(keys: Iterable<string>): Map<string, number> {
    return this.side.mirror.storeTaken(keys);
  }

  bases(keys: Iterable<string>): Map<string, StockBasis> {
    return this.basis.get(keys);
  }

  saveBases(entries: readonly { key: string; basis: StockBasis; desired: number }[]): void {
    if (entries.length > 0) this.basis.save(entries, this.now().toISOString());
  }

  async repoll(): Promise<RepolledOrder[]> {
    const { poller, mirror } = this.side;
    // Before the order side's first start there is no watermark: start it as a cycle would.
    if (await poller.ensureStarted()) await poller.reconcile();
    const result = await poller.poll();
    const resolver = this.allocation.resolver();
    const out: RepolledOrder[] = [];
    for (const id of result.orderIds) {
      const m = mirror.get(id);
      if (!m) continue;
      const keys = new Set<string>();
      for (const line of m.order.lines) {
        const key = resolver.keyOf(line);
        if (key !== null) keys.add(key);
      }
      out.push({ number: m.order.number, dateModifiedGmt: m.order.dateModifiedGmt, keys: [...keys] });
    }
    return out;
  }

  private pendingOrders(): HeldCandidate[] {
    const rows = this.db.prepare(`SELECT header_json, lines_json FROM order_mirror WHERE status = 'pending'`).all() as { header_json: string; lines_json: string }[];
    return rows.map((r) => {
      const h = JSON.parse(r.header_json) as { status: string; createdVia?: string; datePaidGmt: string | null; dateCreatedGmt: string };
      return { status: h.status, createdVia: h.createdVia, datePaidGmt: h.datePaidGmt, dateCreatedGmt: h.dateCreatedGmt, lines: JSON.parse(r.lines_json) as AllocationLine[] };
    });
  }

  storeTimeBefore(): string {
    return toStoreTime(this.now().getTime() - this.skewMs);
  }
}
