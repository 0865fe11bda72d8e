/**
 * Shared by the MariaDB driver tests: a small POS-like schema with known rows, and guards that
 * turn "never hangs" and "fails with a PosError" into assertions.
 */
import { createServer } from 'node:net';
import { expect } from 'vitest';
import { PosError } from '../../../../connectors/core/pos-errors';
import type { SqlDriver } from '../../../../connectors/pos/drivers/sql-driver';

/** Fails the test instead of letting it hang: the point of several tests here is "never hangs". */
export function within<T>(ms: number, work: Promise<T>, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    work.then((v) => { clearTimeout(t); resolve(v); }, (e: unknown) => { clearTimeout(t); reject(e); });
  });
}

/** The PosError `work` fails with (the test fails when it succeeds or throws something else). */
export async function caught(work: Promise<unknown>): Promise<PosError> {
  try {
    await work;
  } catch (err) {
    expect(err).toBeInstanceOf(PosError);
    return err as PosError;
  }
  throw new Error('expected a PosError, got success');
}

/** TCP sockets this process holds open: a failed connect must leave none behind. */
export async function openSockets(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 50)); // let destroyed sockets finish closing
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
}

/** A local port where nothing listens. */
export async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Items, odd column types, an invoice and its lines, a document counter. */
export const SCHEMA = [
  `CREATE TABLE ITEMS (ID INT NOT NULL PRIMARY KEY, SKU VARCHAR(60), NAME VARCHAR(200), PRICE DECIMAL(15,2),
    CHANGED_AT DATETIME(3) NOT NULL) ENGINE=InnoDB`,
  `CREATE TABLE ODD_TYPES (ID INT NOT NULL PRIMARY KEY, CODE CHAR(6), LABEL VARCHAR(10), SMALL_MONEY DECIMAL(9,2),
    BIG_MONEY DECIMAL(18,4), BIG_ID BIGINT, RATIO DOUBLE, SHORT_RATIO FLOAT, NOTE TEXT, ON_DAY DATE, AT_TIME DATETIME(3),
    AT_SECOND DATETIME, STAMP TIMESTAMP(6) NULL, PIC BLOB, FLAG TINYINT(1)) ENGINE=InnoDB`,
  `CREATE TABLE SCRATCH_INVOICES (ID INT NOT NULL AUTO_INCREMENT PRIMARY KEY, INVOICE_NO INT NOT NULL,
    EXT_REF VARCHAR(30) NOT NULL UNIQUE, TOTAL DECIMAL(15,2)) ENGINE=InnoDB`,
  `CREATE TABLE SCRATCH_LINES (INVOICE_ID INT NOT NULL, LINE_NO INT NOT NULL, SKU VARCHAR(40), QTY INT,
    PRIMARY KEY (INVOICE_ID, LINE_NO)) ENGINE=InnoDB`,
  'CREATE TABLE DOC_COUNTERS (COUNTER_ID VARCHAR(10) NOT NULL PRIMARY KEY, PREFIX VARCHAR(5) NOT NULL, LAST_NO INT NOT NULL) ENGINE=InnoDB',
];

/** The five items every test starts from: id, SKU, name, price. */
export const ITEMS = [
  [1, 'MUG-1', 'Mug', '12.50'], [2, 'TEA-1', 'Green Tea', '4.99'], [3, 'PAN-1', 'Frying Pan', '30.00'],
  [4, 'CUP-1', 'Cup', '3.00'], [5, 'TS-1', 'Classic T-Shirt', '20.00'],
] as const;

/** Puts ITEMS (five rows) and the INV counter (at 100000) back as they were. */
export function loadItems(driver: SqlDriver): Promise<void> {
  return driver.transaction(async (tx) => {
    await tx.query('DELETE FROM ITEMS');
    for (const [id, sku, name, price] of ITEMS) {
      await tx.query("INSERT INTO ITEMS VALUES (:id, :sku, :name, :price, '2026-01-01 00:00:00')", { id, sku, name, price });
    }
    await tx.query('DELETE FROM DOC_COUNTERS');
    await tx.query("INSERT INTO DOC_COUNTERS VALUES ('INV', 'IN', 100000)");
  }, { mode: 'write' });
}
