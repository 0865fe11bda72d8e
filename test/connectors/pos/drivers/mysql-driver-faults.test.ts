import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { killMysqlSession, openMysqlSession, plainQuery } from '../../../../connectors/pos/drivers/mysql-connect';
import { MysqlDriver } from '../../../../connectors/pos/drivers/mysql-driver';
import type { PosError } from '../../../../connectors/core/pos-errors';
import { MARIADB_HOST, MARIADB_PORT, MARIADB_USER, createTestMariadbDatabase, mariadbPassword, type TestMariadbDatabase } from '../../../helpers/mariadb';
import { TcpProxy } from '../../../helpers/tcp-proxy';
import { SCHEMA, caught, deadPort, loadItems, openSockets, within } from './mysql-test-kit';

describe('MariaDB/MySQL driver: lost connections, network cuts, stuck servers, refused logins', () => {
  let db: TestMariadbDatabase;

  beforeAll(async () => { db = await createTestMariadbDatabase('driver_faults', SCHEMA); });
  afterAll(async () => { await db?.drop(); });
  beforeEach(async () => { await loadItems(db.driver()); });

  it('a connection killed on the server is replaced; a read survives it, a write in flight is reported, not retried', async () => {
    const d = db.driver();
    const admin = db.driver();
    const [first] = await d.query('SELECT CONNECTION_ID() AS ID');
    await admin.transaction((tx) => tx.query(`KILL CONNECTION ${Number(first!.ID)}`), { mode: 'write' });
    const [second] = await within(20_000, d.query('SELECT CONNECTION_ID() AS ID'), 'the read after a killed connection');
    expect(second!.ID).not.toEqual(first!.ID);

    const err = await caught(d.transaction(async (tx) => {
      const [me] = await tx.query('SELECT CONNECTION_ID() AS ID');
      await admin.transaction((a) => a.query(`KILL CONNECTION ${Number(me!.ID)}`), { mode: 'write' });
      await tx.query("UPDATE ITEMS SET NAME = 'x' WHERE ID = 3");
    }, { mode: 'write' }));
    expect(err.code).toBe('connection-lost');
    expect(err.retryable).toBe(true);
    expect(await d.query('SELECT NAME FROM ITEMS WHERE ID = 3')).toEqual([{ NAME: 'Frying Pan' }]);
  });

  it('survives network cuts and a server that goes away and comes back', async () => {
    const proxy = new TcpProxy(MARIADB_HOST, MARIADB_PORT);
    const port = await proxy.start();
    try {
      const d = db.driver({ port });
      expect(await d.query('SELECT COUNT(*) AS N FROM ITEMS')).toEqual([{ N: '5' }]);
      // An idle connection whose socket was cut (a server restart looks the same): the next read reconnects.
      proxy.cutAll();
      expect(await within(20_000, d.query('SELECT COUNT(*) AS N FROM ITEMS'), 'a read after a cut')).toEqual([{ N: '5' }]);
      // So does a write: nothing of it had reached the server when the dead connection was found.
      proxy.cutAll();
      await within(20_000, d.transaction((tx) => tx.query("UPDATE ITEMS SET NAME = 'after cut' WHERE ID = 4"), { mode: 'write' }), 'a write after a cut');
      // Nobody listening: a retryable "unreachable", quickly.
      await proxy.stop();
      const down = await caught(within(20_000, d.query('SELECT 1 AS X'), 'a read with the server gone'));
      expect(down).toMatchObject({ code: 'unreachable', retryable: true });
      // Back again: the same driver recovers by itself.
      await proxy.start();
      expect(await within(20_000, d.query('SELECT 1 AS X'), 'a read after the server came back')).toEqual([{ X: 1 }]);
      // A server that accepts but never answers: the connect deadline, not a hang.
      proxy.cutAll();
      proxy.silent = true;
      const impatient = db.driver({ port, connectTimeoutMs: 1000 });
      const hung = await caught(within(20_000, impatient.query('SELECT 1 AS X'), 'a read against a silent server'));
      expect(hung).toMatchObject({ code: 'unreachable', retryable: true });
    } finally {
      await proxy.stop();
    }
  });

  it('a read cut off in flight is retried once on a fresh connection; a write is not', async () => {
    const proxy = new TcpProxy(MARIADB_HOST, MARIADB_PORT);
    const port = await proxy.start();
    try {
      const d = db.driver({ port });
      const [before] = await d.query('SELECT CONNECTION_ID() AS C');
      const probe = 'SELECT CONNECTION_ID() AS C, COUNT(*) AS N FROM ITEMS';
      // Inside the read transaction, the statement's request reaches the server, its answer never
      // comes back, then the line is cut. The retry runs the transaction again on a new connection.
      let cut: Promise<void> | null = null;
      let runs = 0;
      const [row] = await within(20_000, d.transaction(async (tx) => {
        runs++;
        cut ??= proxy.cutOnNextRequest();
        return tx.query(probe);
      }), 'a read cut in flight');
      await cut; // the cut really happened while the read was out
      expect(runs).toBe(2);
      expect(row?.N).toBe('5');
      expect(row?.C).not.toEqual(before?.C); // answered by a new connection

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

  it('a server that stops answering mid-statement meets the client deadline: no hang, a retryable timeout, then a fresh connection', async () => {
    const proxy = new TcpProxy(MARIADB_HOST, MARIADB_PORT);
    const port = await proxy.start();
    try {
      const d = db.driver({ port });
      const [before] = await d.query('SELECT CONNECTION_ID() AS C');
      const stuck = d.transaction(async (tx) => {
        proxy.holdAnswers(); // the open connection stays up, but nothing comes back on it
        return tx.query('SELECT COUNT(*) AS N FROM ITEMS', {}, { timeoutMs: 200, label: 'marker[0]' });
      });
      const err = await caught(within(20_000, stuck, 'a statement on a stuck connection'));
      expect(err).toMatchObject({ code: 'timeout', retryable: true, statement: 'marker[0]' });
      expect(err.message).toMatch(/"marker\[0\]" got no answer .* within 0\.2 s/);
      const [after] = await within(20_000, d.query('SELECT CONNECTION_ID() AS C'), 'the read after the client deadline');
      expect(after?.C).not.toEqual(before?.C);
    } finally {
      await proxy.stop();
    }
  });

  it('killMysqlSession ends a statement the server is still running on another connection', async () => {
    const target = { host: MARIADB_HOST, port: MARIADB_PORT, database: db.name, user: MARIADB_USER, password: mariadbPassword() };
    const victim = await openMysqlSession(target, { connectTimeoutMs: 5000, lockTimeoutSeconds: 5, statementMs: 0 });
    try {
      const stuck = plainQuery(victim.conn, 'SELECT SLEEP(60)');
      stuck.catch(() => undefined);
      // Wait (by protocol, not by clock) until the server really runs the statement.
      const watcher = db.driver();
      for (;;) {
        const rows = await watcher.query("SELECT COUNT(*) AS N FROM information_schema.PROCESSLIST WHERE ID = :id AND INFO LIKE 'SELECT SLEEP%'", { id: victim.threadId });
        if (rows[0]?.N === '1') break;
      }
      await killMysqlSession(target, victim.threadId, 5000);
      await expect(within(20_000, stuck, 'the killed statement')).rejects.toThrow();
      expect(await watcher.query('SELECT COUNT(*) AS N FROM information_schema.PROCESSLIST WHERE ID = :id', { id: victim.threadId })).toEqual([{ N: '0' }]);
    } finally {
      victim.conn.destroy();
    }
  });

  describe('connection problems in plain words, never with the password', () => {
    const secret = 'wrong-Pa55word-9731';
    const tryWith = async (config: ConstructorParameters<typeof MysqlDriver>[0]) => {
      const d = new MysqlDriver(config);
      try {
        return await caught(within(20_000, d.query('SELECT 1 AS X'), 'a read'));
      } finally {
        await d.close();
      }
    };
    const noPassword = (err: PosError) => {
      expect(err.message).not.toContain(secret);
      expect(JSON.stringify({ ...err, cause: String(err.cause) })).not.toContain(secret);
    };

    it('wrong password', async () => {
      const sockets = await openSockets();
      const err = await tryWith({ ...db.config, password: secret });
      expect(await openSockets()).toBeLessThanOrEqual(sockets);
      expect(err).toMatchObject({ code: 'auth', retryable: false });
      expect(err.message).toMatch(new RegExp(`refused the login for user "${MARIADB_USER}": wrong user name or password`));
      noPassword(err);
    });

    it('unknown database', async () => {
      const missing = `tb_test_missing_${process.pid}`;
      const sockets = await openSockets();
      const err = await tryWith({ ...db.config, database: missing, password: mariadbPassword() });
      expect(err).toMatchObject({ code: 'missing-database', retryable: false });
      expect(err.message).toContain(`no database "${missing}"`);
      // A database the user has no rights on looks the same to the user, and says so.
      const forbidden = await tryWith({ ...db.config, database: 'mysql' });
      expect(forbidden).toMatchObject({ code: 'missing-database', retryable: false });
      expect(forbidden.message).toMatch(/does not exist, or the user has no rights on it/);
      expect(await openSockets()).toBeLessThanOrEqual(sockets);
    });

    it('server down', async () => {
      const port = await deadPort();
      const err = await tryWith({ ...db.config, port, password: secret });
      expect(err).toMatchObject({ code: 'unreachable', retryable: true });
      expect(err.message).toMatch(new RegExp(`No MariaDB/MySQL server answers at 127\\.0\\.0\\.1:${port}`));
      noPassword(err);
    });
  });
});
