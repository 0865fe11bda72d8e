/**
 * SqlDriver for Firebird (2.5–5) through node-firebird. Built so that a read never hangs behind
 * the POS and a dropped connection heals by itself:
 * - reads run in a read-only, read-committed, record-version, NO WAIT transaction: they see the
 *   last committed version of a row instead of waiting for a cashier's open transaction;
 * - writes wait at most `lockTimeoutSeconds` for a lock, then fail with a retryable error;
 * - every statement has a deadline; a statement that misses it kills the attachment (the only
 *   reliable way to stop it) and the next call attaches afresh;
 * - after a lost connection (server restart, network cut, attachment killed) the driver
 *   re-attaches on the next call, and a read that failed that way is retried once at once;
 * - transactions are short: one per query, or one per `transaction()` call.
 */
import { ISOLATION_READ_UNCOMMITTED, type Database, type Transaction } from 'node-firebird';
import { PosError, inStatement } from '../../core/pos-errors';
import type { QueryOptions, Row, SqlDriver, SqlTransaction, TransactionMode } from './sql-driver';
import { bindNamed, bindParams, type PositionalParams, type SqlParams, type SqlScalar } from './sql-params';
import { attachFirebird, attachOptions, destroyConnection, detachFirebird, type FirebirdAttachment } from './firebird-attach';
import { classifyFirebirdError, type FirebirdTarget } from './firebird-errors';
import { normaliseFirebirdRows, type OutputColumn } from './firebird-values';
import { SerialQueue, withTimeout } from './serial-queue';
import { formatWallClock } from './wall-clock';

/** Where and how to reach the POS database. */
export interface FirebirdDriverConfig {
  host?: string;
  port?: number;
  /** Path of the .fdb file on the server's disk, or an alias from the server's databases.conf. */
  database: string;
  user?: string;
  password: string;
  role?: string;
  /** Deadline for attaching (default 5 s). */
  connectTimeoutMs?: number;
  /** Deadline for one statement (default 60 s). */
  queryTimeoutMs?: number;
  /** How long a write may wait for a POS lock before failing (default 5 s). */
  lockTimeoutSeconds?: number;
}

// Read committed + record version ("read uncommitted" is node-firebird's name for it).
const READ_TX = { isolation: ISOLATION_READ_UNCOMMITTED, readOnly: true, wait: false };

/** Opens nothing until the first call; see the file comment for the behaviour. */
export class FirebirdDriver implements SqlDriver {
  readonly engine = 'firebird' as const;
  private att: FirebirdAttachment | null = null;
  private readonly queue = new SerialQueue();
  private readonly target: FirebirdTarget;
  private closed = false;

  constructor(private readonly config: FirebirdDriverConfig) {
    this.target = {
      host: config.host ?? '127.0.0.1',
      port: config.port ?? 3050,
      database: config.database,
      user: config.user ?? 'SYSDBA',
    };
  }

  query(sql: string, params?: SqlParams | PositionalParams, opts: QueryOptions = {}): Promise<Row[]> {
    return this.transaction((tx) => tx.query(sql, params, opts), { mode: 'read', label: opts.label });
  }

  describe(sql: string, params?: SqlParams, opts: QueryOptions = {}): Promise<string[]> {
    return this.queue.run(() => this.withReattach(true, async (att) => {
      const tx = await this.begin(att, 'read');
      try {
        const bound = bindNamed(sql, params);
        const stmt = await this.timed(tx.newStatementAsync(bound.sql), opts);
        const columns = ((stmt as unknown as { output?: { alias?: string; field?: string }[] }).output ?? [])
          .map((c) => (c.alias || c.field || '').toUpperCase());
        await stmt.dropAsync().catch(() => undefined);
        return columns;
      } catch (err) {
        throw this.fail(err, 'query', opts.label);
      } finally {
        await tx.commitAsync().catch(() => undefined);
      }
    }));
  }

  transaction<T>(fn: (tx: SqlTransaction) => Promise<T>, opts: { mode?: TransactionMode; label?: string } = {}): Promise<T> {
    const mode = opts.mode ?? 'read';
    return this.queue.run(() => this.withReattach(mode === 'read', async (att) => {
      const tx = await this.begin(att, mode);
      const runner: SqlTransaction = { query: (sql, params, qopts = {}) => this.run(tx, sql, params, qopts) };
      try {
        const result = await fn(runner);
        await this.timed(tx.commitAsync(), { label: opts.label });
        return result;
      } catch (err) {
        if (this.att === att) await withTimeout(tx.rollbackAsync(), 2000, () => new Error('rollback timeout')).catch(() => undefined);
        throw err;
      }
    }));
  }

  serverVersion(): Promise<string> {
    return this.query("SELECT rdb$get_context('SYSTEM', 'ENGINE_VERSION') AS V FROM rdb$database", {}, { label: 'server version' })
      .then((rows) => `Firebird ${String(rows[0]?.V ?? '?')}`);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue.run(async () => {
      const att = this.att;
      this.att = null;
      if (att) await detachFirebird(att);
    });
  }

  /** Runs `work` on a live attachment; after a lost connection, re-attaches and (for reads) tries once more. */
  private async withReattach<T>(mayRetry: boolean, work: (att: FirebirdAttachment) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const att = await this.attachment();
      try {
        return await work(att);
      } catch (err) {
        const e = err instanceof PosError ? err : classifyFirebirdError(err, this.target, 'query');
        if (e.code === 'connection-lost' || e.code === 'timeout') this.drop(att);
        if (mayRetry && attempt === 0 && e.code === 'connection-lost') continue;
        throw e;
      }
    }
  }

  private async attachment(): Promise<FirebirdAttachment> {
    if (this.closed) throw new PosError('connection-lost', 'The POS connection was closed.');
    const current = this.att;
    if (current && !(current.cnx as unknown as { _isClosed: boolean })._isClosed) return current;
    if (current) this.drop(current);
    const c = this.config;
    try {
      this.att = await attachFirebird(
        attachOptions({ host: this.target.host, port: this.target.port, database: c.database, user: this.target.user, password: c.password, role: c.role }),
        c.connectTimeoutMs ?? 5000,
      );
      return this.att;
    } catch (err) {
      throw classifyFirebirdError(err, this.target, 'attach');
    }
  }

  private drop(att: FirebirdAttachment): void {
    if (this.att === att) this.att = null;
    destroyConnection(att.cnx);
  }

  private async begin(att: FirebirdAttachment, mode: TransactionMode): Promise<Transaction> {
    const options = mode === 'read'
      ? READ_TX
      : { isolation: ISOLATION_READ_UNCOMMITTED, readOnly: false, wait: true, waitTimeout: this.config.lockTimeoutSeconds ?? 5 };
    try {
      return await this.timed((att.db as Database).transactionAsync(options), {});
    } catch (err) {
      throw this.fail(err, 'query');
    }
  }

  private async run(tx: Transaction, sql: string, params: SqlParams | PositionalParams | undefined, opts: QueryOptions): Promise<Row[]> {
    try {
      const bound = bindParams(sql, params);
      const { rows, output } = await this.timed(new Promise<{ rows: unknown; output: OutputColumn[] | undefined }>((resolve, reject) => {
        tx.query(bound.sql, bound.args.map(toFirebirdParam), (err: unknown, rows: unknown, output?: unknown) => {
          if (err) reject(err);
          else resolve({ rows, output: output as OutputColumn[] | undefined });
        });
      }), opts);
      return normaliseFirebirdRows(rows, output);
    } catch (err) {
      throw this.fail(err, 'query', opts.label);
    }
  }

  private timed<T>(work: Promise<T>, opts: QueryOptions): Promise<T> {
    const ms = opts.timeoutMs ?? this.config.queryTimeoutMs ?? 60_000;
    work.catch(() => undefined); // a timed-out call may still reject later, when its socket dies
    return withTimeout(work, ms, () => {
      if (this.att) this.drop(this.att);
      const what = opts.label ? `The profile statement "${opts.label}"` : 'A statement';
      return new PosError('timeout', `${what} got no answer from Firebird within ${ms / 1000} s; the connection was reset and the next try reconnects.`, { statement: opts.label });
    });
  }

  private fail(err: unknown, phase: 'attach' | 'query', label?: string): PosError {
    const e = classifyFirebirdError(err, this.target, phase);
    return label ? inStatement(e, label) : e;
  }
}

function toFirebirdParam(v: SqlScalar): unknown {
  if (v instanceof Date) return formatWallClock(v);
  if (typeof v === 'bigint') return v.toString();
  return v;
}
