import type { Database } from 'better-sqlite3';
import { currentLineKeys } from '../links/line-keys';
import { Cursors } from '../state/cursors';
import { ErrorLog } from '../state/error-log';
import type { ExportBackoff } from './export-backoff';
import { ExportJournal } from './export-journal';
import { OrderExporter, type ExportRunResult } from './order-exporter';
import { OrderIngest } from './order-ingest';
import { OrderMirror } from './order-mirror';
import { OrderPoller, type PollResult, type ReconcileResult } from './order-poller';
import type { OrderSettings } from './order-settings';
import type { StoreOrdersPort } from '../../../connectors/core/store-orders-port';
import type { PosOrdersPort } from '../../../connectors/core/pos-orders-port';

export interface OrderSideDeps {
  db: Database;
  store: StoreOrdersPort;
  pos: PosOrdersPort;
  settings: OrderSettings;
  backoff?: ExportBackoff;
  now?: () => Date;
}

export interface OrderCycleResult {
  started: boolean;
  reconcile: ReconcileResult | null;
  poll: PollResult;
  export: ExportRunResult;
}

/**
 * The order side assembled over one state database, one store and one POS: the pieces the
 * engine, the CLI and the tests share. `cycle` is one scheduled pass: first start, optional
 * reconciliation, the poll, then every due export step.
 */
export class OrderSide {
  readonly mirror: OrderMirror;
  readonly journal: ExportJournal;
  readonly errors: ErrorLog;
  readonly cursors: Cursors;
  readonly ingest: OrderIngest;
  readonly poller: OrderPoller;
  readonly exporter: OrderExporter;

  constructor(deps: OrderSideDeps) {
    const { db, settings } = deps;
    this.mirror = new OrderMirror(db);
    this.journal = new ExportJournal(db);
    this.errors = new ErrorLog(db);
    this.cursors = new Cursors(db);
    this.ingest = new OrderIngest(db, this.mirror, this.journal, this.errors, this.cursors, settings);
    const resolver = () => currentLineKeys(db);
    this.poller = new OrderPoller({ db, store: deps.store, mirror: this.mirror, ingest: this.ingest, cursors: this.cursors, settings, resolver, now: deps.now });
    this.exporter = new OrderExporter({ db, store: deps.store, pos: deps.pos, mirror: this.mirror, journal: this.journal, ingest: this.ingest,
      errors: this.errors, settings, resolver, backoff: deps.backoff, now: deps.now });
  }

  /** One pass: start (first run only), reconcile when asked, poll, export what is due. */
  /** `beforeExport` runs once the poll is in, before anything is exported (the engine's oversell review). */
  async cycle(opts: { reconcile?: boolean; beforeExport?: () => void } = {}): Promise<OrderCycleResult> {
    const started = await this.poller.ensureStarted();
    const reconcile = opts.reconcile || started ? await this.poller.reconcile() : null;
    const poll = await this.poller.poll();
    opts.beforeExport?.();
    const exported = await this.exporter.exportDue();
    return { started, reconcile, poll, export: exported };
  }
}
