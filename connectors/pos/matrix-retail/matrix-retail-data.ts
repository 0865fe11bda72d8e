/**
 * Deterministic data for the matrix-retail schema: departments, tax codes, price levels,
 * branches and web stores, then products streamed one at a time with their price rows (net of
 * tax, 4 decimals, chosen so that grossing up gives a shop price like 19.99 back), stock rows
 * per branch (often missing, sometimes fractional) and web-store memberships.
 */
import { shiftWallClock } from '../drivers/wall-clock';
import { CATEGORIES, CLOTHING } from '../generators/product-words';
import { ean13 } from '../generators/ean13';
import { SeededRandom, shopPriceCents } from '../generators/seeded-random';

export interface MatrixRetailOptions {
  /** Total product rows, matrix parents and variants included. */
  products: number;
  seed?: number;
  /** "YYYY-MM-DD" around which promotions run (default 2026-06-01). */
  referenceDate?: string;
}

type Cell = string | number | null;
export type TableRow = Record<string, Cell>;

/** Rows of one product: the product itself and its rows in the other tables. */
export interface MatrixRetailEntry {
  product: TableRow;
  prices: TableRow[];
  stock: TableRow[];
  web: TableRow[];
}

export const TAX_CODES = [
  { TAX_CODE: 'S', RATE: '20.00', DESCRIPTION: 'Standard rate' },
  { TAX_CODE: 'R', RATE: '5.00', DESCRIPTION: 'Reduced rate' },
  { TAX_CODE: 'Z', RATE: '0.00', DESCRIPTION: 'Zero rated' },
] as const;

/** Reference rows, inserted before the products. */
export function matrixRetailReferenceData(): Record<string, TableRow[]> {
  return {
    TAX_CODES: TAX_CODES.map((t) => ({ ...t })),
    DEPARTMENTS: [...CATEGORIES.map((c) => c.name), CLOTHING.name].map((name, i) => ({ DEPT_ID: i + 1, DEPT_NAME: name })),
    PRICE_LEVELS: [
      { LEVEL_CODE: 'RTL', LEVEL_NAME: 'Retail' },
      { LEVEL_CODE: 'TRD', LEVEL_NAME: 'Trade' },
      { LEVEL_CODE: 'PRM', LEVEL_NAME: 'Promotion' },
    ],
    BRANCHES: [
      { BRANCH_CODE: 'SHOP', BRANCH_NAME: 'High Street shop' },
      { BRANCH_CODE: 'WH1', BRANCH_NAME: 'Warehouse' },
      { BRANCH_CODE: 'OUTL', BRANCH_NAME: 'Outlet (seconds, not for the web)' },
    ],
    WEB_STORES: [
      { STORE_ID: 1, STORE_NAME: 'Main web shop' },
      { STORE_ID: 2, STORE_NAME: 'Trade portal' },
    ],
  };
}

/** Net price (4 decimals) that grosses up to exactly `grossCents` at `ratePercent`. */
export function netForGross(grossCents: number, ratePercent: number): string {
  const tenThousandths = (BigInt(grossCents) * 100n * 100n * 2n + BigInt(100 + ratePercent)) / (BigInt(100 + ratePercent) * 2n);
  const s = tenThousandths.toString().padStart(5, '0');
  return `${s.slice(0, -4)}.${s.slice(-4)}`;
}

export function* matrixRetailCatalogue(opts: MatrixRetailOptions): Generator<MatrixRetailEntry> {
  const r = new SeededRandom(opts.seed ?? 7);
  const ref = opts.referenceDate ?? '2026-06-01';
  let id = 1;
  while (id <= opts.products) {
    const room = opts.products - id + 1;
    if (room >= 4 && r.chance(0.05)) {
      const group = matrixGroup(r, id, Math.min(room, 10), ref);
      yield* group;
      id += group.length;
    } else {
      yield simpleProduct(r, id, ref);
      id++;
    }
  }
}

function simpleProduct(r: SeededRandom, id: number, ref: string): MatrixRetailEntry {
  const deptIndex = r.int(0, CATEGORIES.length - 1);
  const cat = CATEGORIES[deptIndex]!;
  const name = `${r.pick(cat.adjectives)} ${r.pick(cat.nouns)} ${r.pick(cat.sizes)}`;
  const tax = cat.name === 'Food & Drink' ? (r.chance(0.8) ? 'Z' : 'R') : 'S';
  const rate = Number(TAX_CODES.find((t) => t.TAX_CODE === tax)!.RATE.slice(0, -3));
  const modified = stamp(r, ref);
  const gross = shopPriceCents(r);
  const weighed = cat.name === 'Food & Drink' && r.chance(0.3);
  return {
    product: {
      PRODUCT_ID: id, PRODUCT_CODE: `${String(100000 + id)}`, DESCRIPTION: name.slice(0, 80),
      LONG_TEXT: r.chance(0.3) ? `${name}.\nSold by the ${weighed ? 'kilogram' : 'piece'}.` : null,
      PRODUCT_TYPE: 'S', PARENT_ID: null, SIZE_CODE: null, COLOUR: null, TAX_CODE: tax, DEPT_ID: deptIndex + 1,
      WEIGHT_KG: r.chance(0.6) ? `${r.int(0, 3)}.${String(r.int(0, 999)).padStart(3, '0')}` : null,
      EAN: r.chance(0.8) ? ean13('50', id) : null, ACTIVE: r.chance(0.97) ? 'Y' : 'N', MODIFIED: modified,
    },
    prices: priceRows(r, id, gross, rate, modified, ref, true),
    stock: stockRows(r, id, modified, weighed),
    web: webRows(r, id, modified, 0.6),
  };
}

function matrixGroup(r: SeededRandom, firstId: number, maxRows: number, ref: string): MatrixRetailEntry[] {
  const name = `${r.pick(CLOTHING.adjectives)} ${r.pick(CLOTHING.nouns)}`;
  const modified = stamp(r, ref);
  const gross = shopPriceCents(r) + 1500;
  const dept = CATEGORIES.length + 1;
  const code = String(100000 + firstId);
  const group: MatrixRetailEntry[] = [{
    product: {
      PRODUCT_ID: firstId, PRODUCT_CODE: code, DESCRIPTION: name, LONG_TEXT: `${name}: choose a size and a colour.`,
      PRODUCT_TYPE: 'M', PARENT_ID: null, SIZE_CODE: null, COLOUR: null, TAX_CODE: 'S', DEPT_ID: dept,
      WEIGHT_KG: null, EAN: null, ACTIVE: 'Y', MODIFIED: modified,
    },
    prices: priceRows(r, firstId, gross, 20, modified, ref, true),
    stock: [],
    web: webRows(r, firstId, modified, 0.8),
  }];
  const colours = [r.pick(CLOTHING.colours), r.pick(CLOTHING.colours), r.pick(CLOTHING.colours)].filter((c, i, a) => a.indexOf(c) === i);
  const sizes = CLOTHING.sizes.slice(1, 1 + r.int(2, 4));
  for (const colour of colours) {
    for (const size of sizes) {
      if (group.length >= maxRows) break;
      const id = firstId + group.length;
      // Most variants inherit the parent's prices; the big sizes cost more.
      const own = size === 'XL' || size === 'XXL' ? priceRows(r, id, gross + 300, 20, modified, ref, false) : [];
      group.push({
        product: {
          PRODUCT_ID: id, PRODUCT_CODE: `${code}-${colour.replace(/[^A-Za-z]/g, '').slice(0, 4).toUpperCase()}-${size}`,
          DESCRIPTION: `${name} ${colour} ${size}`, LONG_TEXT: null, PRODUCT_TYPE: 'V', PARENT_ID: firstId, SIZE_CODE: size,
          COLOUR: colour, TAX_CODE: 'S', DEPT_ID: dept, WEIGHT_KG: '0.400', EAN: ean13('50', id), ACTIVE: 'Y', MODIFIED: modified,
        },
        prices: own,
        stock: stockRows(r, id, modified, false),
        web: [],
      });
    }
  }
  return group;
}

function priceRows(r: SeededRandom, id: number, grossCents: number, rate: number, modified: string, ref: string, promoAllowed: boolean): TableRow[] {
  const rows: TableRow[] = [
    { PRODUCT_ID: id, LEVEL_CODE: 'RTL', NET_PRICE: netForGross(grossCents, rate), VALID_FROM: null, VALID_TO: null, MODIFIED: modified },
    { PRODUCT_ID: id, LEVEL_CODE: 'TRD', NET_PRICE: netForGross(Math.round(grossCents * 0.75), rate), VALID_FROM: null, VALID_TO: null, MODIFIED: modified },
  ];
  if (promoAllowed && r.chance(0.1)) {
    rows.push({
      PRODUCT_ID: id, LEVEL_CODE: 'PRM', NET_PRICE: netForGross(Math.max(99, Math.round(grossCents * 0.8)), rate),
      VALID_FROM: day(ref, -r.int(0, 10)), VALID_TO: day(ref, r.int(5, 40)), MODIFIED: modified,
    });
  }
  return rows;
}

function stockRows(r: SeededRandom, id: number, modified: string, weighed: boolean): TableRow[] {
  const qty = (max: number) => (weighed ? `${r.int(0, max)}.${String(r.int(0, 999)).padStart(3, '0')}` : `${r.int(0, max)}.000`);
  const rows: TableRow[] = [];
  if (r.chance(0.85)) rows.push({ PRODUCT_ID: id, BRANCH_CODE: 'SHOP', QTY: qty(30), MODIFIED: modified });
  if (r.chance(0.5)) rows.push({ PRODUCT_ID: id, BRANCH_CODE: 'WH1', QTY: qty(200), MODIFIED: modified });
  if (r.chance(0.1)) rows.push({ PRODUCT_ID: id, BRANCH_CODE: 'OUTL', QTY: qty(5), MODIFIED: modified });
  return rows;
}

function webRows(r: SeededRandom, id: number, at: string, share: number): TableRow[] {
  const rows: TableRow[] = [];
  if (r.chance(share)) rows.push({ STORE_ID: 1, PRODUCT_ID: id, ADDED_AT: at });
  if (r.chance(0.2)) rows.push({ STORE_ID: 2, PRODUCT_ID: id, ADDED_AT: at });
  return rows;
}

function stamp(r: SeededRandom, ref: string): string {
  return shiftWallClock(`${ref} 07:00:00.000`, -r.int(60, 400 * 86400)) ?? `${ref} 07:00:00.000`;
}

function day(ref: string, days: number): string {
  return (shiftWallClock(`${ref} 00:00:00.000`, days * 86400) ?? ref).slice(0, 10);
}
