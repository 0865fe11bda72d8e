import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase } from '../../../../electron/engine/db/database';
import { migrations } from '../../../../electron/engine/db/migrations/index';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tb-db-'));
  dirs.push(dir);
  return join(dir, 'state.sqlite');
}
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

describe('local database', () => {
  it('opens a file in WAL mode with every migration applied once', () => {
    const file = tempFile();
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true }), 'synchronous=FULL (2): a committed journal step survives a power cut').toBe(2);
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all().map((r) => (r as { version: number }).version);
    expect(versions).toEqual(migrations.map((m) => m.version));
    db.close();
    const again = openDatabase(file);
    expect(migrate(again)).toEqual([]);
    again.close();
  });

  it('numbers migrations 1..n without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('rolls back a migration that fails, leaving the version unrecorded', () => {
    const db = openDatabase(tempFile());
    const bad = [...migrations, { version: migrations.length + 1, name: 'broken', up: (d: typeof db) => { d.exec('CREATE TABLE half (x)'); d.exec('NOT SQL'); } }];
    expect(() => migrate(db, bad)).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect((db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v).toBe(migrations.length);
    db.close();
  });
});
