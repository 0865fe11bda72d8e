/**
 * Builds a matrix-retail POS database (schema, reference tables, generated products, and the
 * sales side's counters, registers with an open till session, tenders and customers) on a
 * SqlDriver, in one write transaction (products in multi-row blocks on Firebird: bulk-writer.ts).
 */
import { applySchema, insertRow } from '../generators/bulk-insert';
import { BulkWriter } from '../generators/bulk-writer';
import type { SqlDriver } from '../drivers/sql-driver';
import { matrixRetailCatalogue, matrixRetailReferenceData, type MatrixRetailOptions } from './matrix-retail-data';
import { matrixRetailSalesData } from './matrix-retail-sales-data';
import { MATRIX_RETAIL_SCHEMA_FIREBIRD, MATRIX_RETAIL_SCHEMA_SQLITE } from './matrix-retail-schema';

export interface MatrixRetailStats {
  products: number;
  priceRows: number;
  stockRows: number;
  webRows: number;
}

export async function createMatrixRetailPos(driver: SqlDriver, opts: MatrixRetailOptions): Promise<MatrixRetailStats> {
  if (driver.engine === 'mysql') throw new Error('The matrix-retail POS has no MariaDB/MySQL schema yet: use SQLite or Firebird.');
  await applySchema(driver, driver.engine === 'firebird' ? MATRIX_RETAIL_SCHEMA_FIREBIRD : MATRIX_RETAIL_SCHEMA_SQLITE);
  return driver.transaction(async (tx) => {
    for (const [table, rows] of Object.entries(matrixRetailReferenceData())) {
      for (const row of rows) await insertRow(tx, table, row);
    }
    const stats: MatrixRetailStats = { products: 0, priceRows: 0, stockRows: 0, webRows: 0 };
    const writer = new BulkWriter(tx, driver.engine);
    for (const entry of matrixRetailCatalogue(opts)) {
      await writer.insert('PRODUCTS', entry.product);
      for (const row of entry.prices) await writer.insert('PRODUCT_PRICES', row);
      for (const row of entry.stock) await writer.insert('STOCK_LEVELS', row);
      for (const row of entry.web) await writer.insert('WEB_STORE_PRODUCTS', row);
      stats.products++;
      stats.priceRows += entry.prices.length;
      stats.stockRows += entry.stock.length;
      stats.webRows += entry.web.length;
    }
    await writer.flush();
    for (const [table, rows] of matrixRetailSalesData({ seed: opts.seed })) {
      for (const row of rows) await insertRow(tx, table, row);
    }
    return stats;
  }, { mode: 'write', label: 'matrix-retail data' });
}
