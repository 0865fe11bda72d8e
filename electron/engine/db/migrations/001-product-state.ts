import type { Database } from 'better-sqlite3';

/**
 * The product side's memory: which store product each POS SKU is glued to, what we last pushed
 * (so a quiet run sends nothing), creates whose outcome is unknown (so a retried create never
 * duplicates), run history and per-item errors for the dashboard.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE links (
      sku            TEXT PRIMARY KEY,  -- the store's SKU key: trimmed, lower case (see skuKey)
      display_sku    TEXT NOT NULL,     -- the SKU as the POS writes it
      pos_id         TEXT,
      store_id       INTEGER,           -- WooCommerce product or variation id
      parent_id      INTEGER,           -- parent product id for a variation, else NULL
      kind           TEXT NOT NULL CHECK (kind IN ('product', 'variation')),
      state          TEXT NOT NULL CHECK (state IN ('linked', 'broken', 'pending-create', 'off-web', 'missing')),
      created_by_us  INTEGER NOT NULL DEFAULT 0,
      store_status   TEXT,              -- draft / publish / ... as last seen (drafts await the merchant)
      note           TEXT,              -- why the state is what it is, in plain words
      linked_at      TEXT NOT NULL,
      updated_at     TEXT NOT NULL
    );
    CREATE UNIQUE INDEX links_store_id ON links(store_id) WHERE store_id IS NOT NULL;

    -- What the store holds as far as we know: the values of our last successful write or read.
    CREATE TABLE pushed (
      sku            TEXT PRIMARY KEY,
      regular_price  TEXT,
      sale_price     TEXT,
      sale_from      TEXT,
      sale_to        TEXT,
      stock_quantity INTEGER,
      pushed_at      TEXT NOT NULL
    );

    CREATE TABLE runs (
      id           INTEGER PRIMARY KEY AUTOINCREMENT,
      kind         TEXT NOT NULL,       -- products | orders | allocation | full-resync | ...
      trigger      TEXT NOT NULL,       -- schedule | manual | pos-change | cli
      started_at   TEXT NOT NULL,
      finished_at  TEXT,
      status       TEXT NOT NULL CHECK (status IN ('running', 'ok', 'partial', 'failed', 'interrupted')),
      created      INTEGER NOT NULL DEFAULT 0,
      updated      INTEGER NOT NULL DEFAULT 0,
      unchanged    INTEGER NOT NULL DEFAULT 0,
      failed       INTEGER NOT NULL DEFAULT 0,
      requests     INTEGER NOT NULL DEFAULT 0,
      duration_ms  INTEGER,
      message      TEXT
    );
    CREATE INDEX runs_kind_started ON runs(kind, started_at);

    -- One open error per item and code; resolved_at is set when the item goes through again.
    CREATE TABLE item_errors (
      id           INTEGER PRIMARY KEY AUTOINCREMENT,
      scope        TEXT NOT NULL,       -- product | order | customer | pos | store
      item_key     TEXT NOT NULL,       -- SKU, order number, ...
      code         TEXT NOT NULL,
      message      TEXT NOT NULL,
      hint         TEXT,
      retryable    INTEGER NOT NULL DEFAULT 0,
      first_seen   TEXT NOT NULL,
      last_seen    TEXT NOT NULL,
      occurrences  INTEGER NOT NULL DEFAULT 1,
      resolved_at  TEXT
    );
    CREATE UNIQUE INDEX item_errors_open ON item_errors(scope, item_key, code) WHERE resolved_at IS NULL;

    -- Cursors and markers: POS change marker, order watermark, ... Moved only over committed work.
    CREATE TABLE cursors (
      name        TEXT PRIMARY KEY,
      value       TEXT NOT NULL,
      updated_at  TEXT NOT NULL
    );
  `);
}
