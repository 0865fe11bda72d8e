import type { Database } from 'better-sqlite3';

/**
 * The order side's memory: a mirror of the store's orders (what the allocation counts and the
 * export books), the export journal that makes the POS export exactly-once, and two small
 * tables for the stock-write race (what WooCommerce itself took off its stock for known orders,
 * and the basis of our last stock write per SKU).
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE order_mirror (
      id             INTEGER PRIMARY KEY,  -- WooCommerce order id
      number         TEXT NOT NULL,        -- the order number people see (external reference in the POS)
      status         TEXT NOT NULL,
      created_gmt    TEXT NOT NULL,        -- store UTC seconds, YYYY-MM-DDTHH:MM:SS
      modified_gmt   TEXT NOT NULL,
      store_reduced  INTEGER NOT NULL DEFAULT 0,  -- 1 while WooCommerce has taken the lines off its own stock
      lines_json     TEXT NOT NULL,        -- product lines (sku, ids, quantity, amounts)
      header_json    TEXT NOT NULL,        -- everything else the export needs
      seen_at        TEXT NOT NULL
    );
    CREATE INDEX order_mirror_status ON order_mirror(status);
    CREATE INDEX order_mirror_number ON order_mirror(number);

    -- One row per order that must reach the POS. States move forward only:
    -- waiting -> exporting -> exported -> marked; waiting -> withdrawn (no longer in an export status).
    CREATE TABLE export_journal (
      order_id         INTEGER PRIMARY KEY,
      number           TEXT NOT NULL,
      state            TEXT NOT NULL CHECK (state IN ('waiting', 'exporting', 'exported', 'marked', 'withdrawn')),
      invoice          TEXT,               -- the POS invoice number, once known
      failures         INTEGER NOT NULL DEFAULT 0,  -- failed attempts since the last step forward (backoff)
      next_attempt_at  TEXT,               -- ISO time; NULL = as soon as possible
      error_code       TEXT,
      error_message    TEXT,
      entered_at       TEXT NOT NULL,
      exported_at      TEXT,
      marked_at        TEXT,
      updated_at       TEXT NOT NULL
    );
    CREATE INDEX export_journal_state ON export_journal(state, next_attempt_at);
    CREATE INDEX export_journal_number ON export_journal(number);

    -- Units WooCommerce has taken off its own stock for the orders we know, per SKU key: a running
    -- counter (never recomputed, so pruning the mirror does not move it).
    CREATE TABLE store_taken (
      sku    TEXT PRIMARY KEY,
      units  INTEGER NOT NULL
    );

    -- Per SKU key: what our last stock write was based on (see stock-guard/RACE.md).
    CREATE TABLE stock_basis (
      sku         TEXT PRIMARY KEY,
      desired     INTEGER NOT NULL,   -- on-hand - allocated - buffer, before the clamp at 0
      taken       INTEGER NOT NULL,   -- store_taken.units at that moment
      written     INTEGER NOT NULL,   -- the value written
      written_at  TEXT NOT NULL
    );
  `);
}
