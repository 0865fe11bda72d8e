/**
 * POS databases store dates and timestamps as local wall-clock time without a zone. Both drivers
 * turn them into the same text form so cursors, sale dates and comparisons never depend on the
 * process's time zone: "YYYY-MM-DD HH:MM:SS.mmm" for timestamps, "YYYY-MM-DD" for dates.
 */

/** A Date the database driver built from local wall-clock parts, back to those parts as text. */
export function formatWallClock(d: Date, kind: 'timestamp' | 'date' | 'time' = 'timestamp'): string {
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  if (kind === 'date') return date;
  if (kind === 'time') return time;
  return `${date} ${time}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

/** Parses the text form back (a date alone means midnight); null when it is not one. */
export function parseWallClock(text: string): { ms: number; hasTime: boolean } | null {
  const m = WALL_CLOCK.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0),
    Number(((frac ?? '') + '000').slice(0, 3)));
  return Number.isNaN(ms) ? null : { ms, hasTime: h !== undefined };
}

/** Moves a wall-clock text by whole seconds, keeping the text form (used for cursor overlap). */
export function shiftWallClock(text: string, seconds: number): string | null {
  const parsed = parseWallClock(text);
  if (!parsed) return null;
  const d = new Date(parsed.ms + seconds * 1000);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
}

/** ISO-style text for the item's sale dates: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS". */
export function toIsoLocal(text: string): string | null {
  const parsed = parseWallClock(text);
  if (!parsed) return null;
  const d = new Date(parsed.ms);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (!parsed.hasTime || (d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0)) return date;
  return `${date}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
