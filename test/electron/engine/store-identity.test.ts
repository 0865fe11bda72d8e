import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/engine/db/database';
import {
  ensureStoreIdentity, openStateForStore, readStoreIdentity, StoreMismatchError, switchToNewStore,
} from '../../../electron/engine/store-identity';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'tb-identity-'));
  dirs.push(d);
  return d;
}
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

const T0 = new Date('2026-11-28T12:00:00Z');

describe('the store a state belongs to', () => {
  it('is adopted by a fresh state, kept for the same site however spelt, and refused for another one', () => {
    const db = openDatabase(':memory:');
    const lines: string[] = [];
    expect(ensureStoreIdentity(db, 'http://Shop.Example.com/', { now: T0, log: (l) => lines.push(l) })).toEqual({ url: 'http://shop.example.com', firstSeenAt: T0.toISOString() });
    expect(lines).toEqual(['This state now belongs to the store http://shop.example.com.']);
    // Moved to https: the same site, the address follows.
    expect(ensureStoreIdentity(db, 'https://shop.example.com:443', { log: (l) => lines.push(l) }).url).toBe('https://shop.example.com');
    expect(readStoreIdentity(db)).toEqual({ url: 'https://shop.example.com', firstSeenAt: T0.toISOString() });
    let error: unknown;
    try { ensureStoreIdentity(db, 'https://staging.shop.example.com'); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(StoreMismatchError);
    expect((error as Error).message).toContain('belongs to the store https://shop.example.com');
    expect((error as Error).message).toContain('the configuration names https://staging.shop.example.com');
    expect((error as Error).message).toContain('tillbridge new-store --yes');
    expect(readStoreIdentity(db)?.url).toBe('https://shop.example.com');
    db.close();
  });

  it('openStateForStore closes the database again when it refuses', () => {
    const file = join(tempDir(), 'state.sqlite');
    openStateForStore(file, 'https://a.example').close();
    expect(() => openStateForStore(file, 'https://b.example')).toThrow(StoreMismatchError);
    // Nothing left open, nothing recorded: the file still belongs to a.example.
    openStateForStore(file, 'https://a.example').close();
  });

  it('a switch archives the whole state, clears what belongs to the store, keeps the POS cursors and records the new store', () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'state.sqlite'));
    ensureStoreIdentity(db, 'https://old.example', { now: T0 });
    const now = T0.toISOString();
    db.prepare(`INSERT INTO links (sku, display_sku, pos_id, store_id, kind, state, linked_at, updated_at) VALUES ('a-1', 'A-1', '1', 11, 'product', 'linked', ?, ?)`).run(now, now);
    db.prepare(`INSERT INTO pushed (sku, stock_quantity, pushed_at) VALUES ('a-1', 3, ?)`).run(now);
    db.prepare(`INSERT INTO order_mirror (id, number, status, created_gmt, modified_gmt, lines_json, header_json, seen_at) VALUES (5, '5', 'processing', ?, ?, '[]', '{}', ?)`).run(now, now, now);
    db.prepare(`INSERT INTO export_journal (order_id, number, state, reference, entered_at, updated_at) VALUES (6, '6', 'exporting', '6-ABCDEFGH', ?, ?)`).run(now, now);
    db.prepare(`INSERT INTO store_taken (sku, units) VALUES ('a-1', 2)`).run();
    db.prepare(`INSERT INTO stock_basis (sku, desired, taken, written, written_at) VALUES ('a-1', 1, 2, 1, ?)`).run(now);
    db.prepare(`INSERT INTO item_errors (scope, item_key, code, message, first_seen, last_seen) VALUES ('order', '6', 'pos-unavailable', 'down', ?, ?)`).run(now, now);
    for (const name of ['pos-items', 'pos-marker', 'products-last-full', 'orders.watermark', 'orders.export-from']) {
      db.prepare('INSERT INTO cursors (name, value, updated_at) VALUES (?, ?, ?)').run(name, 'x', now);
    }
    db.prepare(`INSERT INTO runs (kind, trigger, started_at, status) VALUES ('products', 'cli', ?, 'ok')`).run(now);

    const later = new Date('2026-12-01T09:30:00Z');
    const r = switchToNewStore(db, 'https://New.example/', { archiveDir: join(dir, 'archive'), now: later });
    expect(r).toMatchObject({ previous: { url: 'https://old.example' }, current: { url: 'https://new.example', firstSeenAt: later.toISOString() },
      cleared: { links: 1, mirroredOrders: 1, journalRows: 1, unfinishedExports: 1 } });
    expect(r.archive).toBe(join(dir, 'archive', 'state-2026-12-01T09-30-00-000Z-old.example.sqlite'));
    const count = (d: BetterSqlite3.Database, t: string) => (d.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
    for (const t of ['links', 'pushed', 'order_mirror', 'export_journal', 'store_taken', 'stock_basis']) expect(count(db, t), t).toBe(0);
    expect((db.prepare('SELECT name FROM cursors ORDER BY name').all() as { name: string }[]).map((c) => c.name)).toEqual(['pos-items', 'pos-marker']);
    expect(count(db, 'item_errors')).toBe(1);
    expect(db.prepare('SELECT resolved_at FROM item_errors').get()).toEqual({ resolved_at: later.toISOString() });
    expect(count(db, 'runs')).toBe(1);
    expect(readStoreIdentity(db)?.url).toBe('https://new.example');
    db.close();

    const archived = new BetterSqlite3(r.archive, { readonly: true });
    for (const t of ['links', 'pushed', 'order_mirror', 'export_journal', 'store_taken', 'stock_basis']) expect(count(archived, t), `archived ${t}`).toBe(1);
    expect((archived.prepare('SELECT url FROM store_identity').get() as { url: string }).url).toBe('https://old.example');
    archived.close();
  });
});
