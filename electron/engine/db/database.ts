import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations as allMigrations, type Migration } from './migrations/index';

/**
 * Opens Tillbridge's own state database: WAL (readers never block the writer, a crash loses at
 * most the transaction in flight) with synchronous=FULL, foreign keys on, a busy timeout so the CLI and the engine can
 * share the file, and every pending migration applied in one transaction each.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = allMigrations): Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  // FULL: a committed journal step survives a power cut too, not only a killed process. With NORMAL
  // the last commits before a power cut can vanish; the POS reference check would still stop a
  // second invoice, but a store marking or a watermark could step back. One fsync per commit is
  // cheap next to the network calls each step waits for.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  return db;
}

/** Applies migrations newer than the database's version; returns the versions applied. */
export function migrate(db: Database, migrations: readonly Migration[] = allMigrations): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const current = (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
        .run(m.version, m.name, new Date().toISOString());
    })();
    applied.push(m.version);
  }
  return applied;
}
