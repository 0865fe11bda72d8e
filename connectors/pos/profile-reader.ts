/**
 * Runs a profile's statements for a full or an incremental read. A full read takes the
 * high-water mark first and then every section, so anything that changes while it runs is
 * read again next time rather than missed. An incremental read asks the change statement which
 * items changed since the cursor (minus an overlap for transactions that committed late),
 * then reads only those items (and their matrix parents), a few hundred ids per statement.
 */
import {
  BUCKET_COLUMN, BUCKETS_PARAM, bucketedSql, bucketFingerprints, changedBuckets, idsByBucket, joinParts, nextBucketState, rangedBucketSql,
  type BucketSpec, type BucketsNow,
} from './bucket-changes';
import {
  decodeCursor, encodeCursor, laterHighWater, sinceValue, toHighWater, type BucketState, type CursorState, type HighWater,
} from './change-cursor';
import { asText, assembleItems, type SectionRows } from './item-assembly';
import { inStatement, PosError } from '../core/pos-errors';
import type { PosItem, ReadResult } from '../core/pos-items-port';
import type { Profile } from './profile';
import { markerStatements } from './profile-rules';
import type { Row, SqlDriver, SqlRunner, SqlValue } from './drivers/sql-driver';
import type { SqlParams, SqlScalar } from './drivers/sql-params';
import { configuredLocations, missingLocations, missingLocationsMessage } from './stock-locations';

const IDS_PARAM = 'tb_ids';

export class ProfileReader {
  constructor(private readonly profile: Profile, private readonly driver: SqlDriver) {}

  /** The whole web selection. */
  fullRead(): Promise<ReadResult> {
    return this.driver.transaction(async (tx) => {
      const highWater = await this.highWater(tx);
      const p = this.profile;
      const spec = p.changes.buckets;
      const buckets = spec ? await this.bucketsNow(tx, spec) : null;
      const selection = p.webSelection.kind === 'membership' ? await this.selection(tx) : null;
      const itemRows = spec ? await this.run(tx, 'items.sql', bucketedSql(p.items.sql, p.items.columns.posId, spec.of, false)) : await this.run(tx, 'items.sql', p.items.sql);
      const rows: SectionRows = {
        items: itemRows,
        prices: p.prices.from === 'rows' ? await this.run(tx, 'prices.sql', p.prices.sql) : [],
        stock: p.stock ? await this.run(tx, 'stock.sql', p.stock.sql) : [],
        selection: selection?.ids ?? null,
      };
      // Settings naming only locations the POS does not have would zero every web stock: refuse.
      const wanted = configuredLocations(p);
      if (wanted && rows.stock.length === 0 && rows.items.length > 0) {
        throw new PosError('bad-profile', missingLocationsMessage(missingLocations(p, rows.stock), true));
      }
      const all = assembleItems(p, rows);
      const items: PosItem[] = [];
      const leftSelection: { posId: string; sku: string; name: string }[] = [];
      for (const item of all.values()) {
        if (item.onWeb) items.push(item);
        else leftSelection.push({ posId: item.posId, sku: item.sku, name: item.name });
      }
      const state: CursorState = { highWater };
      if (selection) state.selection = { ids: [...selection.ids], fingerprint: selection.fingerprint };
      if (buckets) {
        const byBucket = idsByBucket(itemRows, p.items.columns.posId);
        state.buckets = nextBucketState(null, buckets, [...new Set([...buckets.fingerprints.keys(), ...byBucket.keys()])], byBucket);
      }
      return { items, complete: true, removedPosIds: [], leftSelection, cursor: encodeCursor(state) };
    }, { mode: 'read', label: 'full read' });
  }

  /** Items changed since the cursor; falls back to a full read when the profile cannot tell. */
  async incrementalRead(since: string): Promise<ReadResult> {
    const previous = decodeCursor(since);
    const c = this.profile.changes;
    if (c.buckets) return (previous.buckets ? await this.bucketRead(previous, c.buckets) : null) ?? this.fullRead();
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

  /**
   * Incremental read of a bucket profile: only the buckets whose fingerprint moved are read again
   * (items, prices, stock), plus the matrix parents they name and the membership changes. Ids a
   * changed bucket held before and holds no more are reported removed. null when a full read is
   * the better read (a shared table moved, or too many buckets did).
   */
  private bucketRead(previous: CursorState, spec: BucketSpec): Promise<ReadResult | null> {
    const before = previous.buckets!;
    return this.driver.transaction(async (tx) => {
      const p = this.profile;
      const now = await this.bucketsNow(tx, spec, before);
      if (now.shared !== before.shared) return null;
      const changed = changedBuckets(before, now);
      if (changed.length > Math.max(1, spec.fullReadAbove * Math.max(now.fingerprints.size, before.map.size))) return null;

      const state: CursorState = { highWater: null };
      const ids = new Map<string, SqlValue>(); // read by id: membership changes (and their parents below)
      const selectionIds = await this.selectionChanges(tx, previous, state, ids);
      const bound = changed.map((b) => now.values.get(b) ?? numericId(b));
      const itemRows = await this.readBuckets(tx, 'items.sql', p.items.sql, p.items.columns.posId, spec, bound);
      const byBucket = idsByBucket(itemRows, p.items.columns.posId);
      const inBuckets = new Set(itemRows.map((r) => asText(r[p.items.columns.posId])));
      for (const id of inBuckets) if (id !== null) ids.delete(id);
      itemRows.push(...await this.readByIds(tx, 'items.sql', p.items.sql, p.items.columns.posId, ids));
      const byId = await this.withFamilies(tx, itemRows, inBuckets);

      const section = async (label: string, sql: string, col: string): Promise<Row[]> =>
        [...await this.readBuckets(tx, label, sql, col, spec, bound), ...await this.readByIds(tx, label, sql, col, byId)];
      const rows: SectionRows = {
        items: itemRows,
        prices: p.prices.from === 'rows' ? await section('prices.sql', p.prices.sql, p.prices.columns.posId) : [],
        stock: p.stock ? await section('stock.sql', p.stock.sql, p.stock.columns.posId) : [],
        selection: selectionIds,
      };
      const items: PosItem[] = [...assembleItems(p, rows).values()];
      const found = new Set(itemRows.map((r) => asText(r[p.items.columns.posId])));
      const removed = new Set([...ids.keys()].filter((id) => !found.has(id)));
      for (const b of changed) for (const id of before.map.get(b)?.ids ?? []) if (!found.has(id)) removed.add(id);
      state.buckets = nextBucketState(before, now, changed, byBucket);
      return { items, complete: false, removedPosIds: [...removed], cursor: encodeCursor(state) };
    }, { mode: 'read', label: 'incremental read' });
  }

  /**
   * The bucket statement and the shared statements now; a part whose marker equals the cursor's
   * keeps the cursor's fingerprints and is not run. Each marker is taken before its statement, so
   * a change in between moves it again next time.
   */
  private async bucketsNow(tx: SqlRunner, spec: BucketSpec, previous?: BucketState): Promise<BucketsNow> {
    const oneRow = (rows: Row[]) => rows.map((r) => Object.values(r).map((v) => asText(v) ?? '∅').join(',')).join(';');
    const shared: string[] = [];
    for (const [i, sql] of spec.sharedSql.entries()) shared.push(oneRow(await this.run(tx, `changes.buckets.sharedSql.${i}`, sql)));
    const main = bucketFingerprints(spec.sql ? await this.run(tx, 'changes.buckets.sql', spec.sql) : [], spec.column);
    const values = new Map(main.values);
    const parts: BucketsNow['parts'] = [];
    for (const [i, part] of spec.parts.entries()) {
      const marker = oneRow(await this.run(tx, `changes.buckets.parts.${i}.markerSql`, part.markerSql));
      const kept = previous?.parts?.[i];
      if (kept && kept.marker === marker) {
        parts.push(kept);
        continue;
      }
      const ran = bucketFingerprints(await this.run(tx, `changes.buckets.parts.${i}.sql`, part.sql), spec.column);
      for (const [b, v] of ran.values) if (!values.has(b)) values.set(b, v);
      parts.push({ marker, fingerprints: ran.fingerprints });
    }
    const fingerprints = parts.length > 0 ? joinParts(main.fingerprints, parts) : main.fingerprints;
    return { shared: shared.join('|'), fingerprints, values, parts };
  }

  /** Rows of a section in the given buckets, a group of buckets per statement; TB_BUCKET is left on the rows. */
  private async readBuckets(tx: SqlRunner, label: string, sql: string, idColumn: string, spec: BucketSpec, buckets: SqlValue[]): Promise<Row[]> {
    if (buckets.length === 0) return [];
    const out: Row[] = [];
    const width = spec.width;
    const ranged = width !== undefined && buckets.every((b) => typeof b === 'number' && Number.isInteger(b));
    const step = ranged ? 50 : this.profile.tuning.idsPerStatement;
    for (let i = 0; i < buckets.length; i += step) {
      const group = buckets.slice(i, i + step);
      if (ranged) {
        const params: Record<string, number> = {};
        group.forEach((b, j) => { params[`tb_lo${j}`] = (b as number) * width; params[`tb_hi${j}`] = ((b as number) + 1) * width; });
        out.push(...await this.run(tx, label, rangedBucketSql(sql, idColumn, spec.of, group.length), params));
      } else {
        out.push(...await this.run(tx, label, bucketedSql(sql, idColumn, spec.of, true), { [BUCKETS_PARAM]: group as SqlScalar[] }));
      }
    }
    for (const r of out) if (!(BUCKET_COLUMN in r)) r[BUCKET_COLUMN] = null;
    return out;
  }

  /**
   * Completes matrix families: the parents the rows name but do not hold, then the children (in
   * other buckets) of every item read that has no parent itself, since a parent is a parent, and
   * on the web, through its children. Returns every id read by id (not by bucket), whose
   * prices and stock must be read by id too.
   */
  private async withFamilies(tx: SqlRunner, itemRows: Row[], inBuckets: ReadonlySet<string | null>): Promise<Map<string, SqlValue>> {
    const p = this.profile;
    const parentCol = p.items.columns.parentId;
    if (parentCol) {
      const found = new Set(itemRows.map((r) => asText(r[p.items.columns.posId])));
      const parents = new Map<string, SqlValue>();
      for (const r of itemRows) {
        const parent = asText(r[parentCol]);
        if (parent !== null && parent.trim() !== '' && !found.has(parent)) parents.set(parent, r[parentCol] ?? null);
      }
      for (const r of await this.readByIds(tx, 'items.sql', p.items.sql, p.items.columns.posId, parents)) {
        found.add(asText(r[p.items.columns.posId]));
        itemRows.push(r);
      }
      const roots = new Map<string, SqlValue>();
      for (const r of itemRows) {
        const id = asText(r[p.items.columns.posId]);
        const parent = asText(r[parentCol]);
        if (id !== null && (parent === null || parent.trim() === '')) roots.set(id, r[p.items.columns.posId] ?? null);
      }
      for (const child of await this.readByIds(tx, 'items.sql', p.items.sql, parentCol, roots)) {
        const id = asText(child[p.items.columns.posId]);
        if (id !== null && !found.has(id)) { found.add(id); itemRows.push(child); }
      }
    }
    const byId = new Map<string, SqlValue>();
    for (const r of itemRows) {
      const id = asText(r[p.items.columns.posId]);
      if (id !== null && !inBuckets.has(id)) byId.set(id, r[p.items.columns.posId] ?? null);
    }
    return byId;
  }

  /**
   * Membership selections: compares the selection with the cursor's, adds the ids that joined or
   * left it to `ids`, and records the selection in `state`. null for other selections.
   */
  private async selectionChanges(tx: SqlRunner, previous: CursorState, state: CursorState, ids: Map<string, SqlValue>): Promise<ReadonlySet<string> | null> {
    const p = this.profile;
    if (p.webSelection.kind !== 'membership') return null;
    const before = new Set(previous.selection?.ids ?? []);
    const fingerprint = p.webSelection.fingerprintSql ? await this.fingerprint(tx) : null;
    let selectionIds: ReadonlySet<string> = before;
    if (fingerprint === null || !previous.selection || fingerprint !== previous.selection.fingerprint) {
      const now = await this.selection(tx, fingerprint);
      selectionIds = now.ids;
      for (const id of now.ids) if (!before.has(id) && !ids.has(id)) ids.set(id, numericId(id));
      for (const id of before) if (!now.ids.has(id) && !ids.has(id)) ids.set(id, numericId(id));
    }
    state.selection = { ids: [...selectionIds], fingerprint };
    return selectionIds;
  }

  /** Values of the marker statements, joined: changes whenever the data does. */
  async changeMarker(): Promise<string> {
    return this.driver.transaction(async (tx) => {
      const parts: string[] = [];
      const [key, list] = markerStatements(this.profile, this.driver.engine);
      for (const [i, sql] of list.entries()) {
        const rows = await this.run(tx, `${key}.${i}`, sql);
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
