/**
 * The cursor an incremental read starts from, as opaque text the engine stores. It holds the
 * highest change value seen (time or generation) and, for membership selections, the set of
 * selected item ids: removing a row from a web-store table leaves no change time anywhere, so
 * the only way to notice an item leaving the selection is to compare with the previous set.
 * No state lives in the connector itself: after a restart the stored cursor is enough.
 */
import { PosError } from '../core/pos-errors';
import { parseWallClock, shiftWallClock } from './drivers/wall-clock';
import type { SqlValue } from './drivers/sql-driver';

/** High-water mark of the change column: wall-clock text, a number, or integer text (BIGINT). */
export type HighWater = string | number | null;

export interface CursorState {
  highWater: HighWater;
  /** Membership selections: the selected ids and the fingerprint they were read at. */
  selection?: { ids: string[]; fingerprint: string | null };
  /** Bucket profiles: the shared tables' fingerprint and, per bucket, its fingerprint and item ids. */
  buckets?: BucketState;
}

/** What a bucket profile's cursor remembers of the catalogue (profile.ts `changes.buckets`). */
export interface BucketState {
  shared: string;
  map: Map<string, { fingerprint: string; ids: string[] }>;
  /** Per bucket part (`changes.buckets.parts`): its marker and its fingerprints by bucket. */
  parts?: { marker: string; fingerprints: Map<string, string> }[];
}

const PREFIX = 'tb1:';

export function encodeCursor(state: CursorState): string {
  const sel = state.selection ? { f: state.selection.fingerprint, i: encodeIds(state.selection.ids) } : undefined;
  const b = state.buckets
    ? {
      s: state.buckets.shared,
      m: Object.fromEntries([...state.buckets.map].map(([k, v]) => [k, [v.fingerprint, encodeIds(v.ids)]])),
      ...(state.buckets.parts ? { p: state.buckets.parts.map((part) => [part.marker, Object.fromEntries(part.fingerprints)]) } : {}),
    }
    : undefined;
  return PREFIX + JSON.stringify({ h: state.highWater, ...(sel ? { s: sel } : {}), ...(b ? { b } : {}) });
}

/** Reads a cursor back; a cursor from elsewhere is a clear error, not a silent full read. */
export function decodeCursor(text: string): CursorState {
  try {
    if (!text.startsWith(PREFIX)) throw new Error('no prefix');
    const raw = JSON.parse(text.slice(PREFIX.length)) as {
      h: HighWater; s?: { f: string | null; i: string };
      b?: { s: string; m: Record<string, [string, string]>; p?: [string, Record<string, string>][] };
    };
    const state: CursorState = { highWater: raw.h ?? null };
    if (raw.s) state.selection = { fingerprint: raw.s.f ?? null, ids: decodeIds(raw.s.i) };
    if (raw.b) {
      const map = new Map(Object.entries(raw.b.m).map(([k, [f, i]]) => [k, { fingerprint: f, ids: decodeIds(i) }]));
      state.buckets = { shared: raw.b.s, map };
      if (raw.b.p) state.buckets.parts = raw.b.p.map(([marker, f]) => ({ marker, fingerprints: new Map(Object.entries(f)) }));
    }
    return state;
  } catch {
    throw new PosError('bad-data', 'The stored POS change cursor is not one this connector wrote; run a full product sync to start a fresh one.');
  }
}

/** A driver value as a high-water mark (Buffers and booleans are not change values). */
export function toHighWater(v: SqlValue | undefined): HighWater {
  if (v === null || v === undefined || typeof v === 'boolean' || Buffer.isBuffer(v)) return null;
  if (typeof v === 'bigint') return v.toString();
  return v;
}

/** The larger of two marks (chronological for wall-clock text, numeric for numbers). */
export function laterHighWater(a: HighWater, b: HighWater): HighWater {
  if (a === null) return b;
  if (b === null) return a;
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== null && nb !== null) return nb > na ? b : a;
  const wa = typeof a === 'string' ? parseWallClock(a) : null;
  const wb = typeof b === 'string' ? parseWallClock(b) : null;
  if (wa && wb) return wb.ms > wa.ms ? b : a;
  return String(b) > String(a) ? b : a;
}

/** The value bound to :since: the mark moved back by `overlap` seconds (or counter units). */
export function sinceValue(mark: HighWater, overlap: number): HighWater {
  if (mark === null || overlap === 0) return mark;
  if (typeof mark === 'number') return mark - overlap;
  if (/^-?\d+$/.test(mark)) return (BigInt(mark) - BigInt(overlap)).toString();
  return shiftWallClock(mark, -overlap) ?? mark;
}

function numeric(v: HighWater): bigint | null {
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : null;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return BigInt(v);
  return null;
}

/** Integer ids as sorted base-36 deltas (about 2–3 characters each); other ids as JSON. */
function encodeIds(ids: readonly string[]): string {
  if (ids.every((id) => /^(0|[1-9]\d{0,15})$/.test(id))) {
    const sorted = ids.map(Number).sort((x, y) => x - y);
    let previous = 0;
    return 'd' + sorted.map((n) => { const d = n - previous; previous = n; return d.toString(36); }).join(',');
  }
  return 'j' + JSON.stringify(ids);
}

function decodeIds(text: string): string[] {
  if (text.startsWith('j')) return JSON.parse(text.slice(1)) as string[];
  if (text === 'd') return [];
  let value = 0;
  return text.slice(1).split(',').map((d) => { value += parseInt(d, 36); return String(value); });
}
