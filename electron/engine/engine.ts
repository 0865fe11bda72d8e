import type { Database } from 'better-sqlite3';
import type { PosItemsPort, PosItem } from '../../connectors/core/pos-items-port';
import type { StoreStockGuardInfo } from '../../connectors/core/store-stock-guard';
import { PosError } from '../../connectors/core/pos-errors';
import type { TillbridgeConfig } from './settings/config';
import { TypedEvents } from './typed-events';
import type { EngineEvents, OrderRunSummary, ProductRunOptions, ProductRunSummary } from './engine-types';
import { buildStatus, type ConnectionHealth, type EngineStatus, type Progress } from './engine-status';
import { dueWork, Scheduler } from './scheduler';
import type { StoreCatalogPort } from '../../connectors/core/store-catalog-port';
import { LinkStore } from './links/link-store';
import { CatalogueView } from './products/catalogue-view';
import { ProductSync } from './products/product-sync';
import { stockRunMessage } from './products/stock-writer';
import { OrderStockGuard } from './stock-guard/order-stock-guard';
import { skuKey } from './items/sku';
import { Cursors } from './state/cursors';
import { ErrorLog } from './state/error-log';
import { RunLog } from './state/run-log';
import { AllocationReader } from './allocation/allocation-reader';
import { OversellReporter, type OversellSubject } from './stock-guard/oversell-report';
import { OrderSide, type OrderCycleResult } from './orders/order-side';
import { orderSettingsFrom } from './orders/order-settings';
import type { StoreOrdersPort } from '../../connectors/core/store-orders-port';
import type { PosOrdersPort } from '../../connectors/core/pos-orders-port';
import type { ResendOutcome } from './orders/order-exporter';
import type { PollResult } from './orders/order-poller';

export interface EngineDeps {
  config: TillbridgeConfig;
  db: Database;
  pos: PosItemsPort;
  catalog: StoreCatalogPort;
  /** The store's orders and the POS's invoices: both present turns the order flow and allocation on. */
  orderStore?: StoreOrdersPort;
  posOrders?: PosOrdersPort;
  /** Why the order flow is off, when it is (shown in the status). */
  ordersOffReason?: string;
  log?: (line: string) => void;
  now?: () => Date;
  /** What the store's own stock guard (a store plugin) was last found to be; the status shows it. */
  storeGuard?: () => StoreStockGuardInfo | null;
  /** The store's circuit breaker (connectors/woocommerce/woo-circuit.ts): while open, scheduled runs skip the store and the status says why. */
  storeCircuit?: { describe(): string | null; snapshot(): { state: 'closed' | 'open' | 'half-open' } };
  /** Tests only: `false` leaves the stock guard out, for the negative control of the race proof (stock-guard/RACE.md). */
  stockGuard?: false;
}

const POS_CURSOR = 'pos-items';
const POS_MARKER = 'pos-marker';
const LAST_FULL = 'products-last-full';
/** Items whose store write failed for a reason that may pass are tried again this often (a complete pass), not only at the next full pass. */
const RETRY_FAILED_MS = 60_000;
/** Reconcile mirrored open orders with the store's list (deleted/trashed orders) this often. */
const RECONCILE_MS = 10 * 60_000;

/**
 * Runs the flows against one POS and one store and keeps the status the tray and dashboard show.
 * It imports nothing from Electron: the desktop shell, the headless server, the CLI and the tests
 * all drive this same class. Runs never overlap: a request while one runs waits for it.
 */
export class Engine extends TypedEvents<EngineEvents> {
  readonly links: LinkStore;
  readonly errors: ErrorLog;
  readonly runs: RunLog;
  readonly cursors: Cursors;
  /** The order flow (export + allocation), or null when the POS profile cannot take orders. */
  readonly orders: OrderSide | null;
  /** What outstanding orders hold back, per SKU (with the order flow; null without it). */
  readonly allocation: AllocationReader | null;
  /** The web selection as the last product pass read it (the dashboard's product search). */
  readonly catalogue = new CatalogueView();
  /** Oversell problems raised between product passes (the order pass's review), null without orders. */
  private readonly oversell: OversellReporter | null;
  private readonly productSync: ProductSync;
  private recovered = false;
  private lastOrderCycle = 0;
  private lastReconcile = 0;
  private lastFailedRetry = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private running: string | null = null;
  private progress: Progress | null = null;
  private paused = false;
  private readonly scheduler: Scheduler;
  private health: { pos: ConnectionHealth; store: ConnectionHealth } = {
    pos: { ok: true, message: 'not checked yet', checkedAt: null },
    store: { ok: true, message: 'not checked yet', checkedAt: null },
  };

  constructor(private readonly deps: EngineDeps) {
    super();
    this.links = new LinkStore(deps.db);
    this.errors = new ErrorLog(deps.db);
    this.runs = new RunLog(deps.db);
    this.cursors = new Cursors(deps.db);
    this.orders = deps.orderStore && deps.posOrders
      ? new OrderSide({ db: deps.db, store: deps.orderStore, pos: deps.posOrders, settings: orderSettingsFrom(deps.config), now: () => this.now() })
      : null;
    // With the order side, stock writes race live checkouts: the guard closes that (stock-guard/RACE.md).
    this.allocation = this.orders ? new AllocationReader(deps.db, { openStatuses: deps.config.sync.openStatuses }) : null;
    const stockGuard = this.orders && this.allocation && deps.stockGuard !== false
      ? new OrderStockGuard(this.orders, this.allocation, deps.db, { now: () => this.now(), openStatuses: deps.config.sync.openStatuses, holdStockMinutes: deps.config.sync.holdStockMinutes })
      : undefined;
    this.oversell = this.allocation ? new OversellReporter(this.errors, this.allocation) : null;
    this.productSync = new ProductSync(deps.catalog, this.links, this.errors, {
      stockGuard, log: (line) => this.log(line), oversell: this.allocation ?? undefined, lanes: deps.config.sync.storeConcurrency,
    });
    this.scheduler = new Scheduler(() => this.tick(), () => this.deps.config.sync.pollSeconds * 1000, () => this.now(), () => this.emitStatus());
    const interrupted = this.runs.closeInterrupted();
    if (interrupted > 0) this.log(`${interrupted} run(s) were interrupted by the last stop; they are marked so and redone.`);
  }

  /** One product pass. Serialised with every other run. */
  syncProducts(opts: ProductRunOptions): Promise<ProductRunSummary> {
    return this.exclusive('products', async () => {
      const summary = await this.productRun(opts);
      if (!opts.dryRun) this.emit('product-run', summary);
      return summary;
    });
  }

  private async productRun(opts: ProductRunOptions): Promise<ProductRunSummary> {
    const started = this.now();
    const runId = opts.dryRun ? null : this.runs.start(opts.force ? 'full-resync' : 'products', opts.trigger, started);
    try {
      // The marker is taken before the read, so a change during the read triggers one more pass.
      const marker = await this.deps.pos.changeMarker();
      const since = opts.incremental && !opts.force && !opts.skus ? this.cursors.get(POS_CURSOR) ?? undefined : undefined;
      const read = await this.deps.pos.readItems(since ? { since } : {});
      this.setHealth('pos', true, `read ${read.items.length} item(s)`);
      if (!opts.skus) this.catalogue.apply(read.items, read.complete, read.removedPosIds, this.now());
      let items: PosItem[] = read.items;
      let complete = read.complete;
      if (opts.skus) {
        const wanted = new Set(opts.skus.map(skuKey));
        items = items.filter((i) => wanted.has(skuKey(i.sku ?? '')));
        complete = false;
      }
      items = items.concat(this.removedAsOffWeb(read.removedPosIds, items));
      // Read only when asked for: with a stock guard the product flow uses the guard's own count.
      let allocation: Map<string, number> | null = null;
      const allocated = (k: string) => (allocation ??= this.allocation ? this.allocation.allocatedBySku() : new Map<string, number>()).get(k) ?? 0;
      if (opts.force && !opts.dryRun) this.links.clearPushed();
      const result = await this.productSync.run(items, {
        complete, safetyBuffer: this.deps.config.sync.safetyBuffer, allocated,
        force: opts.force ?? false, dryRun: opts.dryRun ?? false,
        ...(complete && read.leftSelection ? { leftSelection: new Set(read.leftSelection.map((i) => skuKey(i.sku ?? ''))) } : {}),
        onProgress: (done, total, phase) => this.setProgress({ done, total, phase }),
      });
      const storeTrouble = result.failedKeys.length > 0 && this.errors.open('product').some((e) => e.retryable);
      this.setHealth('store', !storeTrouble || result.updated + result.created > 0, storeTrouble ? 'some writes failed; retrying on the next run' : 'reachable');
      const status = result.failed > 0 ? 'partial' : 'ok';
      if (!opts.dryRun) {
        // Cursors move only now that every outcome is recorded.
        if (!opts.skus) {
          this.cursors.set(POS_CURSOR, read.cursor);
          this.cursors.set(POS_MARKER, marker);
          if (complete) this.cursors.set(LAST_FULL, started.toISOString());
        }
        this.runs.finish(runId!, status, result, stockRunMessage(result.stock), this.now());
      }
      return { runId, status, result, durationMs: this.now().getTime() - started.getTime(), message: stockRunMessage(result.stock) };
    } catch (e) {
      const message = (e as Error).message;
      const isPos = e instanceof PosError;
      this.setHealth(isPos ? 'pos' : 'store', false, message);
      this.errors.report({ scope: isPos ? 'pos' : 'store', itemKey: isPos ? 'POS' : 'store', code: 'run-failed', message, retryable: true,
        hint: isPos ? 'Check that the POS database is reachable; Tillbridge retries by itself.' : 'Check the store address and keys; Tillbridge retries by itself.' });
      if (runId !== null) this.runs.finish(runId, 'failed', { created: 0, updated: 0, unchanged: 0, failed: 0, requests: 0 }, message, this.now());
      return { runId, status: 'failed', result: null, durationMs: this.now().getTime() - started.getTime(), message };
    } finally {
      this.setProgress(null);
    }
  }

  /** Items an incremental read reports as gone become off-web entries, so their web stock goes to 0. */
  private removedAsOffWeb(posIds: readonly string[], present: readonly PosItem[]): PosItem[] {
    if (posIds.length === 0) return [];
    const have = new Set(present.map((i) => i.posId));
    const wanted = new Set(posIds.filter((id) => !have.has(id)));
    const out: PosItem[] = [];
    for (const link of this.links.linksOfPosIds([...wanted])) {
      if (link.posId === null) continue;
      out.push({ posId: link.posId, sku: link.displaySku, name: '', regularPrice: null, salePrice: null, saleFrom: null, saleTo: null,
        onHand: 0, onWeb: false, parentSku: null, parentPosId: null, isParent: false, attributes: {}, description: null, category: null, weight: null, barcode: null });
    }
    return out;
  }

  /**
   * One order pass: settle exports a crash left half done (first pass only), poll the store's
   * orders, export what reached the export statuses, mark them in the store. When the poll saw
   * order changes, allocation moved: a product pass follows so web stock agrees at once.
   */
  exportOrders(opts: { trigger: ProductRunOptions['trigger']; reconcile?: boolean }): Promise<OrderRunSummary> {
    return this.exclusive('orders', () => this.orderRun(opts)).then(async (summary) => {
      this.emit('order-run', summary);
      if (summary.cycle && allocationMoved(summary.cycle.poll, summary.cycle)) await this.syncProducts({ trigger: opts.trigger });
      return summary;
    });
  }

  private async orderRun(opts: { trigger: string; reconcile?: boolean }): Promise<OrderRunSummary> {
    const side = this.requireOrders();
    const started = this.now();
    const runId = this.runs.start('orders', opts.trigger, started);
    try {
      if (!this.recovered) {
        await side.exporter.recover();
        this.recovered = true;
      }
      const reconcile = opts.reconcile ?? started.getTime() - this.lastReconcile >= RECONCILE_MS;
      const cycle = await side.cycle({ reconcile, beforeExport: () => this.reviewOversellsBeforeExport() });
      if (reconcile) this.lastReconcile = started.getTime();
      this.lastOrderCycle = started.getTime();
      this.setHealth('store', true, 'reachable');
      // A pass stopped by a POS that answers but is not ready (no open till) leaves both connections healthy.
      if (cycle.export.stoppedEarly && cycle.export.stoppedBy) this.setHealth(cycle.export.stoppedBy, false, cycle.export.stoppedEarly);
      const status = cycle.export.failed > 0 || cycle.export.stoppedEarly ? 'partial' : 'ok';
      this.runs.finish(runId, status, { created: cycle.export.exported, updated: cycle.export.marked, unchanged: cycle.poll.unchanged,
        failed: cycle.export.failed, requests: 0 }, cycle.export.stoppedEarly, this.now());
      return { runId, status, cycle, durationMs: this.now().getTime() - started.getTime(), message: cycle.export.stoppedEarly };
    } catch (e) {
      const message = (e as Error).message;
      this.setHealth('store', false, message);
      this.runs.finish(runId, 'failed', { created: 0, updated: 0, unchanged: 0, failed: 0, requests: 0 }, message, this.now());
      return { runId, status: 'failed', cycle: null, durationMs: this.now().getTime() - started.getTime(), message };
    }
  }

  /**
   * Before the order pass exports, the SKUs outstanding orders hold are reviewed against the POS
   * on-hand the last product pass read (stock-guard/oversell-report.ts): an oversell whose orders
   * are completed and exported in this very pass is still seen while its orders are outstanding.
   */
  private reviewOversellsBeforeExport(): void {
    if (!this.oversell || !this.allocation || !this.catalogue.loaded) return;
    const subjects: OversellSubject[] = [];
    const allocation = this.allocation.allocationFor();
    for (const [key, entry] of allocation) {
      const item = entry.allocated > 0 ? this.catalogue.get(key) : undefined;
      if (item && item.onWeb && !item.isParent) subjects.push({ key, sku: item.sku.normalize('NFC').trim(), onHand: item.onHand });
    }
    this.oversell.review(subjects, this.deps.config.sync.safetyBuffer, { allocation });
  }

  /** Reads the web selection into the catalogue view when no product pass has done it yet. */
  async loadCatalogue(): Promise<void> {
    if (this.catalogue.loaded) return;
    const read = await this.deps.pos.readItems();
    if (!this.catalogue.loaded) this.catalogue.apply(read.items, read.complete, read.removedPosIds, this.now());
  }

  /** The retry button on an order: due now, its next step runs (booking, or marking a booked one). */
  retryOrder(number: string): Promise<ResendOutcome> {
    return this.exclusive('orders', () => this.requireOrders().exporter.retryDescribed(number));
  }

  /** Sends one order again (only if the POS has no invoice for it: its reference check decides). */
  resendOrder(number: string): Promise<ResendOutcome> {
    return this.exclusive('orders', () => this.requireOrders().exporter.resend(number));
  }

  /** Reads the store's orders again from a date on (UTC), without losing what the journal knows. */
  pullOrdersSince(since: Date): Promise<PollResult> {
    const iso = since.toISOString().slice(0, 19);
    return this.exclusive('orders', () => this.requireOrders().poller.pullSince(iso));
  }

  private requireOrders(): OrderSide {
    if (!this.orders) throw new Error(`Orders are not sent to this POS: ${this.deps.ordersOffReason ?? 'the POS profile has no export section.'}`);
    return this.orders;
  }

  /**
   * One scheduler tick: a cheap POS marker check, and a product pass when something changed or a
   * complete pass is due. Errors are recorded, never thrown: the loop keeps going.
   */
  async tick(): Promise<void> {
    if (this.paused) return;
    // A store the circuit breaker backs off is not asked again until the pause is over.
    if (this.deps.storeCircuit?.snapshot().state === 'open') return;
    const sync = this.deps.config.sync;
    const due = dueWork({
      nowMs: this.now().getTime(), lastFullPass: this.cursors.get(LAST_FULL), fullSyncMinutes: sync.fullSyncMinutes,
      lastOrderPassMs: this.lastOrderCycle, orderPollSeconds: sync.orderPollSeconds, ordersOn: this.orders !== null,
    });
    try {
      if (due.products === 'full') {
        await this.syncProducts({ trigger: 'schedule' });
      } else {
        const marker = await this.deps.pos.changeMarker();
        this.setHealth('pos', true, 'reachable');
        const nowMs = this.now().getTime();
        // Writes that failed for a passing reason (store down, timeouts) are not left to the next
        // full pass: an incremental read would not see those items again until they change.
        const retryDue = nowMs - this.lastFailedRetry >= RETRY_FAILED_MS && this.errors.open('product').some((e) => e.retryable);
        if (retryDue) {
          this.lastFailedRetry = nowMs;
          await this.syncProducts({ trigger: 'schedule' });
        } else if (marker !== this.cursors.get(POS_MARKER)) await this.syncProducts({ trigger: 'pos-change', incremental: true });
      }
    } catch (e) {
      this.setHealth('pos', false, (e as Error).message);
    }
    if (due.orders) await this.exportOrders({ trigger: 'schedule' });
  }

  /** Starts the schedule: a tick every `sync.pollSeconds`, each after the previous one ends. */
  start(): void {
    this.scheduler.start();
  }

  /** Stops the schedule and waits for the run in progress to end. */
  async stop(): Promise<void> {
    this.scheduler.stop();
    await this.queue.catch(() => undefined);
  }

  pause(): void { this.paused = true; this.emitStatus(); }
  resume(): void { this.paused = false; this.emitStatus(); }

  status(): EngineStatus {
    const backingOff = this.deps.storeCircuit?.describe() ?? null;
    const health = backingOff ? { ...this.health, store: { ok: false, message: backingOff, checkedAt: this.now().toISOString() } } : this.health;
    return buildStatus({
      live: { paused: this.paused, running: this.running, health, progress: this.progress, nextRunAt: this.scheduler.nextRunAt },
      links: this.links, allocation: this.allocation, journal: this.orders?.journal ?? null, errors: this.errors, runs: this.runs, now: this.now(),
      storeGuard: this.deps.storeGuard?.() ?? null,
    });
  }

  private exclusive<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      this.running = name;
      this.emitStatus();
      try {
        return await fn();
      } finally {
        this.running = null;
        this.emitStatus();
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private setHealth(side: 'pos' | 'store', ok: boolean, message: string): void {
    this.health = { ...this.health, [side]: { ok, message, checkedAt: this.now().toISOString() } };
  }

  private setProgress(p: Progress | null): void {
    this.progress = p;
    this.emit('progress', p);
  }

  private emitStatus(): void {
    // status() reads counts and allocation from the database: build it only for a listener.
    if (this.listenerCount('status') > 0) this.emit('status', this.status());
  }

  private log(line: string): void {
    this.deps.log?.(line);
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}

/** Whether an order pass changed what is allocated (new or changed orders, exports). */
function allocationMoved(poll: PollResult, cycle: OrderCycleResult): boolean {
  return poll.created > 0 || poll.updated > 0 || cycle.export.exported > 0 || (cycle.reconcile?.removed ?? 0) + (cycle.reconcile?.refreshed ?? 0) > 0;
}
