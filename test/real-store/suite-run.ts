/**
 * One run of the real-store suite: the store it targets, the demo POS with the run's items, the
 * engine proxy, Tillbridge, what the run made in the store and the table it ends with. `open`
 * checks the store is safe to use before writing anything; `finish` removes what the run made
 * (also after failures) and prints the table. The scenarios (catalogue-scenarios.ts,
 * order-scenarios.ts, checkout-rounds.ts) work through the helpers here.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { EngineProcess } from './engine-process';
import { EngineProxy, isWrite } from './engine-proxy';
import { StoreClient, type Json } from './store-client';
import { StoreLedger } from './store-ledger';
import { openStoreTarget, type StoreTarget } from './store-target';
import { SuiteEngine } from './suite-engine';
import { SuitePos } from './suite-pos';
import { SuiteReport } from './suite-report';

/** Units the POS keeps back from the web (sync.safetyBuffer). */
export const BUFFER = 1;
export const ROUNDS = 10;
export const SHOPPERS = 5;

/** The suite's POS items (SKUs without the run's prefix). */
export const SIMPLE = {
  S1: { price: '12.50', stock: { MAIN: 10, BACK: 5 }, description: 'Stoneware bowl, 16 cm.', category: 'Kitchen' },
  S2: { price: '4.20', stock: { MAIN: 8 } },
  S3: { price: '30.00', stock: { MAIN: 6 } },
  SALE: { price: '9.99', stock: { MAIN: 9 } },
  EDIT: { price: '5.00', stock: { MAIN: 5 } },
  DEL: { price: '6.00', stock: { MAIN: 5 } },
  ALLOC: { price: '15.00', stock: { MAIN: 12 } },
  ORD: { price: '3.50', stock: { MAIN: 40 } },
} as const;
export const TEE = { sku: 'TEE', price: '19.00', children: [
  { sku: 'TEE-RED-S', size: 'S', colour: 'Red', stock: { MAIN: 4 } },
  { sku: 'TEE-RED-M', size: 'M', colour: 'Red', stock: { MAIN: 6 } },
  { sku: 'TEE-BLU-S', size: 'S', colour: 'Blue', stock: { BACK: 3 } },
] } as const;
/** One SKU per concurrent round, each with 3 on hand: the store shows 2. */
export const RACE = Array.from({ length: ROUNDS }, (_, i) => `RACE${String(i + 1).padStart(2, '0')}`);
export const RACE_PRICE = '2.00';
/** SKUs the scenarios make in the store themselves (hand-made products, an edited SKU). */
export const STORE_ONLY_SKUS = ['HAND', 'HANDV', 'HANDV-GRN-S', 'HANDV-GRN-L', 'EDITED'] as const;
/** Every SKU a run may leave in the store, without the run's prefix. */
export const ALL_SKUS: readonly string[] = [...Object.keys(SIMPLE), TEE.sku, ...TEE.children.map((c) => c.sku), ...RACE, ...STORE_ONLY_SKUS];

/** A run's id as it appears in its SKU prefix `TBRS-<id>-`. */
const PREFIX_PATTERN = /^TBRS-([0-9A-F]{6})-$/;

/** What a run has built, once its store is known to be safe. */
interface RunParts { target: StoreTarget; store: StoreClient; dir: string; pos: SuitePos; proxy: EngineProxy; eng: SuiteEngine }

export class SuiteRun {
  readonly startedAt = Date.now();
  /** Every SKU of this run starts with it. */
  readonly prefix: string;
  /** Every e-mail address of this run carries it. */
  readonly emailTag: string;
  readonly ledger: StoreLedger;
  /**
   * Only remove what an earlier, interrupted run left (TILLBRIDGE_TEST_STORE_CLEANUP names its
   * prefix): no scenario runs.
   */
  readonly cleanupOnly: boolean;
  /** Set by `open` as soon as the store is known (null: not even that far). */
  report: SuiteReport | null = null;
  private parts: RunParts | null = null;
  /** What `open` built so far, for `finish` to take down after a failed `open` too. */
  private readonly partial: Partial<RunParts> = {};
  /** The `tillbridge run` process while the export scenario runs it. */
  proc: EngineProcess | null = null;
  /** Store API orders left open by the allocation scenario, completed by the export scenario. */
  readonly openCheckoutOrders: number[] = [];

  /** A new run with a fresh prefix, or the clean-up of the run whose prefix `cleanupOf` names. */
  constructor(cleanupOf?: string) {
    const wanted = cleanupOf?.trim().toUpperCase();
    const id = wanted ? PREFIX_PATTERN.exec(wanted)?.[1] : randomBytes(3).toString('hex').toUpperCase();
    if (!id) throw new Error(`TILLBRIDGE_TEST_STORE_CLEANUP must be a run's SKU prefix as the suite printed it, like TBRS-1A2B3C- (got "${cleanupOf}").`);
    this.prefix = `TBRS-${id}-`;
    this.emailTag = `tbrs-${id.toLowerCase()}`;
    this.ledger = new StoreLedger(this.prefix, this.emailTag);
    for (const s of ALL_SKUS) this.ledger.skus.add(this.sku(s));
    this.cleanupOnly = wanted !== undefined && wanted !== '';
  }

  /** Resolves the store, refuses an unsafe one, builds the POS with the run's items, the proxy and Tillbridge. */
  async open(): Promise<void> {
    const p = this.partial;
    const target = (p.target = await openStoreTarget());
    const where = target.kind === 'emulator' ? 'the emulator (checkout and stock-move races on, timed gaps)' : `the staging store ${new URL(target.url).host}`;
    const report = (this.report = new SuiteReport(where, this.prefix, [target.key, target.secret]));
    const store = (p.store = new StoreClient(target));
    if (this.cleanupOnly) {
      report.cleanupOnly = true;
      console.log(report.redact(`Removing what the run ${this.prefix} left in ${where}; no scenario runs.`));
      await this.ledger.findLeftovers(store);
      return;
    }
    console.log(report.redact(`Real-store suite against ${where}; this run's SKUs start with ${this.prefix}, its e-mails with ${this.emailTag}.`));

    // Safety before anything is written: a store holding orders is refused unless allowed.
    const orders = await store.total('orders?status=any');
    if (orders > 0 && !target.allowOrders) {
      report.refusal = `the store holds ${orders} order(s); set TILLBRIDGE_TEST_STORE_ALLOW_ORDERS=1 to run against it anyway`;
      throw new Error(`Refused: ${report.refusal}.`);
    }

    const dir = (p.dir = mkdtempSync(join(tmpdir(), 'tb-real-store-')));
    const pos = (p.pos = await SuitePos.create(join(dir, 'pos.sqlite')));
    for (const [short, item] of Object.entries(SIMPLE)) await pos.addSimple({ sku: this.sku(short), name: `Suite item ${short}`, ...item });
    await pos.addMatrix(this.sku(TEE.sku), 'Suite tee', TEE.price, TEE.children.map((c) => ({ ...c, sku: this.sku(c.sku) })));
    for (const r of RACE) await pos.addSimple({ sku: this.sku(r), name: `Suite race item ${r}`, price: RACE_PRICE, stock: { MAIN: 3 } });

    const proxy = (p.proxy = new EngineProxy(target.url));
    await proxy.start();
    const eng = (p.eng = new SuiteEngine({ dataDir: join(dir, 'data'), storeUrl: proxy.url, authMode: target.auth, key: target.key,
      secret: target.secret, posFile: pos.file, safetyBuffer: BUFFER }));
    eng.open();
    this.parts = { target, store, dir, pos, proxy, eng };
  }

  private get ready(): RunParts {
    if (!this.parts) throw new Error('the suite is not set up (see the first error)');
    return this.parts;
  }
  get target(): StoreTarget { return this.ready.target; }
  get store(): StoreClient { return this.ready.store; }
  get pos(): SuitePos { return this.ready.pos; }
  get proxy(): EngineProxy { return this.ready.proxy; }
  get eng(): SuiteEngine { return this.ready.eng; }
  get dir(): string { return this.ready.dir; }
  get table(): SuiteReport { return this.report!; }

  sku(short: string): string {
    return `${this.prefix}${short}`;
  }

  email(what: string): string {
    return `${this.emailTag}-${what}@example.com`;
  }

  /** The one product or variation carrying exactly this SKU. */
  async one(sku: string): Promise<Json> {
    const found = await this.store.bySku(sku);
    expect(found.map((p: Json) => `${p.type} ${p.id}`), `store items with SKU ${sku}`).toHaveLength(1);
    return found[0];
  }

  /** What the store should show for a SKU without open orders: POS on-hand − buffer. */
  async webStock(sku: string): Promise<number> {
    return Math.max(0, (await this.pos.onHand(sku)) - BUFFER);
  }

  /** The merchant publishes a product by hand (virtual, so shoppers need no shipping method). */
  async publishForShoppers(id: number): Promise<void> {
    await this.store.call('PUT', `products/${id}`, { status: 'publish', virtual: true });
  }

  /** One shopper's Store API checkout (cash on delivery); its order id, or a throw when refused. */
  async checkout(productId: number, quantity: number, who: string): Promise<number> {
    const shopper = this.store.shopper();
    await shopper.open();
    const added = await shopper.add(productId, quantity);
    if (!added.ok) throw new Error(`add-item refused: ${added.code}`);
    const r = await shopper.checkout(this.email(who), 1);
    if (r.orderId !== null) this.ledger.orders.add(r.orderId);
    const t = this.table;
    t.checkouts.attempted++;
    if (!r.accepted) { t.checkouts.refused++; throw new Error(`checkout refused: ${r.code}`); }
    t.checkouts.accepted++;
    t.orders.storeApi++;
    return r.orderId!;
  }

  /**
   * The end of the run, whatever happened: the engine process stopped, Tillbridge closed, what the
   * run made deleted from the store, the table printed. Throws when the clean-up left something.
   */
  async finish(): Promise<void> {
    const { target, store, dir, pos, proxy, eng } = this.partial;
    const report = this.report;
    if (proxy) proxy.onRequest = null;
    await this.proc?.stop().catch(() => undefined);
    let linked: number[] = [];
    try {
      if (eng && !eng.tb && report && !report.refusal) eng.open();
      if (eng?.tb) linked = [...eng.engine.links.allLinks().values()].flatMap((l) => (l.storeId ? [l.storeId] : []));
    } catch { /* the clean-up below still sweeps by SKU */ }
    await eng?.close().catch(() => undefined);
    if (report && pos) report.orders.invoices = (await pos.invoices().catch(() => [])).length;
    let left: string[] = [];
    if (report && store && !report.refusal) {
      report.cleanup = await this.ledger.cleanup(store, linked);
      left = report.cleanup.left;
    }
    if (report && target) report.lostInMoves = target.lostInMoves();
    if (report && store && proxy) report.requests = { ...store.sent, engine: proxy.seen.length, engineWrites: proxy.seen.filter(isWrite).length };
    if (report) console.log(`\n${report.render(Date.now() - this.startedAt)}\n`);
    await proxy?.close();
    await pos?.close().catch(() => undefined);
    await target?.close();
    const failed = report?.scenarios.some((s) => !s.passed) ?? true;
    if (dir && !failed) rmSync(dir, { recursive: true, force: true });
    else if (dir) console.log(`The run's POS and Tillbridge state are kept in ${dir} for a look.`);
    if (left.length) throw new Error(`The clean-up left ${left.length} thing(s) in the store: ${left.join(', ')}`);
  }
}
