/**
 * Builds a matrix-retail POS database (schema, reference tables, generated products, and the
 * sales side's counters, registers with an open till session, tenders and customers) on a
 * SqlDriver, in one write transaction with prepared statements.
 */
import { applySchema, insertRow } from '../generators/bulk-insert';
import type { SqlDriver } from '../sql-driver';
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
  await applySchema(driver, driver.engine === 'firebird' ? MATRIX_RETAIL_SCHEMA_FIREBIRD : MATRIX_RETAIL_SCHEMA_SQLITE);
  return driver.transaction(async (tx) => {
    for (const [table, rows] of Object.entries(matrixRetailReferenceData())) {
      for (const row of rows) await insertRow(tx, table, row);
    }
    const stats: MatrixRetailStats = { products: 0, priceRows: 0, stockRows: 0, webRows: 0 };
    for (const entry of matrixRetailCatalogue(opts)) {
      await insertRow(tx, 'PRODUCTS', entry.product);
      for (const row of entry.prices) await insertRow(tx, 'PRODUCT_PRICES', row);
      for (const row of entry.stock) await insertRow(tx, 'STOCK_LEVELS', row);
      for (const row of entry.web) await insertRow(tx, 'WEB_STORE_PRODUCTS', row);
      stats.products++;
      stats.priceRows += entry.prices.length;
      stats.stockRows += entry.stock.length;
      stats.webRows += entry.web.length;
    }
    for (const [table, rows] of matrixRetailSalesData({ seed: opts.seed })) {
      for (const row of rows) await insertRow(tx, table, row);
    }
    return stats;
  }, { mode: 'write', label: 'matrix-retail data' });
}
