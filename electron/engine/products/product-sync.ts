import type { PosItem } from '../../../connectors/core/pos-items-port';
import type { StockGuard } from '../stock-guard/stock-guard';
import type { ErrorLog } from '../state/error-log';
import type { RunCounts } from '../state/run-log';
import type { StoreCatalogPort, ItemChange, StoreFailure, StoreItemRef, WriteOutcome } from '../../../connectors/core/store-catalog-port';
import type { Link, LinkStore } from '../links/link-store';
import { itemChange, newProduct, newVariation } from './product-mapper';
import { planProducts, type CreateAction, type ProductPlan, type UpdateAction, type VariationCreateAction } from './product-plan';
import { skuKey } from '../items/sku';
import { stockCheckFor, StockWriter, type StockRunStats, type StockSettler } from './stock-writer';
import { linkFacts, validateItems, type ValidationLimits, DEFAULT_LIMITS } from './validate-items';
import type { ItemProblem, WebItem } from '../items/web-item';
import { normaliseDate, type WebValues } from '../items/web-values';
import { OversellReporter } from '../stock-guard/oversell-report';
import type { AllocationEntry } from '../allocation/allocation';
import { runInLanes } from './lanes';


/** Product types WooCommerce keeps no price for: a price written to them is dropped with a 200. */
const PRICELESS_TYPES: ReadonlySet<string> = new Set(['variable', 'grouped']);

export interface ProductSyncOptions {
  /** Whole web selection (deletions can be seen) or only the items that changed. */
  complete: boolean;
  safetyBuffer: number;
  /** Allocated units per SKU key; with a stock guard, the guard's own count is used instead. */
  allocated?: (key: string) => number;
  force?: boolean;
  /**
   * With `complete`: SKU keys the POS still has but outside the web selection. A linked SKU
   * among them left the selection; one missing from the read and from these was deleted.
   */
  leftSelection?: ReadonlySet<string>;
  dryRun?: boolean;
  limits?: ValidationLimits;
  onProgress?: (done: number, total: number, phase: string) => void;
}

export interface ProductSyncResult extends RunCounts {
  plan: ProductPlan;
  problems: ItemProblem[];
  /** SKUs whose link broke or that failed in this run, for the dashboard. */
  failedKeys: string[];
  /** What the guarded stock writes did (only with a stock guard). */
  stock?: StockRunStats;
}

export interface ProductSyncDeps {
  /**
   * Guards stock writes against live checkouts (stock-guard/RACE.md): reads the store's stock
   * before each batch, re-polls orders after it and corrects at once. Without it, stock values
   * are written as planned from `allocated`.
   */
  stockGuard?: StockGuard;
  /** Lines for the engine's log (stock corrections after orders landed during a write). */
  log?: (line: string) => void;
  /**
   * The outstanding orders per SKU key (the AllocationReader), read at the end of each pass for
   * oversell detection (stock-guard/oversell.ts); without it nothing is detected.
   */
  oversell?: { allocationFor(keys: Iterable<string>): Map<string, AllocationEntry> };
  /** Batch requests to the store in flight at once (sync.storeConcurrency; default 1). */
  lanes?: number;
}

/**
 * The product flow (the OCA "synchronizer"): validate POS items, plan, then create drafts, create
 * variations under their parents, and update only changed owned values. Every write outcome is
 * recorded item by item, so a crash or a lost connection costs at most a repeated write, never a
 * duplicate product (creates are keyed by SKU, which the store refuses to duplicate).
 */
export class ProductSync {
  /** This run's guarded stock writer (null without a guard). */
  private stock: StockWriter | null = null;
  private readonly oversell: OversellReporter | null;

  constructor(
    private readonly catalog: StoreCatalogPort,
    private readonly links: LinkStore,
    private readonly errors: ErrorLog,
    private readonly deps: ProductSyncDeps = {},
  ) {
    this.oversell = deps.oversell ? new OversellReporter(errors, deps.oversell) : null;
  }

  /**
   * Oversell review at the end of a pass (stock-guard/oversell-report.ts), with the freshest order
   * copy (after the re-polls of the stock writes), this pass's POS on-hand and the store stock read
   * before the writes. Its problems stay until a person acknowledges them.
   */
  private reportOversells(items: readonly WebItem[], safetyBuffer: number): void {
    if (!this.oversell) return;
    const looked = items.filter((i) => i.onWeb && !i.isParent).map((i) => ({ key: i.key, sku: i.sku, onHand: i.onHand }));
    this.oversell.review(looked, safetyBuffer, { storeStock: this.stock?.storeReads });
  }

  async run(raw: readonly PosItem[], opts: ProductSyncOptions): Promise<ProductSyncResult> {
    const requestsBefore = this.catalog.requestCount();
    const seenKeys = new Set(raw.map((i) => skuKey(i.sku ?? '')));
    // A complete pass looks for linked SKUs missing from the read; a pass over changed items needs
    // only their own links and pushed values (work proportional to the change, not the catalogue).
    const links = opts.complete ? this.links.allLinks() : this.links.linksFor(linkKeysOf(raw));
    const { items, problems } = validateItems(raw, opts.limits ?? DEFAULT_LIMITS, linkFacts(links));
    const guard = this.deps.stockGuard;
    let allocated = opts.allocated ?? (() => 0);
    let stockCheck: ((key: string, desired: number) => boolean) | undefined;
    if (guard) {
      const keys = new Set([...items.map((i) => i.key), ...links.keys()]);
      // The guard's count, which leaves in what WooCommerce holds back itself, is what stock values agree with.
      const fromOrders = guard.allocated(keys);
      allocated = (k) => fromOrders.get(k) ?? 0;
      stockCheck = stockCheckFor(guard, keys);
    }
    const plan = planProducts({
      items, seenKeys, complete: opts.complete, links, pushed: opts.complete ? this.links.allPushed() : this.links.pushedFor(links.keys()),
      allocated, safetyBuffer: opts.safetyBuffer, force: opts.force ?? false, stockCheck, leftSelection: opts.leftSelection,
    });
    const result: ProductSyncResult = { plan, problems, failedKeys: [], created: 0, updated: 0, unchanged: plan.unchanged, failed: 0, requests: 0 };
    if (opts.dryRun) return result;
    const onHand = new Map(items.filter((i) => i.onWeb && !i.isParent).map((i) => [i.key, i.onHand]));
    this.stock = guard ? new StockWriter(guard, this.catalog, { safetyBuffer: opts.safetyBuffer, onHand, log: this.deps.log }) : null;

    // SKU key → the item names its errors were filed under (as the POS spells the SKU) and their codes.
    const failing = new Map<string, { skus: Set<string>; codes: string[] }>();
    const fail = (key: string, sku: string, code: string, message: string, hint: string, retryable = false) => {
      this.errors.report({ scope: 'product', itemKey: sku, code, message, hint, retryable });
      const entry = failing.get(key) ?? { skus: new Set<string>(), codes: [] };
      entry.skus.add(sku);
      entry.codes.push(code);
      failing.set(key, entry);
    };
    for (const p of problems) {
      if (p.severity === 'error') fail(skuKey(p.itemKey), p.itemKey, p.code, p.message, p.hint);
      else this.errors.report({ scope: 'product', itemKey: p.itemKey, code: p.code, message: p.message, hint: p.hint });
    }
    for (const s of plan.skipped) fail(s.key, s.displaySku, s.code, s.message, s.hint);

    // Adoptions (and healed links) add an update each once their outcome is known: the total
    // grows with them, before the progress is reported, so done never passes total.
    let total = plan.creates.length + plan.variationCreates.length + plan.updates.length + plan.recheck.length;
    let done = 0;
    const progress: ProgressFn = (n, phase, added = 0) => { total += added; done += n; opts.onProgress?.(done, total, phase); };

    const extraUpdates: UpdateAction[] = [];
    await this.recheckBroken(plan, extraUpdates, fail, progress, opts.force ?? false);
    await this.createProducts(plan.creates, result, extraUpdates, fail, progress);
    await this.createVariations(plan.variationCreates, result, extraUpdates, fail, progress);
    await this.applyUpdates([...plan.updates, ...extraUpdates], result, fail, progress);

    this.reportOversells(items, opts.safetyBuffer);

    // Items that went through (or needed nothing) have no open error any more.
    const stillFailing = new Set<string>();
    for (const [key, entry] of failing) {
      for (const sku of entry.skus) stillFailing.add(sku);
      const link = this.links.link(key);
      if (link) stillFailing.add(link.displaySku);
    }
    for (const p of problems) if (p.severity === 'error') stillFailing.add(p.itemKey);
    for (const s of plan.skipped) stillFailing.add(s.displaySku);
    // Oversold problems are not touched here: only a person closes them (OversellReporter).
    if (opts.complete) {
      // A warning (a sale price the store would drop) stays open while it holds; the item's other problems close.
      const warned = new Map<string, string[]>();
      for (const p of problems) if (p.severity !== 'error' && !stillFailing.has(p.itemKey)) warned.set(p.itemKey, [...(warned.get(p.itemKey) ?? []), p.code]);
      this.errors.resolveAllExcept('product', new Set([...stillFailing, ...warned.keys()]));
      for (const [sku, codes] of warned) this.errors.resolve('product', sku, codes);
    } else {
      for (const item of items) {
        if (failing.has(item.key)) continue;
        this.errors.resolve('product', item.sku, problems.filter((p) => p.itemKey === item.sku).map((p) => p.code));
      }
    }

    result.failedKeys = [...failing.keys()];
    result.failed = failing.size;
    if (this.stock) result.stock = this.stock.stats;
    result.requests = this.catalog.requestCount() - requestsBefore;
    return result;
  }

  /**
   * Broken links (the store product no longer carries the SKU): a store product carrying the SKU
   * again is adopted (the link heals). On a full resync, when no store product carries it, a simple
   * product or a variation is created again as a draft; a variable parent stays broken (its
   * variations hang on the old product).
   */
  private async recheckBroken(plan: ProductPlan, extra: UpdateAction[], fail: FailFn, progress: ProgressFn, force: boolean): Promise<void> {
    if (plan.recheck.length === 0) return;
    const found = groupByKey(await this.catalog.findBySkus(plan.recheck.map((r) => r.item.sku)));
    let healed = 0;
    let recreated = 0;
    for (const { key, item, link, values } of plan.recheck) {
      const refs = found.get(key) ?? [];
      if (refs.length === 1) {
        const ref = refs[0]!;
        this.adopt(item, ref, false);
        extra.push(this.adoptionUpdate(item, ref, link, values));
        healed++;
      } else if (refs.length === 0 && force && !item.isParent && item.onWeb && !item.stockOnly && !item.createBlocker) {
        // Counted by the create step's progress instead of here.
        if (item.parentKey) plan.variationCreates.push({ item, values, parentKey: item.parentKey });
        else plan.creates.push({ item, values, variations: [] });
        recreated++;
      } else {
        const how = item.isParent
          ? `Put SKU ${item.sku} back on store ${link.kind} ${link.storeId} (its variations hang on it).`
          : `Put SKU ${item.sku} back on store ${link.kind} ${link.storeId} (the link then heals by itself), or run a full resync to create a new draft for it.`;
        fail(key, item.sku, 'link-broken', link.note ?? `The store product linked to ${item.sku} no longer carries that SKU.`, how);
      }
    }
    progress(plan.recheck.length - recreated, 'rechecking broken links', healed);
  }

  private async createProducts(creates: CreateAction[], result: ProductSyncResult, extra: UpdateAction[], fail: FailFn, progress: ProgressFn): Promise<void> {
    if (creates.length === 0) return;
    this.links.transaction(() => {
      for (const c of creates) this.markPending(c.item);
    });
    // One unit per store request, so each lane holds one batch in flight and is settled on its own.
    await runInLanes(chunks(creates, this.batchSize()), this.lanes(), async (part) => {
      const outcomes = await this.withOneRetry(part, (list) => this.catalog.createProducts(list.map((c) => newProduct(c.item, c.values, c.variations))));
      const found: UpdateAction[] = [];
      this.links.transaction(() => {
        part.forEach((c, i) => this.settleCreate(c.item, c.values, outcomes[i]!, result, found, fail));
        this.recordCreatedStock(part, outcomes);
      });
      await this.resolveAdoptedKinds(found);
      extra.push(...found);
      progress(part.length, createPhase('drafts', found.length, part.length), found.length);
    });
  }

  private async createVariations(creates: VariationCreateAction[], result: ProductSyncResult, extra: UpdateAction[], fail: FailFn, progress: ProgressFn): Promise<void> {
    if (creates.length === 0) return;
    const byParent = new Map<number, VariationCreateAction[]>();
    for (const c of creates) {
      const parent = this.links.link(c.parentKey);
      if (!parent || parent.state !== 'linked' || parent.storeId === null) {
        fail(c.item.key, c.item.sku, 'parent-not-linked',
          `${c.item.sku} waits for its parent ${c.item.parentSku}, which is not in the store yet.`,
          `Fix the error shown for ${c.item.parentSku}; the variation follows on the next run.`);
        continue;
      }
      const list = byParent.get(parent.storeId) ?? [];
      list.push(c);
      byParent.set(parent.storeId, list);
    }
    // WooCommerce takes variations per parent: one batch per parent (and per hundred), in lanes.
    const units = [...byParent].flatMap(([parentId, list]) => chunks(list, this.batchSize()).map((part) => ({ parentId, part })));
    await runInLanes(units, this.lanes(), async ({ parentId, part: list }) => {
      this.links.transaction(() => { for (const c of list) this.markPending(c.item, parentId); });
      const outcomes = await this.withOneRetry(list, (part) => this.catalog.createVariations(parentId, part.map((c) => newVariation(c.item, c.values))));
      const found: UpdateAction[] = [];
      this.links.transaction(() => {
        list.forEach((c, i) => this.settleCreate(c.item, c.values, outcomes[i]!, result, found, fail, parentId));
        this.recordCreatedStock(list, outcomes);
      });
      extra.push(...found);
      progress(list.length, createPhase('variations', found.length, list.length), found.length);
    });
  }

  /** Store batch requests in flight at once (sync.storeConcurrency). */
  private lanes(): number {
    return Math.max(1, Math.floor(this.deps.lanes ?? 1));
  }

  private batchSize(): number {
    return Math.max(1, Math.floor(this.catalog.writeBatchSize));
  }

  /** With a guard, a created stock value is the basis of the next stock write (stock-guard/RACE.md). */
  private recordCreatedStock(list: readonly { item: WebItem; values: WebValues }[], outcomes: readonly WriteOutcome[]): void {
    if (!this.stock) return;
    const entries = list.flatMap((c, i) => (outcomes[i]?.ok && c.values.stock !== null ? [{ key: c.item.key, stock: c.values.stock }] : []));
    this.stock.recordCreated(entries);
  }

  /** A create whose answer was lost is sent again once: the SKU makes it idempotent. */
  private async withOneRetry<T>(list: T[], send: (part: T[]) => Promise<WriteOutcome[]>): Promise<WriteOutcome[]> {
    const outcomes = await send(list);
    const again = list.map((_, i) => i).filter((i) => !outcomes[i]!.ok && (outcomes[i] as { error: StoreFailure }).error.retryable);
    if (again.length === 0) return outcomes;
    const second = await send(again.map((i) => list[i]!));
    again.forEach((idx, j) => { outcomes[idx] = second[j]!; });
    return outcomes;
  }

  private markPending(item: WebItem, parentId: number | null = null): void {
    const existing = this.links.link(item.key);
    if (existing && existing.state !== 'missing' && existing.state !== 'pending-create') return;
    this.links.saveLink(item.key, { displaySku: item.sku, posId: item.posId, storeId: null, parentId,
      kind: item.parentKey ? 'variation' : 'product', state: 'pending-create', createdByUs: false,
      note: 'create sent; outcome not yet confirmed' });
  }

  private settleCreate(item: WebItem, values: WebValues, outcome: WriteOutcome, result: ProductSyncResult, extra: UpdateAction[], fail: FailFn, parentId: number | null = null): void {
    if (outcome.ok) {
      this.links.saveLink(item.key, { displaySku: item.sku, posId: item.posId, storeId: outcome.item.id,
        parentId: outcome.item.parentId ?? parentId, kind: parentId !== null ? 'variation' : 'product', state: 'linked', createdByUs: true,
        note: 'created as a draft by Tillbridge' });
      this.links.savePushed(item.key, fromStore(outcome.item, values));
      if (parentId === null) this.links.setStoreStatus(item.key, outcome.item.status);
      result.created++;
      return;
    }
    const e = outcome.error;
    if (e.kind === 'duplicate-sku' && e.resourceId) {
      // The SKU already exists (made by hand, or our own earlier create whose answer was lost): adopt it.
      const link: Link = { sku: item.key, displaySku: item.sku, posId: item.posId, storeId: e.resourceId, parentId,
        kind: parentId !== null ? 'variation' : 'product', state: 'linked', createdByUs: false, note: 'adopted: the store already had this SKU',
        linkedAt: '', updatedAt: '' };
      this.links.saveLink(item.key, link);
      extra.push({ key: item.key, displaySku: item.sku, link, values, parts: { prices: values.regularPrice !== null, stock: values.stock !== null }, reason: null, adopt: true });
      return;
    }
    if (e.kind === 'uncertain') {
      fail(item.key, item.sku, 'create-unconfirmed', `Creating ${item.sku} in the store got no answer (${e.message}).`,
        'Nothing to do: the next run asks the store again and adopts the product if the create went through.', true);
      return;
    }
    this.links.forget(item.key);
    const trashed = e.kind === 'in-trash';
    fail(item.key, item.sku, trashed ? 'sku-in-trash' : `create-${e.code}`,
      trashed ? `${item.sku} cannot be created: a product in the store's trash still holds this SKU.`
        : `Creating ${item.sku} in the store failed: ${e.message}`,
      trashed ? 'Restore that product from the trash (it is then adopted) or delete it permanently.' : (e.hint ?? 'Check the item in the POS and retry.'),
      e.retryable);
  }

  /** Adopted SKUs may belong to variations: one SKU lookup per hundred tells which, and under which parent. */
  private async resolveAdoptedKinds(extra: UpdateAction[]): Promise<void> {
    const pending = extra.filter((u) => u.adopt && u.link.kind === 'product');
    if (pending.length === 0) return;
    const found = groupByKey(await this.catalog.findBySkus(pending.map((u) => u.displaySku)));
    for (const u of pending) {
      const ref = (found.get(u.key) ?? []).find((r) => r.id === u.link.storeId);
      if (ref?.type === 'variation' && ref.parentId) {
        u.link = { ...u.link, kind: 'variation', parentId: ref.parentId, note: 'adopted: the store already had this SKU (a variation)' };
        this.links.saveLink(u.key, u.link);
      }
    }
  }

  private adopt(item: WebItem, ref: StoreItemRef, pending: boolean): void {
    this.links.saveLink(item.key, { displaySku: item.sku, posId: item.posId, storeId: ref.id, parentId: ref.parentId,
      kind: ref.type === 'variation' ? 'variation' : 'product', state: pending ? 'pending-create' : 'linked', createdByUs: false,
      note: 'linked again: the store product carries this SKU' });
    this.links.savePushed(item.key, fromStore(ref, null));
  }

  private adoptionUpdate(item: WebItem, ref: StoreItemRef, link: Link, values: WebValues): UpdateAction {
    return { key: item.key, displaySku: item.sku, link: { ...link, storeId: ref.id, parentId: ref.parentId, kind: ref.type === 'variation' ? 'variation' : 'product', state: 'linked' },
      values, parts: { prices: values.regularPrice !== null, stock: values.stock !== null }, reason: null, adopt: true };
  }

  private async applyUpdates(updates: UpdateAction[], result: ProductSyncResult, fail: FailFn, progress: ProgressFn): Promise<void> {
    if (updates.length === 0) return;
    const products: UpdateAction[] = [];
    const variations = new Map<number, UpdateAction[]>();
    for (const u of updates) {
      if (u.link.kind === 'variation' && u.link.parentId) {
        const list = variations.get(u.link.parentId) ?? [];
        list.push(u);
        variations.set(u.link.parentId, list);
      } else products.push(u);
    }
    const send = async (list: UpdateAction[], parentId: number | null, write: (l: readonly ItemChange[]) => Promise<WriteOutcome[]>) => {
      if (this.stock) {
        await this.stock.write(list, parentId, write, this.settler(result, fail));
      } else {
        const outcomes = await write(list.map((u) => itemChange(u.link.storeId!, u.values, u.parts, u.adopt === true)));
        this.links.transaction(() => list.forEach((u, i) => this.settleUpdate(u, outcomes[i]!, result, fail)));
      }
      progress(list.length, 'updating prices and stock');
    };
    // One unit per store request (the guard reads, moves and re-checks each batch on its own), in lanes.
    const size = this.batchSize();
    const units: { list: UpdateAction[]; parentId: number | null }[] = chunks(products, size).map((list) => ({ list, parentId: null }));
    for (const [parentId, list] of variations) for (const part of chunks(list, size)) units.push({ list: part, parentId });
    await runInLanes(units, this.lanes(), ({ list, parentId }) => parentId === null
      ? send(list, null, (l) => this.catalog.updateProducts(l))
      : send(list, parentId, (l) => this.catalog.updateVariations(parentId, l)));
  }

  /** How the guarded stock writer hands its outcomes back to this flow. */
  private settler(result: ProductSyncResult, fail: FailFn): StockSettler {
    return {
      settle: (u, outcome, count) => this.settleUpdate(u, outcome, result, fail, count),
      kept: (u, stock) => {
        const have = this.links.pushed(u.key);
        this.links.savePushed(u.key, { ...(have ?? u.values), stock });
        this.markLeft(u);
        result.unchanged++;
      },
      transaction: (fn) => this.links.transaction(fn),
    };
  }

  /** An item that left the web selection or the POS: its link says so once its stock is 0. */
  private markLeft(u: UpdateAction): void {
    if (u.reason === 'off-web' || u.reason === 'deleted-in-pos') {
      this.links.setState(u.key, 'off-web', u.reason === 'off-web'
        ? 'left the web selection in the POS: web stock set to 0'
        : 'deleted in the POS: web stock set to 0');
    }
  }

  private settleUpdate(u: UpdateAction, outcome: WriteOutcome, result: ProductSyncResult, fail: FailFn, count = true): void {
    if (outcome.ok) {
      const storeKey = skuKey(outcome.item.sku ?? '');
      if (storeKey !== u.key) {
        // The merchant changed the SKU in the store: the glue is gone. Stop writing to it.
        const note = `The SKU of store ${u.link.kind} ${u.link.storeId} was changed in the store from ${u.displaySku} to "${outcome.item.sku}".`;
        this.links.setState(u.key, 'broken', note);
        fail(u.key, u.displaySku, 'link-broken', note, `Put SKU ${u.displaySku} back on that product in WooCommerce (the link then heals by itself), or run a full resync to create a new draft for it.`);
        return;
      }
      if (u.link.kind === 'product' && u.values.regularPrice !== null && PRICELESS_TYPES.has(outcome.item.type)) {
        // The merchant turned the product into a type that keeps no price of its own: the store
        // answers 200 and drops the price. Say so instead of counting it as written.
        fail(u.key, u.displaySku, 'store-type-changed',
          `${u.displaySku}: store product ${u.link.storeId} is now a ${outcome.item.type} product, which takes no price of its own, so the POS price ${u.values.regularPrice} was not kept.`,
          `Change product ${u.link.storeId} back to a simple product in WooCommerce (Product data → Simple product), or, if it should be ${outcome.item.type}, give SKU ${u.displaySku} to one of its variations or linked products instead.`);
        return;
      }
      this.links.savePushed(u.key, fromStore(outcome.item, u.values));
      if (u.link.kind === 'product' && outcome.item.status) this.links.setStoreStatus(u.key, outcome.item.status);
      if (u.reason !== null) this.markLeft(u);
      else if (u.link.state !== 'linked') this.links.setState(u.key, 'linked', u.link.note);
      if (!outcome.item.manageStock && u.values.stock !== null) {
        this.errors.report({ scope: 'product', itemKey: u.displaySku, code: 'stock-not-managed',
          message: `${u.displaySku}: stock management is off for this product in the store, so the web quantity is ignored.`,
          hint: 'Turn on "Manage stock?" for the product in WooCommerce.' });
      }
      if (count) result.updated++;
      return;
    }
    const e = outcome.error;
    if (e.kind === 'not-found') {
      this.links.setState(u.key, 'missing', `store ${u.link.kind} ${u.link.storeId} was deleted in the store`);
      fail(u.key, u.displaySku, 'missing-in-store', `${u.displaySku}: store ${u.link.kind} ${u.link.storeId} no longer exists in the store.`,
        'Run a full resync to create it again as a draft, or take the item out of the web selection in the POS.');
      return;
    }
    fail(u.key, u.displaySku, `update-${e.code}`, `Updating ${u.displaySku} in the store failed: ${e.message}`, e.hint ?? 'Retry; if it persists, check the product in WooCommerce.', e.retryable);
  }
}

type FailFn = (key: string, sku: string, code: string, message: string, hint: string, retryable?: boolean) => void;
/** n more done; `added` more to do (adoptions found on the way). */
type ProgressFn = (n: number, phase: string, added?: number) => void;

/** Words for a create batch: a create the store answers with "SKU exists" is an adoption, not a new draft. */
function createPhase(what: 'drafts' | 'variations', adopted: number, sent: number): string {
  if (adopted === 0) return `creating ${what}`;
  const existing = what === 'drafts' ? 'products' : 'variations';
  if (adopted === sent) return `adopting ${existing} the store already has`;
  return `creating ${what} and adopting ${existing} the store already has`;
}

/** SKU keys whose links a pass over these items may consult: the items' own (as validation keys them) and their parents'. */
function linkKeysOf(raw: readonly PosItem[]): Set<string> {
  const keys = new Set<string>();
  for (const i of raw) {
    if (typeof i.sku === 'string') keys.add(skuKey(i.sku.normalize('NFC').trim()));
    if (i.parentSku) keys.add(skuKey(i.parentSku.normalize('NFC').trim()));
  }
  return keys;
}

/** The list in pieces of at most `size`, in order. */
function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function groupByKey(refs: StoreItemRef[]): Map<string, StoreItemRef[]> {
  const m = new Map<string, StoreItemRef[]>();
  for (const r of refs) {
    const k = skuKey(r.sku);
    const list = m.get(k) ?? [];
    list.push(r);
    m.set(k, list);
  }
  return m;
}

/**
 * What the store holds after a write, as owned values. Sale dates are taken from what was sent
 * (the store answers in its own time zone); a variable parent carries no price or stock.
 */
function fromStore(ref: StoreItemRef, sent: WebValues | null): WebValues {
  const isParent = ref.type === 'variable';
  return {
    regularPrice: isParent ? null : (ref.regularPrice || sent?.regularPrice || null),
    salePrice: ref.salePrice ?? sent?.salePrice ?? '',
    saleFrom: sent ? sent.saleFrom : normaliseDate(ref.dateOnSaleFrom),
    saleTo: sent ? sent.saleTo : normaliseDate(ref.dateOnSaleTo),
    stock: isParent ? null : (ref.manageStock ? ref.stockQuantity : (sent?.stock ?? null)),
  };
}
