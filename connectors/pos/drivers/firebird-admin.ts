/**
 * Creating and dropping Firebird database files (tests, `tillbridge demo --firebird`, trials).
 * Same care as attaching: we own the wire connection, so a failure never leaves a socket open.
 * The file path is on the server's disk, in a folder the server's own user may write
 * (on Debian: /var/lib/firebird/3.0/data).
 */
import Connection from 'node-firebird/lib/wire/connection';
import type { Database } from 'node-firebird';
import { attachFirebird, attachOptions, destroyConnection, detachFirebird } from './firebird-attach';

export interface FirebirdAdminTarget {
  host?: string;
  port?: number;
  database: string;
  user?: string;
  password: string;
}

function options(t: FirebirdAdminTarget) {
  return attachOptions({ host: t.host ?? '127.0.0.1', port: t.port ?? 3050, database: t.database, user: t.user ?? 'SYSDBA', password: t.password });
}

/** Creates an empty UTF8 database with 8 KB pages; fails if the file exists. */
export function createFirebirdDatabase(target: FirebirdAdminTarget, timeoutMs = 15_000): Promise<void> {
  const opts = { ...options(target), pageSize: 8192, defaultCharset: 'UTF8', encoding: 'UTF8' as const };
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err?: unknown) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err) { destroyConnection(cnx); reject(err); return; }
      resolve();
    };
    const timer = setTimeout(() => finish(new Error(`creating ${target.database} got no answer within ${timeoutMs} ms`)), timeoutMs);
    timer.unref?.();
    const cnx: Connection = new Connection(opts.host!, opts.port!, (err: unknown) => {
      if (err) return finish(err);
      cnx.connect(opts as never, (err2: unknown) => {
        if (err2) return finish(err2);
        cnx.createDatabase(opts as never, (err3: unknown, db?: unknown) => {
          if (err3 || !db) return finish(err3 ?? new Error('create returned no database'));
          void detachFirebird({ db: db as Database, cnx }).then(() => finish(), finish);
        });
      });
    }, opts as never);
  });
}

/**
 * Drops a database file. Other attachments (a test that forgot to close, a killed process) would
 * block the drop, so they are disconnected first through the monitoring tables.
 */
export async function dropFirebirdDatabase(target: FirebirdAdminTarget, timeoutMs = 15_000): Promise<void> {
  const att = await attachFirebird(options(target), timeoutMs);
  try {
    await att.db.queryAsync('DELETE FROM MON$ATTACHMENTS WHERE MON$ATTACHMENT_ID <> CURRENT_CONNECTION');
  } catch {
    /* only SYSDBA or the owner may do this; the drop below says what is wrong */
  }
  await new Promise<void>((resolve, reject) => {
    att.db.drop((err: unknown) => {
      destroyConnection(att.cnx);
      if (err) reject(err instanceof Error ? err : new Error(String((err as { message?: string })?.message ?? err)));
      else resolve();
    });
  });
}
