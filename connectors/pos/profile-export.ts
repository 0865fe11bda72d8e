/**
 * The `export` section of a POS profile: how a web order becomes an invoiced sale in this POS,
 * written as SQL the installer can read. Real POS systems spread one sale over many tables (a
 * number counter, the open till session, header, lines, payments, tax lines, stock movements),
 * so the section is a set of ordered step lists run in ONE write transaction; a value a step
 * returns (RETURNING, or a SELECT of a counter) is captured and bound into the steps after it.
 * This file is the shape (zod); profile-export-rules.ts checks the names the SQL uses, and
 * PROFILES.md explains it with a worked example.
 */
import { z } from 'zod';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;
const column = z.string().regex(IDENTIFIER, 'must be a plain column name (letters, digits, _), as the statement returns it');
const name = z.string().regex(IDENTIFIER, 'must be a plain name (letters, digits, _): it is used as :name in later statements');
const sql = z.string().trim().min(1, 'must be an SQL statement');

/**
 * An SQL type for CAST: a name with an optional length or precision and an optional character
 * set, e.g. VARCHAR(120), NUMERIC(15,4), TIMESTAMP, VARCHAR(60) CHARACTER SET UTF8. Nothing else
 * is spliced into a statement.
 */
const castType = z.string().trim().regex(/^[A-Za-z][A-Za-z0-9_]*( [A-Za-z][A-Za-z0-9_]*)*(\s*\(\s*\d+(\s*,\s*\d+)?\s*\))?( CHARACTER SET [A-Za-z0-9_]+)?$/,
  'must be an SQL type such as VARCHAR(120), NUMERIC(15,4) or TIMESTAMP');

/** A statement that returns one value (the invoice number, a customer id...). */
const lookup = z.strictObject({ sql, column });

/**
 * One statement of an export step list. `capture` binds returned columns as :names for the
 * steps after it; `expect` says how many rows must come back; `when` skips the step unless a
 * value is non-empty ("paidAt") or empty ("!paidAt").
 */
export const exportStepSchema = z.strictObject({
  /** Shown in errors next to the step's key, e.g. "bump the invoice counter". */
  name: z.string().trim().min(1).optional(),
  sql,
  capture: z.record(name, column).optional(),
  /** "one-row": exactly one row, else the export stops. Default: "one-row" with a capture, "any" without. */
  expect: z.enum(['one-row', 'any']).optional(),
  when: z.string().regex(/^!?[A-Za-z_][A-Za-z0-9_$]*$/, 'must be a value name, or ! and a value name').optional(),
  /** The message when `expect` fails; :names in it are replaced by their values. */
  error: z.string().trim().min(1).optional(),
  /** true: an `expect` failure is retried later on its own (e.g. "no till session is open yet"). */
  retry: z.boolean().optional(),
  /** `{ name: type }`: each :name of this step is sent as CAST(:name AS type) (export-casts.ts); over `export.casts`. */
  casts: z.record(name, castType).optional(),
});

const steps = z.array(exportStepSchema).default([]);

const customer = z.strictObject({
  /** Finds the customer by :email (letter case ignored by the SQL); captures customerId when found. */
  find: exportStepSchema,
  /** Run when `find` found one, with :customerId bound: name and address updates. */
  update: steps,
  /** Run when `find` found none; one of them must capture customerId. */
  create: steps,
  /** Finds the shared web-customer account by :webAccount; captures customerId. */
  webAccount: exportStepSchema.optional(),
  /**
   * What an order for the web-customer account becomes (guests, with orders.guests =
   * "web-customer"): "web-account" runs `webAccount`; "walk-in" runs no customer statement and
   * binds :customerId as NULL, a walk-in sale as the till books it.
   */
  guests: z.enum(['web-account', 'walk-in']).default('web-account'),
});

/** The export section (optional in a profile: without it the POS only feeds the store). */
export const profileExportSchema = z.strictObject({
  /** Finds an invoice by :reference (the web order number); `column` is the invoice number. */
  findInvoice: lookup,
  /**
   * Which SKUs the POS knows: with :skus (or :upperSkus) it runs once per batch and `column`
   * returns the matching SKUs; with :sku it runs per SKU and any row means "known".
   */
  knownSkus: z.strictObject({ sql, column: column.optional() }),
  customer: customer.optional(),
  /** Per order, after the customer and before the lines: number, till session, header. */
  order: z.array(exportStepSchema).min(1, 'needs at least the statement that inserts the invoice header'),
  /** Per product line. */
  line: steps,
  /** Per shipping line and per fee, for a POS that books them as lines. */
  charge: steps,
  /** Per coupon applied. */
  discount: steps,
  /** Per tax rate line. */
  tax: steps,
  /** Per payment (a web order has one: its payment method and the order total). */
  payment: steps,
  /** Per order after everything else: header totals, status. */
  finish: steps,
  /**
   * How :billingCountry and :shippingCountry reach the POS: "code" (the ISO 3166-1 alpha-2 code
   * WooCommerce sends, e.g. GB) or "name" (English short name from country-names.ts, e.g.
   * United Kingdom). :billingCountryCode and :shippingCountryCode always hold the code.
   */
  countries: z.enum(['code', 'name']).default('code'),
  /** Per-profile spellings by code, over the built-in names (or over the code with "code"): `{ "GB": "Great Britain" }`. */
  countryNames: z.record(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in capitals, e.g. GB'), z.string()).default({}),
  /** `{ name: type }`: every step sends :name as CAST(:name AS type) (a step's own `casts` win); see export-casts.ts. */
  casts: z.record(name, castType).default({}),
  /** IANA zone of the POS's wall clock for :createdAt and friends (default: this computer's). */
  timeZone: z.string().refine(validZone, 'must be a time zone name such as "Europe/London"').optional(),
});

export type ProfileExport = z.output<typeof profileExportSchema>;
export type ExportStep = z.output<typeof exportStepSchema>;

/** The step lists run for every order, in the order they run. */
export const STEP_LISTS = ['order', 'line', 'charge', 'discount', 'tax', 'payment', 'finish'] as const;
export type StepListName = (typeof STEP_LISTS)[number];

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
