/**
 * The POS profile: a JSON document that tells the generic runner how one POS keeps its items,
 * prices, stock and web selection: SQL statements plus the names of the columns they return.
 * A new POS (or a shop's odd setup) is a new profile, not new code. PROFILES.md documents the
 * format with a worked example; this file is its exact definition and its error messages,
 * which always name the offending key so an installer can fix the JSON.
 */
import { z } from 'zod';
import { PosError } from '../core/pos-errors';
import { profileExportSchema } from './profile-export';
import { checkProfileRules } from './profile-rules';

/** The format tag every profile carries, so a future format can be told apart. */
export const PROFILE_FORMAT = 'tillbridge-pos-profile/1';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*$/;
const column = z.string().regex(IDENTIFIER, 'must be a plain column name (letters, digits, _), as the statement returns it');
const sql = z.string().trim().min(1, 'must be an SQL statement');
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const parameterValue = z.union([scalar, z.array(z.union([z.string(), z.number()]))]);

const itemColumns = z.strictObject({
  posId: column,
  sku: column,
  name: column,
  description: column.optional(),
  category: column.optional(),
  weight: column.optional(),
  barcode: column.optional(),
  /** The parent's posId on a matrix child; NULL on other items. */
  parentId: column.optional(),
  /** Truthy on a matrix parent. Without it, a parent is an item some child names. */
  isParent: column.optional(),
  /** Per-item tax rate in percent (e.g. from a tax-code table), for net prices. */
  taxRate: column.optional(),
  /** On-hand quantity as one column, for a POS without per-location stock. */
  onHand: column.optional(),
});

const items = z.strictObject({
  sql,
  columns: itemColumns,
  /**
   * Matrix attributes, in the order the web store should show them. `name` is fixed ("Size"); a
   * POS that keeps attribute names as data (uniCenta's attribute sets) gives `nameColumn`, the
   * column holding the name on each child row, instead.
   */
  attributes: z.array(z.union([
    z.strictObject({ name: z.string().trim().min(1, 'must name the attribute'), column }),
    z.strictObject({ nameColumn: column, column }),
  ])).default([]),
});

const priceOptions = {
  /** false when the POS stores prices net of tax: the runner adds tax exactly. */
  includesTax: z.boolean().default(true),
  /** A sale price of 0 means "no promotion" in most POS systems. */
  zeroSaleMeansNone: z.boolean().default(true),
};

const levelColumns = z.strictObject({ price: column, saleFrom: column.optional(), saleTo: column.optional() });

const prices = z.discriminatedUnion('from', [
  /** Price levels are columns of the item statement (PRICE1, PRICE2, ...). */
  z.strictObject({ from: z.literal('columns'), levels: z.record(z.string().min(1), levelColumns), ...priceOptions }),
  /** Price levels are rows of their own table: one row per item and level. */
  z.strictObject({
    from: z.literal('rows'),
    sql,
    columns: z.strictObject({ posId: column, level: column, price: column, saleFrom: column.optional(), saleTo: column.optional() }),
    ...priceOptions,
  }),
]);

const stock = z.strictObject({
  /** One row per item and location (or per item, already summed). Filter with :locations. */
  sql,
  columns: z.strictObject({ posId: column, quantity: column, location: column.optional() }),
});

const webSelection = z.discriminatedUnion('kind', [
  /** A column of the item statement says "sell online". */
  z.strictObject({ kind: z.literal('flag'), column, trueValues: z.array(z.union([z.string(), z.number()])).min(1).optional() }),
  /** Membership of a web-store / price-list table; the statement returns the member posIds. */
  z.strictObject({ kind: z.literal('membership'), sql, column, fingerprintSql: sql.optional() }),
  /** The whole catalogue; the merchant chooses by publishing drafts. */
  z.strictObject({ kind: z.literal('all') }),
]);

/**
 * Change detection for a POS without change columns: the catalogue hashed in buckets of ids.
 * The cursor keeps each bucket's fingerprint and ids; an incremental read re-reads only the
 * buckets whose fingerprint moved (PROFILES.md, "Buckets").
 */
const buckets = z.strictObject({
  /** Rows (bucket, fingerprint columns...) over every table an item depends on; several rows a bucket are joined. Optional with `parts`. */
  sql: sql.optional(),
  /** The column of `sql` holding the bucket. */
  column,
  /** The same bucket as an SQL expression over `{posId}`, applied to the posId column of items, prices and stock. */
  of: z.string().trim().min(1, 'must be an SQL expression over {posId}'),
  /**
   * Integer posIds in ranges: bucket b holds b·width ≤ posId < (b+1)·width. The runner then reads a
   * bucket with a range on the posId, which an index serves, instead of filtering on `of`.
   */
  width: z.number().int().min(1).optional(),
  /**
   * More bucket statements, each with a one-row marker over the tables it reads: while the marker
   * has not moved since the cursor, the part's fingerprints come from the cursor and its statement
   * is not run (Firebird's record counters make such a marker free: PROFILES.md).
   */
  parts: z.array(z.strictObject({ sql, markerSql: sql })).default([]),
  /** One-row statements over tables every item depends on (taxes, categories): when one moves, the read is a full read. */
  sharedSql: z.array(sql).default([]),
  /** Above this share of changed buckets (0–1) the read is a full read. */
  fullReadAbove: z.number().min(0).max(1).default(0.25),
});

const changes = z.strictObject({
  /** Tiny statements, one row each; together their values are the change marker. */
  markerSql: z.array(sql).min(1, 'needs at least one statement'),
  /**
   * Marker statements for one engine, replacing markerSql there: a profile for SQLite and
   * Firebird can give Firebird a marker without table scans (MON$ record counters, PROFILES.md).
   */
  markerSqlFor: z.strictObject({
    firebird: z.array(sql).min(1).optional(),
    sqlite: z.array(sql).min(1).optional(),
    mysql: z.array(sql).min(1).optional(),
  }).optional(),
  /** One value: the highest change time or generation right now (the start of the next cursor). */
  highWaterSql: sql.optional(),
  /** Rows (posId, change value) changed after :since. Without it every read is a full read. */
  changedSql: sql.optional(),
  columns: z.strictObject({ posId: column, changed: column }).optional(),
  /** Re-read this far behind the cursor, for transactions that committed late (seconds, or units of an integer counter). */
  overlap: z.number().int().min(0).default(120),
  /** Bucket fingerprints for a POS without change columns (instead of changedSql). */
  buckets: buckets.optional(),
});

const tuning = z.strictObject({
  /** Changed items are read in groups of this many ids. */
  idsPerStatement: z.number().int().min(1).max(1400).default(500),
  /** Above this many changed ids, whole statements are read and filtered in memory. */
  fullReadAbove: z.number().int().min(1).default(5000),
});

/** The JSON schema of a profile (zod). Parse with parseProfile() to get rule checks too. */
export const profileSchema = z.strictObject({
  format: z.literal(PROFILE_FORMAT),
  name: z.string().trim().min(1, 'must name the profile'),
  description: z.string().optional(),
  /** Drivers the SQL is written for; a connector refuses other drivers. */
  engines: z.array(z.enum(['firebird', 'sqlite', 'mysql'])).min(1).optional(),
  /** Values bound to :name placeholders; the shop's settings may override them. */
  parameters: z.record(z.string().regex(IDENTIFIER, 'parameter names are plain identifiers'), parameterValue).default({}),
  items,
  prices,
  stock: stock.optional(),
  webSelection,
  changes,
  tuning: tuning.default({ idsPerStatement: 500, fullReadAbove: 5000 }),
  /**
   * Tells whether the database is this POS, and which version: one row with the columns `name`
   * and `version` map. `tillbridge check` shows them ("uniCenta oPOS 4.2.2").
   */
  recognise: z.strictObject({ sql, columns: z.strictObject({ name: column, version: column }) }).optional(),
  /** Web orders into the POS as invoiced sales (profile-export.ts); absent: the POS only feeds the store. */
  export: profileExportSchema.optional(),
});

/** A validated profile with defaults filled in. */
export type Profile = z.output<typeof profileSchema>;
export type SqlEngine = 'firebird' | 'sqlite' | 'mysql';

export type ProfileParameters = Profile['parameters'];

/**
 * Validates a parsed JSON value as a profile. Throws a PosError ('bad-profile') whose message
 * lists every problem with the dotted key it concerns ("items.columns.sku: is missing").
 */
export function parseProfile(value: unknown, source = 'profile'): Profile {
  const result = profileSchema.safeParse(value);
  if (!result.success) throw profileError(source, withSpellingHints(result.error.issues.flatMap(describeIssue)));
  const problems = checkProfileRules(result.data);
  if (problems.length > 0) throw profileError(source, problems);
  return result.data;
}

/** The error thrown for an invalid profile; `problems` are "key: what is wrong" lines. */
export function profileError(source: string, problems: string[]): PosError {
  const head = `The POS profile ${source} is invalid`;
  const err = new PosError('bad-profile', `${head}:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  return Object.assign(err, { problems });
}

/** "a.colums: unknown key" next to "a.columns: is missing" becomes a did-you-mean hint. */
function withSpellingHints(lines: string[]): string[] {
  const missing = lines.map((l) => /^(.*): is missing$/.exec(l)?.[1]).filter((k): k is string => k !== undefined);
  return lines.map((line) => {
    const unknown = /^(.*): unknown key/.exec(line)?.[1];
    if (!unknown) return line;
    const parent = unknown.slice(0, unknown.lastIndexOf('.') + 1);
    const guess = missing.find((m) => m.startsWith(parent) && !m.slice(parent.length).includes('.') &&
      closeEnough(m.slice(parent.length), unknown.slice(parent.length)));
    return guess ? `${unknown}: unknown key (did you mean "${guess.slice(parent.length)}"?)` : line;
  });
}

function closeEnough(a: string, b: string): boolean {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  const d: number[][] = Array.from({ length: la.length + 1 }, (_, i) => [i, ...Array<number>(lb.length).fill(0)]);
  for (let j = 1; j <= lb.length; j++) d[0]![j] = j;
  for (let i = 1; i <= la.length; i++) {
    for (let j = 1; j <= lb.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (la[i - 1] === lb[j - 1] ? 0 : 1));
    }
  }
  return d[la.length]![lb.length]! <= 2;
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  const key = issue.path.map(String).join('.') || '(top level)';
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => `${key === '(top level)' ? k : `${key}.${k}`}: unknown key (check its spelling against PROFILES.md)`);
  }
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return [`${key}: is missing`];
  if (issue.code === 'invalid_union' && 'options' in issue) {
    const options = (issue as { options?: unknown[] }).options ?? [];
    return [`${key}: must be one of ${options.map((o) => `"${String(o)}"`).join(', ')}`];
  }
  if (issue.code === 'invalid_value' && key === 'format') return [`format: must be "${PROFILE_FORMAT}"`];
  return [`${key}: ${issue.message.replace(/^Invalid input: /, '')}`];
}
