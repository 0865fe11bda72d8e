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
}

/**
 * Per-item errors. Reporting the same error again only counts it; an item that goes through
 * resolves its open errors, so the list holds what needs a person now, not history.
 */
export class ErrorLog {
  private readonly findOpen: Statement;
  private readonly bump: Statement;
  private readonly insert: Statement;

  constructor(private readonly db: Database) {
    // Prepared once: a run with many bad items reports one error per item.
    this.findOpen = db.prepare('SELECT id FROM item_errors WHERE scope = ? AND item_key = ? AND code = ? AND resolved_at IS NULL');
    this.bump = db.prepare('UPDATE item_errors SET message = ?, hint = ?, retryable = ?, last_seen = ?, occurrences = occurrences + 1 WHERE id = ?');
    this.insert = db.prepare(`INSERT INTO item_errors (scope, item_key, code, message, hint, retryable, first_seen, last_seen)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  }

  /** Records an error; returns true when it is new (a person should be told). */
  report(e: ErrorReport, now = new Date().toISOString()): boolean {
    const existing = this.findOpen.get(e.scope, e.itemKey, e.code) as { id: number } | undefined;
    if (existing) {
      this.bump.run(e.message, e.hint ?? null, e.retryable ? 1 : 0, now, existing.id);
      return false;
    }
    this.insert.run(e.scope, e.itemKey, e.code, e.message, e.hint ?? null, e.retryable ? 1 : 0, now, now);
    return true;
  }

  /** Marks an item's open errors resolved, except the codes still reported in this pass. */
  resolve(scope: ErrorScope, itemKey: string, keepCodes: readonly string[] = [], now = new Date().toISOString()): void {
    const placeholders = keepCodes.map(() => '?').join(',');
    const sql = `UPDATE item_errors SET resolved_at = ? WHERE scope = ? AND item_key = ? AND resolved_at IS NULL`
      + (keepCodes.length ? ` AND code NOT IN (${placeholders})` : '');
    this.db.prepare(sql).run(now, scope, itemKey, ...keepCodes);
  }

  /** Resolves every open error of a scope whose item is not in `stillFailing` (after a full pass). */
  resolveAllExcept(scope: ErrorScope, stillFailing: ReadonlySet<string>, now = new Date().toISOString()): void {
    const open = this.db.prepare('SELECT DISTINCT item_key FROM item_errors WHERE scope = ? AND resolved_at IS NULL').all(scope) as { item_key: string }[];
    const stmt = this.db.prepare('UPDATE item_errors SET resolved_at = ? WHERE scope = ? AND item_key = ? AND resolved_at IS NULL');
    this.db.transaction(() => {
      for (const { item_key } of open) if (!stillFailing.has(item_key)) stmt.run(now, scope, item_key);
    })();
  }

  open(scope?: ErrorScope): OpenError[] {
    const rows = (scope
      ? this.db.prepare('SELECT * FROM item_errors WHERE resolved_at IS NULL AND scope = ? ORDER BY last_seen DESC').all(scope)
      : this.db.prepare('SELECT * FROM item_errors WHERE resolved_at IS NULL ORDER BY last_seen DESC').all()) as ErrorRow[];
    return rows.map((r) => ({ id: r.id, scope: r.scope, itemKey: r.item_key, code: r.code, message: r.message, hint: r.hint,
      retryable: r.retryable === 1, firstSeen: r.first_seen, lastSeen: r.last_seen, occurrences: r.occurrences }));
  }

  openCount(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM item_errors WHERE resolved_at IS NULL').get() as { n: number }).n;
  }
}

interface ErrorRow { id: number; scope: ErrorScope; item_key: string; code: string; message: string; hint: string | null; retryable: number; first_seen: string; last_seen: string; occurrences: number }
