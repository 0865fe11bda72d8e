/**
 * Sorts mysql2's errors (server error numbers, SQLSTATEs, socket errors and its own protocol
 * codes) into PosErrors with plain-words messages, the same kinds the Firebird driver reports:
 * lock and connection trouble is retryable; bad SQL, a refused login or a missing database needs
 * a person. Messages name host, port, database and user, never the password.
 */
import { PosError, type PosErrorCode } from '../../core/pos-errors';

/** Where the driver was trying to go, for messages that say what to check. */
export interface MysqlTarget {
  host: string;
  port: number;
  database: string;
  user: string;
}

/** Server error numbers (MySQL and MariaDB share them below 2000; 1969 and 4025 are MariaDB's, 3024 and 3819 MySQL's). */
const ER = {
  DBACCESS_DENIED: 1044, ACCESS_DENIED: 1045, BAD_DB: 1049, SERVER_SHUTDOWN: 1053, CON_COUNT: 1040,
  HOST_BLOCKED: 1129, HOST_NOT_PRIVILEGED: 1130, ACCESS_DENIED_NO_PASSWORD: 1698,
  LOCK_WAIT_TIMEOUT: 1205, LOCK_DEADLOCK: 1213, CHECKREAD: 1020, QUERY_INTERRUPTED: 1317,
  STATEMENT_TIMEOUT: 1969, QUERY_TIMEOUT: 3024, CONNECTION_KILLED: 1927, CLIENT_INTERACTION_TIMEOUT: 4031,
  TABLEACCESS_DENIED: 1142, COLUMNACCESS_DENIED: 1143, SPECIFIC_ACCESS_DENIED: 1227, PROCACCESS_DENIED: 1370,
  CANT_EXECUTE_IN_READ_ONLY_TRANSACTION: 1792,
} as const;

const LOCK = new Set<number>([ER.LOCK_WAIT_TIMEOUT, ER.LOCK_DEADLOCK, ER.CHECKREAD]);
const TIMEOUT = new Set<number>([ER.STATEMENT_TIMEOUT, ER.QUERY_TIMEOUT, ER.QUERY_INTERRUPTED]);
const LOST_ERRNO = new Set<number>([ER.SERVER_SHUTDOWN, ER.CONNECTION_KILLED, ER.CLIENT_INTERACTION_TIMEOUT, 1158, 1159, 1160, 1161]);
const NO_PERMISSION = new Set<number>([ER.TABLEACCESS_DENIED, ER.COLUMNACCESS_DENIED, ER.SPECIFIC_ACCESS_DENIED, ER.PROCACCESS_DENIED]);
/** Socket errors and mysql2's own codes for a connection that died under a call. */
const LOST_CODES = new Set(['ECONNRESET', 'EPIPE', 'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT', 'ECONNABORTED']);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT']);

/** Turns whatever mysql2 threw into a PosError (PosErrors pass through unchanged). */
export function classifyMysqlError(err: unknown, target: MysqlTarget, phase: 'attach' | 'query'): PosError {
  if (err instanceof PosError) return err;
  const e = (err ?? {}) as { errno?: number; code?: string; sqlState?: string; sqlMessage?: string; message?: string; fatal?: boolean };
  const text = (e.sqlMessage ?? e.message ?? String(err)).replace(/\s+/g, ' ').trim();
  const where = `${target.host}:${target.port}`;
  const make = (code: PosErrorCode, message: string) => new PosError(code, message, { cause: err });
  const lost = () => make('connection-lost', `The connection to the MariaDB/MySQL server at ${where} was lost (${text}). It is re-established automatically.`);
  // A server error carries its SQLSTATE; socket errors reuse errno for the OS number, so look at sqlState first.
  const serverError = typeof e.sqlState === 'string' && typeof e.errno === 'number';

  if (serverError) {
    const n = e.errno!;
    const state = e.sqlState!;
    if (n === ER.ACCESS_DENIED || n === ER.ACCESS_DENIED_NO_PASSWORD) {
      return make('auth', `The MariaDB/MySQL server at ${where} refused the login for user "${target.user}": wrong user name or password. Check the POS user and password in the settings.`);
    }
    if (n === ER.HOST_NOT_PRIVILEGED || n === ER.HOST_BLOCKED) {
      return make('auth', `The MariaDB/MySQL server at ${where} does not accept connections from this computer (${text}). Allow this computer for user "${target.user}" on the server.`);
    }
    if (n === ER.BAD_DB) {
      return make('missing-database', `The MariaDB/MySQL server at ${where} has no database "${target.database}". Check the database name in the settings.`);
    }
    if (n === ER.DBACCESS_DENIED) {
      return make('missing-database', `The MariaDB/MySQL server at ${where} does not let user "${target.user}" open the database "${target.database}": it does not exist, or the user has no rights on it. Check the database name and the user's grants.`);
    }
    if (n === ER.CON_COUNT) {
      return make(phase === 'attach' ? 'unreachable' : 'connection-lost', `The MariaDB/MySQL server at ${where} has too many connections open (${text}). This is retried automatically.`);
    }
    if (NO_PERMISSION.has(n)) {
      return make('no-permission', `MariaDB/MySQL user "${target.user}" may not do what a profile statement needs (${text}). Grant the rights on those tables or use another user.`);
    }
    if (LOCK.has(n)) {
      return make('lock', `The POS database is busy: a record is locked by another transaction (${text}). This is retried automatically.`);
    }
    if (TIMEOUT.has(n)) {
      return make('timeout', `A statement on the MariaDB/MySQL server at ${where} took too long and was stopped (${text}).`);
    }
    if (LOST_ERRNO.has(n)) return lost();
    if (n === ER.CANT_EXECUTE_IN_READ_ONLY_TRANSACTION) {
      return make('bad-sql', `${text}. A read statement tried to change data; fix the statement in the POS profile.`);
    }
    // SQLSTATE classes: 23 integrity constraint (NOT NULL, unique, foreign key, check), 22 data exception.
    if (state.startsWith('23') || state.startsWith('22') || n === 1364 /* no default for a NOT NULL field */) {
      return make('bad-data', `The POS database refused the data (${text}). Check the values, or the profile statement that writes them.`);
    }
    // 42: syntax error or access rule (unknown table/column/function); 1295: not preparable.
    if (state.startsWith('42') || state === '3D000' || n === 1295 || n === 1210) return make('bad-sql', `${text}. Fix the statement in the POS profile.`);
    if (state.startsWith('08')) return lost();
    return make('unknown', `The MariaDB/MySQL server reported an error: ${text}`);
  }
  if (e.code && UNREACHABLE_CODES.has(e.code) && phase === 'attach') {
    return make('unreachable', `No MariaDB/MySQL server answers at ${where} (${e.code}). Check that the POS database server is running and that the host and port in the settings are right.`);
  }
  if ((e.code && (LOST_CODES.has(e.code) || UNREACHABLE_CODES.has(e.code))) || e.fatal) return lost();
  if (/closed state|connection (is )?closed|connection lost|socket/i.test(text)) return lost();
  return make('unknown', `MariaDB/MySQL driver error: ${text}`);
}
