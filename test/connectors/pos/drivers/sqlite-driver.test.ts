import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteDriver } from '../../../../connectors/pos/drivers/sqlite-driver';
import { PosError } from '../../../../connectors/core/pos-errors';
import { ProfileConnector } from '../../../../connectors/pos/profile-connector';
import { builtInProfile } from '../../../../connectors/pos/profile-loader';

async function caught(work: Promise<unknown>): Promise<PosError> {
  try {
    await work;
  } catch (err) {
    expect(err).toBeInstanceOf(PosError);
    return err as PosError;
  }
  throw new Error('expected a PosError, got success');
}

describe('SQLite driver', () => {
  let dir: string;
  let file: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tb-sqlite-driver-'));
    file = join(dir, 'pos.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE T (ID INTEGER PRIMARY KEY, PRICE TEXT, QTY INTEGER, Mixed_Case TEXT);
      INSERT INTO T VALUES (1, '19.99', 3, 'a'), (2, '0.10', 0, 'b');
      CREATE TABLE INVOICES (ID INTEGER PRIMARY KEY AUTOINCREMENT, EXT_REF TEXT UNIQUE, TOTAL TEXT);
      CREATE TABLE INVOICE_LINES (INVOICE_ID INTEGER, SKU TEXT, QTY INTEGER);`);
    db.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads with upper-case keys, binds named and list parameters', async () => {
    const d = new SqliteDriver({ file });
    expect(await d.query('SELECT ID, PRICE, Mixed_Case FROM T WHERE ID IN (:ids) ORDER BY ID', { ids: [1, 2] })).toEqual([
      { ID: 1, PRICE: '19.99', MIXED_CASE: 'a' }, { ID: 2, PRICE: '0.10', MIXED_CASE: 'b' },
    ]);
    expect(await d.query('SELECT COUNT(*) AS N FROM T WHERE ID IN (:ids)', { ids: [] })).toEqual([{ N: 0 }]);
    expect(await d.describe('SELECT ID AS x, PRICE FROM T')).toEqual(['X', 'PRICE']);
    expect(await d.serverVersion()).toMatch(/^SQLite 3\.\d+/);
    await d.close();
  });

  it('reads through a read-only handle: a read can never change the POS', async () => {
    const d = new SqliteDriver({ file });
    const err = await caught(d.query("UPDATE T SET PRICE = '0' WHERE ID = 1"));
    expect(err.code).toBe('no-permission');
    expect(await d.query('SELECT PRICE FROM T WHERE ID = 1')).toEqual([{ PRICE: '19.99' }]);
    await d.close();
  });

  it('does not wait for a POS write transaction that is still open (WAL)', async () => {
    const till = new Database(file);
    till.exec('BEGIN IMMEDIATE');
    till.exec("UPDATE T SET PRICE = '25.00' WHERE ID = 1");
    const d = new SqliteDriver({ file, busyTimeoutMs: 100 });
    const started = Date.now();
    expect(await d.query('SELECT PRICE FROM T WHERE ID = 1')).toEqual([{ PRICE: '19.99' }]);
    expect(Date.now() - started).toBeLessThan(1000);
    // A write meets the lock and fails with a retryable error instead of hanging.
    const err = await caught(d.transaction((tx) => tx.query("UPDATE T SET QTY = 1 WHERE ID = 2"), { mode: 'write' }));
    expect(err.code).toBe('lock');
    expect(err.retryable).toBe(true);
    till.exec('ROLLBACK');
    till.close();
    await d.close();
  });

  it('sorts errors: bad SQL is permanent and names the statement; a missing file says which file', async () => {
    const d = new SqliteDriver({ file });
    const bad = await caught(d.query('SELECT NOPE FROM T', {}, { label: 'items.sql' }));
    expect(bad).toMatchObject({ code: 'bad-sql', retryable: false, statement: 'items.sql' });
    expect(bad.message).toMatch(/"items\.sql" failed: no such column: NOPE/);
    await d.close();

    const missing = join(dir, 'nope.sqlite');
    const result = await new ProfileConnector(builtInProfile('demo'), new SqliteDriver({ file: missing })).check();
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'missing-database' }] });
    expect(result.message).toContain(`The POS database file "${missing}" does not exist`);
  });

  it('write transactions capture RETURNING values for later statements, and roll back on failure', async () => {
    const d = new SqliteDriver({ file });
    const book = (ref: string, linesTable = 'INVOICE_LINES') => d.transaction(async (tx) => {
      const [header] = await tx.query('INSERT INTO INVOICES (EXT_REF, TOTAL) VALUES (:ref, :total) RETURNING ID', { ref, total: '12.00' });
      for (const [sku, qty] of [['A', 1], ['B', 2]] as const) {
        await tx.query(`INSERT INTO ${linesTable} (INVOICE_ID, SKU, QTY) VALUES (:invoiceId, :sku, :qty)`, { invoiceId: header?.ID ?? null, sku, qty });
      }
      return header?.ID ?? null;
    }, { mode: 'write' });
    const id = await book('WC-7');
    expect(id).toEqual(expect.any(Number));
    expect(await d.query('SELECT SKU, QTY FROM INVOICE_LINES WHERE INVOICE_ID = :id ORDER BY SKU', { id })).toEqual([{ SKU: 'A', QTY: 1 }, { SKU: 'B', QTY: 2 }]);
    const err = await caught(book('WC-8', 'NO_SUCH_TABLE'));
    expect(err.code).toBe('bad-sql');
    expect(await d.query("SELECT COUNT(*) AS N FROM INVOICES WHERE EXT_REF = 'WC-8'")).toEqual([{ N: 0 }]);
    await d.close();
  });
});
