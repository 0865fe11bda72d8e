/**
 * The store this state database belongs to. Links (store product ids), the order mirror, the
 * export journal, the stock counters and the order cursors only mean something for one store:
 * applied to another they would push to the wrong product ids and skip or misread its orders.
 * So the state records its store on first start, refuses to run against another one, and only
 * the explicit "this is a new store" step (`tillbridge new-store --yes`) moves it: the old
 * state is archived to a file, the store-bound part is cleared, the new address recorded. The
 * POS database is never touched here, and the POS read cursors are kept.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { ConfigError } from './settings/config';
import { openDatabase } from './db/database';
import { normaliseStoreUrl, sameStore, storeIdentityKey } from './orders/export-reference';

export interface StoreIdentity {
  /** The normalised address (see normaliseStoreUrl). */
  url: string;
  firstSeenAt: string;
}

/** The command that moves a state to another store (named in the refusal). */
export const NEW_STORE_COMMAND = 'tillbridge new-store --yes';

/** Tables that describe the store; cleared by `switchToNewStore`. A new store-bound table belongs here. */
const STORE_TABLES = ['links', 'pushed', 'order_mirror', 'export_journal', 'store_taken', 'stock_basis'] as const;
/** Cursors of the POS side (engine.ts), kept across a store switch; every other cursor is the store's. */
const POS_CURSORS = ['pos-items', 'pos-marker'] as const;

/** The state belongs to another store than the configuration names. */
export class StoreMismatchError extends ConfigError {
  constructor(readonly recorded: StoreIdentity, readonly configured: string) {
    super(`This Tillbridge state belongs to the store ${recorded.url} (since ${recorded.firstSeenAt}), but the configuration names ` +
      `${configured}. Its product links, order journal and order cursors must not be applied to another store. If the ` +
      `configuration is wrong, set store.url back to ${recorded.url}. If this really is a new store (a new shop, or a move ` +
      `between staging and production), run: ${NEW_STORE_COMMAND} (with the same --config): the old store's state is archived, ` +
      `the POS is not touched.`);
    this.name = 'StoreMismatchError';
  }
}

export function readStoreIdentity(db: Database): StoreIdentity | null {
  const row = db.prepare('SELECT url, first_seen_at FROM store_identity WHERE id = 1').get() as { url: string; first_seen_at: string } | undefined;
  return row ? { url: row.url, firstSeenAt: row.first_seen_at } : null;
}

/**
 * Called where the engine is composed, before anything touches the store. A state without an
 * identity (a fresh one, or one made before identities were recorded) adopts the configured
 * store; the same store (the address spelt differently, or moved from http to https) is
 * accepted and its address updated; another store throws StoreMismatchError.
 */
export function ensureStoreIdentity(db: Database, configuredUrl: string, opts: { now?: Date; log?: (line: string) => void } = {}): StoreIdentity {
  const url = normaliseStoreUrl(configuredUrl);
  const now = (opts.now ?? new Date()).toISOString();
  return db.transaction((): StoreIdentity => {
    const recorded = readStoreIdentity(db);
    if (!recorded) {
      db.prepare('INSERT INTO store_identity (id, url, first_seen_at) VALUES (1, ?, ?)').run(url, now);
      opts.log?.(`This state now belongs to the store ${url}.`);
      return { url, firstSeenAt: now };
    }
    if (!sameStore(recorded.url, url)) throw new StoreMismatchError(recorded, url);
    if (recorded.url !== url) {
      db.prepare('UPDATE store_identity SET url = ? WHERE id = 1').run(url);
      opts.log?.(`The store's address changed from ${recorded.url} to ${url} (same site).`);
    }
    return { ...recorded, url };
  }).immediate();
}

/**
 * Opens the state database of a data folder for the configured store (ensureStoreIdentity);
 * closes it again and throws when the state belongs to another store.
 */
export function openStateForStore(file: string, storeUrl: string, opts: { log?: (line: string) => void } = {}): Database {
  const db = openDatabase(file);
  try {
    ensureStoreIdentity(db, storeUrl, opts);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** How much store-bound state there is (shown before a switch). */
export interface StoreBoundCounts {
  links: number;
  mirroredOrders: number;
  journalRows: number;
  /** Journal rows with work left (waiting, exporting, exported but not marked in the store). */
  unfinishedExports: number;
}

export function storeBoundCounts(db: Database): StoreBoundCounts {
  const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return {
    links: n('SELECT COUNT(*) AS n FROM links'),
    mirroredOrders: n('SELECT COUNT(*) AS n FROM order_mirror'),
    journalRows: n('SELECT COUNT(*) AS n FROM export_journal'),
    unfinishedExports: n("SELECT COUNT(*) AS n FROM export_journal WHERE state IN ('waiting', 'exporting', 'exported')"),
  };
}

export interface NewStoreResult {
  previous: StoreIdentity | null;
  current: StoreIdentity;
  /** The copy of the whole state as it was before the switch. */
  archive: string;
  cleared: StoreBoundCounts;
}

/**
 * "This is a new store": copies the whole state database to `archiveDir` (VACUUM INTO, a
 * consistent snapshot), then in one transaction clears the store-bound tables, resolves the
 * open errors, drops every cursor but the POS read cursors (so the next start treats the store
 * as new: a complete product pass, orders from now on) and records the new identity. Run only
 * with the engine stopped (the caller holds the engine lock).
 */
export function switchToNewStore(db: Database, configuredUrl: string, opts: { archiveDir: string; now?: Date }): NewStoreResult {
  const url = normaliseStoreUrl(configuredUrl);
  const now = opts.now ?? new Date();
  const previous = readStoreIdentity(db);
  const cleared = storeBoundCounts(db);
  mkdirSync(opts.archiveDir, { recursive: true });
  const label = previous ? storeIdentityKey(previous.url).replace(/[^A-Za-z0-9.-]+/g, '_') : 'no-store';
  const archive = join(opts.archiveDir, `state-${now.toISOString().replace(/[:.]/g, '-')}-${label}.sqlite`);
  db.prepare('VACUUM INTO ?').run(archive);
  const iso = now.toISOString();
  db.transaction(() => {
    for (const table of STORE_TABLES) db.prepare(`DELETE FROM ${table}`).run();
    db.prepare('UPDATE item_errors SET resolved_at = ? WHERE resolved_at IS NULL').run(iso);
    db.prepare(`DELETE FROM cursors WHERE name NOT IN (${POS_CURSORS.map(() => '?').join(', ')})`).run(...POS_CURSORS);
    db.prepare(`INSERT INTO store_identity (id, url, first_seen_at) VALUES (1, ?, ?)
      ON CONFLICT(id) DO UPDATE SET url = excluded.url, first_seen_at = excluded.first_seen_at`).run(url, iso);
  }).immediate();
  return { previous, current: { url, firstSeenAt: iso }, archive, cleared };
}
