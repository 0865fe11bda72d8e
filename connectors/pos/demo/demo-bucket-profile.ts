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
export function demoBucketProfile(width = 1000): Profile {
  const p = builtInProfile('demo');
  const b = (col: string) => `${col} / ${width}`;
  p.name = 'demo-buckets';
  p.changes = {
    markerSql: [
      `SELECT COUNT(*) AS N, SUM(MOD(HASH(${ITEM_TEXT}), 1000000007)) AS H FROM ITEMS i LEFT JOIN ITEMS p ON p.ID = i.PARENT_ID`,
      "SELECT COUNT(*) AS N, SUM(MOD(HASH(s.ITEM_ID || '|' || s.LOCATION || '|' || s.QTY), 1000000007)) AS H FROM STOCK s",
    ],
    overlap: 0,
    buckets: {
      sql: `SELECT ${b('i.ID')} AS BUCKET, COUNT(*) AS N, SUM(MOD(HASH(${ITEM_TEXT}), 1000000007)) AS H FROM ITEMS i LEFT JOIN ITEMS p ON p.ID = i.PARENT_ID GROUP BY ${b('i.ID')} ` +
        `UNION ALL SELECT ${b('s.ITEM_ID')}, COUNT(*), SUM(MOD(HASH(s.ITEM_ID || '|' || s.LOCATION || '|' || s.QTY), 1000000007)) FROM STOCK s GROUP BY ${b('s.ITEM_ID')} ` +
        `UNION ALL SELECT ${b('c.PARENT_ID')}, COUNT(*), SUM(MOD(HASH(c.ID || '|' || c.WEB), 1000000007)) FROM ITEMS c WHERE c.PARENT_ID IS NOT NULL GROUP BY ${b('c.PARENT_ID')}`,
      column: 'BUCKET',
      of: `{posId} / ${width}`,
      sharedSql: [],
      fullReadAbove: 0.25,
    },
  };
  return p;
}
