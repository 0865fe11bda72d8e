import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestMariadbDatabase, type TestMariadbDatabase } from '../../../helpers/mariadb';
import { SCHEMA, caught, loadItems, within } from './mysql-test-kit';

describe('MariaDB/MySQL driver: values, parameters, transactions, locks, deadlines', () => {
  let db: TestMariadbDatabase;

  beforeAll(async () => { db = await createTestMariadbDatabase('driver', SCHEMA); });
  afterAll(async () => { await db?.drop(); });
  beforeEach(async () => { await loadItems(db.driver()); });

  it('returns exact decimals, BIGINT as text, dates as wall-clock text, NULL, unicode, upper-case keys', async () => {
    const d = db.driver();
    await d.transaction((tx) => tx.query('DELETE FROM ODD_TYPES'), { mode: 'write' });
    await d.transaction((tx) => tx.query(
      `INSERT INTO ODD_TYPES VALUES (1, 'AB', 'cd ', 19.99, 1234567.8912, 9007199254740993, 0.1, 0.1, 'Grüße 🍵 long text',
        '2026-03-01', '2026-03-01 14:05:06.789', '2026-03-01 14:05:06', '2026-03-01 14:05:06.789123', x'00ff', 1),
        (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`),
    { mode: 'write' });
    const [row, empty] = await d.query('SELECT * FROM ODD_TYPES ORDER BY ID');
    expect(row).toEqual({
      ID: 1, CODE: 'AB', LABEL: 'cd ', SMALL_MONEY: '19.99', BIG_MONEY: '1234567.8912', BIG_ID: '9007199254740993',
      RATIO: 0.1, SHORT_RATIO: 0.1, NOTE: 'Grüße 🍵 long text', ON_DAY: '2026-03-01', AT_TIME: '2026-03-01 14:05:06.789',
      AT_SECOND: '2026-03-01 14:05:06.000', STAMP: '2026-03-01 14:05:06.789', PIC: Buffer.from([0, 255]), FLAG: 1,
    });
    expect(Object.values(empty!).filter((v) => v !== null)).toEqual([2]);
    // Aggregates: COUNT is BIGINT (text, as on Firebird), SUM over DECIMAL stays exact; aliases come back upper case.
    expect(await d.query('SELECT COUNT(*) AS n, SUM(SMALL_MONEY) AS total, MAX(AT_TIME) latest FROM ODD_TYPES'))
      .toEqual([{ N: '2', TOTAL: '19.99', LATEST: '2026-03-01 14:05:06.789' }]);
  });

  it('binds named parameters (lists, repeats, dates, unicode, big integers) and positional ones, never splicing', async () => {
    const d = db.driver();
    expect(await d.query('SELECT SKU FROM ITEMS WHERE ID IN (:ids) AND PRICE > :min ORDER BY ID', { ids: [1, 2, 3], min: '4.00' }))
      .toEqual([{ SKU: 'MUG-1' }, { SKU: 'TEA-1' }, { SKU: 'PAN-1' }]);
    expect(await d.query('SELECT COUNT(*) AS N FROM ITEMS WHERE ID IN (:ids)', { ids: [] })).toEqual([{ N: '0' }]);
    expect(await d.query('SELECT :a AS A, :a AS B, :when AS W, :big AS G, :name AS S', {
      a: 7, when: new Date(2026, 2, 1, 14, 5, 6, 789), big: 9007199254740993n, name: "O'Brien 🍵",
    })).toEqual([{ A: 7, B: 7, W: '2026-03-01 14:05:06.789', G: '9007199254740993', S: "O'Brien 🍵" }]);
    expect(await d.query('SELECT NAME FROM ITEMS WHERE SKU = ? OR SKU = ? ORDER BY ID', ['TEA-1', "x' OR '1'='1"])).toEqual([{ NAME: 'Green Tea' }]);
    const err = await caught(d.query('SELECT :missing AS X'));
    expect(err.code).toBe('bad-profile');
  });

  it('describes the columns of a statement without running it', async () => {
    const d = db.driver();
    expect(await d.describe('SELECT ID, SKU AS code, PRICE * 2 AS double_price FROM ITEMS WHERE ID = :id', { id: 1 }))
      .toEqual(['ID', 'CODE', 'DOUBLE_PRICE']);
    expect(await d.describe("UPDATE ITEMS SET NAME = 'x' WHERE ID = :id", { id: 1 })).toEqual([]);
    // MariaDB prepares INSERT … RETURNING without its columns: they are named from the statement.
    expect(await d.describe('INSERT INTO SCRATCH_INVOICES (INVOICE_NO, EXT_REF) VALUES (:n, :ref) RETURNING ID, INVOICE_NO AS N', { n: 1, ref: 'x' }))
      .toEqual(['ID', 'N']);
    expect(await d.query('SELECT COUNT(*) AS N FROM SCRATCH_INVOICES WHERE EXT_REF = :ref', { ref: 'x' })).toEqual([{ N: '0' }]);
    expect(await d.query('SELECT NAME FROM ITEMS WHERE ID = 1')).toEqual([{ NAME: 'Mug' }]);
    const err = await caught(d.describe('SELECT NOPE FROM ITEMS', {}, { label: 'items.sql' }));
    expect(err).toMatchObject({ code: 'bad-sql', statement: 'items.sql' });
  });

  it('names the server', async () => {
    expect(await db.driver().serverVersion()).toMatch(/^MariaDB \d+\.\d+\.\d+$/);
  });

  it('sorts bad SQL as permanent and names the statement', async () => {
    const err = await caught(db.driver().query('SELECT NOPE FROM ITEMS', {}, { label: 'items.sql' }));
    expect(err.code).toBe('bad-sql');
    expect(err.retryable).toBe(false);
    expect(err.statement).toBe('items.sql');
    expect(err.message).toMatch(/"items\.sql" failed: .*NOPE/);
    const syntax = await caught(db.driver().query('SELEKT 1', {}, { label: 'marker[0]' }));
    expect(syntax).toMatchObject({ code: 'bad-sql', statement: 'marker[0]' });
  });

  it('a read transaction sees one snapshot: a write committed meanwhile does not show inside it', async () => {
    const reader = db.driver();
    const writer = db.driver();
    const seen = await reader.transaction(async (tx) => {
      const [before] = await tx.query('SELECT NAME FROM ITEMS WHERE ID = 1');
      await writer.transaction((w) => w.query("UPDATE ITEMS SET NAME = 'Renamed' WHERE ID = 1"), { mode: 'write' });
      const [after] = await tx.query('SELECT NAME FROM ITEMS WHERE ID = 1');
      return [before?.NAME, after?.NAME];
    });
    expect(seen).toEqual(['Mug', 'Mug']);
    expect(await reader.query('SELECT NAME FROM ITEMS WHERE ID = 1')).toEqual([{ NAME: 'Renamed' }]);
  });

  it('a read does not wait for a till transaction that holds the same rows', async () => {
    const till = db.driver();
    const reader = db.driver({ lockTimeoutSeconds: 30 });
    const seen = await till.transaction(async (tx) => {
      await tx.query("UPDATE ITEMS SET PRICE = '99.99', CHANGED_AT = '2027-01-01 00:00:00' WHERE ID = 1");
      await tx.query('DELETE FROM ITEMS WHERE ID = 2');
      // The till's transaction is still open while we read: a read that waited would wait for ever (the guard fails it).
      return within(20_000, reader.query('SELECT ID, PRICE, CHANGED_AT FROM ITEMS WHERE ID IN (1, 2) ORDER BY ID'), 'a read behind an open POS transaction');
    }, { mode: 'write' });
    expect(seen).toEqual([{ ID: 1, PRICE: '12.50', CHANGED_AT: '2026-01-01 00:00:00.000' }, { ID: 2, PRICE: '4.99', CHANGED_AT: '2026-01-01 00:00:00.000' }]);
  });

  it('a read queued behind a schema change (a waiting ALTER TABLE) fails as a retryable lock after the lock wait', async () => {
    const till = db.driver();
    const upgrader = db.driver({ lockTimeoutSeconds: 30 });
    const reader = db.driver({ lockTimeoutSeconds: 1 });
    const watcher = db.driver();
    await till.transaction((tx) => tx.query('CREATE TABLE IF NOT EXISTS MDL_T (ID INT PRIMARY KEY) ENGINE=InnoDB'), { mode: 'write' });
    const err = await till.transaction(async (tx) => {
      await tx.query('SELECT COUNT(*) AS N FROM MDL_T'); // an open transaction holds the table's metadata lock
      const alter = upgrader.transaction((u) => u.query('ALTER TABLE MDL_T ADD COLUMN X INT'), { mode: 'write' });
      alter.catch(() => undefined);
      // Wait (by server state, not by clock) until the ALTER queues for the metadata lock.
      for (;;) {
        const [w] = await watcher.query("SELECT COUNT(*) AS N FROM information_schema.PROCESSLIST WHERE STATE LIKE 'Waiting for table metadata lock' AND INFO LIKE 'ALTER TABLE MDL_T%'");
        if (w?.N === '1') break;
      }
      const e = await caught(within(20_000, reader.query('SELECT COUNT(*) AS N FROM MDL_T'), 'a read behind a waiting ALTER TABLE'));
      return { e, alter };
    }, { mode: 'write' }).then(async ({ e, alter }) => { await alter; return e; });
    expect(err).toMatchObject({ code: 'lock', retryable: true });
    expect(await reader.query('SELECT COUNT(*) AS N FROM MDL_T')).toEqual([{ N: '0' }]);
  });

  it('a read transaction refuses to write', async () => {
    const err = await caught(db.driver().query("UPDATE ITEMS SET NAME = 'x' WHERE ID = 1", {}, { label: 'items.sql' }));
    expect(err).toMatchObject({ code: 'bad-sql', retryable: false });
  });

  it('a write that meets a lock waits its lock timeout, then fails with a retryable lock error', async () => {
    const till = db.driver();
    const other = db.driver({ lockTimeoutSeconds: 1 });
    const err = await till.transaction(async (tx) => {
      await tx.query("UPDATE ITEMS SET NAME = 'held' WHERE ID = 2");
      return caught(within(10_000, other.transaction((t) => t.query("UPDATE ITEMS SET NAME = 'blocked' WHERE ID = 2"), { mode: 'write' }), 'a blocked write'));
    }, { mode: 'write' });
    expect(err.code).toBe('lock');
    expect(err.retryable).toBe(true);
    expect(err.message).toMatch(/busy.*locked/);
    // The failed write was rolled back and its connection still works.
    expect(await other.query('SELECT NAME FROM ITEMS WHERE ID = 2')).toEqual([{ NAME: 'held' }]);
  });

  it('a write transaction rolls back everything when it throws', async () => {
    const d = db.driver();
    await caught(d.transaction(async (tx) => {
      await tx.query("UPDATE ITEMS SET NAME = 'gone' WHERE ID = 3");
      await tx.query("INSERT INTO ITEMS VALUES (1, 'DUP', 'dup', 1, '2026-01-01 00:00:00')", {}, { label: 'export.line[0]' });
    }, { mode: 'write' }).catch((e: unknown) => { expect(e).toMatchObject({ code: 'bad-data', retryable: false, statement: 'export.line[0]' }); throw e; }));
    expect(await d.query('SELECT NAME FROM ITEMS WHERE ID = 3')).toEqual([{ NAME: 'Frying Pan' }]);
  });

  it('refuses a value too long for its column instead of cutting it (strict mode)', async () => {
    const err = await caught(db.driver().transaction((tx) => tx.query('INSERT INTO SCRATCH_LINES VALUES (1, 1, :sku, 1)', { sku: 'X'.repeat(41) }), { mode: 'write' }));
    expect(err).toMatchObject({ code: 'bad-data', retryable: false });
  });

  it('a statement that misses its deadline is stopped with a retryable timeout, and the driver recovers', async () => {
    const d = db.driver();
    const err = await caught(within(20_000, d.query('SELECT SLEEP(30) AS X', {}, { timeoutMs: 300, label: 'items.sql' }), 'a stuck statement'));
    expect(err).toMatchObject({ code: 'timeout', retryable: true, statement: 'items.sql' });
    expect(await d.query('SELECT COUNT(*) AS N FROM ITEMS')).toEqual([{ N: '5' }]);
  });

  it('a deadline of 0 means none, on the server and in the client', async () => {
    // Longer than the client's grace second: a deadline of 0 read as "0 + grace" would stop it.
    expect(await db.driver({ queryTimeoutMs: 0 }).query('SELECT SLEEP(1.2) AS X')).toEqual([{ X: 0 }]);
  });

  it('a write stuck on a lock past its deadline is stopped, and its lock wait ends with it', async () => {
    const till = db.driver();
    const impatient = db.driver({ lockTimeoutSeconds: 30 });
    const err = await till.transaction(async (tx) => {
      await tx.query("UPDATE ITEMS SET NAME = 'held' WHERE ID = 4");
      return caught(within(20_000, impatient.transaction((t) => t.query("UPDATE ITEMS SET NAME = 'waits' WHERE ID = 4", {}, { timeoutMs: 300 }), { mode: 'write' }), 'a write stuck on a lock'));
    }, { mode: 'write' });
    expect(err.code).toBe('timeout');
    expect(err.retryable).toBe(true);
    expect(await impatient.query('SELECT NAME FROM ITEMS WHERE ID = 4')).toEqual([{ NAME: 'held' }]);
  });

  it('write transactions capture generated ids: INSERT … RETURNING (MariaDB) and LAST_INSERT_ID()', async () => {
    const d = db.driver();
    const book = (ref: string) => d.transaction(async (tx) => {
      const [found] = await tx.query('SELECT INVOICE_NO FROM SCRATCH_INVOICES WHERE EXT_REF = :ref', { ref });
      if (found) return { invoiceNo: found.INVOICE_NO ?? null, invoiceId: null, viaReturning: null };
      // A counter bumped and read back in the same transaction: the row lock serialises two exporters.
      await tx.query('UPDATE DOC_COUNTERS SET LAST_NO = LAST_NO + 1 WHERE COUNTER_ID = :counter', { counter: 'INV' });
      const [n] = await tx.query('SELECT LAST_NO AS N, CONCAT(PREFIX, LAST_NO) AS DOC_NO FROM DOC_COUNTERS WHERE COUNTER_ID = :counter', { counter: 'INV' });
      const invoiceNo = n?.N ?? null;
      const [returned] = await tx.query('INSERT INTO SCRATCH_INVOICES (INVOICE_NO, EXT_REF, TOTAL) VALUES (:invoiceNo, :ref, :total) RETURNING ID',
        { invoiceNo, ref, total: '31.49' });
      const [last] = await tx.query('SELECT LAST_INSERT_ID() AS ID');
      for (const [lineNo, sku, qty] of [[1, 'MUG-1', 2], [2, 'TEA-1', 1]] as const) {
        await tx.query('INSERT INTO SCRATCH_LINES (INVOICE_ID, LINE_NO, SKU, QTY) VALUES (:invoiceId, :lineNo, :sku, :qty)', { invoiceId: last?.ID ?? null, lineNo, sku, qty });
      }
      return { invoiceNo, invoiceId: last?.ID ?? null, viaReturning: returned?.ID ?? null, docNo: n?.DOC_NO };
    }, { mode: 'write' });
    const first = await book('WC-1001');
    expect(first.invoiceNo).toBe(100001);
    expect(String(first.viaReturning)).toBe(String(first.invoiceId)); // LAST_INSERT_ID() is BIGINT UNSIGNED: text
    expect(first).toMatchObject({ docNo: 'IN100001' });
    const lines = await d.query('SELECT LINE_NO, SKU, QTY FROM SCRATCH_LINES WHERE INVOICE_ID = :id ORDER BY LINE_NO', { id: first.invoiceId });
    expect(lines).toEqual([{ LINE_NO: 1, SKU: 'MUG-1', QTY: 2 }, { LINE_NO: 2, SKU: 'TEA-1', QTY: 1 }]);
    const again = await book('WC-1001');
    expect(again).toMatchObject({ invoiceId: null, invoiceNo: 100001 });
    expect(await d.query("SELECT COUNT(*) AS N FROM SCRATCH_INVOICES WHERE EXT_REF = 'WC-1001'")).toEqual([{ N: '1' }]);
  });

  it('a counter bumped with LAST_INSERT_ID(expr) is read back by SELECT LAST_INSERT_ID(); a second writer waits on the counter row', async () => {
    const d = db.driver();
    const other = db.driver({ lockTimeoutSeconds: 1 });
    const err = await d.transaction(async (tx) => {
      await tx.query('UPDATE DOC_COUNTERS SET LAST_NO = LAST_INSERT_ID(LAST_NO + 1) WHERE COUNTER_ID = :c', { c: 'INV' });
      expect(await tx.query('SELECT LAST_INSERT_ID() AS N')).toEqual([{ N: '100001' }]);
      // The bumped row is locked until this transaction ends: another exporter fails retryably.
      return caught(other.transaction((t) => t.query('UPDATE DOC_COUNTERS SET LAST_NO = LAST_NO + 1 WHERE COUNTER_ID = :c', { c: 'INV' }), { mode: 'write' }));
    }, { mode: 'write' });
    expect(err).toMatchObject({ code: 'lock', retryable: true });
    expect(await other.query('SELECT LAST_NO FROM DOC_COUNTERS')).toEqual([{ LAST_NO: 100001 }]);
  });
});
