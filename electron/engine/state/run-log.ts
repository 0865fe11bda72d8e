import type { Database } from 'better-sqlite3';

export type RunStatus = 'running' | 'ok' | 'partial' | 'failed' | 'interrupted';

export interface RunCounts {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  requests: number;
}

export interface RunRecord extends RunCounts {
  id: number;
  kind: string;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  durationMs: number | null;
  message: string | null;
}

/**
 * Run history for the dashboard's activity chart. A run left 'running' by a crash is closed as
 * 'interrupted' at the next start, so nothing shows "in progress" forever.
 */
export class RunLog {
  constructor(private readonly db: Database) {}

  start(kind: string, trigger: string, now = new Date()): number {
    return Number(this.db.prepare(`INSERT INTO runs (kind, trigger, started_at, status) VALUES (?, ?, ?, 'running')`)
      .run(kind, trigger, now.toISOString()).lastInsertRowid);
  }

  finish(id: number, status: Exclude<RunStatus, 'running'>, counts: RunCounts, message: string | null = null, now = new Date()): void {
    const started = this.db.prepare('SELECT started_at FROM runs WHERE id = ?').get(id) as { started_at: string } | undefined;
    const duration = started ? now.getTime() - Date.parse(started.started_at) : null;
    this.db.prepare(`UPDATE runs SET finished_at = ?, status = ?, created = ?, updated = ?, unchanged = ?, failed = ?,
      requests = ?, duration_ms = ?, message = ? WHERE id = ?`)
      .run(now.toISOString(), status, counts.created, counts.updated, counts.unchanged, counts.failed, counts.requests, duration, message, id);
  }

  /** Closes runs a crash left open. */
  closeInterrupted(now = new Date()): number {
    return this.db.prepare(`UPDATE runs SET status = 'interrupted', finished_at = ?, message = COALESCE(message, 'the process stopped during this run')
      WHERE status = 'running'`).run(now.toISOString()).changes;
  }

  recent(limit = 50, kind?: string): RunRecord[] {
    const rows = (kind
      ? this.db.prepare('SELECT * FROM runs WHERE kind = ? ORDER BY id DESC LIMIT ?').all(kind, limit)
      : this.db.prepare('SELECT * FROM runs ORDER BY id DESC LIMIT ?').all(limit)) as RunRow[];
    return rows.map(toRecord);
  }

  /** Runs started at or after `since` (ISO), oldest first. */
  since(since: string): RunRecord[] {
    return (this.db.prepare('SELECT * FROM runs WHERE started_at >= ? ORDER BY id').all(since) as RunRow[]).map(toRecord);
  }

  lastSuccess(kind: string): RunRecord | null {
    const row = this.db.prepare(`SELECT * FROM runs WHERE kind = ? AND status IN ('ok', 'partial') ORDER BY id DESC LIMIT 1`).get(kind) as RunRow | undefined;
    return row ? toRecord(row) : null;
  }
}

interface RunRow { id: number; kind: string; trigger: string; started_at: string; finished_at: string | null; status: RunStatus; created: number; updated: number; unchanged: number; failed: number; requests: number; duration_ms: number | null; message: string | null }

function toRecord(r: RunRow): RunRecord {
  return { id: r.id, kind: r.kind, trigger: r.trigger, startedAt: r.started_at, finishedAt: r.finished_at, status: r.status,
    created: r.created, updated: r.updated, unchanged: r.unchanged, failed: r.failed, requests: r.requests, durationMs: r.duration_ms, message: r.message };
}
