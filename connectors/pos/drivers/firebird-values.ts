/**
 * Turns node-firebird rows into the driver-neutral form, using the statement's column
 * descriptions once per query (a per-value typeCast hook costs an object per cell: seconds on
 * 100,000 rows). CHAR padding is dropped, fixed-point numbers become exact decimal strings,
 * dates and timestamps become wall-clock text, and keys become upper case.
 */
import { SQL_TYPES } from 'node-firebird';
import type { Row, SqlValue } from './sql-driver';
import { formatWallClock } from './wall-clock';

/** What node-firebird tells about one output column. */
export interface OutputColumn {
  type: number;
  scale?: number;
  alias?: string;
}

type Convert = (v: unknown) => SqlValue;

const T = SQL_TYPES as Readonly<Record<string, number>>;
const TEXT = T.SQL_TEXT;
const FLOATS = new Set([T.SQL_FLOAT, T.SQL_DOUBLE, T.SQL_D_FLOAT]);
const DATE = T.SQL_TYPE_DATE;
const TIMES = new Set([T.SQL_TYPE_TIME, T.SQL_TIME_TZ, T.SQL_TIME_TZ_EX]);

function converter(column: OutputColumn): Convert | null {
  const type = column.type & ~1; // the low bit only says "nullable"
  if (type === TEXT) return (v) => (typeof v === 'string' ? v.replace(/ +$/, '') : (v as SqlValue));
  if (type === DATE) return (v) => (v instanceof Date ? formatWallClock(v, 'date') : (v as SqlValue));
  if (TIMES.has(type)) return (v) => (v instanceof Date ? formatWallClock(v, 'time') : (v as SqlValue));
  const scale = column.scale ?? 0;
  // NUMERIC(p<=9, s) is stored as a 32-bit integer and decoded as a number: at most 9 digits,
  // so toFixed(scale) gives back exactly the stored decimal. Wider ones already come as strings.
  if (scale < 0 && !FLOATS.has(type)) return (v) => (typeof v === 'number' ? v.toFixed(-scale) : (v as SqlValue));
  return null;
}

/** Converts rows in place where needed; returns rows with upper-case keys. */
export function normaliseFirebirdRows(result: unknown, output: readonly OutputColumn[] | undefined): Row[] {
  if (result === undefined || result === null) return [];
  const rows = (Array.isArray(result) ? result : [result]) as Record<string, unknown>[];
  if (rows.length === 0) return [];
  const plan: { key: string; upper: string; convert: Convert | null }[] = (output ?? []).map((c) => {
    const key = c.alias ?? '';
    return { key, upper: key.toUpperCase(), convert: converter(c) };
  });
  const rename = plan.some((p) => p.key !== p.upper);
  const work = plan.filter((p) => p.convert !== null);
  for (const row of rows) {
    for (const p of work) {
      const v = row[p.key];
      if (v !== null && v !== undefined) row[p.key] = p.convert!(v);
    }
    for (const key in row) {
      const v = row[key];
      if (v instanceof Date) row[key] = formatWallClock(v); // TIMESTAMP (and zoned kinds, in this machine's zone)
      else if (typeof v === 'function') row[key] = null; // a binary BLOB we never read
    }
  }
  if (!rename) return rows as Row[];
  return rows.map((r) => {
    const out: Row = {};
    for (const [k, v] of Object.entries(r)) out[k.toUpperCase()] = v as SqlValue;
    return out;
  });
}
