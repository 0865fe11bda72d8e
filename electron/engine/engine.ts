import { EventEmitter } from 'node:events';
import type { Database } from 'better-sqlite3';
import type { PosConnector, PosItem } from '../../connectors/pos/pos-connector';
import type { TillbridgeConfig } from './config';
import { overallState, type ConnectionHealth, type EngineStatus, type Progress } from './engine-status';
import type { CatalogPort } from './products/catalog-port';
import { LinkStore } from './products/link-store';
import { ProductSync, type ProductSyncResult } from './products/product-sync';
import { skuKey } from './products/sku';
import { Cursors } from './state/cursors';
import { ErrorLog } from './state/error-log';
import { RunLog } from './state/run-log';

export interface EngineDeps {
  config: TillbridgeConfig;
  db: Database;
  pos: PosConnector;
  catalog: CatalogPort;
  /** Allocated units per SKU key; the order side provides it (0 everywhere until then). */
  allocation?: () => Promise<Map<string, number>> | Map<string, number>;
  log?: (line: string) => void;
  now?: () => Date;
}

export interface ProductRunOptions {
  trigger: 'schedule' | 'manual' | 'pos-change' | 'cli';
  /** Full resync: forget what was pushed, write everything, retry products missing in the store. */
  force?: boolean;
  dryRun?: boolean;
  /** Only these SKUs (resync one SKU). */
  skus?: readonly string[];
  /** Read only what changed in the POS since the last committed cursor. */
  incremental?: boolean;
}

export interface ProductRunSummary {
  runId: number | null;
  status: 'ok' | 'partial' | 'failed';
  result: ProductSyncResult | null;
  durationMs: number;
  message: string | null;
}

const POS_CURSOR = 'pos-items';
const POS_MARKER = 'pos-marker';
const LAST_FULL = 'products-last-full';

/**
 * Runs the flows against one POS and one store and keeps the status the tray and dashboard show.
 * It imports nothing from Electron: the desktop shell, the headless server, the CLI and the tests
 * all drive this same class. Runs never overlap: a request while one runs waits for it.
 */
export class Engine extends EventEmitter {
  readonly links: LinkStore;
  readonly errors: ErrorLog;
  readonly runs: RunLog;
  readonly cursors: Cursors;
  private readonly productSync: ProductSync;
  private queue: Promise<unknown> = Promise.resolve();
  private running: string | null = null;
  private progress: Progress | null = null;
  private paused = false;
  private timer: NodeJS.Timeout | null = null;
  private nextRunAt: Date | null = null;
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
    this.productSync = new ProductSync(deps.catalog, this.links, this.errors);
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
      let items: PosItem[] = read.items;
      let complete = read.complete;
      if (opts.skus) {
        const wanted = new Set(opts.skus.map(skuKey));
        items = items.filter((i) => wanted.has(skuKey(i.sku ?? '')));
        complete = false;
      }
      items = items.concat(this.removedAsOffWeb(read.removedPosIds, items));
      const allocation = this.deps.allocation ? await this.deps.allocation() : new Map<string, number>();
      if (opts.force && !opts.dryRun) this.links.clearPushed();
      const result = await this.productSync.run(items, {
        complete, safetyBuffer: this.deps.config.sync.safetyBuffer, allocated: (k) => allocation.get(k) ?? 0,
        force: opts.force ?? false, dryRun: opts.dryRun ?? false,
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
        this.runs.finish(runId!, status, result, null, this.now());
      }
      return { runId, status, result, durationMs: this.now().getTime() - started.getTime(), message: null };
    } catch (e) {
      const message = (e as Error).message;
      const isPos = (e as { name?: string }).name === 'PosError';
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
    for (const link of this.links.allLinks().values()) {
      if (link.posId === null || !wanted.has(link.posId)) continue;
      out.push({ posId: link.posId, sku: link.displaySku, name: '', regularPrice: null, salePrice: null, saleFrom: null, saleTo: null,
        onHand: 0, onWeb: false, parentSku: null, parentPosId: null, isParent: false, attributes: {}, description: null, category: null, weight: null, barcode: null });
    }
    return out;
  }

  /**
   * One scheduler tick: a cheap POS marker check, and a product pass when something changed or a
   * complete pass is due. Errors are recorded, never thrown: the loop keeps going.
   */
  async tick(): Promise<void> {
    if (this.paused) return;
    try {
      const lastFull = this.cursors.get(LAST_FULL);
      const fullDue = !lastFull || this.now().getTime() - Date.parse(lastFull) >= this.deps.config.sync.fullSyncMinutes * 60_000;
      if (fullDue) { await this.syncProducts({ trigger: 'schedule' }); return; }
      const marker = await this.deps.pos.changeMarker();
      this.setHealth('pos', true, 'reachable');
      if (marker !== this.cursors.get(POS_MARKER)) await this.syncProducts({ trigger: 'pos-change', incremental: true });
    } catch (e) {
      this.setHealth('pos', false, (e as Error).message);
    }
  }

  /** Starts the schedule: a tick every `sync.pollSeconds`, each after the previous one ends. */
  start(): void {
    if (this.timer) return;
    const loop = async () => {
      await this.tick();
      if (!this.timer) return;
      const delay = this.deps.config.sync.pollSeconds * 1000;
      this.nextRunAt = new Date(this.now().getTime() + delay);
      this.timer = setTimeout(() => void loop(), delay);
      this.emitStatus();
    };
    this.timer = setTimeout(() => void loop(), 0);
  }

  /** Stops the schedule and waits for the run in progress to end. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextRunAt = null;
    await this.queue.catch(() => undefined);
  }

  pause(): void { this.paused = true; this.emitStatus(); }
  resume(): void { this.paused = false; this.emitStatus(); }

  status(): EngineStatus {
    const counts = this.links.counts();
    const base = {
      paused: this.paused,
      running: this.running,
      health: this.health,
      counts: {
        linkedProducts: counts.linked,
        draftsAwaitingPublish: counts.drafts,
        outstandingOrders: 0,
        allocatedUnits: 0,
        ordersExportedToday: 0,
        openErrors: this.errors.openCount(),
      },
    };
    return {
      ...base,
      state: overallState(base),
      progress: this.progress,
      lastProductSync: this.runs.lastSuccess('products')?.finishedAt ?? this.runs.lastSuccess('full-resync')?.finishedAt ?? null,
      lastOrderExport: this.runs.lastSuccess('orders')?.finishedAt ?? null,
      nextRunAt: this.nextRunAt?.toISOString() ?? null,
    };
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
    this.emit('status', this.status());
  }

  private log(line: string): void {
    this.deps.log?.(line);
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}
