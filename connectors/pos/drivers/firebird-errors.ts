/**
 * Sorts node-firebird's errors (gdscodes, socket errors, its own "Connection is closed.") into
 * PosErrors with plain-words messages. Lock and connection trouble is retryable; bad SQL, a
 * refused login or a missing database file needs a person.
 */
import { GDSCode } from 'node-firebird';
import { PosError, type PosErrorCode } from '../../core/pos-errors';

/** Where the driver was trying to go, for messages that say what to check. */
export interface FirebirdTarget {
  host: string;
  port: number;
  database: string;
  user: string;
}

const LOCK = new Set<number>([GDSCode.DEADLOCK, GDSCode.LOCK_CONFLICT, GDSCode.LOCK_TIMEOUT, GDSCode.UPDATE_CONFLICT]);
const LOST = new Set<number>([
  GDSCode.CONN_LOST, GDSCode.NETWORK_ERROR, GDSCode.NET_READ_ERR, GDSCode.NET_WRITE_ERR, GDSCode.LOST_DB_CONNECTION,
  GDSCode.SHUTDOWN, GDSCode.ATT_SHUTDOWN, GDSCode.SHUTINPROG, GDSCode.CONNECT_REJECT,
]);
const BAD_SQL = new Set<number>([
  GDSCode.DSQL_ERROR, GDSCode.DSQL_FIELD_ERR, GDSCode.DSQL_RELATION_ERR, GDSCode.DSQL_TOKEN_UNK_ERR,
  GDSCode.DSQL_COMMAND_ERR, GDSCode.DSQL_PROCEDURE_ERR, GDSCode.DSQL_FUNCTION_ERR, GDSCode.DSQL_DATATYPE_ERR,
  GDSCode.CONVERT_ERROR, GDSCode.DSQL_AMBIGUOUS_FIELD_NAME, GDSCode.DSQL_COLUMN_POS_ERR, GDSCode.SYNTAXERR,
]);
/** The POS's own rules refused a write: NOT NULL, unique, foreign key, check constraint. */
const CONSTRAINT = new Set<number>([GDSCode.NOT_VALID, GDSCode.NO_DUP, GDSCode.UNIQUE_KEY_VIOLATION, GDSCode.FOREIGN_KEY, GDSCode.CHECK_CONSTRAINT]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE']);

/** Turns whatever node-firebird threw into a PosError (PosErrors pass through unchanged). */
export function classifyFirebirdError(err: unknown, target: FirebirdTarget, phase: 'attach' | 'query'): PosError {
  if (err instanceof PosError) return err;
  const e = (err ?? {}) as { gdscode?: number; code?: string; message?: string };
  const text = (e.message ?? String(err)).replace(/\s+/g, ' ').trim();
  const where = `${target.host}:${target.port}`;
  const make = (code: PosErrorCode, message: string) => new PosError(code, message, { cause: err });

  if (typeof e.gdscode === 'number') {
    const g = e.gdscode;
    if (g === GDSCode.LOGIN) {
      return make('auth', `Firebird at ${where} refused the login for user "${target.user}": wrong user name or password. Check the POS user and password in the settings.`);
    }
    if (g === GDSCode.IO_ERROR || g === GDSCode.BAD_DB_FORMAT) {
      return make('missing-database', `Firebird at ${where} cannot open the database file "${target.database}" (${text}). Check the database path: it is a path on the server's disk, and the file must exist.`);
    }
    if (g === GDSCode.NO_PRIV) {
      return make('no-permission', `Firebird user "${target.user}" may not read what a profile statement needs (${text}). Grant SELECT on those tables or use another user.`);
    }
    if (LOCK.has(g)) {
      return make('lock', `The POS database is busy: a record is locked by another transaction (${text}). This is retried automatically.`);
    }
    if (LOST.has(g)) {
      return make('connection-lost', `The connection to Firebird at ${where} was lost (${text}). It is re-established automatically.`);
    }
    if (g === GDSCode.CANCELLED) {
      return make('timeout', `A statement on Firebird at ${where} took too long and was cancelled.`);
    }
    if (CONSTRAINT.has(g)) {
      return make('bad-data', `The POS database refused the data (${text}). Check the values, or the profile statement that writes them.`);
    }
    if (BAD_SQL.has(g)) return make('bad-sql', `${text}. Fix the statement in the POS profile.`);
    return make('unknown', `Firebird reported an error: ${text}`);
  }
  if (e.code && NETWORK_CODES.has(e.code)) {
    if (phase === 'attach' && (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'EHOSTUNREACH' || e.code === 'ENETUNREACH' || e.code === 'EAI_AGAIN' || e.code === 'ETIMEDOUT')) {
      return make('unreachable', `No Firebird server answers at ${where} (${e.code}). Check that the POS server is running and that the host and port in the settings are right.`);
    }
    return make('connection-lost', `The connection to Firebird at ${where} was lost (${e.code}). It is re-established automatically.`);
  }
  if (/connection (is closed|to firebird server was lost)|socket|shutdown/i.test(text)) {
    return make('connection-lost', `The connection to Firebird at ${where} was lost (${text}). It is re-established automatically.`);
  }
  return make('unknown', `Firebird driver error: ${text}`);
}
