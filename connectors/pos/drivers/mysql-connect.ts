/**
 * Opening MariaDB/MySQL connections with mysql2, set up the way the driver needs them:
 * - values come back plain: DECIMAL and BIGINT as exact strings, dates as wall-clock text,
 *   JSON as text, in utf8mb4; statements are bound on the server (prepared), never spliced;
 * - each session is told its lock wait (innodb_lock_wait_timeout for rows, lock_wait_timeout for
 *   table metadata: a read queued behind a POS's ALTER TABLE fails as 'lock'), repeatable read, strict
 *   writes (STRICT_TRANS_TABLES: a value too long for a column fails instead of being cut), and
 *   a server-side statement deadline (MariaDB max_statement_time; MySQL max_execution_time,
 *   which only covers SELECT);
 * - every open has a deadline, and on any failure nothing is left open;
 * - a connection that dies while idle is marked, so the next call opens a fresh one.
 * The password goes to mysql2 only; nothing here puts it in a message.
 */
import { createConnection, type Connection, type ConnectionOptions } from 'mysql2';
import { withTimeout } from './serial-queue';

/** A live session: the connection, its server thread (for KILL) and what the server is. */
export interface MysqlSession {
  readonly conn: Connection;
  readonly threadId: number;
  readonly flavour: 'mariadb' | 'mysql';
  /** "MariaDB 10.11.19", "MySQL 8.0.36". */
  readonly version: string;
  /** The statement deadline the server session has now, in ms (0: none). */
  statementMs: number;
  /** Set when the socket ended or failed; the driver then opens a new session. */
  dead: boolean;
}

/** Where to connect, with the password (which only mysql2 sees). */
export interface MysqlConnectTarget {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

/** mysql2 options shared by every connection the driver makes. */
export function mysqlOptions(t: MysqlConnectTarget, connectTimeoutMs: number): ConnectionOptions {
  return {
    host: t.host,
    port: t.port,
    user: t.user,
    password: t.password,
    database: t.database,
    charset: 'UTF8MB4_GENERAL_CI',
    connectTimeout: connectTimeoutMs,
    dateStrings: true, // wall-clock text, never shifted by this computer's zone
    decimalNumbers: false, // DECIMAL as exact strings
    supportBigNumbers: true,
    bigNumberStrings: true, // BIGINT always as text, like Firebird's
    jsonStrings: true,
    multipleStatements: false,
    namedPlaceholders: false,
    maxPreparedStatements: 128,
    enableKeepAlive: true,
    keepAliveInitialDelay: 30_000,
  };
}

/** Runs one text-protocol statement (session set-up, transaction control); no parameters. */
export function plainQuery(conn: Connection, sql: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    conn.query({ sql, rowsAsArray: true }, (err, rows) => {
      if (err) reject(err);
      else resolve(Array.isArray(rows) ? rows : []);
    });
  });
}

/** Opens and sets up a session within `timeoutMs`; on failure the socket is destroyed. */
export async function openMysqlSession(
  target: MysqlConnectTarget,
  opts: { connectTimeoutMs: number; lockTimeoutSeconds: number; statementMs: number },
): Promise<MysqlSession> {
  const conn = createConnection(mysqlOptions(target, opts.connectTimeoutMs));
  let session: MysqlSession | null = null;
  // A socket error while idle arrives as an 'error' event: mark the session, never throw it.
  const markDead = () => { if (session) session.dead = true; };
  conn.on('error', markDead);
  conn.on('end', markDead);
  const setUp = async (): Promise<MysqlSession> => {
    await new Promise<void>((resolve, reject) => conn.connect((err) => (err ? reject(err) : resolve())));
    const [row] = await plainQuery(conn, 'SELECT VERSION(), CONNECTION_ID()') as [string, string | number][];
    const text = String(row?.[0] ?? '');
    const flavour = /mariadb/i.test(text) ? 'mariadb' as const : 'mysql' as const;
    const number = /^(\d+\.\d+\.\d+)/.exec(text)?.[1] ?? text;
    await plainQuery(conn, 'SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const lockWait = Math.max(1, Math.round(opts.lockTimeoutSeconds));
    await plainQuery(conn, `SET SESSION innodb_lock_wait_timeout = ${lockWait}, lock_wait_timeout = ${lockWait}, ` +
      "sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'STRICT_TRANS_TABLES'), " +
      statementTimerAssignment(flavour, opts.statementMs));
    return {
      conn, flavour,
      threadId: Number(row?.[1] ?? conn.threadId),
      version: `${flavour === 'mariadb' ? 'MariaDB' : 'MySQL'} ${number}`,
      statementMs: opts.statementMs,
      dead: false,
    };
  };
  try {
    session = await withTimeout(setUp(), opts.connectTimeoutMs, () =>
      Object.assign(new Error(`no answer within ${opts.connectTimeoutMs} ms`), { code: 'ETIMEDOUT' }));
    return session;
  } catch (err) {
    conn.destroy();
    throw err;
  }
}

/** The SET assignment that gives the session a statement deadline of `ms` (0: none). */
export function statementTimerAssignment(flavour: 'mariadb' | 'mysql', ms: number): string {
  const value = Math.max(0, Math.round(ms));
  return flavour === 'mariadb' ? `max_statement_time = ${value / 1000}` : `max_execution_time = ${value}`;
}

/** Changes the session's statement deadline when it differs from what the server has. */
export async function setStatementDeadline(session: MysqlSession, ms: number): Promise<void> {
  if (session.statementMs === ms) return;
  await plainQuery(session.conn, `SET SESSION ${statementTimerAssignment(session.flavour, ms)}`);
  session.statementMs = ms;
}

/**
 * Stops a statement the server is still running for a session we gave up on: KILL CONNECTION
 * from a fresh connection ends the statement and rolls back its transaction, so its locks do not
 * outlive it. Best effort within `timeoutMs`; the caller drops its own socket either way.
 */
export async function killMysqlSession(target: MysqlConnectTarget, threadId: number, timeoutMs: number): Promise<void> {
  const conn = createConnection({ ...mysqlOptions(target, timeoutMs), database: undefined });
  conn.on('error', () => undefined);
  try {
    await withTimeout(plainQuery(conn, `KILL CONNECTION ${Math.trunc(threadId)}`), timeoutMs, () => new Error('kill timeout'));
  } catch {
    /* the server is gone or the thread already ended: nothing left to stop */
  } finally {
    conn.destroy();
  }
}
