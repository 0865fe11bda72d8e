import type { Database } from 'better-sqlite3';
import type { LineKeyResolver } from '../links/line-keys';
import type { Cursors } from '../state/cursors';
import { EXPORT_FROM_CURSOR, type OrderIngest } from './order-ingest';
import type { OrderMirror } from './order-mirror';
import type { OrderSettings } from './order-settings';
import type { StoreOrdersPort } from '../../../connectors/core/store-orders-port';
import { laterStoreTime, shiftStoreTime } from './store-time';

/** Cursor: the newest date_modified_gmt whose orders are all committed locally. */
export const WATERMARK_CURSOR = 'orders.watermark';

const MAX_PAGES = 20_000;

export interface PollResult {
  /** The `modified_after` the walk used (null: every order). */
  since: string | null;
  /** Distinct orders read. */
  read: number;
  created: number;
  updated: number;
  /** Re-read (the overlap) without any change. */
  unchanged: number;
  /** Answers older than what the mirror already had. */
  stale: number;
  pages: number;
  watermark: string | null;
  /** Ids read in this walk (the stock race check looks at them). */
  orderIds: number[];
}

export interface ReconcileResult {
  /** Open orders the store listed that the mirror did not have (or had in another status). */
  fetched: number;
  /** Mirrored open orders the store no longer lists in an open status, read again. */
  refreshed: number;
  /** Orders the store deleted for good, dropped from the mirror. */
  removed: number;
}

export interface PollerDeps {
  db: Database;
  store: StoreOrdersPort;
  mirror: OrderMirror;
  ingest: OrderIngest;
  cursors: Cursors;
  settings: OrderSettings;
  /** Fresh per walk: product links change between runs. */
  resolver: () => LineKeyResolver;
  now?: () => Date;
}

/**
 * Keeps the order mirror current (flow 2's intake). A poll reads every order modified after
 * (watermark − overlap), page by page; each page is committed in one transaction with its journal
 * entries, and the watermark moves, in the transaction of the last page, to the newest
 * date_modified of the walk — never past an order that is not committed. Pages overlap and are
 * deduped by id, so an order that leaves the list mid-walk cannot hide another one.
 */
export class OrderPoller {
  private readonly now: () => Date;

  constructor(private readonly d: PollerDeps) {
    this.now = d.now ?? (() => new Date());
  }

  /**
   * First start: the watermark starts at the store's newest order and only orders reaching an
   * export status after it are exported (older ones were booked before Tillbridge; "pull again
   * since" brings them in on purpose). Open orders are read by `reconcile`.
   */
  async ensureStarted(): Promise<boolean> {
    if (this.d.cursors.get(EXPORT_FROM_CURSOR) !== null) return false;
    const latest = await this.d.store.latestModified();
    this.d.db.transaction(() => {
      if (latest !== null) this.d.cursors.set(WATERMARK_CURSOR, latest);
      this.d.cursors.set(EXPORT_FROM_CURSOR, latest ?? '');
    })();
    return true;
  }

  /** The regular poll: orders modified since the watermark (minus the overlap). */
  async poll(): Promise<PollResult> {
    const watermark = this.d.cursors.get(WATERMARK_CURSOR);
    const since = watermark ? shiftStoreTime(watermark, -this.d.settings.overlapSeconds) : null;
    return this.walk(since, true);
  }

  /**
   * "Pull orders again since a date": re-reads every order modified after `since` and lets those
   * that reached an export status since then into the journal. Journal entries are kept as they
   * are, so an order already in the POS is never sent again. The watermark only moves forward.
   */
  async pullSince(since: string): Promise<PollResult> {
    // '' means every order counts already (the store had none at the first start): keep it.
    const from = this.d.cursors.get(EXPORT_FROM_CURSOR);
    if (from === null || (from !== '' && since < from)) this.d.cursors.set(EXPORT_FROM_CURSOR, since);
    const watermark = this.d.cursors.get(WATERMARK_CURSOR);
    return this.walk(since, watermark === null || since <= watermark);
  }

  /**
   * Compares the mirror's open orders with the store's: reads open orders the mirror lacks, and
   * re-reads mirrored open orders the store no longer lists as open (trashed, deleted, or changed
   * while a poll missed them); deleted ones are dropped.
   */
  async reconcile(): Promise<ReconcileResult> {
    const open = this.d.settings.openStatuses;
    const listed = new Set(await this.d.store.listIdsInStatuses(open));
    const mirrored = new Set(this.d.mirror.idsInStatuses(open));
    const missing = [...listed].filter((id) => !mirrored.has(id));
    const gone = [...mirrored].filter((id) => !listed.has(id));
    const result: ReconcileResult = { fetched: 0, refreshed: 0, removed: 0 };
    const ctx = () => ({ resolver: this.d.resolver(), newIfCreatedAfter: null, now: this.now().toISOString() });
    // An open order first seen here but created after what the polls cover (it landed since the
    // last poll) is new exactly as the poll would have found it: WooCommerce took its stock while
    // Tillbridge was watching, and the stock race must count that (order-mirror.ts).
    const watermark = this.d.cursors.get(WATERMARK_CURSOR);
    const newIfCreatedAfter = watermark ? shiftStoreTime(watermark, -this.d.settings.overlapSeconds) : (this.d.cursors.get(EXPORT_FROM_CURSOR) === '' ? '' : null);
    for (let i = 0; i < missing.length; i += 100) {
      const orders = await this.d.store.getOrders(missing.slice(i, i + 100));
      this.d.ingest.ingestAll(orders, { ...ctx(), newIfCreatedAfter });
      result.fetched += orders.length;
    }
    for (const id of gone) {
      const order = await this.d.store.getOrder(id);
      if (order) {
        this.d.ingest.ingestAll([order], ctx());
        result.refreshed++;
      } else {
        this.d.mirror.remove(id);
        result.removed++;
      }
    }
    return result;
  }

  private async walk(since: string | null, moveWatermark: boolean): Promise<PollResult> {
    const { pageSize, pageOverlap } = this.d.settings;
    const step = Math.max(1, pageSize - pageOverlap);
    const resolver = this.d.resolver();
    // A store empty at the first start has no watermark: every order it shows since is new, and
    // WooCommerce took its stock after Tillbridge started (the stock race counts on that).
    const newIfCreatedAfter = since ?? (this.d.cursors.get(EXPORT_FROM_CURSOR) === '' ? '' : null);
    const seen = new Set<number>();
    const result: PollResult = { since, read: 0, created: 0, updated: 0, unchanged: 0, stale: 0, pages: 0, watermark: this.d.cursors.get(WATERMARK_CURSOR), orderIds: [] };
    let newest: string | null = null;
    for (let offset = 0; result.pages < MAX_PAGES; offset += step) {
      const page = await this.d.store.listModifiedAfter(since, offset, pageSize);
      result.pages++;
      const fresh = page.orders.filter((o) => !seen.has(o.id));
      const last = page.orders.length < pageSize;
      this.d.db.transaction(() => {
        const now = this.now().toISOString();
        for (const o of fresh) {
          seen.add(o.id);
          result.orderIds.push(o.id);
          newest = laterStoreTime(newest, o.dateModifiedGmt);
          const kind = this.d.ingest.ingest(o, { resolver, newIfCreatedAfter, now });
          result[kind === 'new' ? 'created' : kind]++;
        }
        if (last && moveWatermark) {
          const next = laterStoreTime(this.d.cursors.get(WATERMARK_CURSOR), newest);
          if (next !== null) this.d.cursors.set(WATERMARK_CURSOR, next, now);
          result.watermark = next;
        }
      })();
      result.read += fresh.length;
      if (last) break;
    }
    return result;
  }
}
