import type { Database } from 'better-sqlite3';
import type { StockBasis } from './stock-race';

/**
 * Per SKU key, what our last successful stock write was based on (see stock-race.ts). Saved
 * only after the store confirmed the write; a SKU without a basis gets an absolute write.
 */
export class StockBasisStore {
  constructor(private readonly db: Database) {}

  get(keys: Iterable<string>): Map<string, StockBasis> {
    const stmt = this.db.prepare('SELECT written, taken FROM stock_basis WHERE sku = ?');
    const out = new Map<string, StockBasis>();
    for (const k of keys) {
      const row = stmt.get(k) as StockBasis | undefined;
      if (row) out.set(k, { written: row.written, taken: row.taken });
    }
    return out;
  }

  /** Records confirmed writes; `desired` is kept for the dashboard's explanation. */
  save(entries: readonly { key: string; basis: StockBasis; desired: number }[], now = new Date().toISOString()): void {
    const stmt = this.db.prepare(`INSERT INTO stock_basis (sku, desired, taken, written, written_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(sku) DO UPDATE SET desired = excluded.desired, taken = excluded.taken, written = excluded.written, written_at = excluded.written_at`);
    this.db.transaction(() => {
      for (const e of entries) stmt.run(e.key, e.desired, e.basis.taken, e.basis.written, now);
    })();
  }

  /** Forgets a SKU's basis (its next write is absolute), e.g. after a full resync. */
  forget(keys?: Iterable<string>): void {
    if (!keys) {
      this.db.prepare('DELETE FROM stock_basis').run();
      return;
    }
    const stmt = this.db.prepare('DELETE FROM stock_basis WHERE sku = ?');
    this.db.transaction(() => { for (const k of keys) stmt.run(k); })();
  }
}
