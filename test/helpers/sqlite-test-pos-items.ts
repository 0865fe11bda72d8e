/**
 * The SQLite test POS (sqlite-test-pos.ts) as the product flow's PosItemsPort: every item is on
 * the web at 10.00 with its on-hand, read whole each time. With it, one small POS serves both the
 * product flow and the order export, so exported orders lower the same on-hand the engine reads.
 */
import type { CheckResult, PosItemsPort, ReadResult } from '../../connectors/core/pos-items-port';
import type { SqliteTestPos } from './sqlite-test-pos';

export class TestPosItems implements PosItemsPort {
  constructor(private readonly pos: SqliteTestPos) {}

  async check(): Promise<CheckResult> {
    return { ok: true, message: 'SQLite test POS', problems: [] };
  }

  async readItems(): Promise<ReadResult> {
    const rows = this.pos.db.prepare('SELECT sku, on_hand FROM items ORDER BY sku').all() as { sku: string; on_hand: number }[];
    const items = rows.map((r) => ({
      posId: `P-${r.sku}`, sku: r.sku, name: `Item ${r.sku}`, regularPrice: '10.00', salePrice: null, saleFrom: null, saleTo: null,
      onHand: r.on_hand, onWeb: true, parentSku: null, parentPosId: null, isParent: false, attributes: {}, description: null, category: null,
      weight: null, barcode: null,
    }));
    return { items, complete: true, removedPosIds: [], cursor: '' };
  }

  async changeMarker(): Promise<string> {
    const row = this.pos.db.prepare('SELECT COUNT(*) AS n, COALESCE(SUM(on_hand), 0) AS units, COALESCE(SUM(on_hand * length(sku)), 0) AS mix FROM items').get() as { n: number; units: number; mix: number };
    return `${row.n}:${row.units}:${row.mix}`;
  }

  async close(): Promise<void> {}
}
