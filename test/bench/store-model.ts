/**
 * A store that answers as slowly as the real one (real-store-facts.md, woocommerce-contract/
 * timings.json), for benchmarks where the emulator's own speed would flatter concurrency. Each
 * request costs work — a base, plus per object in a batch (~68 ms a create, ~30 ms an update),
 * or a list read — and is served by one of `workers` PHP workers (six PHP-FPM workers on the
 * measured store; more requests queue for a worker). Workers share `capacity` machine-time at
 * once (processor sharing): the measured store did 23 products/s with one lane and 39/s with six
 * on 2 cores shared with its PHP and MariaDB, so capacity ≈ 39/23 ≈ 1.7 workers' worth.
 * The emulator's real time counts towards a request's work, so it is never paid twice.
 */
import { performance } from 'node:perf_hooks';
import type { RequestKind } from './store-stats';

export interface StoreModel {
  /** Every request: authentication, WordPress and WooCommerce start-up (a single PUT ~89 ms). */
  baseMs: number;
  /** Per created product or variation in a batch (batch of 100 creates: 6.8 s median). */
  perCreateMs: number;
  /** Per updated item in a batch (batch of 100 updates: 3.0 s median). */
  perUpdateMs: number;
  /** A list page or SKU look-up of up to 100 (~240 ms with `_fields`). */
  listMs: number;
  workers: number;
  capacity: number;
}

/** The measured store (timings.json medians; capacity from 23 vs 39 products/s, one vs six lanes). */
export const REAL_STORE_MODEL: StoreModel = { baseMs: 80, perCreateMs: 68, perUpdateMs: 30, listMs: 240, workers: 6, capacity: 1.7 };

/** What a request costs the modelled store, in ms of one worker's undivided time. */
export function requestWork(model: StoreModel, kind: RequestKind, body: { creates: number; updates: number }): number {
  switch (kind) {
    case 'productBatch':
    case 'variationBatch':
      return model.baseMs + body.creates * model.perCreateMs + body.updates * model.perUpdateMs;
    case 'skuLookup':
    case 'productRead':
    case 'orderRead':
      return model.listMs;
    default:
      return model.baseMs;
  }
}

interface Job { left: number; done: () => void }

/** The modelled store's workers and their shared capacity. */
export class ModelledStore {
  private busy = 0;
  private readonly waiting: (() => void)[] = [];
  private active: Job[] = [];
  private last = performance.now();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly model: StoreModel) {}

  /**
   * Runs `handle` (the emulator's real work) on a worker, then keeps the worker until the
   * request's modelled work is done; resolves with what `handle` gave.
   */
  async serve<T>(workMs: number, handle: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      const started = performance.now();
      const value = await handle();
      const left = workMs - (performance.now() - started);
      if (left > 0) await this.process(left);
      return value;
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.busy < this.model.workers) {
      this.busy++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy--;
  }

  private process(work: number): Promise<void> {
    return new Promise((done) => {
      this.advance();
      this.active.push({ left: work, done });
      this.schedule();
    });
  }

  private rate(): number {
    return Math.min(1, this.model.capacity / Math.max(1, this.active.length));
  }

  /** Moves every active job forward by the time since the last event, at the shared rate. */
  private advance(): void {
    const now = performance.now();
    const spent = (now - this.last) * this.rate();
    this.last = now;
    for (const j of this.active) j.left -= spent;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const finished = this.active.filter((j) => j.left <= 0.5);
    this.active = this.active.filter((j) => j.left > 0.5);
    for (const j of finished) j.done();
    if (this.active.length === 0) return;
    const soonest = Math.min(...this.active.map((j) => j.left)) / this.rate();
    this.timer = setTimeout(() => { this.advance(); this.schedule(); }, Math.max(1, soonest));
  }
}
