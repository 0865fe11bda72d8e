import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_SCHEMA_FIREBIRD } from '../../../../connectors/pos/demo/demo-schema';
import { FirebirdDriver } from '../../../../connectors/pos/drivers/firebird-driver';
import { PosError } from '../../../../connectors/core/pos-errors';
import { ProfileConnector } from '../../../../connectors/pos/profile-connector';
import { builtInProfile } from '../../../../connectors/pos/profile-loader';
import { FIREBIRD_DATA_DIR, FIREBIRD_HOST, FIREBIRD_PORT, createTestFirebirdDatabase, firebirdPassword, type TestFirebirdDatabase } from '../../../helpers/firebird';
import { TcpProxy } from '../../../helpers/tcp-proxy';
import { loadDemoFixture } from '../fixtures/demo-fixture';

/** Fails the test instead of letting it hang: the point of several tests here is "never hangs". */
function within<T>(ms: number, work: Promise<T>, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    work.then((v) => { clearTimeout(t); resolve(v); }, (e: unknown) => { clearTimeout(t); reject(e); });
  });
}

async function caught(work: Promise<unknown>): Promise<PosError> {
  try {
    await work;
  } catch (err) {
    expect(err).toBeInstanceOf(PosError);
    return err as PosError;
  }
  throw new Error('expected a PosError, got success');
}

/** TCP sockets this process holds open (node-firebird#299 leaks them after failed attaches). */
async function openSockets(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 50)); // let destroyed sockets finish closing
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
}

/** A local port where nothing listens. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('Firebird driver', () => {
  let db: TestFirebirdDatabase;

  beforeAll(async () => {
    db = await createTestFirebirdDatabase('driver', [
      ...DEMO_SCHEMA_FIREBIRD,
      'CREATE TABLE ODD_TYPES (ID INTEGER NOT NULL PRIMARY KEY, CODE CHAR(6), LABEL VARCHAR(10), SMALL_MONEY NUMERIC(9,2), BIG_MONEY NUMERIC(18,4), BIG_ID BIGINT, RATIO DOUBLE PRECISION, NOTE BLOB SUB_TYPE TEXT, ON_DAY DATE, AT_TIME TIMESTAMP)',
      'CREATE GENERATOR GEN_SCRATCH_INVOICE',
      'CREATE TABLE SCRATCH_INVOICES (ID INTEGER NOT NULL PRIMARY KEY, INVOICE_NO INTEGER NOT NULL, EXT_REF VARCHAR(30) NOT NULL UNIQUE, TOTAL NUMERIC(15,2))',
      'CREATE TABLE SCRATCH_LINES (INVOICE_ID INTEGER NOT NULL, LINE_NO INTEGER NOT NULL, SKU VARCHAR(40), QTY INTEGER, PRIMARY KEY (INVOICE_ID, LINE_NO))',
    ]);
  });
  afterAll(async () => { await db?.drop(); });
  beforeEach(async () => { await loadDemoFixture(db.driver()); });

  it('returns CHAR without padding, fixed-point as exact strings, dates as wall-clock text', async () => {
    const d = db.driver();
    await d.transaction((tx) => tx.query(
      "INSERT INTO ODD_TYPES VALUES (1, 'AB', 'cd ', 19.99, 1234567.8912, 9007199254740993, 0.1, 'long text', '2026-03-01', '2026-03-01 14:05:06.789')"),
    { mode: 'write' });
    const [row] = await d.query('SELECT * FROM ODD_TYPES WHERE ID = :id', { id: 1 });
    expect(row).toEqual({
      ID: 1, CODE: 'AB', LABEL: 'cd ', SMALL_MONEY: '19.99', BIG_MONEY: '1234567.8912', BIG_ID: '9007199254740993',
      RATIO: 0.1, NOTE: 'long text', ON_DAY: '2026-03-01', AT_TIME: '2026-03-01 14:05:06.789',
    });
    expect(await d.describe('SELECT CODE, LABEL AS L FROM ODD_TYPES')).toEqual(['CODE', 'L']);
  });

  it('a read does not wait for a till transaction that holds the same rows', async () => {
    const till = db.driver();
    const connector = new ProfileConnector(builtInProfile('demo'), db.driver());
    const seen = await till.transaction(async (tx) => {
      await tx.query("UPDATE ITEMS SET PRICE1 = '99.99', CHANGED_AT = '2027-01-01 00:00:00.000' WHERE ID = 1");
      await tx.query('UPDATE STOCK SET QTY = 0 WHERE ITEM_ID = 1');
      // The till's transaction is still open while the connector reads.
      // A read that waited for the till would wait forever (the till commits only after it): the guard turns that into a failure.
      const full = await within(20_000, connector.readItems(), 'a full read behind an open POS transaction');
      const marker = await within(20_000, connector.changeMarker(), 'the change marker behind an open POS transaction');
      return { item: full.items.find((i) => i.posId === '1'), marker };
    }, { mode: 'write' });
    expect(seen.item).toMatchObject({ regularPrice: '12.50', onHand: 8 }); // the last committed version
    expect(seen.marker).not.toMatch(/2027/);
  });

  it('a write that meets a lock fails fast with a retryable error', async () => {
    const till = db.driver();
    const other = db.driver({ lockTimeoutSeconds: 1 });
    const err = await till.transaction(async (tx) => {
      await tx.query("UPDATE ITEMS SET NAME = 'held' WHERE ID = 2");
      return caught(within(5000, other.transaction((t) => t.query("UPDATE ITEMS SET NAME = 'blocked' WHERE ID = 2"), { mode: 'write' }), 'a blocked write'));
    }, { mode: 'write' });
    expect(err.code).toBe('lock');
    expect(err.retryable).toBe(true);
    expect(err.message).toMatch(/busy.*locked/);
  });

  it('re-attaches after its attachment is killed on the server, and a read survives it', async () => {
    const d = db.driver();
    const admin = db.driver();
    const [first] = await d.query('SELECT CURRENT_CONNECTION AS ID FROM RDB$DATABASE');
    await admin.transaction((tx) => tx.query('DELETE FROM MON$ATTACHMENTS WHERE MON$ATTACHMENT_ID = :id', { id: first?.ID ?? null }), { mode: 'write' });
    const [second] = await within(20_000, d.query('SELECT CURRENT_CONNECTION AS ID FROM RDB$DATABASE'), 'the read after a killed attachment');
    expect(second!.ID).not.toEqual(first!.ID);

    // A write in flight when the attachment dies is not retried (the caller decides), but the next call works.
    const [third] = await d.query('SELECT CURRENT_CONNECTION AS ID FROM RDB$DATABASE');
    const err = await caught(d.transaction(async (tx) => {
      await admin.transaction((a) => a.query('DELETE FROM MON$ATTACHMENTS WHERE MON$ATTACHMENT_ID = :id', { id: third?.ID ?? null }), { mode: 'write' });
      await tx.query("UPDATE ITEMS SET NAME = 'x' WHERE ID = 3");
    }, { mode: 'write' }));
    expect(err.code).toBe('connection-lost');
    expect(err.retryable).toBe(true);
    const rows = await d.query("SELECT NAME FROM ITEMS WHERE ID = 3");
    expect(rows).toEqual([{ NAME: 'Frying Pan' }]);
  });

  it('survives network cuts and a server that goes away and comes back', async () => {
    const proxy = new TcpProxy(FIREBIRD_HOST, FIREBIRD_PORT);
    const port = await proxy.start();
    try {
      const d = db.driver({ port });
      expect(await d.query('SELECT COUNT(*) AS N FROM ITEMS')).toEqual([{ N: '8' }]);
      // An idle attachment whose socket was cut: the next read attaches again.
      proxy.cutAll();
      expect(await within(20_000, d.query('SELECT COUNT(*) AS N FROM ITEMS'), 'a read after a cut')).toEqual([{ N: '8' }]);
      // Nobody listening: a retryable "unreachable", quickly.
      await proxy.stop();
      const down = await caught(within(20_000, d.query('SELECT 1 AS X FROM RDB$DATABASE'), 'a read with the server gone'));
      expect(down).toMatchObject({ code: 'unreachable', retryable: true });
      // Back again: the same driver recovers by itself.
      await proxy.start();
      expect(await within(20_000, d.query('SELECT 1 AS X FROM RDB$DATABASE'), 'a read after the server came back')).toEqual([{ X: 1 }]);
      // A server that accepts but never answers: the attach deadline, not a hang.
      proxy.cutAll();
      proxy.silent = true;
      // Only this step needs a short attach deadline: the server accepts and never answers.
      const impatient = db.driver({ port, connectTimeoutMs: 2000 });
      const hung = await caught(within(20_000, impatient.query('SELECT 1 AS X FROM RDB$DATABASE'), 'a read against a silent server'));
      expect(hung).toMatchObject({ code: 'unreachable', retryable: true });
    } finally {
      await proxy.stop();
    }
  });

  it('a read cut off in flight is retried once on a fresh attachment; a write is not', async () => {
    const proxy = new TcpProxy(FIREBIRD_HOST, FIREBIRD_PORT);
    const port = await proxy.start();
    try {
      const d = db.driver({ port });
      const [before] = await d.query('SELECT CURRENT_CONNECTION AS C FROM RDB$DATABASE');
      const probe = 'SELECT CURRENT_CONNECTION AS C, COUNT(*) AS N FROM ITEMS';
      // The read's request reaches the server, its answer never comes back, then the line is cut.
      const cut = proxy.cutOnNextRequest();
      const [row] = await within(20_000, d.query(probe), 'a read cut in flight');
      await cut; // the cut really happened while the read was out
      expect(row?.N).toBe('8');
      expect(row?.C).not.toEqual(before?.C); // answered by a new attachment

      const write = d.transaction(async (tx) => {
        await tx.query("UPDATE ITEMS SET NAME = 'cut' WHERE ID = 5");
        const cutInWrite = proxy.cutOnNextRequest();
        await tx.query(probe);
        await cutInWrite;
      }, { mode: 'write' });
      expect(await caught(within(20_000, write, 'a write cut in flight'))).toMatchObject({ code: 'connection-lost', retryable: true });
      expect(await d.query('SELECT NAME FROM ITEMS WHERE ID = 5')).toEqual([{ NAME: 'Classic T-Shirt' }]);
    } finally {
      await proxy.stop();
    }
  });

  it('a statement that misses its deadline is abandoned with a retryable timeout, and the driver recovers', async () => {
    const till = db.driver();
    // Only the stuck statement gets the short deadline (the lock is held until it fires, so any
    // value works); attaching and the recovery read keep the driver's default.
    const impatient = db.driver({ lockTimeoutSeconds: 30 });
    const err = await till.transaction(async (tx) => {
      await tx.query("UPDATE ITEMS SET NAME = 'held' WHERE ID = 4");
      return caught(within(20_000, impatient.transaction((t) => t.query("UPDATE ITEMS SET NAME = 'waits' WHERE ID = 4", {}, { timeoutMs: 400 }), { mode: 'write' }), 'a write stuck on a lock'));
    }, { mode: 'write' });
    expect(err.code).toBe('timeout');
    expect(err.retryable).toBe(true);
    expect(await impatient.query('SELECT COUNT(*) AS N FROM ITEMS')).toEqual([{ N: '8' }]);
  });

  it('sorts bad SQL as permanent and names the statement', async () => {
    const err = await caught(db.driver().query('SELECT NOPE FROM ITEMS', {}, { label: 'items.sql' }));
    expect(err.code).toBe('bad-sql');
    expect(err.retryable).toBe(false);
    expect(err.statement).toBe('items.sql');
    expect(err.message).toMatch(/"items\.sql" failed: .*NOPE/);
  });

  it('write transactions bind a generator value and a RETURNING id into the statements after them', async () => {
    const d = db.driver();
    const book = (ref: string) => d.transaction(async (tx) => {
      const [found] = await tx.query('SELECT INVOICE_NO FROM SCRATCH_INVOICES WHERE EXT_REF = :ref', { ref });
      if (found) return { invoiceNo: found.INVOICE_NO ?? null, invoiceId: null };
      const [n] = await tx.query('SELECT GEN_ID(GEN_SCRATCH_INVOICE, 1) AS N FROM RDB$DATABASE');
      const invoiceNo = n?.N ?? null;
      const [header] = await tx.query('INSERT INTO SCRATCH_INVOICES (ID, INVOICE_NO, EXT_REF, TOTAL) VALUES (:invoiceNo + 1000, :invoiceNo, :ref, :total) RETURNING ID',
        { invoiceNo, ref, total: '31.49' });
      for (const [lineNo, sku, qty] of [[1, 'MUG-1', 2], [2, 'TEA-1', 1]] as const) {
        await tx.query('INSERT INTO SCRATCH_LINES (INVOICE_ID, LINE_NO, SKU, QTY) VALUES (:invoiceId, :lineNo, :sku, :qty)', { invoiceId: header?.ID ?? null, lineNo, sku, qty });
      }
      return { invoiceNo, invoiceId: header?.ID ?? null };
    }, { mode: 'write' });
    const first = await book('WC-1001');
    expect(first.invoiceId).toBe(Number(first.invoiceNo) + 1000);
    const lines = await d.query('SELECT LINE_NO, SKU, QTY FROM SCRATCH_LINES WHERE INVOICE_ID = :id ORDER BY LINE_NO', { id: first.invoiceId });
    expect(lines).toEqual([{ LINE_NO: 1, SKU: 'MUG-1', QTY: 2 }, { LINE_NO: 2, SKU: 'TEA-1', QTY: 1 }]);
    // Sent again (a retry after a crash): the reference check finds it; nothing is inserted twice.
    const again = await book('WC-1001');
    expect(again.invoiceId).toBeNull();
    expect(Number(again.invoiceNo)).toBe(Number(first.invoiceNo));
    expect(await d.query("SELECT COUNT(*) AS N FROM SCRATCH_INVOICES WHERE EXT_REF = 'WC-1001'")).toEqual([{ N: '1' }]);
  });

  describe('check() in plain words, without leaking sockets', () => {
    const profile = builtInProfile('demo');
    const checkWith = async (config: ConstructorParameters<typeof FirebirdDriver>[0]) => {
      const connector = new ProfileConnector(profile, new FirebirdDriver(config));
      try {
        return await within(20_000, connector.check(), 'check()');
      } finally {
        await connector.close();
      }
    };

    it('wrong password', async () => {
      const sockets = await openSockets();
      const result = await checkWith({ ...db.config, password: 'wrong-password' });
      expect(result.ok).toBe(false);
      expect(result.problems[0]?.code).toBe('auth');
      expect(result.message).toMatch(/refused the login for user "SYSDBA": wrong user name or password/);
      expect(await openSockets()).toBeLessThanOrEqual(sockets);
    });

    it('missing database file', async () => {
      const sockets = await openSockets();
      const missing = `${FIREBIRD_DATA_DIR}/no-such-pos-${process.pid}.fdb`;
      const result = await checkWith({ ...db.config, database: missing });
      expect(result.ok).toBe(false);
      expect(result.problems[0]?.code).toBe('missing-database');
      expect(result.message).toContain(`cannot open the database file "${missing}"`);
      expect(await openSockets()).toBeLessThanOrEqual(sockets);
    });

    it('server down', async () => {
      const port = await deadPort();
      const result = await checkWith({ host: '127.0.0.1', port, database: db.path, password: firebirdPassword() });
      expect(result.ok).toBe(false);
      expect(result.problems[0]?.code).toBe('unreachable');
      expect(result.message).toMatch(new RegExp(`No Firebird server answers at 127\\.0\\.0\\.1:${port}`));
    });
  });
});
