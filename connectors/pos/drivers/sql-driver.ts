/**
 * The small SQL surface every POS database is reached through. The profile runner only knows
 * this interface, so the same profile machinery works on Firebird and MariaDB/MySQL (the real POS
 * systems) and on SQLite (the embedded demo POS). Drivers hand back rows with UPPERCASE keys and plain values:
 * text, numbers, exact decimal strings for fixed-point columns, and local wall-clock strings
 * ("2026-11-28 14:05:00.000", "2026-11-28") for dates and timestamps.
 */
import type { PositionalParams, SqlParams } from './sql-params';

/** A column value as a driver returns it. Fixed-point NUMERIC/DECIMAL values are strings. */
export type SqlValue = string | number | bigint | boolean | null | Buffer;

/** One result row; keys are the column names in upper case. */
export type Row = Record<string, SqlValue>;

export interface QueryOptions {
  /** Name of the profile statement ("items.sql"): errors quote it so the installer knows what to fix. */
  label?: string;
  /** Upper bound for this statement; the driver's default applies when absent. */
  timeoutMs?: number;
}

/** Something statements run on: the driver itself (one short transaction each) or an open transaction. */
export interface SqlRunner {
  /** `params` by name (`:name`), or a list for `?` markers (see PositionalParams). */
  query(sql: string, params?: SqlParams | PositionalParams, opts?: QueryOptions): Promise<Row[]>;
}

/** A statement run inside a transaction the driver opened; `RETURNING` rows come back like SELECT rows. */
export type SqlTransaction = SqlRunner;

/**
 * "read": read-only, never waits for a POS lock (Firebird: read committed, record version,
 * no wait; MariaDB/MySQL: a read-only consistent snapshot). "write": may wait a few seconds for
 * a lock, then fails with a retryable error.
 */
export type TransactionMode = 'read' | 'write';

export interface SqlDriver extends SqlRunner {
  readonly engine: 'firebird' | 'sqlite' | 'mysql';
  /** Column names (upper case) a statement returns, without fetching rows: used to check profiles. */
  describe(sql: string, params?: SqlParams, opts?: QueryOptions): Promise<string[]>;
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. Reads
   * never retry inside; a write transaction is never retried by the driver (the caller decides,
   * since only it knows whether the work is safe to repeat).
   */
  transaction<T>(fn: (tx: SqlTransaction) => Promise<T>, opts?: { mode?: TransactionMode; label?: string }): Promise<T>;
  /** Connects if needed and names the server ("Firebird 3.0.11", "SQLite 3.50.2", "MariaDB 10.11.19"). */
  serverVersion(): Promise<string>;
  close(): Promise<void>;
}
