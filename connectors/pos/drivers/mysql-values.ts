/**
 * Turns mysql2 result rows (asked for as arrays, with `dateStrings`, exact DECIMAL strings and
 * BIGINT strings) into the driver-neutral form, using the column descriptions once per query:
 * keys in upper case, timestamps as "YYYY-MM-DD HH:MM:SS.mmm" wall-clock text (the server's
 * microseconds cut to milliseconds, like Firebird's), MySQL's zero dates as NULL, FLOAT columns
 * as the short decimal the server itself prints instead of the float32's long expansion.
 */
import type { Row, SqlValue } from './sql-driver';

/** What mysql2 tells about one output column (its FieldPacket). */
export interface MysqlField {
  name: string;
  columnType?: number;
  type?: number;
}

/** MySQL wire type codes the conversion cares about. */
const T = { FLOAT: 4, TIMESTAMP: 7, DATETIME: 12, TIMESTAMP2: 17, DATETIME2: 18, DATE: 10, NEWDATE: 14 } as const;
const TIMESTAMPS = new Set<number>([T.TIMESTAMP, T.DATETIME, T.TIMESTAMP2, T.DATETIME2]);
const DATES = new Set<number>([T.DATE, T.NEWDATE]);

type Convert = (v: SqlValue) => SqlValue;

/** "2026-03-01 14:05:06" / "...06.7" / "...06.789123" → "2026-03-01 14:05:06.789"; zero dates → null. */
export function wallClockTimestamp(v: SqlValue): SqlValue {
  if (typeof v !== 'string') return v;
  if (v.startsWith('0000-00-00')) return null;
  if (v.length === 10) return `${v} 00:00:00.000`;
  if (v.length === 19) return `${v}.000`;
  return (v + '000').slice(0, 23);
}

function wallClockDate(v: SqlValue): SqlValue {
  return typeof v === 'string' && v.startsWith('0000-00-00') ? null : v;
}

function shortFloat(v: SqlValue): SqlValue {
  return typeof v === 'number' && Number.isFinite(v) ? Number(v.toPrecision(7)) : v;
}

function converter(field: MysqlField): Convert | null {
  const type = field.columnType ?? field.type ?? -1;
  if (TIMESTAMPS.has(type)) return wallClockTimestamp;
  if (DATES.has(type)) return wallClockDate;
  if (type === T.FLOAT) return shortFloat;
  return null;
}

/** Rows as arrays plus their fields → rows with upper-case keys (the last of equal names wins, as in SQL clients). */
export function normaliseMysqlRows(rows: unknown, fields: readonly MysqlField[] | undefined): Row[] {
  if (!Array.isArray(rows) || rows.length === 0 || !fields) return [];
  const plan = fields.map((f) => ({ key: f.name.toUpperCase(), convert: converter(f) }));
  const out: Row[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const values = rows[r] as SqlValue[];
    const row: Row = {};
    for (let i = 0; i < plan.length; i++) {
      const p = plan[i]!;
      const v = values[i] ?? null;
      row[p.key] = p.convert && v !== null ? p.convert(v) : v;
    }
    out[r] = row;
  }
  return out;
}
