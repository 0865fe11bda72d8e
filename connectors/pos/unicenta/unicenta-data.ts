/**
 * Deterministic data for a uniCenta oPOS database (unicenta-schema.ts): uniCenta's default rows
 * (the Administrator, the "General" location, the standard tax categories), a size/colour
 * attribute set whose instances are shared by every clothing product (as uniCenta shares them),
 * a second location, a till with one closed and one OPEN cash session, the ticket counter, a
 * customer book with a WEB account, then products streamed one at a time: simple items, clothing
 * products whose variants are attribute set instances with their own stock rows (about a fifth
 * of the rows), and packs that sell their components' stock. Prices are stored net as a DOUBLE,
 * the way uniCenta stores a gross price typed at the till (gross / (1 + rate)).
 */
import { people } from '../generators/people';
import { CATEGORIES, CLOTHING } from '../generators/product-words';
import { ean13 } from '../generators/ean13';
import { SeededRandom, shopPriceCents } from '../generators/seeded-random';

type Cell = string | number | null;
export type UnicentaRow = Record<string, Cell>;

export interface UnicentaOptions {
  /** Catalogue rows: products plus variant (product, attribute set instance) pairs. */
  products: number;
  seed?: number;
  /** Customers with an e-mail besides the WEB account (default 20). */
  customers?: number;
}

/** uniCenta's tax categories and their taxes (rate is a fraction, as uniCenta stores it). */
export const UNICENTA_TAXES = [
  { category: '000', categoryName: 'Tax Exempt', id: '000', name: 'Tax Exempt', rate: 0 },
  { category: '001', categoryName: 'Tax Standard', id: '001', name: 'Tax Standard', rate: 0.2 },
  { category: '002', categoryName: 'Tax Reduced', id: '002', name: 'Tax Reduced', rate: 0.05 },
] as const;

/** The till whose open cash session web sales join (parameter cashHost). */
export const UNICENTA_HOST = 'TILL1';
/** The open cash session of that till. */
export const UNICENTA_OPEN_CASH = 'c0a80001-0000-4000-8000-000000000002';
/** The shared account guest orders are booked to (its search key). */
export const UNICENTA_WEB_ACCOUNT = 'WEB';
export const UNICENTA_SIZES = ['S', 'M', 'L', 'XL'] as const;
export const UNICENTA_COLOURS = ['Navy', 'Black', 'Oatmeal', 'Forest Green'] as const;

/** A deterministic UUID-shaped key, as uniCenta's keys are UUID text. */
export function ucId(kind: number, n: number): string {
  return `${String(kind).padStart(8, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** The attribute set instance id for one colour and size (shared by all clothing products). */
export function instanceId(colour: string, size: string): string {
  return ucId(31, UNICENTA_COLOURS.indexOf(colour as never) * 10 + UNICENTA_SIZES.indexOf(size as never) + 1);
}

/** Net price as uniCenta stores it for a gross shop price: a double, gross / (1 + rate). */
export function unicentaNet(grossCents: number, rate: number): number {
  return grossCents / 100 / (1 + rate);
}

/** Reference rows, table → rows, in foreign-key order. */
export function unicentaReferenceData(opts: { seed?: number; customers?: number } = {}): [string, UnicentaRow[]][] {
  const customers: UnicentaRow[] = [customer(ucId(40, 0), UNICENTA_WEB_ACCOUNT, 'Web shop sales', null)];
  let n = 0;
  for (const p of people(opts.customers ?? 20, (opts.seed ?? 7) + 3000)) {
    n++;
    customers.push({
      ...customer(ucId(40, n), `C${n}`, `${p.firstName} ${p.lastName}`, p.email),
      firstname: p.firstName, lastname: p.lastName, address: p.address1, postal: p.postcode, city: p.city, country: p.country, phone: p.phone,
    });
  }
  const instances: UnicentaRow[] = [];
  const instanceValues: UnicentaRow[] = [];
  for (const colour of UNICENTA_COLOURS) {
    for (const size of UNICENTA_SIZES) {
      const id = instanceId(colour, size);
      instances.push({ id, attributeset_id: 'set-size-colour', description: `${size}, ${colour}` });
      instanceValues.push({ id: `${id}-s`, attributesetinstance_id: id, attribute_id: 'att-size', value: size });
      instanceValues.push({ id: `${id}-c`, attributesetinstance_id: id, attribute_id: 'att-colour', value: colour });
    }
  }
  return [
    ['applications', [{ id: 'unicentaopos', name: 'uniCenta oPOS', version: '4.2.2' }]],
    ['roles', [{ id: '0', name: 'Administrator role' }, { id: '2', name: 'Employee role' }]],
    ['people', [{ id: '0', name: 'Administrator', apppassword: null, card: null, role: '0', visible: 1 }, { id: '3', name: 'Anna', apppassword: null, card: null, role: '2', visible: 1 }]],
    ['categories', [{ id: '000', name: 'Category Standard', parentid: null, texttip: null, catshowname: 1, catorder: null },
      ...[...CATEGORIES.map((c) => c.name), CLOTHING.name].map((name, i) => ({ id: ucId(10, i + 1), name, parentid: null, texttip: null, catshowname: 1, catorder: null }))]],
    ['taxcategories', UNICENTA_TAXES.map((t) => ({ id: t.category, name: t.categoryName }))],
    ['taxcustcategories', [{ id: '000', name: 'Trade' }]],
    ['taxes', UNICENTA_TAXES.map((t) => ({ id: t.id, name: t.name, category: t.category, custcategory: null, parentid: null, rate: t.rate, ratecascade: 0, rateorder: null }))],
    ['attribute', [{ id: 'att-size', name: 'Size' }, { id: 'att-colour', name: 'Colour' }]],
    ['attributevalue', [
      ...UNICENTA_SIZES.map((v, i) => ({ id: `att-size-${i}`, attribute_id: 'att-size', value: v })),
      ...UNICENTA_COLOURS.map((v, i) => ({ id: `att-colour-${i}`, attribute_id: 'att-colour', value: v })),
    ]],
    ['attributeset', [{ id: 'set-size-colour', name: 'Size and colour' }]],
    ['attributeuse', [
      { id: 'use-size', attributeset_id: 'set-size-colour', attribute_id: 'att-size', lineno: 0 },
      { id: 'use-colour', attributeset_id: 'set-size-colour', attribute_id: 'att-colour', lineno: 1 },
    ]],
    ['attributesetinstance', instances],
    ['attributeinstance', instanceValues],
    ['locations', [{ id: '0', name: 'General', address: null }, { id: 'WH', name: 'Warehouse', address: 'Unit 4, Mill Lane' }]],
    ['closedcash', [
      { money: ucId(20, 1), host: UNICENTA_HOST, hostsequence: 1, datestart: '2026-05-31 08:00:00', dateend: '2026-05-31 18:05:00', nosales: 0 },
      { money: UNICENTA_OPEN_CASH, host: UNICENTA_HOST, hostsequence: 2, datestart: '2026-06-01 08:00:00', dateend: null, nosales: 0 },
      { money: ucId(20, 3), host: 'TILL2', hostsequence: 1, datestart: '2026-06-01 08:00:00', dateend: null, nosales: 0 },
    ]],
    ['ticketsnum', [{ id: 1000 }]],
    ['customers', customers],
  ];
}

function customer(id: string, searchkey: string, name: string, email: string | null): UnicentaRow {
  return {
    id, searchkey, taxid: null, name, taxcategory: null, card: null, maxdebt: 0, address: null, address2: null, postal: null, city: null,
    region: null, country: null, firstname: null, lastname: null, email, phone: null, phone2: null, fax: null, notes: null, visible: 1,
    curdate: null, curdebt: 0, isvip: 0, discount: 0,
  };
}

/** One catalogue product with its rows in the other tables. */
export interface UnicentaEntry {
  product: UnicentaRow;
  /** products_cat: present when the product shows in the till's catalogue (the web selection). */
  catalogue: UnicentaRow[];
  stock: UnicentaRow[];
  bundle: UnicentaRow[];
  /** Catalogue rows this entry stands for (1 + its variants). */
  rows: number;
}

/** A product row with uniCenta's defaults. */
export function unicentaProduct(v: UnicentaRow & { id: string; reference: string; name: string; pricesell: number }): UnicentaRow {
  return {
    code: v.reference, codetype: 'EAN-13', pricebuy: 0, category: '000', taxcat: '001', attributeset_id: null, stockcost: 0, stockvolume: 0,
    iscom: 0, isscale: 0, isconstant: 0, printkb: 0, sendstatus: 0, isservice: 0, display: null, isvprice: 0, isverpatrib: 0, texttip: null,
    warranty: 0, stockunits: 0, printto: '1', supplier: null, uom: '0', ...v,
  };
}

export function* unicentaCatalogue(opts: UnicentaOptions): Generator<UnicentaEntry> {
  const r = new SeededRandom(opts.seed ?? 7);
  let rows = 0;
  let n = 0;
  const simpleIds: string[] = [];
  while (rows < opts.products) {
    n++;
    const room = opts.products - rows;
    let entry: UnicentaEntry;
    // A clothing range every 20 products (about a fifth of the rows are variants), a pack every 25.
    if (room >= 5 && n % 20 === 2) entry = clothing(r, n, room);
    else if (simpleIds.length >= 4 && n % 25 === 7) entry = pack(r, n, simpleIds);
    else {
      entry = simple(r, n);
      simpleIds.push(String(entry.product.id));
    }
    rows += entry.rows;
    yield entry;
  }
}

function simple(r: SeededRandom, n: number): UnicentaEntry {
  const ci = r.int(0, CATEGORIES.length - 1);
  const cat = CATEGORIES[ci]!;
  const tax = cat.name === 'Food & Drink' ? (r.chance(0.7) ? UNICENTA_TAXES[0] : UNICENTA_TAXES[2]) : UNICENTA_TAXES[1];
  const weighed = cat.name === 'Food & Drink' && r.chance(0.3);
  const id = ucId(1, n);
  const units = (max: number) => (weighed ? r.int(0, max * 2) / 2 : r.int(0, max));
  const stock: UnicentaRow[] = [];
  if (r.chance(0.85)) stock.push({ location: '0', product: id, attributesetinstance_id: null, units: units(30) });
  if (r.chance(0.5)) stock.push({ location: 'WH', product: id, attributesetinstance_id: null, units: units(200) });
  return {
    product: unicentaProduct({
      id, reference: String(300000 + n), code: ean13('21', n), name: `${r.pick(cat.adjectives)} ${r.pick(cat.nouns)} ${r.pick(cat.sizes)}`,
      pricesell: unicentaNet(shopPriceCents(r), tax.rate), category: ucId(10, ci + 1), taxcat: tax.category, isscale: weighed ? 1 : 0,
    }),
    catalogue: r.chance(0.8) ? [{ product: id, catorder: null }] : [],
    stock, bundle: [], rows: 1,
  };
}

function clothing(r: SeededRandom, n: number, room: number): UnicentaEntry {
  const id = ucId(1, n);
  const colours = [r.pick(UNICENTA_COLOURS), r.pick(UNICENTA_COLOURS)].filter((c, i, a) => a.indexOf(c) === i);
  const sizes = UNICENTA_SIZES.slice(0, r.int(2, 4));
  const stock: UnicentaRow[] = [];
  let variants = 0;
  for (const colour of colours) {
    for (const size of sizes) {
      if (variants + 2 > room) break;
      variants++;
      stock.push({ location: '0', product: id, attributesetinstance_id: instanceId(colour, size), units: r.int(0, 12) });
      if (r.chance(0.5)) stock.push({ location: 'WH', product: id, attributesetinstance_id: instanceId(colour, size), units: r.int(0, 40) });
    }
  }
  return {
    product: unicentaProduct({
      id, reference: String(300000 + n), code: ean13('21', n), name: `${r.pick(CLOTHING.adjectives)} ${r.pick(CLOTHING.nouns)}`,
      pricesell: unicentaNet(shopPriceCents(r) + 1500, 0.2), category: ucId(10, CATEGORIES.length + 1), taxcat: '001', attributeset_id: 'set-size-colour',
    }),
    catalogue: [{ product: id, catorder: null }],
    stock, bundle: [], rows: 1 + variants,
  };
}

function pack(r: SeededRandom, n: number, simpleIds: readonly string[]): UnicentaEntry {
  const id = ucId(1, n);
  const parts = [r.pick(simpleIds), r.pick(simpleIds)].filter((c, i, a) => a.indexOf(c) === i);
  return {
    product: unicentaProduct({ id, reference: String(300000 + n), code: ean13('21', n), name: `Gift Pack ${n}`, pricesell: unicentaNet(shopPriceCents(r) + 500, 0.2) }),
    catalogue: [{ product: id, catorder: null }],
    stock: [],
    bundle: parts.map((p, i) => ({ id: `${id}-b${i}`, product: id, product_bundle: p, quantity: r.int(1, 3) })),
    rows: 1,
  };
}
