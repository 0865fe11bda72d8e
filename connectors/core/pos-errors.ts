/**
 * Errors raised by POS connectors. Every error is sorted once, where it is raised, into
 * "retryable" (the POS is busy, locked, restarting or unreachable: try again later) or
 * "permanent" (bad SQL, wrong password, missing database file, bad profile: a person must fix
 * something). The engine only looks at `retryable` and shows `message` as is, so the message
 * says in plain words what failed and how to fix it.
 */

/** What kind of trouble it is; stable codes the engine and the dashboard can switch on. */
export type PosErrorCode =
  | 'unreachable' // no server answers at host:port
  | 'auth' // user name or password refused
  | 'missing-database' // the database file does not exist or cannot be opened
  | 'no-permission' // the user may not read a table
  | 'lock' // lock conflict, deadlock or lock timeout
  | 'connection-lost' // the attachment was dropped (server stopped, network cut, attachment killed)
  | 'timeout' // a statement or an attach did not answer in time
  | 'bad-sql' // a statement does not compile or names an unknown table/column
  | 'bad-profile' // the profile JSON is invalid
  | 'bad-data' // a value could not be interpreted, or the POS refused it (constraint)
  | 'not-ready' // the POS works but is not ready for this write yet (e.g. no till session open)
  | 'unknown';

const RETRYABLE: ReadonlySet<PosErrorCode> = new Set(['unreachable', 'lock', 'connection-lost', 'timeout', 'not-ready']);

/** An error from the POS side with a plain-words message and a retry classification. */
export class PosError extends Error {
  readonly code: PosErrorCode;
  /** The profile statement that failed, e.g. "items.sql", when there is one. */
  readonly statement: string | undefined;
  readonly retryable: boolean;

  constructor(code: PosErrorCode, message: string, opts: { statement?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'PosError';
    this.code = code;
    this.statement = opts.statement;
    this.retryable = RETRYABLE.has(code);
  }
}

/** True for PosErrors worth retrying later (and for nothing else). */
export function isRetryablePosError(err: unknown): boolean {
  return err instanceof PosError && err.retryable;
}

/** Adds the failing statement's name to a PosError's message (once), keeping its code. */
export function inStatement(err: unknown, statement: string): PosError {
  if (err instanceof PosError) {
    if (err.statement !== undefined) return err;
    const message = err.code === 'bad-sql'
      ? `The profile statement "${statement}" failed: ${err.message}`
      : `${err.message} (while running "${statement}")`;
    return new PosError(err.code, message, { statement, cause: err.cause ?? err });
  }
  const text = err instanceof Error ? err.message : String(err);
  return new PosError('unknown', `The profile statement "${statement}" failed: ${text}`, { statement, cause: err });
}
