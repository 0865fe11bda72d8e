import type { Database, Statement } from 'better-sqlite3';
import type { WebValues } from '../items/web-values';

/** Where a POS SKU stands with the store (the OCA "binder"). */
export type LinkState = 'linked' | 'broken' | 'pending-create' | 'off-web' | 'missing';

export interface Link {
  /** The SKU key (trimmed, lower case). */
  sku: string;
  /** The SKU as the POS writes it. */
  displaySku: string;
  posId: string | null;
  storeId: number | null;
  parentId: number | null;
  kind: 'product' | 'variation';
  state: LinkState;
  createdByUs: boolean;
  note: string | null;
  linkedAt: string;
  updatedAt: string;
}

export interface PushedRow extends WebValues {
  sku: string;
  pushedAt: string;
}

interface LinkRow {
  sku: string; display_sku: string; pos_id: string | null; store_id: number | null; parent_id: number | null; kind: 'product' | 'variation';
  state: LinkState; created_by_us: number; note: string | null; linked_at: string; updated_at: string;
}

/**
 * Links (SKU ↔ store product or variation id) and the last values the store is known to hold.
 * Keys are the store's SKU key (see skuKey), so a POS that changes a SKU's letter case keeps its link.
 */
export class LinkStore {
  private readonly getLink: Statement;
  private readonly getByStoreId: Statement;
  private readonly putLink: Statement;
  private readonly getPushed: Statement;
  private readonly putPushed: Statement;
  private readonly dropOtherClaims: Statement;
  private readonly putState: Statement;
  private readonly putStoreStatus: Statement;
  private readonly dropLink: Statement;
  private readonly dropPushed: Statement;

  constructor(private readonly db: Database) {
    this.getLink = db.prepare('SELECT * FROM links WHERE sku = ?');
    this.getByStoreId = db.prepare('SELECT * FROM links WHERE store_id = ?');
    this.putLink = db.prepare(`INSERT INTO links (sku, display_sku, pos_id, store_id, parent_id, kind, state, created_by_us, note, linked_at, updated_at)
      VALUES (@sku, @displaySku, @posId, @storeId, @parentId, @kind, @state, @createdByUs, @note, @now, @now)
      ON CONFLICT(sku) DO UPDATE SET display_sku = excluded.display_sku, pos_id = excluded.pos_id, store_id = excluded.store_id, parent_id = excluded.parent_id,
        kind = excluded.kind, state = excluded.state, created_by_us = MAX(links.created_by_us, excluded.created_by_us),
        note = excluded.note, updated_at = excluded.updated_at`);
    this.getPushed = db.prepare('SELECT * FROM pushed WHERE sku = ?');
    this.putPushed = db.prepare(`INSERT INTO pushed (sku, regular_price, sale_price, sale_from, sale_to, stock_quantity, pushed_at)
      VALUES (@sku, @regularPrice, @salePrice, @saleFrom, @saleTo, @stock, @now)
      ON CONFLICT(sku) DO UPDATE SET regular_price = excluded.regular_price, sale_price = excluded.sale_price,
        sale_from = excluded.sale_from, sale_to = excluded.sale_to, stock_quantity = excluded.stock_quantity, pushed_at = excluded.pushed_at`);
    // Prepared once: these run per item, tens of thousands of times in a first push.
    this.dropOtherClaims = db.prepare('DELETE FROM links WHERE store_id = ? AND sku <> ?');
    this.putState = db.prepare('UPDATE links SET state = ?, note = ?, updated_at = ? WHERE sku = ?');
    this.putStoreStatus = db.prepare('UPDATE links SET store_status = ? WHERE sku = ? AND (store_status IS NULL OR store_status <> ?)');
    this.dropLink = db.prepare('DELETE FROM links WHERE sku = ?');
    this.dropPushed = db.prepare('DELETE FROM pushed WHERE sku = ?');
  }

  /** All links keyed by SKU key; one read per run instead of one per item. */
  allLinks(): Map<string, Link> {
    const rows = this.db.prepare('SELECT * FROM links').all() as LinkRow[];
    return new Map(rows.map((r) => [r.sku, toLink(r)]));
  }

  /**
   * The links of these SKU keys only (absent keys are left out): what a pass over a few changed
   * items needs, without reading a 50,000-link table into memory.
   */
  linksFor(keys: Iterable<string>): Map<string, Link> {
    const rows = this.rowsIn<LinkRow>('links', 'sku', [...new Set(keys)]);
    return new Map(rows.map((r) => [r.sku, toLink(r)]));
  }

  /** The links recorded for these POS ids (items an incremental read reports as gone). */
  linksOfPosIds(posIds: readonly string[]): Link[] {
    return this.rowsIn<LinkRow>('links', 'pos_id', [...new Set(posIds)]).map(toLink);
  }

  link(key: string): Link | null {
    const row = this.getLink.get(key) as LinkRow | undefined;
    return row ? toLink(row) : null;
  }

  /** The link holding this store product or variation id (an indexed look-up). */
  linkByStoreId(storeId: number): Link | null {
    const row = this.getByStoreId.get(storeId) as LinkRow | undefined;
    return row ? toLink(row) : null;
  }

  saveLink(key: string, link: Omit<Link, 'sku' | 'linkedAt' | 'updatedAt'>, now = new Date().toISOString()): void {
    // Another SKU may still claim this store id (a SKU was renamed in the POS): the newer claim wins.
    if (link.storeId !== null) this.dropOtherClaims.run(link.storeId, key);
    this.putLink.run({ sku: key, displaySku: link.displaySku, posId: link.posId, storeId: link.storeId, parentId: link.parentId, kind: link.kind,
      state: link.state, createdByUs: link.createdByUs ? 1 : 0, note: link.note, now });
  }

  setState(key: string, state: LinkState, note: string | null, now = new Date().toISOString()): void {
    this.putState.run(state, note, now, key);
  }

  forget(key: string): void {
    this.dropLink.run(key);
    this.dropPushed.run(key);
  }

  allPushed(): Map<string, PushedRow> {
    const rows = this.db.prepare('SELECT * FROM pushed').all() as PushedDbRow[];
    return new Map(rows.map((r) => [r.sku, toPushed(r)]));
  }

  /** The pushed values of these SKU keys only. */
  pushedFor(keys: Iterable<string>): Map<string, PushedRow> {
    const rows = this.rowsIn<PushedDbRow>('pushed', 'sku', [...new Set(keys)]);
    return new Map(rows.map((r) => [r.sku, toPushed(r)]));
  }

  pushed(key: string): PushedRow | null {
    const row = this.getPushed.get(key) as PushedDbRow | undefined;
    return row ? toPushed(row) : null;
  }

  /** Records what the store now holds for a SKU (after a write, or as read back from the store). */
  savePushed(key: string, v: WebValues, now = new Date().toISOString()): void {
    this.putPushed.run({ sku: key, regularPrice: v.regularPrice, salePrice: v.salePrice, saleFrom: v.saleFrom, saleTo: v.saleTo, stock: v.stock, now });
  }

  /** Remembers the store's status of a product (drafts await the merchant's publish). */
  setStoreStatus(key: string, status: string): void {
    this.putStoreStatus.run(status, key, status);
  }

  /** Counts for the dashboard: linked items and drafts the merchant has not published yet. */
  counts(): { linked: number; drafts: number } {
    const row = this.db.prepare(`SELECT COUNT(*) AS linked, SUM(CASE WHEN store_status = 'draft' THEN 1 ELSE 0 END) AS drafts
      FROM links WHERE state IN ('linked', 'off-web')`).get() as { linked: number; drafts: number | null };
    return { linked: row.linked, drafts: row.drafts ?? 0 };
  }

  /** Forgets every pushed value so the next run compares against nothing and writes everything. */
  clearPushed(): void {
    this.db.prepare('DELETE FROM pushed').run();
  }

  /** Rows whose `column` is one of `values`, in statements of at most 500 values (SQLite's variable limit is far above). */
  private rowsIn<R>(table: 'links' | 'pushed', column: 'sku' | 'pos_id', values: readonly string[]): R[] {
    const out: R[] = [];
    for (let i = 0; i < values.length; i += IN_CHUNK) {
      const part = values.slice(i, i + IN_CHUNK);
      out.push(...(this.db.prepare(`SELECT * FROM ${table} WHERE ${column} IN (${part.map(() => '?').join(',')})`).all(...part) as R[]));
    }
    return out;
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}

const IN_CHUNK = 500;

interface PushedDbRow { sku: string; regular_price: string | null; sale_price: string | null; sale_from: string | null; sale_to: string | null; stock_quantity: number | null; pushed_at: string }

function toPushed(r: PushedDbRow): PushedRow {
  return { sku: r.sku, regularPrice: r.regular_price, salePrice: r.sale_price ?? '', saleFrom: r.sale_from ?? '', saleTo: r.sale_to ?? '', stock: r.stock_quantity, pushedAt: r.pushed_at };
}

function toLink(r: LinkRow): Link {
  return { sku: r.sku, displaySku: r.display_sku, posId: r.pos_id, storeId: r.store_id, parentId: r.parent_id, kind: r.kind, state: r.state,
    createdByUs: r.created_by_us === 1, note: r.note, linkedAt: r.linked_at, updatedAt: r.updated_at };
}
