/**
 * Facts about a demo POS that the benchmarks need before and after a push: how many catalogue
 * rows give N web items, the fewest store requests a full push could cost, and which items to
 * change for the "small change" run. Read straight from the SQLite file, apart from the engine.
 */
import Database from 'better-sqlite3';
import { demoCatalogue } from '../../connectors/pos/demo/demo-data';

/** Catalogue rows (parents and children included) that hold about `webItems` web items for a seed. */
export function rowsForWebItems(webItems: number, seed: number, matrixShare?: number): number {
  let rows = 0;
  let web = 0;
  for (const { item } of demoCatalogue({ items: webItems * 3, seed, ...(matrixShare !== undefined ? { matrixShare } : {}) })) {
    rows++;
    if (item.WEB === 1) web++;
    if (web >= webItems) break;
  }
  return rows;
}

/** The web selection's shape, and the fewest requests WooCommerce's API allows for a first push of it. */
export interface PushFloor {
  /** Web items that become products (simple products and variable parents). */
  products: number;
  /** Web items that become variations. */
  variations: number;
  /** Variable parents with at least one web variation (each needs its own variations/batch). */
  parentsWithVariations: number;
  /** ceil(products / 100) + Σ ceil(variations of a parent / 100). */
  minRequests: number;
}

export function pushFloor(posFile: string): PushFloor {
  const db = new Database(posFile, { readonly: true });
  try {
    const products = (db.prepare('SELECT COUNT(*) AS N FROM ITEMS WHERE WEB = 1 AND PARENT_ID IS NULL').get() as { N: number }).N;
    const groups = db.prepare('SELECT PARENT_ID, COUNT(*) AS N FROM ITEMS WHERE WEB = 1 AND PARENT_ID IS NOT NULL GROUP BY PARENT_ID').all() as { N: number }[];
    const variations = groups.reduce((n, g) => n + g.N, 0);
    const minRequests = Math.ceil(products / 100) + groups.reduce((n, g) => n + Math.ceil(g.N / 100), 0);
    return { products, variations, parentsWithVariations: groups.length, minRequests };
  } finally {
    db.close();
  }
}

/** A simple web item (no matrix, no promotion) the small-change run edits, with its back-room stock. */
export interface ChangeTarget {
  id: number;
  sku: string;
  /** Stock at BACK, which the change leaves alone; web stock = MAIN + BACK in the demo profile. */
  back: number;
}

/** `count` simple web items without a promotion price, spread over the catalogue. */
export function pickChangeTargets(posFile: string, count: number): ChangeTarget[] {
  const db = new Database(posFile, { readonly: true });
  try {
    const rows = db.prepare(`
      SELECT i.ID AS id, i.SKU AS sku, COALESCE((SELECT QTY FROM STOCK s WHERE s.ITEM_ID = i.ID AND s.LOCATION = 'BACK'), 0) AS back
      FROM ITEMS i
      WHERE i.WEB = 1 AND i.PARENT_ID IS NULL AND i.PRICE2 IS NULL
        AND NOT EXISTS (SELECT 1 FROM ITEMS c WHERE c.PARENT_ID = i.ID)
      ORDER BY i.ID`).all() as ChangeTarget[];
    const step = Math.max(1, Math.floor(rows.length / count));
    return rows.filter((_, i) => i % step === 0).slice(0, count);
  } finally {
    db.close();
  }
}

/** SKU, name and retail price of every web item, for products "made by hand" in the store. */
export function webCatalogue(posFile: string): { sku: string; name: string; price: string }[] {
  const db = new Database(posFile, { readonly: true });
  try {
    return db.prepare('SELECT SKU AS sku, NAME AS name, PRICE1 AS price FROM ITEMS WHERE WEB = 1 ORDER BY ID').all() as { sku: string; name: string; price: string }[];
  } finally {
    db.close();
  }
}
