import type { Database, Statement } from 'better-sqlite3';

export type ErrorScope = 'product' | 'order' | 'customer' | 'pos' | 'store';

/** One open problem with one item, as the dashboard and the CLI show it. */
export interface OpenError {
  id: number;
  scope: ErrorScope;
  itemKey: string;
  code: string;
  message: string;
  hint: string | null;
  retryable: boolean;
  firstSeen: string;
  lastSeen: string;
  occurrences: number;
}

export interface ErrorReport {
  scope: ErrorScope;
  itemKey: string;
  code: string;
  message: string;
  hint?: string | null;
  retryable?: boolean;
  /** Facts behind the problem (JSON-serialisable) for `latest` to give back; most problems have none. */
  detail?: unknown;
}

/** The newest row of one problem: its id, words and facts. */
export interface ProblemRow {
  id: number;
  message: string;
  detail: unknown;
}

/**
 * Per-item errors. Reporting the same error again only counts it; an item that goes through
 * resolves its open errors, so the list holds what needs a person now, not history.
 */
export class ErrorLog {
  private readonly findOpen: Statement;
  private readonly findIgnored: Statement;
  private readonly bump: Statement;
  private readonly insert: Statement;
  /** Codes that passes never resolve: only a person closes them (`ignore`), or `resolveCode`. */
  private readonly personCloses = new Set<string>();

  constructor(private readonly db: Database) {
    // Prepared once: a run with many bad items reports one error per item.
    this.findOpen = db.prepare('SELECT id FROM item_errors WHERE scope = ? AND item_key = ? AND code = ? AND resolved_at IS NULL');
    this.findIgnored = db.prepare('SELECT id, message FROM item_errors WHERE scope = ? AND item_key = ? AND code = ? AND ignored_at IS NOT NULL ORDER BY id DESC LIMIT 1');
    this.bump = db.prepare('UPDATE item_errors SET message = ?, hint = ?, retryable = ?, last_seen = ?, occurrences = occurrences + 1, detail = ? WHERE id = ?');
    this.insert = db.prepare(`INSERT INTO item_errors (scope, item_key, code, message, hint, retryable, first_seen, last_seen, detail)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  }

  /**
   * Problems of this code stay open until a person acknowledges them: `resolve` and
   * `resolveAllExcept` (a pass saying an item went through) leave them and their acknowledgement alone.
   */
  keepUntilAcknowledged(code: string): void {
    this.personCloses.add(code);
  }

  /** The open row and the newest acknowledged row of one problem (either may be null). */
  latest(scope: ErrorScope, itemKey: string, code: string): { open: ProblemRow | null; acknowledged: ProblemRow | null } {
    const row = (sql: string) => {
      const r = this.db.prepare(sql).get(scope, itemKey, code) as { id: number; message: string; detail: string | null } | undefined;
      return r ? { id: r.id, message: r.message, detail: r.detail === null ? null : JSON.parse(r.detail) as unknown } : null;
    };
    return {
      open: row('SELECT id, message, detail FROM item_errors WHERE scope = ? AND item_key = ? AND code = ? AND resolved_at IS NULL ORDER BY id DESC LIMIT 1'),
      acknowledged: row('SELECT id, message, detail FROM item_errors WHERE scope = ? AND item_key = ? AND code = ? AND ignored_at IS NOT NULL ORDER BY id DESC LIMIT 1'),
    };
  }

  /** SQL that leaves out the codes only a person closes, and its parameters. */
  private passCodes(): { sql: string; params: string[] } {
    const codes = [...this.personCloses];
    return codes.length ? { sql: ` AND code NOT IN (${codes.map(() => '?').join(',')})`, params: codes } : { sql: '', params: [] };
  }

  /** Records an error; returns true when it is new (a person should be told). */
  report(e: ErrorReport, now = new Date().toISOString()): boolean {
    const existing = this.findOpen.get(e.scope, e.itemKey, e.code) as { id: number } | undefined;
    const detail = e.detail === undefined ? null : JSON.stringify(e.detail);
    if (existing) {
      this.bump.run(e.message, e.hint ?? null, e.retryable ? 1 : 0, now, detail, existing.id);
      return false;
    }
    const ignored = this.findIgnored.get(e.scope, e.itemKey, e.code) as { id: number; message: string } | undefined;
    if (ignored && ignored.message === e.message) {
      this.bump.run(e.message, e.hint ?? null, e.retryable ? 1 : 0, now, detail, ignored.id);
      return false;
    }
    this.insert.run(e.scope, e.itemKey, e.code, e.message, e.hint ?? null, e.retryable ? 1 : 0, now, now, detail);
    return true;
  }

  /** Marks an item's open errors resolved, except the codes still reported in this pass; the item went through, so its ignores end. */
  resolve(scope: ErrorScope, itemKey: string, keepCodes: readonly string[] = [], now = new Date().toISOString()): void {
    keepCodes = [...keepCodes, ...this.personCloses];
    const placeholders = keepCodes.map(() => '?').join(',');
    const notKept = keepCodes.length ? ` AND code NOT IN (${placeholders})` : '';
    this.db.prepare(`UPDATE item_errors SET resolved_at = ? WHERE scope = ? AND item_key = ? AND resolved_at IS NULL${notKept}`).run(now, scope, itemKey, ...keepCodes);
    this.db.prepare(`UPDATE item_errors SET ignored_at = NULL WHERE scope = ? AND item_key = ? AND ignored_at IS NOT NULL${notKept}`).run(scope, itemKey, ...keepCodes);
  }

  /** Item keys of a scope with an open or an ignored (acknowledged) error of this code. */
  keysWithCode(scope: ErrorScope, code: string): string[] {
    return (this.db.prepare('SELECT DISTINCT item_key FROM item_errors WHERE scope = ? AND code = ? AND (resolved_at IS NULL OR ignored_at IS NOT NULL)')
      .all(scope, code) as { item_key: string }[]).map((r) => r.item_key);
  }

  /** The condition behind one code of an item is gone: its open error resolves and its ignore ends (other codes untouched). */
  resolveCode(scope: ErrorScope, itemKey: string, code: string, now = new Date().toISOString()): void {
    this.db.prepare('UPDATE item_errors SET resolved_at = ? WHERE scope = ? AND item_key = ? AND code = ? AND resolved_at IS NULL').run(now, scope, itemKey, code);
    this.db.prepare('UPDATE item_errors SET ignored_at = NULL WHERE scope = ? AND item_key = ? AND code = ? AND ignored_at IS NOT NULL').run(scope, itemKey, code);
  }

  /** One error by id, open or not; null when there is no such id. */
  get(id: number): (OpenError & { open: boolean; ignored: boolean }) | null {
    const r = this.db.prepare('SELECT * FROM item_errors WHERE id = ?').get(id) as (ErrorRow & { resolved_at: string | null; ignored_at: string | null }) | undefined;
    return r ? { ...toOpenError(r), open: r.resolved_at === null, ignored: r.ignored_at !== null } : null;
  }

  /** A person chose to ignore this problem: it closes and stays closed while it repeats unchanged. */
  ignore(id: number, now = new Date().toISOString()): boolean {
    return this.db.prepare('UPDATE item_errors SET resolved_at = ?, ignored_at = ? WHERE id = ? AND resolved_at IS NULL').run(now, now, id).changes === 1;
  }

  /** Problems opened after `id` (the new ones since a listener last looked). */
  openAfter(id: number): OpenError[] {
    return (this.db.prepare('SELECT * FROM item_errors WHERE resolved_at IS NULL AND id > ? ORDER BY id').all(id) as ErrorRow[]).map(toOpenError);
  }

  /** The highest error id so far (0 when none). */
  lastId(): number {
    return (this.db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM item_errors').get() as { id: number }).id;
  }

  /** Resolves every open error of a scope whose item is not in `stillFailing` (after a full pass); their ignores end too. */
  resolveAllExcept(scope: ErrorScope, stillFailing: ReadonlySet<string>, now = new Date().toISOString()): void {
    const { sql: pass, params } = this.passCodes();
    const open = this.db.prepare(`SELECT DISTINCT item_key FROM item_errors WHERE scope = ? AND resolved_at IS NULL${pass}`).all(scope, ...params) as { item_key: string }[];
    const ignored = this.db.prepare(`SELECT DISTINCT item_key FROM item_errors WHERE scope = ? AND ignored_at IS NOT NULL${pass}`).all(scope, ...params) as { item_key: string }[];
    const stmt = this.db.prepare(`UPDATE item_errors SET resolved_at = ? WHERE scope = ? AND item_key = ? AND resolved_at IS NULL${pass}`);
    const unignore = this.db.prepare(`UPDATE item_errors SET ignored_at = NULL WHERE scope = ? AND item_key = ? AND ignored_at IS NOT NULL${pass}`);
    this.db.transaction(() => {
      for (const { item_key } of open) if (!stillFailing.has(item_key)) stmt.run(now, scope, item_key, ...params);
      for (const { item_key } of ignored) if (!stillFailing.has(item_key)) unignore.run(scope, item_key, ...params);
    })();
  }

  open(scope?: ErrorScope): OpenError[] {
    const rows = (scope
      ? this.db.prepare('SELECT * FROM item_errors WHERE resolved_at IS NULL AND scope = ? ORDER BY last_seen DESC').all(scope)
      : this.db.prepare('SELECT * FROM item_errors WHERE resolved_at IS NULL ORDER BY last_seen DESC').all()) as ErrorRow[];
    return rows.map(toOpenError);
  }

  openCount(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM item_errors WHERE resolved_at IS NULL').get() as { n: number }).n;
  }
}

interface ErrorRow { id: number; scope: ErrorScope; item_key: string; code: string; message: string; hint: string | null; retryable: number; first_seen: string; last_seen: string; occurrences: number }

function toOpenError(r: ErrorRow): OpenError {
  return { id: r.id, scope: r.scope, itemKey: r.item_key, code: r.code, message: r.message, hint: r.hint,
    retryable: r.retryable === 1, firstSeen: r.first_seen, lastSeen: r.last_seen, occurrences: r.occurrences };
}
