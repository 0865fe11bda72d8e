/**
 * SqlDriver for SQLite files (better-sqlite3): the embedded demo POS, and any small POS that
 * keeps a SQLite file. Reads go through a read-only handle, so the connector can never change
 * the POS's data by accident; writes (orders into the POS, demo data) use a second handle opened
 * only when needed. The file runs in WAL mode, so the POS writing and us reading never wait on
 * each other; a read transaction sees one consistent snapshot.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { PosError, inStatement, type PosErrorCode } from '../../core/pos-errors';
import type { QueryOptions, Row, SqlDriver, SqlTransaction, SqlValue, TransactionMode } from './sql-driver';
import { crc32 } from './crc32';
import { bindNamed, bindParams, type PositionalParams, type SqlParams, type SqlScalar } from './sql-params';
import { SerialQueue } from './serial-queue';
import { formatWallClock } from './wall-clock';

export interface SqliteDriverConfig {
  file: string;
  /** How long a write waits for another writer before failing (default 5 s). */
  busyTimeoutMs?: number;
}

type Handle = Database.Database;
type Statement = Database.Statement<unknown[]>;

export class SqliteDriver implements SqlDriver {
  readonly engine = 'sqlite' as const;
  private reader: Handle | null = null;
  private writer: Handle | null = null;
  private readonly statements = new WeakMap<Handle, Map<string, Statement>>();
  private readonly queue = new SerialQueue();

  constructor(private readonly config: SqliteDriverConfig) {}

  query(sql: string, params?: SqlParams | PositionalParams, opts: QueryOptions = {}): Promise<Row[]> {
    return this.queue.run(async () => this.run(this.open('read'), sql, params, opts));
  }

  describe(sql: string, params?: SqlParams, opts: QueryOptions = {}): Promise<string[]> {
    return this.queue.run(async () => {
      try {
        const bound = bindNamed(sql, params);
        const stmt = this.prepare(this.open('read'), bound.sql);
        // A write without RETURNING returns no columns (better-sqlite3 refuses columns() on it).
        return stmt.reader ? stmt.columns().map((c) => c.name.toUpperCase()) : [];
      } catch (err) {
        throw this.fail(err, opts.label);
      }
    });
  }

  transaction<T>(fn: (tx: SqlTransaction) => Promise<T>, opts: { mode?: TransactionMode; label?: string } = {}): Promise<T> {
    const mode = opts.mode ?? 'read';
    return this.queue.run(async () => {
      const db = this.open(mode);
      try {
        db.exec(mode === 'write' ? 'BEGIN IMMEDIATE' : 'BEGIN');
      } catch (err) {
        throw this.fail(err, opts.label);
      }
      try {
        const result = await fn({ query: async (sql, params, qopts = {}) => this.run(db, sql, params, qopts) });
        db.exec('COMMIT');
        return result;
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw err instanceof PosError ? err : this.fail(err, opts.label);
      }
    });
  }

  async serverVersion(): Promise<string> {
    const rows = await this.query('SELECT sqlite_version() AS V', {}, { label: 'server version' });
    return `SQLite ${String(rows[0]?.V ?? '?')}`;
  }

  async close(): Promise<void> {
    await this.queue.run(async () => {
      this.reader?.close();
      this.writer?.close();
      this.reader = null;
      this.writer = null;
    });
  }

  private open(mode: TransactionMode): Handle {
    const existing = mode === 'read' ? this.reader : this.writer;
    if (existing) return existing;
    const file = this.config.file;
    if (!existsSync(file)) {
      throw new PosError('missing-database', `The POS database file "${file}" does not exist. Check the path in the settings.`);
    }
    try {
      const db = new Database(file, { readonly: mode === 'read', fileMustExist: true, timeout: this.config.busyTimeoutMs ?? 5000 });
      if (mode === 'write') db.pragma('journal_mode = WAL');
      // Firebird's HASH() (and MySQL's CRC32()) for bucket fingerprints: SQLite has no hash of its own.
      db.function('HASH', { deterministic: true }, (v: unknown) => (v === null || v === undefined ? null : crc32(String(v))));
      if (mode === 'read') this.reader = db; else this.writer = db;
      return db;
    } catch (err) {
      throw this.fail(err);
    }
  }

  private prepare(db: Handle, sql: string): Statement {
    let cache = this.statements.get(db);
    if (!cache) this.statements.set(db, (cache = new Map()));
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      if (cache.size >= 200) cache.clear();
      cache.set(sql, stmt);
    }
    return stmt;
  }

  private run(db: Handle, sql: string, params: SqlParams | PositionalParams | undefined, opts: QueryOptions): Row[] {
    try {
      const bound = bindParams(sql, params);
      const stmt = this.prepare(db, bound.sql);
      const args = bound.args.map(toSqliteParam);
      if (!stmt.reader) {
        stmt.run(...args);
        return [];
      }
      const columns = stmt.columns().map((c) => c.name);
      const names = columns.map((c) => c.toUpperCase());
      // Usual case: the statement already names its columns in upper case; let SQLite build the objects.
      if (columns.every((c, i) => c === names[i]) && new Set(names).size === names.length) return stmt.all(...args) as Row[];
      const raw = stmt.raw(true).all(...args) as SqlValue[][];
      stmt.raw(false);
      return raw.map((values) => {
        const row: Row = {};
        for (let i = 0; i < names.length; i++) row[names[i]!] = values[i] ?? null;
        return row;
      });
    } catch (err) {
      throw this.fail(err, opts.label);
    }
  }

  private fail(err: unknown, label?: string): PosError {
    const e = classifySqliteError(err, this.config.file);
    return label ? inStatement(e, label) : e;
  }
}

function toSqliteParam(v: SqlScalar): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return formatWallClock(v);
  return v;
}

/** SQLite result codes sorted like Firebird's: busy/locked retry, the rest needs a person. */
export function classifySqliteError(err: unknown, file: string): PosError {
  if (err instanceof PosError) return err;
  const e = (err ?? {}) as { code?: string; message?: string };
  const text = e.message ?? String(err);
  const code = e.code ?? '';
  const make = (c: PosErrorCode, message: string) => new PosError(c, message, { cause: err });
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return make('bad-data', `The POS database refused the data (${text}). Check the values, or the profile statement that writes them.`);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return make('lock', `The POS database file is busy (${text}). This is retried automatically.`);
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_NOTADB') {
    return make('missing-database', `Cannot open the POS database file "${file}" (${text}). Check the path in the settings.`);
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_AUTH')) {
    return make('no-permission', `The POS database file "${file}" cannot be written (${text}). Check the file's permissions.`);
  }
  if (code === 'SQLITE_ERROR' || code === 'SQLITE_RANGE' || code === 'SQLITE_MISMATCH' || /syntax error|no such (table|column)|incomplete input/.test(text)) {
    return make('bad-sql', `${text}. Fix the statement in the POS profile.`);
  }
  return make('unknown', `SQLite error: ${text}`);
}
