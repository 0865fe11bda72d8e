/**
 * Turns the rows of a profile's statements into PosItems: picks the price levels, grosses up
 * net prices, sums stock over the counted locations (a missing row is zero), decides web
 * membership and links matrix children to their parents. Pure: no SQL here, so every rule is
 * tested without a database.
 */
import { grossUp, sumQuantities } from './gross-price';
import { toIsoLocal } from './drivers/wall-clock';
import type { PosItem } from '../core/pos-items-port';
import type { Profile } from './profile';
import type { Row, SqlValue } from './drivers/sql-driver';

/** Rows read for one batch of items. Parents of children must be among `items`. */
export interface SectionRows {
  items: Row[];
  prices: Row[];
  stock: Row[];
  /** Member ids for membership selections; null otherwise. */
  selection: ReadonlySet<string> | null;
}

/** Flag values that mean "yes" unless the profile lists its own (compared trimmed, upper case). */
const DEFAULT_TRUE = ['1', 'Y', 'YES', 'T', 'TRUE'];

/** Text form of a driver value; null stays null. */
export function asText(v: SqlValue | undefined): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v);
}

/** All items the rows describe, keyed by posId, in the order of the item rows. */
export function assembleItems(profile: Profile, rows: SectionRows): Map<string, PosItem> {
  const cols = profile.items.columns;
  const { totals: stock, byLocation } = sumStock(profile, rows.stock);
  const priceRows = indexPriceRows(profile, rows.prices);
  const out = new Map<string, PosItem>();

  for (const row of rows.items) {
    const posId = asText(row[cols.posId]);
    if (posId === null || out.has(posId)) continue;
    const prices = pickPrices(profile, row, priceRows.get(posId));
    const parentPosId = cols.parentId ? nonEmpty(asText(row[cols.parentId])) : null;
    out.set(posId, {
      posId,
      sku: asText(row[cols.sku]) ?? '',
      name: asText(row[cols.name]) ?? '',
      ...prices,
      onHand: cols.onHand ? quantity(row[cols.onHand]) : (stock.get(posId) ?? 0),
      ...(!cols.onHand && byLocation ? { onHandByLocation: byLocation.get(posId) ?? {} } : {}),
      onWeb: onWeb(profile, row, posId, rows.selection),
      parentSku: null,
      parentPosId: parentPosId === posId ? null : parentPosId,
      isParent: cols.isParent ? truthy(row[cols.isParent], DEFAULT_TRUE) : false,
      attributes: attributes(profile, row, parentPosId !== null),
      description: optional(row, cols.description),
      category: optional(row, cols.category),
      weight: optional(row, cols.weight),
      barcode: optional(row, cols.barcode),
    });
  }

  // Matrix: children name their parent by posId; the web store needs the parent's SKU.
  for (const item of out.values()) {
    if (item.parentPosId === null) continue;
    const parent = out.get(item.parentPosId);
    if (!parent) continue;
    item.parentSku = parent.sku;
    if (!cols.isParent) parent.isParent = true;
    // A variable product is on the web when any of its variations is.
    if (item.onWeb) parent.onWeb = true;
  }
  return out;
}

function pickPrices(profile: Profile, row: Row, levels: Map<string, Row> | undefined):
  Pick<PosItem, 'regularPrice' | 'salePrice' | 'saleFrom' | 'saleTo'> {
  const p = profile.prices;
  const regularLevel = String(profile.parameters.regularLevel);
  const saleParam = profile.parameters.saleLevel;
  const saleLevel = saleParam === undefined || saleParam === null || saleParam === '' ? null : String(saleParam);

  let regular: string | null;
  let sale: string | null = null;
  let from: string | null = null;
  let to: string | null = null;
  if (p.from === 'columns') {
    const r = p.levels[regularLevel];
    regular = r ? asText(row[r.price]) : null;
    const s = saleLevel === null ? undefined : p.levels[saleLevel];
    if (s) {
      sale = asText(row[s.price]);
      from = s.saleFrom ? asText(row[s.saleFrom]) : null;
      to = s.saleTo ? asText(row[s.saleTo]) : null;
    }
  } else {
    regular = asText(levels?.get(regularLevel)?.[p.columns.price]);
    const s = saleLevel === null ? undefined : levels?.get(saleLevel);
    if (s) {
      sale = asText(s[p.columns.price]);
      from = p.columns.saleFrom ? asText(s[p.columns.saleFrom]) : null;
      to = p.columns.saleTo ? asText(s[p.columns.saleTo]) : null;
    }
  }

  if (sale !== null && (sale.trim() === '' || (p.zeroSaleMeansNone && /^\s*[+-]?0*([.,]0*)?\s*$/.test(sale)))) sale = null;
  if (!p.includesTax) {
    const rate = (profile.items.columns.taxRate ? asText(row[profile.items.columns.taxRate]) : null) ?? asText(profile.parameters.taxRate as SqlValue) ?? null;
    if (rate !== null) {
      regular = regular === null ? null : (grossUp(regular, rate) ?? regular);
      sale = sale === null ? null : (grossUp(sale, rate) ?? sale);
    }
  }
  return {
    regularPrice: regular,
    salePrice: sale,
    saleFrom: sale === null ? null : dateText(from),
    saleTo: sale === null ? null : dateText(to),
  };
}

function indexPriceRows(profile: Profile, rows: Row[]): Map<string, Map<string, Row>> {
  const index = new Map<string, Map<string, Row>>();
  if (profile.prices.from !== 'rows') return index;
  const c = profile.prices.columns;
  for (const row of rows) {
    const id = asText(row[c.posId]);
    const level = asText(row[c.level])?.trim();
    if (id === null || level === undefined) continue;
    let levels = index.get(id);
    if (!levels) index.set(id, (levels = new Map()));
    if (!levels.has(level)) levels.set(level, row); // first row wins: order the statement if it matters
  }
  return index;
}

/**
 * On-hand per posId over the counted locations (exact decimal sums), and per location as well
 * when the profile names a location column (for display; fractions there are plain numbers).
 */
function sumStock(profile: Profile, rows: Row[]): { totals: Map<string, number>; byLocation: Map<string, Record<string, number>> | null } {
  const totals = new Map<string, number>();
  const s = profile.stock;
  if (!s) return { totals, byLocation: null };
  const byLocation = s.columns.location ? new Map<string, Record<string, number>>() : null;
  const counted = s.columns.location && Array.isArray(profile.parameters.locations)
    ? new Set(profile.parameters.locations.map((l) => String(l).trim().toUpperCase()))
    : null;
  const fractions = new Map<string, (string | number)[]>();
  for (const row of rows) {
    const id = asText(row[s.columns.posId]);
    if (id === null) continue;
    const location = s.columns.location ? (asText(row[s.columns.location]) ?? '').trim() : '';
    if (counted && !counted.has(location.toUpperCase())) continue;
    const q = row[s.columns.quantity];
    if (byLocation) {
      const perItem = byLocation.get(id) ?? {};
      const n = typeof q === 'number' ? q : Number(asText(q) ?? 0);
      perItem[location] = (perItem[location] ?? 0) + (Number.isFinite(n) ? n : 0);
      byLocation.set(id, perItem);
    }
    const whole = wholeNumber(q);
    if (whole !== null) totals.set(id, (totals.get(id) ?? 0) + whole);
    else if (q !== null && q !== undefined) {
      const list = fractions.get(id) ?? [];
      list.push(typeof q === 'number' ? q : (asText(q) ?? ''));
      fractions.set(id, list);
    }
  }
  for (const [id, list] of fractions) {
    const sum = sumQuantities([...list, totals.get(id) ?? 0]);
    totals.set(id, sum ?? Number.NaN); // NaN: the engine reports the quantity as not a number
  }
  return { totals, byLocation };
}

/** Fast path for the common case: an integer, or a decimal text with a zero fraction. */
function wholeNumber(q: SqlValue | undefined): number | null {
  if (typeof q === 'number') return Number.isSafeInteger(q) ? q : null;
  if (typeof q === 'string') {
    const m = /^\s*(-?\d{1,15})(?:\.0*)?\s*$/.exec(q);
    return m ? Number(m[1]) : null;
  }
  return null;
}

function quantity(v: SqlValue | undefined): number {
  const whole = wholeNumber(v);
  if (whole !== null) return whole;
  if (v === null || v === undefined) return 0;
  return sumQuantities([typeof v === 'number' ? v : (asText(v) ?? '')]) ?? Number.NaN;
}

function onWeb(profile: Profile, row: Row, posId: string, selection: ReadonlySet<string> | null): boolean {
  const w = profile.webSelection;
  if (w.kind === 'all') return true;
  if (w.kind === 'membership') return selection?.has(posId) ?? false;
  return truthy(row[w.column], w.trueValues?.map((v) => String(v).toUpperCase()) ?? DEFAULT_TRUE);
}

function truthy(v: SqlValue | undefined, trueValues: readonly string[]): boolean {
  if (typeof v === 'boolean') return v;
  const t = asText(v);
  return t !== null && trueValues.includes(t.trim().toUpperCase());
}

function attributes(profile: Profile, row: Row, isChild: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isChild) return out;
  for (const a of profile.items.attributes) {
    const value = asText(row[a.column])?.trim();
    const name = 'nameColumn' in a ? asText(row[a.nameColumn])?.trim() : a.name;
    if (value && name) out[name] = value;
  }
  return out;
}

function optional(row: Row, column: string | undefined): string | null {
  return column ? asText(row[column]) : null;
}

function nonEmpty(t: string | null): string | null {
  return t === null || t.trim() === '' ? null : t;
}

function dateText(t: string | null): string | null {
  if (t === null || t.trim() === '') return null;
  return toIsoLocal(t) ?? t;
}
