/**
 * Attaching to Firebird with node-firebird, with the driver's sharp edges filed off:
 * - we build the wire Connection ourselves so we always hold its socket: a failed attach (missing
 *   file, refused plugin, wire-crypt mismatch) otherwise leaves the socket open and the process
 *   never exits (hgourvest/node-firebird#299), so every failure destroys it;
 * - `isPool` turns off the driver's own one-shot reconnect, which can leave later queries hanging
 *   forever when the server stays down; the driver above re-attaches instead;
 * - a wrong password calls back twice: only the first answer counts;
 * - every attach has a deadline.
 */
import Connection from 'node-firebird/lib/wire/connection';
import type { Database, Options } from 'node-firebird';

/** A live attachment: the public Database API plus the wire connection we may have to kill. */
export interface FirebirdAttachment {
  readonly db: Database;
  readonly cnx: Connection;
}

/** node-firebird options plus the pool flag its types leave out. */
type AttachOptions = Options & { isPool: boolean };

/** Connection options shared by every attachment a driver makes. */
export function attachOptions(base: {
  host: string; port: number; database: string; user: string; password: string; role?: string;
}): AttachOptions {
  return {
    host: base.host,
    port: base.port,
    database: base.database,
    user: base.user,
    password: base.password,
    ...(base.role ? { role: base.role } : {}),
    numericMode: 'string', // BIGINT and NUMERIC(p>9) come back as exact strings
    blobAsText: true,
    statementCacheSize: 64, // repeated statements (generators, per-id reads) skip the prepare round trip
    isPool: true, // no self-reconnect: see the file comment
    enableKeepAlive: true,
    keepAliveInitialDelay: 30_000,
  };
}

/** Attaches or fails within `timeoutMs`; on failure nothing is left open. */
export function attachFirebird(options: AttachOptions, timeoutMs: number): Promise<FirebirdAttachment> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let cnx: Connection | undefined;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (cnx) destroyConnection(cnx);
      reject(err);
    };
    const timer = setTimeout(() => {
      fail(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
    }, timeoutMs);
    timer.unref?.();
    try {
      cnx = new Connection(options.host ?? '127.0.0.1', options.port ?? 3050, (err: unknown) => {
        if (err) return fail(err);
        cnx!.connect(options as never, (err2: unknown) => {
          if (err2) return fail(err2);
          cnx!.attach(options as never, (err3: unknown, db?: unknown) => {
            if (err3 || !db) return fail(err3 ?? new Error('attach returned no database'));
            if (settled) { destroyConnection(cnx!); return; }
            settled = true;
            clearTimeout(timer);
            const database = db as Database & { on?: (ev: string, fn: (e: unknown) => void) => void };
            // Socket errors are reported to pending calls; an 'error' listener keeps a stray one
            // from becoming an uncaught exception.
            database.on?.('error', () => undefined);
            resolve({ db: database, cnx: cnx! });
          });
        });
      }, options as never);
    } catch (err) {
      fail(err);
    }
  });
}

/** Kills the socket at once (no goodbye to the server) and cancels any pending driver retry. */
export function destroyConnection(cnx: Connection): void {
  const c = cnx as unknown as { _retry_connection_id?: NodeJS.Timeout; _detachTimeout?: NodeJS.Timeout; _socket?: { destroy?: () => void } | null; _isClosed: boolean };
  clearTimeout(c._retry_connection_id);
  clearTimeout(c._detachTimeout);
  try { c._socket?.destroy?.(); } catch { /* already gone */ }
  c._isClosed = true;
}

/** Detaches politely, falling back to destroying the socket when the server does not answer. */
export function detachFirebird(att: FirebirdAttachment, timeoutMs = 2000): Promise<void> {
  return new Promise((resolve) => {
    const cnx = att.cnx as unknown as { _isClosed: boolean; detach: (cb: (err?: unknown) => void) => void; disconnect: () => void };
    if (cnx._isClosed) { destroyConnection(att.cnx); resolve(); return; }
    const timer = setTimeout(() => { destroyConnection(att.cnx); resolve(); }, timeoutMs);
    timer.unref?.();
    try {
      cnx.detach(() => {
        clearTimeout(timer);
        try { cnx.disconnect(); } catch { /* ignore */ }
        destroyConnection(att.cnx);
        resolve();
      });
    } catch {
      clearTimeout(timer);
      destroyConnection(att.cnx);
      resolve();
    }
  });
}
