/**
 * Tillbridge in the suite's own process, built by the composition root exactly as the CLI builds
 * it (electron/compose/compose.ts: openTillbridge), on the suite's demo POS and with the engine
 * proxy as the store's address. The suite drives its product and order passes itself, one after
 * the other or as a loop running beside the shoppers.
 */
import { openTillbridge, type Tillbridge } from '../../electron/compose/compose';
import { parseConfig, type TillbridgeConfig } from '../../electron/engine/settings/config';
import type { OrderRunSummary, ProductRunSummary } from '../../electron/engine/engine-types';

export interface SuiteEngineOptions {
  dataDir: string;
  storeUrl: string;
  authMode: 'basic' | 'query';
  key: string;
  secret: string;
  posFile: string;
  safetyBuffer: number;
}

/** Writes and order changes a pass made: 0 means it found the store and the POS agreeing. */
function productMoves(r: ProductRunSummary): number {
  return r.result ? r.result.created + r.result.updated + (r.result.stock?.corrections.length ?? 0) : 0;
}

function orderMoves(r: OrderRunSummary): number {
  const c = r.cycle;
  return c ? c.poll.created + c.poll.updated + c.export.exported + c.export.marked : 0;
}

export class SuiteEngine {
  tb: Tillbridge | null = null;
  readonly config: TillbridgeConfig;
  readonly log: string[] = [];

  constructor(opts: SuiteEngineOptions) {
    this.config = parseConfig({
      dataDir: opts.dataDir,
      store: { url: opts.storeUrl, consumerKey: opts.key, consumerSecret: opts.secret, authMode: opts.authMode },
      pos: { profile: 'demo', driver: 'sqlite', sqlite: { file: opts.posFile } },
      sync: { pollSeconds: 1, orderPollSeconds: 1, fullSyncMinutes: 60, safetyBuffer: opts.safetyBuffer },
      orders: { guests: 'create' },
      dashboard: { port: 0 },
    });
  }

  open(): Tillbridge {
    this.tb = openTillbridge(this.config, { log: (line) => this.log.push(line) });
    return this.tb;
  }

  get engine() {
    if (!this.tb) throw new Error('Tillbridge is not open');
    return this.tb.engine;
  }

  /** One product pass (a complete read of the POS); throws when the pass failed as a whole. */
  async products(opts: { force?: boolean } = {}): Promise<ProductRunSummary> {
    const r = await this.engine.syncProducts({ trigger: 'manual', ...opts });
    if (!r.result) throw new Error(`product pass failed: ${r.message}`);
    return r;
  }

  /** One order pass (poll, export, mark; a product pass follows when allocation moved). */
  async orders(): Promise<OrderRunSummary> {
    const r = await this.engine.exportOrders({ trigger: 'manual' });
    if (!r.cycle) throw new Error(`order pass failed: ${r.message}`);
    return r;
  }

  /** Order pass + product pass; how much they changed. */
  async round(): Promise<number> {
    return orderMoves(await this.orders()) + productMoves(await this.products());
  }

  /** Rounds until one changes nothing (at most `max`); returns how many it took. */
  async settle(max = 12): Promise<number> {
    for (let n = 1; n <= max; n++) if ((await this.round()) === 0) return n;
    throw new Error(`Tillbridge did not settle in ${max} order+product passes`);
  }

  /** Open problems of one code (e.g. 'link-broken'), by item. */
  problems(code: string): string[] {
    return this.engine.errors.open().filter((e) => e.code === code).map((e) => e.itemKey);
  }

  /** Every SKU an `oversold` problem was ever opened for in this run (open, resolved or acknowledged). */
  oversoldEver(): Set<string> {
    const rows = this.tb!.db.prepare("SELECT DISTINCT item_key FROM item_errors WHERE scope = 'product' AND code = 'oversold'").all() as { item_key: string }[];
    return new Set(rows.map((r) => r.item_key));
  }

  async close(): Promise<void> {
    const tb = this.tb;
    this.tb = null;
    if (tb) await tb.close();
  }
}

/**
 * Tillbridge's passes back to back while something else happens (shoppers checking out): order
 * pass, product pass, again, until stopped. Waiting is on passes, never on the clock.
 */
export class PassLoop {
  private stopped = false;
  private done: Promise<void> | null = null;
  /** Rounds started so far. */
  started = 0;
  private readonly finished: { index: number; moved: number }[] = [];
  private waiters: (() => void)[] = [];
  private failure: Error | null = null;

  constructor(private readonly engine: SuiteEngine) {}

  start(): void {
    this.done = (async () => {
      while (!this.stopped) {
        const index = this.started++;
        try {
          this.finished.push({ index, moved: await this.engine.round() });
        } catch (e) {
          this.failure = e as Error;
          this.stopped = true;
        }
        const w = this.waiters;
        this.waiters = [];
        for (const r of w) r();
      }
    })();
  }

  /**
   * Resolves once a round that started at or after round `from` changed nothing (Tillbridge has
   * caught up with everything that happened before `from`); fails after `max` such rounds.
   */
  async quietSince(from: number, max = 15): Promise<void> {
    for (;;) {
      if (this.failure) throw this.failure;
      const after = this.finished.filter((f) => f.index >= from);
      if (after.some((f) => f.moved === 0)) return;
      if (after.length >= max) throw new Error(`Tillbridge's passes did not come to rest within ${max} rounds`);
      if (this.stopped) throw new Error('the pass loop stopped');
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
    if (this.failure) throw this.failure;
  }
}
