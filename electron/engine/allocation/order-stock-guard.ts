import type { Database } from 'better-sqlite3';
import type { OrderSide } from '../orders/order-side';
import { toStoreTime } from '../orders/store-time';
import { allocatedUnits } from './allocation';
import { StockBasisStore } from './stock-basis-store';
import type { RepolledOrder, StockGuard } from './stock-guard';
import type { StockBasis } from './stock-race';

export interface OrderStockGuardOptions {
  /** The engine's clock (tests move it with the store's). */
  now?: () => Date;
  /** How far the store's clock may be ahead of ours, in seconds (default 5). */
  skewSeconds?: number;
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

  constructor(private readonly side: OrderSide, db: Database, options: OrderStockGuardOptions = {}) {
    this.basis = new StockBasisStore(db);
    this.now = options.now ?? (() => new Date());
    this.skewMs = Math.max(0, options.skewSeconds ?? 5) * 1000;
  }

  allocated(keys: Iterable<string>): Map<string, number> {
    return allocatedUnits(this.side.allocation.allocationFor(keys));
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
    const resolver = this.side.allocation.resolver();
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

  storeTimeBefore(): string {
    return toStoreTime(this.now().getTime() - this.skewMs);
  }
}
