import type { Database } from 'better-sqlite3';

/**
 * Which store this state belongs to, and the POS reference each order is (or was) booked with.
 *
 * Links, the order mirror, the export journal, the stock counters and the order cursors all
 * describe one store: `store_identity` records which (one row; a state without it adopts the
 * configured store on its next start, see store-identity.ts). The journal's `reference` is
 * what the POS's reference check asks for. References now name the store and the order
 * (orders/export-reference.ts); before this migration they were the order number alone, so a
 * row that may already be in the POS ('exporting', 'exported', 'marked') keeps that legacy
 * reference: an export in flight at the upgrade is settled by the reference it was sent with.
 * 'waiting' and 'withdrawn' rows have not been booked and get the new reference when they go.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE store_identity (
      id             INTEGER PRIMARY KEY CHECK (id = 1),
      url            TEXT NOT NULL,   -- the store's address, normalised (scheme and host in lower case, no default port, no trailing slash)
      first_seen_at  TEXT NOT NULL    -- when this state started to belong to it
    );

    -- NULL until the order is first sent (or after the POS confirmed it holds no invoice with it).
    ALTER TABLE export_journal ADD COLUMN reference TEXT;
    UPDATE export_journal SET reference = number WHERE state IN ('exporting', 'exported', 'marked');
  `);
}
