/**
 * SqlDriver for MariaDB and MySQL (uniCenta oPOS, Open Source POS, ...) through mysql2. The same
 * promises as the Firebird driver:
 * - reads run in `START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY` at REPEATABLE READ:
 *   InnoDB's consistent reads see one snapshot and never wait for a till's row locks;
 * - writes wait at most `lockTimeoutSeconds` for a row lock (innodb_lock_wait_timeout), then fail
 *   with a retryable 'lock' error;
 * - every statement has a deadline, on the server (MariaDB max_statement_time, MySQL
 *   max_execution_time for SELECT) and in the client a second later: a statement the server does
 *   not stop is killed from a side connection and its socket dropped; the next call reconnects;
 * - after a lost connection (server restart, network cut, connection killed, wait_timeout) the
 *   driver reconnects on the next call, and a read that failed that way is retried once at once;
 *   a write is never retried once its statements were sent (only the caller knows whether the
 *   work is safe to repeat);
 * - one connection, one transaction at a time; transactions are short.
 */
import type { ExecuteValues, FieldPacket } from 'mysql2';
import { PosError, inStatement } from '../../core/pos-errors';
import type { QueryOptions, Row, SqlDriver, SqlTransaction, TransactionMode } from './sql-driver';
import { bindNamed, bindParams, type PositionalParams, type SqlParams, type SqlScalar } from './sql-params';
import { killMysqlSession, openMysqlSession, plainQuery, setStatementDeadline, type MysqlConnectTarget, type MysqlSession } from './mysql-connect';
import { classifyMysqlError, type MysqlTarget } from './mysql-errors';
import { returningColumns } from './mysql-returning';
import { normaliseMysqlRows, type MysqlField } from './mysql-values';
import { SerialQueue, withTimeout } from './serial-queue';
import { formatWallClock } from './wall-clock';

/** Where and how to reach the POS database. */
export interface MysqlDriverConfig {
  host?: string;
  /** Default 3306. */
  port?: number;
  /** The schema (database) name the POS uses, e.g. "unicentaopos" or "ospos". */
  database: string;
  user?: string;
  password: string;
  /** Deadline for connecting (default 5 s). */
  connectTimeoutMs?: number;
  /** Deadline for one statement (default 60 s; 0: none). */
  queryTimeoutMs?: number;
  /** How long a write may wait for a POS lock before failing (default 5 s, whole seconds). */
  lockTimeoutSeconds?: number;
}

/** How long after the server-side deadline the client gives up on its own. */
const CLIENT_GRACE_MS = 1000;
const UNSUPPORTED_PS = 1295;

/** Opens nothing until the first call; see the file comment for the behaviour. */
export class MysqlDriver implements SqlDriver {
  readonly engine = 'mysql' as const;
  private session: MysqlSession | null = null;
  private readonly queue = new SerialQueue();
  private readonly target: MysqlTarget;
  private closed = false;

  constructor(private readonly config: MysqlDriverConfig) {
    this.target = {
      host: config.host ?? '127.0.0.1',
      port: config.port ?? 3306,
      database: config.database,
      user: config.user ?? 'root',
    };
  }

  query(sql: string, params?: SqlParams | PositionalParams, opts: QueryOptions = {}): Promise<Row[]> {
    return this.transaction((tx) => tx.query(sql, params, opts), { mode: 'read', label: opts.label });
  }

  describe(sql: string, params?: SqlParams, opts: QueryOptions = {}): Promise<string[]> {
    return this.queue.run(() => this.withReconnect(true, async (s) => {
      try {
        const bound = bindNamed(sql, params);
        await this.timed(s, setStatementDeadline(s, this.deadlineMs(opts)), opts);
        const stmt = await this.timed(s, new Promise<{ columns?: MysqlField[] }>((resolve, reject) => {
          s.conn.prepare(bound.sql, (err, statement) => (err ? reject(err) : resolve(statement as unknown as { columns?: MysqlField[] })));
        }), opts);
        const columns = (stmt.columns ?? []).map((c) => c.name.toUpperCase());
        // MariaDB prepares INSERT … RETURNING without its columns: name them from the statement.
        return columns.length > 0 ? columns : returningColumns(bound.sql) ?? [];
      } catch (err) {
        throw this.fail(err, 'query', opts.label);
      }
    }));
  }

  transaction<T>(fn: (tx: SqlTransaction) => Promise<T>, opts: { mode?: TransactionMode; label?: string } = {}): Promise<T> {
    const mode = opts.mode ?? 'read';
    return this.queue.run(() => this.withReconnect(mode === 'read', async (s, progress) => {
      await this.begin(s, mode);
      progress.sent = true;
      const runner: SqlTransaction = { query: (sql, params, qopts = {}) => this.run(s, sql, params, qopts) };
      try {
        const result = await fn(runner);
        await this.timed(s, plainQuery(s.conn, 'COMMIT'), { label: opts.label }).catch((err: unknown) => { throw this.fail(err, 'query', opts.label); });
        return result;
      } catch (err) {
        if (this.session === s && !s.dead) {
          await withTimeout(plainQuery(s.conn, 'ROLLBACK'), 2000, () => new Error('rollback timeout')).catch(() => this.drop(s));
        }
        throw err;
      }
    }));
  }

  /** A real round trip (a connection that died unnoticed is found here), then the name the server gave at connect. */
  async serverVersion(): Promise<string> {
    return this.queue.run(() => this.withReconnect(true, async (s) => {
      try {
        await this.timed(s, plainQuery(s.conn, 'SELECT 1'), { label: 'server version' });
      } catch (err) {
        throw this.fail(err, 'query', 'server version');
      }
      return s.version;
    }));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue.run(async () => {
      const s = this.session;
      this.session = null;
      if (!s) return;
      if (s.dead) { s.conn.destroy(); return; }
      await withTimeout(new Promise<void>((resolve) => s.conn.end(() => resolve())), 2000, () => new Error('end timeout'))
        .catch(() => undefined)
        .finally(() => s.conn.destroy());
    });
  }

  /**
   * Runs `work` on a live session; after a lost connection, reconnects and tries once more when
   * `mayRetry` (reads) or when nothing of the work had reached the server yet (a write whose
   * START TRANSACTION met a connection that had died while idle).
   */
  private async withReconnect<T>(mayRetry: boolean, work: (s: MysqlSession, progress: { sent: boolean }) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const s = await this.open();
      const progress = { sent: false };
      try {
        return await work(s, progress);
      } catch (err) {
        const e = err instanceof PosError ? err : classifyMysqlError(err, this.target, 'query');
        if (e.code === 'connection-lost' || e.code === 'timeout') this.drop(s);
        if (attempt === 0 && e.code === 'connection-lost' && (mayRetry || !progress.sent)) continue;
        throw e;
      }
    }
  }

  private async open(): Promise<MysqlSession> {
    if (this.closed) throw new PosError('connection-lost', 'The POS connection was closed.');
    const current = this.session;
    if (current && !current.dead) return current;
    if (current) this.drop(current);
    try {
      this.session = await openMysqlSession(this.connectTarget(), {
        connectTimeoutMs: this.config.connectTimeoutMs ?? 5000,
        lockTimeoutSeconds: this.config.lockTimeoutSeconds ?? 5,
        statementMs: this.deadlineMs({}),
      });
      return this.session;
    } catch (err) {
      throw classifyMysqlError(err, this.target, 'attach');
    }
  }

  private connectTarget(): MysqlConnectTarget {
    return { ...this.target, password: this.config.password };
  }

  private drop(s: MysqlSession): void {
    if (this.session === s) this.session = null;
    s.dead = true;
    s.conn.destroy();
  }

  private async begin(s: MysqlSession, mode: TransactionMode): Promise<void> {
    const sql = mode === 'read' ? 'START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY' : 'START TRANSACTION';
    try {
      await this.timed(s, plainQuery(s.conn, sql), {});
    } catch (err) {
      throw this.fail(err, 'query');
    }
  }

  private async run(s: MysqlSession, sql: string, params: SqlParams | PositionalParams | undefined, opts: QueryOptions): Promise<Row[]> {
    try {
      const bound = bindParams(sql, params);
      const args = bound.args.map(toMysqlParam);
      await this.timed(s, setStatementDeadline(s, this.deadlineMs(opts)), opts);
      const { rows, fields } = await this.timed(s, this.execute(s, bound.sql, args), opts);
      return normaliseMysqlRows(rows, fields);
    } catch (err) {
      throw this.fail(err, 'query', opts.label);
    }
  }

  /** A prepared (server-bound) statement; statements the server cannot prepare run as text when they have no parameters. */
  private execute(s: MysqlSession, sql: string, args: ExecuteValues[]): Promise<{ rows: unknown; fields: MysqlField[] | undefined }> {
    const done = (resolve: (v: { rows: unknown; fields: MysqlField[] | undefined }) => void, reject: (e: unknown) => void) =>
      (err: unknown, rows: unknown, fields: FieldPacket[] | undefined) => {
        if (err) reject(err);
        else resolve({ rows, fields: fields as MysqlField[] | undefined });
      };
    return new Promise<{ rows: unknown; fields: MysqlField[] | undefined }>((resolve, reject) => {
      s.conn.execute({ sql, rowsAsArray: true }, args, done(resolve, reject));
    }).catch((err: unknown) => {
      if ((err as { errno?: number }).errno !== UNSUPPORTED_PS || args.length > 0) throw err;
      return new Promise((resolve, reject) => { s.conn.query({ sql, rowsAsArray: true }, done(resolve, reject)); });
    });
  }

  /** The statement's deadline in ms; 0 (or less) means none. */
  private deadlineMs(opts: QueryOptions): number {
    const ms = opts.timeoutMs ?? this.config.queryTimeoutMs ?? 60_000;
    return Number.isFinite(ms) && ms > 0 ? ms : 0;
  }

  /**
   * The client-side deadline: the server's own deadline plus a grace second. When it passes, the
   * server thread is killed from a side connection (ending the statement and its transaction),
   * the socket dropped, and a retryable 'timeout' reported.
   */
  private timed<T>(s: MysqlSession, work: Promise<T>, opts: QueryOptions): Promise<T> {
    const ms = this.deadlineMs(opts);
    if (!Number.isFinite(ms) || ms <= 0) return work; // no deadline (the server's timer is 0 too)
    work.catch(() => undefined); // a timed-out call may still reject later, when its socket dies
    let timedOut = false;
    return withTimeout(work, ms + CLIENT_GRACE_MS, () => {
      timedOut = true;
      return new Error('client deadline');
    }).catch(async (err: unknown) => {
      if (!timedOut) throw err;
      this.drop(s);
      await killMysqlSession(this.connectTarget(), s.threadId, Math.min(this.config.connectTimeoutMs ?? 5000, 3000));
      const what = opts.label ? `The profile statement "${opts.label}"` : 'A statement';
      throw new PosError('timeout', `${what} got no answer from the MariaDB/MySQL server at ${this.target.host}:${this.target.port} within ${ms / 1000} s; it was stopped, the connection was reset and the next try reconnects.`, { statement: opts.label });
    });
  }

  private fail(err: unknown, phase: 'attach' | 'query', label?: string): PosError {
    const e = classifyMysqlError(err, this.target, phase);
    return label ? inStatement(e, label) : e;
  }
}

function toMysqlParam(v: SqlScalar): ExecuteValues {
  if (v instanceof Date) return formatWallClock(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}
