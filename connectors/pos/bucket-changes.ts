/**
 * Change detection for a POS without change columns (uniCenta, OSPOS): the profile's bucket
 * statement hashes the catalogue in buckets of ids, the cursor keeps each bucket's fingerprint
 * and ids, and an incremental read re-reads only the buckets whose fingerprint moved. The ids
 * are what lets a bucket read report the items that left it (deleted rows leave no trace).
 * Pure helpers here; profile-reader.ts runs the statements.
 */
import type { BucketState } from './change-cursor';
import { asText } from './item-assembly';
import type { Profile } from './profile';
import type { Row, SqlValue } from './drivers/sql-driver';

export type BucketSpec = NonNullable<Profile['changes']['buckets']>;

/** The extra column the runner adds to a section statement: the bucket of each row. */
export const BUCKET_COLUMN = 'TB_BUCKET';
export const BUCKETS_PARAM = 'tb_buckets';

/** Fingerprints by bucket as the bucket statement returns them now, with the raw bucket values to bind. */
export interface BucketsNow {
  shared: string;
  fingerprints: Map<string, string>;
  values: Map<string, SqlValue>;
  /** The parts' markers and fingerprints, run or taken from the cursor. */
  parts: { marker: string; fingerprints: Map<string, string> }[];
}

/** The main statement's fingerprints and each part's, joined per bucket (a part keeps its place). */
export function joinParts(main: Map<string, string>, parts: readonly { fingerprints: Map<string, string> }[]): Map<string, string> {
  const buckets = new Set([...main.keys(), ...parts.flatMap((p) => [...p.fingerprints.keys()])]);
  return new Map([...buckets].map((b) => [b, [main.get(b) ?? '', ...parts.map((p) => p.fingerprints.get(b) ?? '')].join('#')]));
}

/** Joins the bucket statement's rows into one fingerprint per bucket (a bucket may have a row per table). */
export function bucketFingerprints(rows: readonly Row[], column: string): Pick<BucketsNow, 'fingerprints' | 'values'> {
  const parts = new Map<string, string[]>();
  const values = new Map<string, SqlValue>();
  const key = column.toUpperCase();
  for (const r of rows) {
    const bucket = asText(r[key]) ?? '∅';
    if (!values.has(bucket)) values.set(bucket, bindable(r[key] ?? null));
    const fp = Object.entries(r).filter(([k]) => k !== key).map(([, v]) => asText(v) ?? '∅').join(',');
    const list = parts.get(bucket);
    if (list) list.push(fp);
    else parts.set(bucket, [fp]);
  }
  // Row order of a UNION ALL is not guaranteed: sort the parts so only the data decides.
  return { fingerprints: new Map([...parts].map(([b, list]) => [b, list.sort().join(';')])), values };
}

/** Buckets whose fingerprint differs from the cursor's, including buckets that appeared or vanished. */
export function changedBuckets(previous: BucketState, now: BucketsNow): string[] {
  const out = new Set<string>();
  for (const [b, fp] of now.fingerprints) if (previous.map.get(b)?.fingerprint !== fp) out.add(b);
  for (const b of previous.map.keys()) if (!now.fingerprints.has(b)) out.add(b);
  return [...out];
}

/**
 * A section statement with the bucket of each row added as TB_BUCKET, optionally only the rows
 * of the buckets bound to :tb_buckets. `of` is the profile's expression over `{posId}`.
 */
export function bucketedSql(sql: string, idColumn: string, of: string, onlyListed: boolean): string {
  const expr = of.split('{posId}').join(`tb_q.${idColumn}`);
  const where = onlyListed ? ` WHERE (${expr}) IN (:${BUCKETS_PARAM})` : '';
  return `SELECT tb_q.*, (${expr}) AS ${BUCKET_COLUMN} FROM (${sql}) tb_q${where}`;
}

/**
 * The same statement for buckets of integer ranges (`width`): `count` ranges bound as
 * :tb_lo0/:tb_hi0..., which an index on the posId serves.
 */
export function rangedBucketSql(sql: string, idColumn: string, of: string, count: number): string {
  const expr = of.split('{posId}').join(`tb_q.${idColumn}`);
  const ranges = Array.from({ length: count }, (_, i) => `(tb_q.${idColumn} >= :tb_lo${i} AND tb_q.${idColumn} < :tb_hi${i})`).join(' OR ');
  return `SELECT tb_q.*, (${expr}) AS ${BUCKET_COLUMN} FROM (${sql}) tb_q WHERE ${ranges}`;
}

/** The cursor's bucket state after a read: changed buckets take their new fingerprint and ids. */
export function nextBucketState(previous: BucketState | null, now: BucketsNow, read: readonly string[], idsByBucket: Map<string, string[]>): BucketState {
  const map = new Map(previous?.map ?? []);
  for (const b of read) {
    const fingerprint = now.fingerprints.get(b);
    const ids = idsByBucket.get(b) ?? [];
    if (fingerprint === undefined && ids.length === 0) map.delete(b);
    else map.set(b, { fingerprint: fingerprint ?? '', ids });
  }
  return { shared: now.shared, map, ...(now.parts.length > 0 ? { parts: now.parts } : {}) };
}

/** Item ids by bucket, from rows that carry TB_BUCKET. */
export function idsByBucket(rows: readonly Row[], idColumn: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const id = asText(r[idColumn]);
    if (id === null) continue;
    const bucket = asText(r[BUCKET_COLUMN]) ?? '∅';
    const list = out.get(bucket);
    if (list) list.push(id);
    else out.set(bucket, [id]);
  }
  return out;
}

/** Integer text binds as a number, so typed bucket expressions compare cleanly on every engine. */
function bindable(v: SqlValue): SqlValue {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && /^-?\d{1,15}$/.test(v)) return Number(v);
  return v;
}
