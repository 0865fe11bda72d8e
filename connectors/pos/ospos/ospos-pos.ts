/**
 * Builds an Open Source POS database (schema, settings, locations, people, generated items with
 * their taxes and quantities) on a MySQL/MariaDB SqlDriver, in one write transaction.
 */
import { applySchema, insertRow } from '../generators/bulk-insert';
import type { SqlDriver, SqlTransaction } from '../drivers/sql-driver';
import type { SqlScalar } from '../drivers/sql-params';
import { osposCatalogue, osposReferenceData, type OsposOptions } from './ospos-data';
import { OSPOS_SCHEMA_MYSQL } from './ospos-schema';

export interface OsposStats {
  items: number;
  quantityRows: number;
}

export async function createOsposPos(driver: SqlDriver, opts: OsposOptions): Promise<OsposStats> {
  await applySchema(driver, OSPOS_SCHEMA_MYSQL);
  return fillOsposPos(driver, opts);
}

/** Loads the reference rows and the generated items into an empty OSPOS schema. */
export function fillOsposPos(driver: SqlDriver, opts: OsposOptions): Promise<OsposStats> {
  return driver.transaction(async (tx) => {
    for (const [table, rows] of osposReferenceData(opts)) for (const row of rows) await insertOsposRow(tx, table, row);
    const stats: OsposStats = { items: 0, quantityRows: 0 };
    for (const entry of osposCatalogue(opts)) {
      await insertRow(tx, 'ospos_items', entry.item);
      for (const row of entry.taxes) await insertRow(tx, 'ospos_items_taxes', row);
      for (const row of entry.quantities) await insertRow(tx, 'ospos_item_quantities', row);
      stats.items++;
      stats.quantityRows += entry.quantities.length;
    }
    return stats;
  }, { mode: 'write', label: 'OSPOS data' });
}

/** Like insertRow, with every column name quoted: `key` and `group` are reserved words in MySQL. */
export function insertOsposRow(tx: SqlTransaction, table: string, row: Readonly<Record<string, SqlScalar>>): Promise<unknown> {
  const columns = Object.keys(row);
  const params = Object.fromEntries(columns.map((c, i) => [`v${i}`, row[c] ?? null]));
  return tx.query(`INSERT INTO ${table} (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES (${columns.map((_, i) => `:v${i}`).join(', ')})`, params);
}
