import type { Database, Statement } from 'better-sqlite3';
import type { LineKeyResolver } from '../links/line-keys';
import { storeHasTaken, takenDelta } from './store-taken';
import type { StoreOrder, StoreOrderLine } from '../../../connectors/core/store-order';

/** A mirrored order with what we know about WooCommerce's own stock handling of it. */
export interface MirroredOrder {
  order: StoreOrder;
  /** WooCommerce holds this order's lines off its stock (see orders/store-taken.ts). */
  storeTaken: boolean;
  seenAt: string;
}

export type UpsertKind = 'new' | 'updated' | 'unchanged' | 'stale';

export interface UpsertOutcome {
  kind: UpsertKind;
  /** The status we had before this upsert (null for a new order). */
  previousStatus: string | null;
  /** How many refunds we knew before (0 for a new order). */
  previousRefunds: number;
}

export interface UpsertContext {
  resolver: LineKeyResolver;
  /**
   * A first-seen order created after this time (store UTC seconds) is new: WooCommerce took its
   * stock since then. An older first-seen order changed nothing recently (null: treat every
   * first-seen order as old).
   */
  newIfCreatedAfter: string | null;
  now: string;
}

interface Row { id: number; number: string; status: string; created_gmt: string; modified_gmt: string; store_reduced: number; lines_json: string; header_json: string; seen_at: string }

/**
 * The local copy of the store's orders: one row per order, the newest version wins (by
 * date_modified; an older answer that arrives late never overwrites a newer one). Keeps the
 * running count of units WooCommerce holds off its stock for known orders, in the same
 * transaction as the order itself.
 */
export class OrderMirror {
  private readonly getStmt: Statement;
  private readonly putStmt: Statement;
  private readonly takenStmt: Statement;

  constructor(private readonly db: Database) {
    this.getStmt = db.prepare('SELECT * FROM order_mirror WHERE id = ?');
    this.putStmt = db.prepare(`INSERT INTO order_mirror (id, number, status, created_gmt, modified_gmt, store_reduced, lines_json, header_json, seen_at)
      VALUES (@id, @number, @status, @created, @modified, @reduced, @lines, @header, @now)
      ON CONFLICT(id) DO UPDATE SET number = excluded.number, status = excluded.status, created_gmt = excluded.created_gmt,
        modified_gmt = excluded.modified_gmt, store_reduced = excluded.store_reduced, lines_json = excluded.lines_json,
        header_json = excluded.header_json, seen_at = excluded.seen_at`);
    this.takenStmt = db.prepare(`INSERT INTO store_taken (sku, units) VALUES (?, ?)
      ON CONFLICT(sku) DO UPDATE SET units = store_taken.units + excluded.units`);
  }

  get(id: number): MirroredOrder | null {
    const row = this.getStmt.get(id) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  /** The newest mirrored order carrying this number. */
  getByNumber(number: string): MirroredOrder | null {
    const row = this.db.prepare('SELECT * FROM order_mirror WHERE number = ? ORDER BY id DESC LIMIT 1').get(number) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  /** Stores the order unless we already hold a newer version. Call inside a transaction. */
  upsert(order: StoreOrder, ctx: UpsertContext): UpsertOutcome {
    const prev = this.getStmt.get(order.id) as Row | undefined;
    if (prev && prev.modified_gmt > order.dateModifiedGmt) return { kind: 'stale', previousStatus: prev.status, previousRefunds: refundsOf(prev) };
    const beforeTaken = prev ? prev.store_reduced === 1 : null;
    const afterTaken = storeHasTaken(beforeTaken, order.status);
    const prevLines: StoreOrderLine[] = prev ? JSON.parse(prev.lines_json) as StoreOrderLine[] : [];
    // A first-seen old order: whatever WooCommerce did to its stock happened long ago.
    const isNew = ctx.newIfCreatedAfter !== null && order.dateCreatedGmt > ctx.newIfCreatedAfter;
    const delta = prev
      ? takenDelta(beforeTaken === true, prevLines, afterTaken, order.lines, ctx.resolver)
      : (isNew ? takenDelta(false, [], afterTaken, order.lines, ctx.resolver) : new Map<string, number>());
    for (const [key, units] of delta) this.takenStmt.run(key, units);
    const { lines, ...header } = order;
    const linesJson = JSON.stringify(lines);
    const headerJson = JSON.stringify(header);
    const same = prev !== undefined && prev.lines_json === linesJson && prev.header_json === headerJson && delta.size === 0;
    this.putStmt.run({ id: order.id, number: order.number, status: order.status, created: order.dateCreatedGmt, modified: order.dateModifiedGmt,
      reduced: afterTaken ? 1 : 0, lines: linesJson, header: headerJson, now: ctx.now });
    return { kind: !prev ? 'new' : same ? 'unchanged' : 'updated', previousStatus: prev?.status ?? null, previousRefunds: prev ? refundsOf(prev) : 0 };
  }

  /** Forgets an order the store deleted for good (WooCommerce gives no stock back for that). */
  remove(id: number): void {
    this.db.prepare('DELETE FROM order_mirror WHERE id = ?').run(id);
  }

  /** Ids of mirrored orders in these statuses. */
  idsInStatuses(statuses: readonly string[]): number[] {
    if (statuses.length === 0) return [];
    const rows = this.db.prepare(`SELECT id FROM order_mirror WHERE status IN (${statuses.map(() => '?').join(',')}) ORDER BY id`).all(...statuses) as { id: number }[];
    return rows.map((r) => r.id);
  }

  /** Units WooCommerce holds off its stock for known orders, per SKU key (0 when none). */
  storeTaken(keys: Iterable<string>): Map<string, number> {
    const stmt = this.db.prepare('SELECT units FROM store_taken WHERE sku = ?');
    const out = new Map<string, number>();
    for (const k of keys) out.set(k, (stmt.get(k) as { units: number } | undefined)?.units ?? 0);
    return out;
  }

  /**
   * Drops orders that no longer matter: not modified since `before`, not outstanding and with no
   * pending journal work. The journal and the stock counters keep what they need.
   */
  prune(before: string, keepStatuses: readonly string[]): number {
    const keep = keepStatuses.length ? `AND status NOT IN (${keepStatuses.map(() => '?').join(',')})` : '';
    return this.db.prepare(`DELETE FROM order_mirror WHERE modified_gmt < ? ${keep}
      AND id NOT IN (SELECT order_id FROM export_journal WHERE state IN ('waiting', 'exporting', 'exported'))`).run(before, ...keepStatuses).changes;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM order_mirror').get() as { n: number }).n;
  }
}

function fromRow(r: Row): MirroredOrder {
  const header = JSON.parse(r.header_json) as Omit<StoreOrder, 'lines'>;
  return { order: { ...header, lines: JSON.parse(r.lines_json) as StoreOrderLine[] }, storeTaken: r.store_reduced === 1, seenAt: r.seen_at };
}

function refundsOf(r: Row): number {
  const header = JSON.parse(r.header_json) as { refunds?: unknown[] };
  return Array.isArray(header.refunds) ? header.refunds.length : 0;
}
