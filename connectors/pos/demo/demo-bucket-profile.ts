/**
 * The demo profile as a POS without change columns would need it: changes found by bucket
 * fingerprints instead of CHANGED_AT (PROFILES.md, "Buckets"). Used by the tests and the
 * benchmark to compare bucket reads with whole-table hashes on the same tables, on SQLite and
 * Firebird (both have HASH(): Firebird's own, SQLite's from the driver; MOD keeps Firebird's
 * 64-bit hashes from overflowing the SUM).
 */
import type { Profile } from '../profile';
import { builtInProfile } from '../profile-loader';

/** Every column of an item the demo profile reads, as one text for HASH(). */
const ITEM_TEXT = "i.ID || '|' || COALESCE(i.SKU, '') || '|' || COALESCE(i.NAME, '') || '|' || COALESCE(i.DESCRIPTION, '') || '|' || " +
  "COALESCE(i.CATEGORY, '') || '|' || COALESCE(i.WEIGHT, '') || '|' || COALESCE(i.BARCODE, '') || '|' || COALESCE(i.PRICE1, '') || '|' || " +
  "COALESCE(i.PRICE2, '') || '|' || COALESCE(i.PROMO_FROM, '') || '|' || COALESCE(i.PROMO_TO, '') || '|' || COALESCE(i.PRICE3, '') || '|' || " +
  "i.WEB || '|' || COALESCE(i.PARENT_ID, '') || '|' || COALESCE(i.SIZE_NAME, '') || '|' || COALESCE(i.COLOUR_NAME, '') || '|' || COALESCE(p.SKU, '')";

/**
 * The demo profile with bucket change detection, `width` ids a bucket. A child carries its
 * parent's SKU (hashed into the child's bucket) and a parent is on the web when a child is (the
 * children's WEB flags hashed into the parent's bucket), so a change to one is seen in the other's bucket.
 */
export function demoBucketProfile(width = 1000, engine: 'sqlite' | 'firebird' = 'sqlite'): Profile {
  const p = builtInProfile('demo');
  const b = (col: string) => `${col} / ${width}`;
  const items = `SELECT ${b('i.ID')} AS BUCKET, COUNT(*) AS N, SUM(MOD(HASH(${ITEM_TEXT}), 1000000007)) AS H FROM ITEMS i LEFT JOIN ITEMS p ON p.ID = i.PARENT_ID GROUP BY ${b('i.ID')}`;
  const stock = `SELECT ${b('s.ITEM_ID')} AS BUCKET, COUNT(*) AS N, SUM(MOD(HASH(s.ITEM_ID || '|' || s.LOCATION || '|' || s.QTY), 1000000007)) AS H FROM STOCK s GROUP BY ${b('s.ITEM_ID')}`;
  const children = `SELECT ${b('c.PARENT_ID')} AS BUCKET, COUNT(*) AS N, SUM(MOD(HASH(c.ID || '|' || c.WEB), 1000000007)) AS H FROM ITEMS c WHERE c.PARENT_ID IS NOT NULL GROUP BY ${b('c.PARENT_ID')}`;
  p.name = 'demo-buckets';
  p.changes = {
    markerSql: [
      `SELECT COUNT(*) AS N, SUM(MOD(HASH(${ITEM_TEXT}), 1000000007)) AS H FROM ITEMS i LEFT JOIN ITEMS p ON p.ID = i.PARENT_ID`,
      "SELECT COUNT(*) AS N, SUM(MOD(HASH(s.ITEM_ID || '|' || s.LOCATION || '|' || s.QTY), 1000000007)) AS H FROM STOCK s",
    ],
    // Firebird: the server's record counters need no change column (PROFILES.md); the third demo marker statement.
    ...(engine === 'firebird' ? { markerSqlFor: { firebird: [builtInProfile('demo').changes.markerSqlFor!.firebird!.at(-1)!] } } : {}),
    overlap: 0,
    buckets: {
      // Firebird: a part per table, each skipped while the server's record counters for its table stand still.
      ...(engine === 'firebird'
        ? { parts: [{ sql: firebirdItemBuckets(width), markerSql: writes('ITEMS') }, { sql: children, markerSql: writes('ITEMS') }, { sql: stock, markerSql: writes('STOCK') }] }
        : { sql: `${items} UNION ALL ${stock} UNION ALL ${children}`, parts: [] }),
      column: 'BUCKET',
      of: `{posId} / ${width}`,
      width,
      sharedSql: [],
      fullReadAbove: 0.25,
    },
  };
  return p;
}

/** The demo profile's Firebird record-counter marker, for one table. */
function writes(table: string): string {
  const all = builtInProfile('demo').changes.markerSqlFor!.firebird!.at(-1)!;
  return all.replace("IN ('ITEMS', 'STOCK')", `IN ('${table}')`).replace(/\(SELECT COUNT\(\*\) FROM (ITEMS|STOCK)\)/g, `(SELECT COUNT(*) FROM ${table})`);
}

/**
 * Firebird: GROUP BY sorts its input rows with every column the aggregate reads (a VARCHAR(2000)
 * description among them), and concatenating sixteen columns copies long strings: about 1 s per
 * 20,000 rows. This form walks the primary key one bucket range at a time (no sort) and adds one
 * hash per text column and a weighted value per number or date, each with its own weight: 0.2 s.
 * The buckets come from a recursive list, so at most 1,024 buckets: Firebird's recursion limit.
 */
function firebirdItemBuckets(width: number): string {
  let k = 0;
  const text = (col: string) => `${++k} * MOD(HASH(COALESCE(${col}, '')), 1000000007)`;
  const num = (col: string) => `COALESCE(${col}, 0) * (MOD(i.ID, ${1000 + ++k * 7}) + 1)`;
  const days = (col: string) => num(`DATEDIFF(DAY FROM DATE '2000-01-01' TO ${col})`);
  const h = [text('i.SKU'), text('i.NAME'), text('i.DESCRIPTION'), text('i.CATEGORY'), text('i.BARCODE'), text('i.SIZE_NAME'), text('i.COLOUR_NAME'),
    text('p.SKU'), num('i.PRICE1'), num('i.PRICE2'), num('i.PRICE3'), num('i.WEIGHT'), days('i.PROMO_FROM'), days('i.PROMO_TO'), num('i.WEB + 1'),
    num('i.PARENT_ID')].join(' + ');
  const range = `i.ID >= b.N * ${width} AND i.ID < b.N * ${width} + ${width}`;
  return `WITH RECURSIVE b (N) AS (SELECT MIN(ID) / ${width} FROM ITEMS UNION ALL SELECT N + 1 FROM b WHERE N < (SELECT MAX(ID) / ${width} FROM ITEMS)) ` +
    `SELECT b.N AS BUCKET, (SELECT COUNT(*) FROM ITEMS i WHERE ${range}) AS N, ` +
    `(SELECT SUM(${h}) FROM ITEMS i LEFT JOIN ITEMS p ON p.ID = i.PARENT_ID WHERE ${range}) AS H FROM b ` +
    `WHERE EXISTS (SELECT 1 FROM ITEMS i WHERE ${range})`; // gaps in the ids make no buckets, as GROUP BY would not
}
