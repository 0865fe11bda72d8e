/**
 * Builds a uniCenta oPOS database (schema, uniCenta's reference rows, generated products with
 * their variants' stock and packs) on a MySQL/MariaDB SqlDriver, in one write transaction.
 */
import { applySchema, insertRow } from '../generators/bulk-insert';
import type { SqlDriver } from '../drivers/sql-driver';
import { unicentaCatalogue, unicentaReferenceData, type UnicentaOptions } from './unicenta-data';
import { UNICENTA_SCHEMA_MYSQL } from './unicenta-schema';

export interface UnicentaStats {
  products: number;
  catalogueRows: number;
  stockRows: number;
}

export async function createUnicentaPos(driver: SqlDriver, opts: UnicentaOptions): Promise<UnicentaStats> {
  await applySchema(driver, UNICENTA_SCHEMA_MYSQL);
  return fillUnicentaPos(driver, opts);
}

/** Loads the reference rows and the generated catalogue into an empty uniCenta schema. */
export function fillUnicentaPos(driver: SqlDriver, opts: UnicentaOptions): Promise<UnicentaStats> {
  return driver.transaction(async (tx) => {
    for (const [table, rows] of unicentaReferenceData(opts)) for (const row of rows) await insertRow(tx, table, row);
    const stats: UnicentaStats = { products: 0, catalogueRows: 0, stockRows: 0 };
    const bundles = [];
    for (const entry of unicentaCatalogue(opts)) {
      await insertRow(tx, 'products', entry.product);
      for (const row of entry.catalogue) await insertRow(tx, 'products_cat', row);
      for (const row of entry.stock) await insertRow(tx, 'stockcurrent', row);
      bundles.push(...entry.bundle);
      stats.products++;
      stats.catalogueRows += entry.rows;
      stats.stockRows += entry.stock.length;
    }
    for (const row of bundles) await insertRow(tx, 'products_bundle', row);
    return stats;
  }, { mode: 'write', label: 'uniCenta data' });
}
