/**
 * Deterministic data for an Open Source POS database (ospos-schema.ts): the settings the profile
 * reads (tax included or not, the invoice format and its counter), two stock locations, the
 * admin employee, a customer book with a WEB account, a service item (no stock) that shipping and
 * fees are booked on, and items streamed one at a time with their taxes and quantities per
 * location. OSPOS has no variants: clothing comes as separate items, one per size and colour,
 * named and numbered like a range (about a fifth of the rows), as OSPOS shops keep them.
 */
import { people } from '../generators/people';
import { CATEGORIES, CLOTHING } from '../generators/product-words';
import { ean13 } from '../generators/ean13';
import { SeededRandom, centsText, shopPriceCents } from '../generators/seeded-random';

type Cell = string | number | null;
export type OsposRow = Record<string, Cell>;

export interface OsposOptions {
  /** Item rows (the shipping service item comes on top). */
  items: number;
  seed?: number;
  /** Customers with an e-mail besides the WEB account (default 20). */
  customers?: number;
  /** OSPOS's `tax_included` setting: unit prices include tax (default false, OSPOS's default). */
  taxIncluded?: boolean;
  /** `sales_invoice_format` (default "{ISEQ:6}"). */
  invoiceFormat?: string;
}

/** The account number guest orders are booked to. */
export const OSPOS_WEB_ACCOUNT = 'WEB';
/** The barcode of the service item shipping and fees are booked on (parameter chargeItem). */
export const OSPOS_CHARGE_ITEM = 'WEB-CHARGES';
/** First item id of the catalogue (ids below are reference items). */
const FIRST_ITEM = 10;

/** An item row with OSPOS's defaults. */
export function osposItem(v: OsposRow & { item_id: number; name: string; unit_price: string }): OsposRow {
  return {
    category: 'General', supplier_id: null, item_number: null, description: '', cost_price: '0.00', reorder_level: '0.000',
    receiving_quantity: '1.000', pic_filename: null, allow_alt_description: 0, is_serialized: 0, stock_type: 0, item_type: 0, deleted: 0,
    tax_category_id: null, qty_per_pack: '1.000', pack_name: 'Each', low_sell_item_id: v.item_id, hsn_code: '', ...v,
  };
}

/** A person row (OSPOS keeps every text column NOT NULL, empty when unknown). */
export function osposPerson(v: OsposRow & { person_id: number; first_name: string; last_name: string }): OsposRow {
  return { gender: null, phone_number: '', email: '', address_1: '', address_2: '', city: '', state: '', zip: '', country: '', comments: '', ...v };
}

/** Reference rows, table → rows, in foreign-key order. */
export function osposReferenceData(opts: Omit<OsposOptions, 'items'> = {}): [string, OsposRow[]][] {
  const persons: OsposRow[] = [
    osposPerson({ person_id: 1, first_name: 'John', last_name: 'Doe', email: 'admin@example.com' }),
    osposPerson({ person_id: 2, first_name: 'Web', last_name: 'Shop' }),
  ];
  const customers: OsposRow[] = [customer(2, OSPOS_WEB_ACCOUNT)];
  let id = 2;
  for (const p of people(opts.customers ?? 20, (opts.seed ?? 7) + 4000)) {
    id++;
    persons.push(osposPerson({
      person_id: id, first_name: p.firstName, last_name: p.lastName, email: p.email, phone_number: p.phone, address_1: p.address1,
      city: p.city, zip: p.postcode, country: p.country,
    }));
    customers.push(customer(id, null));
  }
  return [
    ['ospos_migrations', [
      { version: '20250716170000', class: 'App\\Database\\Migrations\\MissingConfigKeys', group: 'default', namespace: 'App', time: 1752700000, batch: 1 },
      { version: '20250729170000', class: 'App\\Database\\Migrations\\NullableTaxCategoryId', group: 'default', namespace: 'App', time: 1753800000, batch: 1 },
    ]],
    ['ospos_app_config', [
      { key: 'company', value: 'Open Source Point of Sale' },
      { key: 'tax_included', value: opts.taxIncluded ? '1' : '0' },
      { key: 'sales_invoice_format', value: opts.invoiceFormat ?? '{ISEQ:6}' },
      { key: 'last_used_invoice_number', value: '41' },
      { key: 'invoice_enable', value: '1' },
      { key: 'default_tax_1_name', value: 'VAT' },
      { key: 'default_tax_1_rate', value: '20' },
    ]],
    ['ospos_people', persons],
    ['ospos_employees', [{ username: 'admin', password: '-', person_id: 1, deleted: 0, hash_version: 2 }]],
    ['ospos_customers', customers],
    ['ospos_stock_locations', [{ location_id: 1, location_name: 'stock', deleted: 0 }, { location_id: 2, location_name: 'warehouse', deleted: 0 }]],
    ['ospos_items', [osposItem({ item_id: 1, name: 'Web shipping and fees', item_number: OSPOS_CHARGE_ITEM, category: 'Services', unit_price: '0.00', stock_type: 1 })]],
    ['ospos_items_taxes', [{ item_id: 1, name: 'VAT', percent: '20.000' }]],
  ];
}

function customer(personId: number, account: string | null): OsposRow {
  return {
    person_id: personId, company_name: null, account_number: account, taxable: 1, tax_id: '', sales_tax_code_id: null, discount: '0.00',
    discount_type: 0, package_id: null, points: null, deleted: 0, date: '2026-05-01 09:00:00', employee_id: 1, consent: 1,
  };
}

/** One item with its taxes and stock rows. */
export interface OsposEntry {
  item: OsposRow;
  taxes: OsposRow[];
  quantities: OsposRow[];
}

/** A price as OSPOS stores it for a shop price: gross when tax is included, else net rounded to cents. */
export function osposPrice(grossCents: number, percent: number, taxIncluded: boolean): string {
  if (taxIncluded || percent === 0) return centsText(grossCents);
  return centsText(Math.round((grossCents * 100) / (100 + percent)));
}

export function* osposCatalogue(opts: OsposOptions): Generator<OsposEntry> {
  const r = new SeededRandom(opts.seed ?? 7);
  const inc = opts.taxIncluded ?? false;
  let n = 0;
  let step = 0;
  while (n < opts.items) {
    const room = opts.items - n;
    step++;
    // A clothing range (one item per colour and size) every 20 steps: about a fifth of the rows.
    if (room >= 4 && step % 20 === 2) {
      const name = `${r.pick(CLOTHING.adjectives)} ${r.pick(CLOTHING.nouns)}`;
      const range = String(500000 + n);
      const gross = shopPriceCents(r) + 1500;
      for (const colour of [r.pick(CLOTHING.colours), r.pick(CLOTHING.colours)].filter((c, i, a) => a.indexOf(c) === i)) {
        for (const size of CLOTHING.sizes.slice(1, 1 + r.int(2, 3))) {
          if (n >= opts.items) break;
          n++;
          yield entry(r, FIRST_ITEM + n, `${name} ${colour} ${size}`, `${range}-${colour.replace(/[^A-Za-z]/g, '').slice(0, 4).toUpperCase()}-${size}`, CLOTHING.name, gross, 20, inc);
        }
      }
    } else {
      n++;
      const cat = r.pick(CATEGORIES);
      const percent = cat.name === 'Food & Drink' ? (r.chance(0.7) ? 0 : 5) : 20;
      const id = FIRST_ITEM + n;
      yield entry(r, id, `${r.pick(cat.adjectives)} ${r.pick(cat.nouns)} ${r.pick(cat.sizes)}`, r.chance(0.97) ? ean13('40', id) : null, cat.name, shopPriceCents(r), percent, inc);
    }
  }
}

function entry(r: SeededRandom, id: number, name: string, sku: string | null, category: string, gross: number, percent: number, inc: boolean): OsposEntry {
  const quantities: OsposRow[] = [];
  if (r.chance(0.85)) quantities.push({ item_id: id, location_id: 1, quantity: `${r.int(0, 30)}.000` });
  if (r.chance(0.5)) quantities.push({ item_id: id, location_id: 2, quantity: `${r.int(0, 120)}.000` });
  return {
    item: osposItem({
      item_id: id, name, item_number: sku, category, description: r.chance(0.3) ? `${name}.` : '', unit_price: osposPrice(gross, percent, inc),
      cost_price: centsText(Math.round(gross * 0.45)), deleted: r.chance(0.02) ? 1 : 0,
    }),
    taxes: percent === 0 ? [] : [{ item_id: id, name: 'VAT', percent: `${percent}.000` }],
    quantities,
  };
}
