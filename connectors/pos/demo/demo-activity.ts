/**
 * What the demo POS's cashiers do: sell, receive stock, change prices, take items on or off the
 * web. Each change stamps CHANGED_AT exactly like the till software would, so the connector's
 * change detection sees demo activity the way it sees a real shop's. Used by the demo mode and
 * by tests; works on both demo databases (SQLite and Firebird).
 */
import { formatWallClock } from '../drivers/wall-clock';
import type { SqlDriver, SqlTransaction } from '../drivers/sql-driver';

function now(): string {
  return formatWallClock(new Date());
}

function write<T>(driver: SqlDriver, label: string, fn: (tx: SqlTransaction) => Promise<T>): Promise<T> {
  return driver.transaction(fn, { mode: 'write', label });
}

/** Sets the quantity of an item at a location (creating the stock row when missing). */
export function setDemoStock(driver: SqlDriver, itemId: number, location: string, qty: number): Promise<void> {
  return write(driver, 'demo stock', async (tx) => {
    const at = now();
    const existing = await tx.query('SELECT QTY FROM STOCK WHERE ITEM_ID = :itemId AND LOCATION = :location', { itemId, location });
    if (existing.length > 0) {
      await tx.query('UPDATE STOCK SET QTY = :qty, CHANGED_AT = :at WHERE ITEM_ID = :itemId AND LOCATION = :location', { qty, at, itemId, location });
    } else {
      await tx.query('INSERT INTO STOCK (ITEM_ID, LOCATION, QTY, CHANGED_AT) VALUES (:itemId, :location, :qty, :at)', { itemId, location, qty, at });
    }
  });
}

/** A till sale: takes `qty` off the location's stock. */
export function sellDemoItem(driver: SqlDriver, itemId: number, qty = 1, location = 'MAIN'): Promise<void> {
  return write(driver, 'demo sale', async (tx) => {
    await tx.query('UPDATE STOCK SET QTY = QTY - :qty, CHANGED_AT = :at WHERE ITEM_ID = :itemId AND LOCATION = :location',
      { qty, at: now(), itemId, location });
  });
}

/** Changes item columns (prices, promotion, web flag, name...) and stamps the change time. */
export function updateDemoItem(driver: SqlDriver, itemId: number, values: Record<string, string | number | null>): Promise<void> {
  const columns = Object.keys(values);
  for (const c of columns) if (!/^[A-Z_0-9]+$/.test(c)) throw new Error(`not a demo item column: ${c}`);
  const sets = columns.map((c) => `${c} = :${c}`).join(', ');
  return write(driver, 'demo item change', async (tx) => {
    await tx.query(`UPDATE ITEMS SET ${sets}, CHANGED_AT = :tb_at WHERE ID = :tb_id`, { ...values, tb_at: now(), tb_id: itemId });
  });
}

/** Deletes an item and its stock rows, the way a POS purges a discontinued line. */
export function deleteDemoItem(driver: SqlDriver, itemId: number): Promise<void> {
  return write(driver, 'demo delete', async (tx) => {
    await tx.query('DELETE FROM STOCK WHERE ITEM_ID = :itemId', { itemId });
    await tx.query('DELETE FROM ITEMS WHERE ID = :itemId', { itemId });
  });
}
