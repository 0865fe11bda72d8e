import type { Database } from 'better-sqlite3';

/** Named cursors (POS change marker, order watermark). Moved only after the work they cover is committed. */
export class Cursors {
  constructor(private readonly db: Database) {}

  get(name: string): string | null {
    const row = this.db.prepare('SELECT value FROM cursors WHERE name = ?').get(name) as { value: string } | undefined;
    return row?.value ?? null;
  }

  set(name: string, value: string, now = new Date().toISOString()): void {
    this.db.prepare(`INSERT INTO cursors (name, value, updated_at) VALUES (?, ?, ?)
      ON CONFLICT(name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`).run(name, value, now);
  }

  delete(name: string): void {
    this.db.prepare('DELETE FROM cursors WHERE name = ?').run(name);
  }
}
