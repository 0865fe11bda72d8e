/**
 * Builds a demo POS database: the schema and a generated catalogue, on any SqlDriver (the
 * SQLite file behind `tillbridge demo`, or a Firebird database for tests and trials). One write
 * transaction; statements kept prepared on SQLite, multi-row blocks on Firebird (bulk-writer.ts).
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { SqliteDriver } from '../drivers/sqlite-driver';
import { applySchema, insertRow } from '../generators/bulk-insert';
import { BulkWriter } from '../generators/bulk-writer';
import type { SqlDriver } from '../drivers/sql-driver';
import { demoCatalogue, demoCustomers, type DemoOptions } from './demo-data';
import { DEMO_LOCATIONS, DEMO_SCHEMA_FIREBIRD, DEMO_SCHEMA_SQLITE } from './demo-schema';

export interface DemoPosStats {
  items: number;
  stockRows: number;
  webItems: number;
  /** Customers with an e-mail, plus the shared WEB account for guest orders (absent: not counted). */
  customers?: number;
}

/** Creates the demo tables in an empty database and fills them. */
export async function createDemoPos(driver: SqlDriver, opts: DemoOptions): Promise<DemoPosStats> {
  if (driver.engine === 'mysql') throw new Error('The demo POS has no MariaDB/MySQL schema yet: use SQLite or Firebird.');
  await applySchema(driver, driver.engine === 'firebird' ? DEMO_SCHEMA_FIREBIRD : DEMO_SCHEMA_SQLITE);
  return fillDemoPos(driver, opts);
}

/** Fills existing demo tables (one transaction). */
export function fillDemoPos(driver: SqlDriver, opts: DemoOptions): Promise<DemoPosStats> {
  return driver.transaction(async (tx) => {
    const stats: DemoPosStats = { items: 0, stockRows: 0, webItems: 0, customers: 0 };
    for (const location of DEMO_LOCATIONS) await insertRow(tx, 'LOCATIONS', location);
    for (const customer of demoCustomers(opts.customers ?? 20, opts.seed)) {
      await insertRow(tx, 'CUSTOMERS', customer);
      stats.customers = (stats.customers ?? 0) + 1;
    }
    const writer = new BulkWriter(tx, driver.engine);
    for (const { item, stock } of demoCatalogue(opts)) {
      await writer.insert('ITEMS', item);
      for (const row of stock) await writer.insert('STOCK', row);
      stats.items++;
      stats.stockRows += stock.length;
      if (item.WEB === 1) stats.webItems++;
    }
    await writer.flush();
    return stats;
  }, { mode: 'write', label: 'demo data' });
}

/**
 * Creates the embedded demo POS as a new SQLite file (WAL mode). Refuses to overwrite a file:
 * a person's data is never replaced by demo data.
 */
export async function createSqliteDemoPos(file: string, opts: DemoOptions): Promise<DemoPosStats> {
  if (existsSync(file)) throw new Error(`${file} already exists; choose another file name for the demo POS or delete it first.`);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.close();
  const driver = new SqliteDriver({ file });
  try {
    return await createDemoPos(driver, opts);
  } finally {
    await driver.close();
  }
}
