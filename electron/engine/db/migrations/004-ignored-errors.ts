import type { Database } from 'better-sqlite3';

/**
 * "Ignore" on a problem: a person saw it and chose not to act. The error is closed
 * (`resolved_at`) and marked `ignored_at`; while it keeps being reported with the same message
 * it stays closed (the ignore row is only bumped). A different message, or the item going
 * through once (which clears the ignore), opens it again: an ignore is for this problem, not
 * for the item forever.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE item_errors ADD COLUMN ignored_at TEXT;
    CREATE INDEX item_errors_ignored ON item_errors(scope, item_key, code) WHERE ignored_at IS NOT NULL;
    -- The dashboard's activity chart reads runs by time.
    CREATE INDEX IF NOT EXISTS runs_started ON runs(started_at);
  `);
}
