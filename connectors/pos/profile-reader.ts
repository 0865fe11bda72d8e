/**
 * Runs a profile's statements for a full or an incremental read. A full read takes the
 * high-water mark first and then every section, so anything that changes while it runs is
 * read again next time rather than missed. An incremental read asks the change statement which
 * items changed since the cursor (minus an overlap for transactions that committed late),
 * then reads only those items (and their matrix parents), a few hundred ids per statement.
 */
import {
  decodeCursor, encodeCursor, laterHighWater, sinceValue, toHighWater, type CursorState, type HighWater,
} from './change-cursor';
import { asText, assembleItems, type SectionRows } from './item-assembly';
import { inStatement } from '../core/pos-errors';
import type { PosItem, ReadResult } from '../core/pos-items-port';
import type { Profile } from './profile';
import type { Row, SqlDriver, SqlRunner, SqlValue } from './drivers/sql-driver';
import type { SqlParams, SqlScalar } from './drivers/sql-params';

const IDS_PARAM = 'tb_ids';

export class ProfileReader {
  constructor(private readonly profile: Profile, private readonly driver: SqlDriver) {}

  /** The whole web selection. */
  fullRead(): Promise<ReadResult> {
    return this.driver.transaction(async (tx) => {
      const highWater = await this.highWater(tx);
      const p = this.profile;
      const selection = p.webSelection.kind === 'membership' ? await this.selection(tx) : null;
      const rows: SectionRows = {
        items: await this.run(tx, 'items.sql', p.items.sql),
        prices: p.prices.from === 'rows' ? await this.run(tx, 'prices.sql', p.prices.sql) : [],
        stock: p.stock ? await this.run(tx, 'stock.sql', p.stock.sql) : [],
        selection: selection?.ids ?? null,
      };
      const all = assembleItems(p, rows);
      const items: PosItem[] = [];
      const leftSelection: { posId: string; sku: string; name: string }[] = [];
      for (const item of all.values()) {
        if (item.onWeb) items.push(item);
        else leftSelection.push({ posId: item.posId, sku: item.sku, name: item.name });
      }
      const state: CursorState = { highWater };
      if (selection) state.selection = { ids: [...selection.ids], fingerprint: selection.fingerprint };
      return { items, complete: true, removedPosIds: [], leftSelection, cursor: encodeCursor(state) };
    }, { mode: 'read', label: 'full read' });
  }

  /** Items changed since the cursor; falls back to a full read when the profile cannot tell. */
  async incrementalRead(since: string): Promise<ReadResult> {
    const previous = decodeCursor(since);
    const c = this.profile.changes;
    if (!c.changedSql || !c.columns || previous.highWater === null) return this.fullRead();
    const changeCols = c.columns;
    const changedSql = c.changedSql;

    return this.driver.transaction(async (tx) => {
      const p = this.profile;
      const start = await this.highWater(tx);
      const changedRows = await this.run(tx, 'changes.changedSql', changedSql, { since: sinceValue(previous.highWater, c.overlap) as SqlScalar });
      const ids = new Map<string, SqlValue>(); // posId text → value as the database returned it
      for (const r of changedRows) {
        const id = asText(r[changeCols.posId]);
        if (id !== null && !ids.has(id)) ids.set(id, r[changeCols.posId] ?? null);
      }

      let selectionIds: ReadonlySet<string> | null = null;
      const state: CursorState = { highWater: laterHighWater(previous.highWater, start) };
      if (p.webSelection.kind === 'membership') {
        const before = new Set(previous.selection?.ids ?? []);
        const fingerprint = p.webSelection.fingerprintSql ? await this.fingerprint(tx) : null;
        if (fingerprint !== null && previous.selection && fingerprint === previous.selection.fingerprint) {
          selectionIds = before;
        } else {
          const now = await this.selection(tx, fingerprint);
          selectionIds = now.ids;
          for (const id of now.ids) if (!before.has(id) && !ids.has(id)) ids.set(id, numericId(id));
          for (const id of before) if (!now.ids.has(id) && !ids.has(id)) ids.set(id, numericId(id));
        }
        state.selection = { ids: [...selectionIds], fingerprint };
      }

      const itemRows = await this.readByIds(tx, 'items.sql', p.items.sql, p.items.columns.posId, ids);
      const found = new Set(itemRows.map((r) => asText(r[p.items.columns.posId])));
      const parentCol = p.items.columns.parentId;
      if (parentCol) {
        const parents = new Map<string, SqlValue>();
        for (const r of itemRows) {
          const parent = asText(r[parentCol]);
          if (parent !== null && parent.trim() !== '' && !found.has(parent)) parents.set(parent, r[parentCol] ?? null);
        }
        if (parents.size > 0) itemRows.push(...await this.readByIds(tx, 'items.sql', p.items.sql, p.items.columns.posId, parents));
      }
      const allIds = new Map<string, SqlValue>();
      for (const r of itemRows) {
        const id = asText(r[p.items.columns.posId]);
        if (id !== null) allIds.set(id, r[p.items.columns.posId] ?? null);
      }
      const rows: SectionRows = {
        items: itemRows,
        prices: p.prices.from === 'rows' ? await this.readByIds(tx, 'prices.sql', p.prices.sql, p.prices.columns.posId, allIds) : [],
        stock: p.stock ? await this.readByIds(tx, 'stock.sql', p.stock.sql, p.stock.columns.posId, allIds) : [],
        selection: selectionIds,
      };
      const items: PosItem[] = [...assembleItems(p, rows).values()];
      const removedPosIds = [...ids.keys()].filter((id) => !found.has(id));
      return { items, complete: false, removedPosIds, cursor: encodeCursor(state) };
    }, { mode: 'read', label: 'incremental read' });
  }

  /** Values of the marker statements, joined: changes whenever the data does. */
  async changeMarker(): Promise<string> {
    return this.driver.transaction(async (tx) => {
      const parts: string[] = [];
      for (const [i, sql] of this.profile.changes.markerSql.entries()) {
        const rows = await this.run(tx, `changes.markerSql.${i}`, sql);
        parts.push(rows.map((r) => Object.values(r).map((v) => asText(v) ?? '∅').join(',')).join(';'));
      }
      return parts.join('|');
    }, { mode: 'read', label: 'change marker' });
  }

  private async highWater(tx: SqlRunner): Promise<HighWater> {
    const sql = this.profile.changes.highWaterSql;
    if (!sql) return null;
    const rows = await this.run(tx, 'changes.highWaterSql', sql);
    const first = rows[0];
    return first ? toHighWater(Object.values(first)[0]) : null;
  }

  private async fingerprint(tx: SqlRunner): Promise<string | null> {
    const w = this.profile.webSelection;
    if (w.kind !== 'membership' || !w.fingerprintSql) return null;
    const rows = await this.run(tx, 'webSelection.fingerprintSql', w.fingerprintSql);
    return rows.map((r) => Object.values(r).map((v) => asText(v) ?? '∅').join(',')).join(';');
  }

  private async selection(tx: SqlRunner, known?: string | null): Promise<{ ids: Set<string>; fingerprint: string | null }> {
    const w = this.profile.webSelection;
    if (w.kind !== 'membership') return { ids: new Set(), fingerprint: null };
    const fingerprint = known !== undefined ? known : await this.fingerprint(tx);
    const rows = await this.run(tx, 'webSelection.sql', w.sql);
    const ids = new Set<string>();
    for (const r of rows) {
      const id = asText(r[w.column]);
      if (id !== null) ids.add(id);
    }
    return { ids, fingerprint };
  }

  /** Rows of a section for the given ids: grouped IN lists, or the whole statement filtered here when there are many. */
  private async readByIds(tx: SqlRunner, label: string, sql: string, idColumn: string, ids: Map<string, SqlValue>): Promise<Row[]> {
    if (ids.size === 0) return [];
    const t = this.profile.tuning;
    if (ids.size > t.fullReadAbove) {
      const rows = await this.run(tx, label, sql);
      return rows.filter((r) => ids.has(asText(r[idColumn]) ?? ''));
    }
    const wrapped = `SELECT * FROM (${sql}) tb_q WHERE tb_q.${idColumn} IN (:${IDS_PARAM})`;
    const values = [...ids.values()].map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : v) as SqlScalar);
    const out: Row[] = [];
    for (let i = 0; i < values.length; i += t.idsPerStatement) {
      out.push(...await this.run(tx, label, wrapped, { [IDS_PARAM]: values.slice(i, i + t.idsPerStatement) }));
    }
    return out;
  }

  private async run(tx: SqlRunner, label: string, sql: string, extra: SqlParams = {}): Promise<Row[]> {
    try {
      return await tx.query(sql, { ...this.profile.parameters, ...extra }, { label });
    } catch (err) {
      throw inStatement(err, label);
    }
  }
}

/** Ids that left a selection exist only as text; bind integers as numbers so typed columns compare cleanly. */
function numericId(id: string): SqlValue {
  return /^-?\d{1,15}$/.test(id) ? Number(id) : id;
}
