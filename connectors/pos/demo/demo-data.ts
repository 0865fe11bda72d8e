/**
 * Deterministic demo catalogue for the demo POS schema: believable names, shop-like prices, a
 * share of items on promotion with dates, stock spread over locations (often with no row at
 * all for a location, which means zero) and clothing lines as matrix items (a parent plus a
 * child per size and colour). The same seed always gives the same rows; nothing is held in
 * memory, so 100,000 items stream straight into the database.
 */
import { shiftWallClock } from '../drivers/wall-clock';
import { CATEGORIES, CLOTHING } from '../generators/product-words';
import { ean13 } from '../generators/ean13';
import { people } from '../generators/people';
import { SeededRandom, centsText, shopPriceCents } from '../generators/seeded-random';

export interface DemoOptions {
  /** Total item rows, matrix parents and children included. */
  items: number;
  seed?: number;
  /** "YYYY-MM-DD": promotions are placed around this day (default 2026-06-01). */
  referenceDate?: string;
  /** Share of rows started as matrix groups (default 0.03). */
  matrixShare?: number;
  /** Customers with an e-mail besides the WEB account (default 20). */
  customers?: number;
}

export interface DemoItemRow {
  ID: number;
  SKU: string;
  NAME: string;
  DESCRIPTION: string | null;
  CATEGORY: string;
  WEIGHT: string | null;
  BARCODE: string | null;
  PRICE1: string | null;
  PRICE2: string | null;
  PROMO_FROM: string | null;
  PROMO_TO: string | null;
  PRICE3: string | null;
  WEB: number;
  PARENT_ID: number | null;
  SIZE_NAME: string | null;
  COLOUR_NAME: string | null;
  CHANGED_AT: string;
  [column: string]: string | number | null;
}

export interface DemoStockRow {
  ITEM_ID: number;
  LOCATION: string;
  QTY: number;
  CHANGED_AT: string;
  [column: string]: string | number;
}

export interface DemoEntry {
  item: DemoItemRow;
  stock: DemoStockRow[];
}

/** Streams the catalogue: one entry per item row, parents before their children. */
export function* demoCatalogue(opts: DemoOptions): Generator<DemoEntry> {
  const r = new SeededRandom(opts.seed ?? 1);
  const ref = opts.referenceDate ?? '2026-06-01';
  const matrixShare = opts.matrixShare ?? 0.03;
  let id = 1;
  while (id <= opts.items) {
    const room = opts.items - id + 1;
    if (room >= 4 && r.chance(matrixShare)) {
      const group = matrixGroup(r, id, Math.min(room, 9), ref);
      for (const entry of group) yield entry;
      id += group.length;
    } else {
      yield simpleItem(r, id, ref);
      id++;
    }
  }
}

/** The shared WEB account that guest web orders are booked to (orders.webCustomerAccount). */
export const DEMO_WEB_ACCOUNT = 'WEB';

/** CUSTOMERS rows: the WEB account first, then `count` people with e-mail addresses (ids come from the POS). */
export function* demoCustomers(count: number, seed = 1): Generator<Record<string, string | number | null>> {
  const at = '2026-01-01 09:00:00.000';
  yield { ACCOUNT: DEMO_WEB_ACCOUNT, EMAIL: null, FIRST_NAME: 'Web', LAST_NAME: 'customers', COMPANY: 'Web shop sales', ADDRESS1: null, ADDRESS2: null, CITY: null, POSTCODE: null, COUNTRY: null, PHONE: null, CHANGED_AT: at };
  for (const p of people(count, seed + 1000)) {
    yield {
      ACCOUNT: null, EMAIL: p.email, FIRST_NAME: p.firstName, LAST_NAME: p.lastName, COMPANY: null,
      ADDRESS1: p.address1, ADDRESS2: null, CITY: p.city, POSTCODE: p.postcode, COUNTRY: p.country, PHONE: p.phone, CHANGED_AT: at,
    };
  }
}

function simpleItem(r: SeededRandom, id: number, ref: string): DemoEntry {
  const cat = r.pick(CATEGORIES);
  const noun = r.pick(cat.nouns);
  const name = `${r.pick(cat.adjectives)} ${noun} ${r.pick(cat.sizes)}`;
  const cents = shopPriceCents(r);
  const changed = changedAt(r, ref);
  const item: DemoItemRow = {
    ID: id,
    SKU: `${cat.name.slice(0, 2).toUpperCase()}-${String(id).padStart(6, '0')}`,
    NAME: name,
    DESCRIPTION: r.chance(0.6) ? `${name}. A dependable ${noun.toLowerCase()} from our ${cat.name.toLowerCase()} range.` : null,
    CATEGORY: cat.name,
    WEIGHT: r.chance(0.7) ? weightText(r) : null,
    BARCODE: r.chance(0.85) ? ean13('20', id) : null,
    PRICE1: centsText(cents),
    PRICE2: null,
    PROMO_FROM: null,
    PROMO_TO: null,
    PRICE3: centsText(Math.round(cents * 0.8)),
    WEB: r.chance(0.75) ? 1 : 0,
    PARENT_ID: null,
    SIZE_NAME: null,
    COLOUR_NAME: null,
    CHANGED_AT: changed,
  };
  if (r.chance(0.12)) {
    item.PRICE2 = centsText(Math.max(19, Math.round(cents * (0.7 + r.int(0, 20) / 100)) - 1));
    if (r.chance(0.8)) {
      item.PROMO_FROM = shiftDate(ref, -r.int(0, 14));
      item.PROMO_TO = shiftDate(ref, r.int(3, 45));
    }
  }
  return { item, stock: stockRows(r, id, changed) };
}

function matrixGroup(r: SeededRandom, firstId: number, maxRows: number, ref: string): DemoEntry[] {
  const noun = r.pick(CLOTHING.nouns);
  const name = `${r.pick(CLOTHING.adjectives)} ${noun}`;
  const cents = shopPriceCents(r) + 1000;
  const web = r.chance(0.85) ? 1 : 0;
  const parentSku = `CL-${String(firstId).padStart(6, '0')}`;
  const changed = changedAt(r, ref);
  const parent: DemoItemRow = {
    ID: firstId, SKU: parentSku, NAME: name, DESCRIPTION: `${name}, in several sizes and colours.`, CATEGORY: CLOTHING.name,
    WEIGHT: null, BARCODE: null, PRICE1: centsText(cents), PRICE2: null, PROMO_FROM: null, PROMO_TO: null, PRICE3: null,
    WEB: web, PARENT_ID: null, SIZE_NAME: null, COLOUR_NAME: null, CHANGED_AT: changed,
  };
  const out: DemoEntry[] = [{ item: parent, stock: [] }];
  const colours = [r.pick(CLOTHING.colours), r.pick(CLOTHING.colours)].filter((c, i, a) => a.indexOf(c) === i);
  const start = r.int(0, 2);
  const sizes = CLOTHING.sizes.slice(start, start + r.int(3, 4));
  for (const colour of colours) {
    for (const size of sizes) {
      if (out.length >= maxRows) break;
      const id = firstId + out.length;
      out.push({
        item: {
          ID: id, SKU: `${parentSku}-${colour.replace(/[^A-Za-z]/g, '').slice(0, 3).toUpperCase()}-${size}`,
          NAME: `${name} ${colour} ${size}`, DESCRIPTION: null, CATEGORY: CLOTHING.name, WEIGHT: weightText(r), BARCODE: ean13('20', id),
          PRICE1: centsText(size === 'XXL' ? cents + 200 : cents), PRICE2: null, PROMO_FROM: null, PROMO_TO: null, PRICE3: null,
          WEB: web, PARENT_ID: firstId, SIZE_NAME: size, COLOUR_NAME: colour, CHANGED_AT: changed,
        },
        stock: stockRows(r, id, changed),
      });
    }
  }
  return out;
}

/** MAIN has a row for most items, BACK for about half, REPAIR rarely; a missing row means zero. */
function stockRows(r: SeededRandom, id: number, changed: string): DemoStockRow[] {
  const rows: DemoStockRow[] = [];
  if (r.chance(0.8)) rows.push({ ITEM_ID: id, LOCATION: 'MAIN', QTY: r.int(0, 40), CHANGED_AT: changed });
  if (r.chance(0.45)) rows.push({ ITEM_ID: id, LOCATION: 'BACK', QTY: r.int(0, 120), CHANGED_AT: changed });
  if (r.chance(0.05)) rows.push({ ITEM_ID: id, LOCATION: 'REPAIR', QTY: r.int(1, 3), CHANGED_AT: changed });
  return rows;
}

function changedAt(r: SeededRandom, ref: string): string {
  return shiftWallClock(`${ref} 06:00:00.000`, -r.int(60, 365 * 24 * 3600)) ?? `${ref} 06:00:00.000`;
}

function shiftDate(ref: string, days: number): string {
  return (shiftWallClock(`${ref} 00:00:00.000`, days * 86400) ?? ref).slice(0, 10);
}

function weightText(r: SeededRandom): string {
  const grams = r.int(20, 4000);
  return `${Math.floor(grams / 1000)}.${String(grams % 1000).padStart(3, '0')}`;
}
