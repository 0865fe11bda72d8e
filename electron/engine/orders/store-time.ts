/**
 * Store times are WooCommerce's UTC seconds, "YYYY-MM-DDTHH:MM:SS" (date_modified_gmt). They sort
 * as text; these helpers do the little arithmetic the poll needs without time-zone surprises.
 */

const STORE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/** Store time → epoch milliseconds; throws on anything else. */
export function storeTimeToMs(value: string): number {
  const m = STORE_TIME.exec(value);
  if (!m) throw new RangeError(`not a store time (YYYY-MM-DDTHH:MM:SS): ${JSON.stringify(value)}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/** A Date or ISO string → store time (UTC, whole seconds, rounded down). */
export function toStoreTime(value: Date | string | number): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a date: ${String(value)}`);
  return d.toISOString().slice(0, 19);
}

/** A store time moved by `seconds` (negative: earlier). */
export function shiftStoreTime(value: string, seconds: number): string {
  return toStoreTime(storeTimeToMs(value) + seconds * 1000);
}

/** The later of two store times (null counts as "no time yet"). */
export function laterStoreTime(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a >= b ? a : b;
}

/** Accepts what a person types for "pull again since": a date ("2026-11-01") or a date and time, read as UTC. */
export function parseSinceDate(text: string): string {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return `${t}T00:00:00`;
  if (STORE_TIME.test(t)) return t;
  const ms = Date.parse(t);
  if (Number.isNaN(ms)) throw new RangeError(`"${text}" is not a date; write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS (UTC)`);
  return toStoreTime(ms);
}
