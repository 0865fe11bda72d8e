/**
 * The read models the CLI, the dashboard and the tray show. Each is a plain function of the
 * engine's local state (and, where the answer needs it, a POS or store read); none writes.
 */
import type { PosItemsPort } from '../../../connectors/core/pos-items-port';
import type { StoreCatalogPort } from '../../../connectors/core/store-catalog-port';
import { isOutstanding } from '../allocation/allocation';
import type { TillbridgeConfig } from '../settings/config';
import type { Engine } from '../engine';
import type { EngineStatus } from '../engine-status';
import { buildLinkReport, type LinkReportRow } from '../products/link-report';
import { skuKey } from '../items/sku';
import { webStock, type WebValues } from '../items/web-values';
import type { LinkState } from '../links/link-store';
import type { OpenError } from '../state/error-log';
import type { RunRecord } from '../state/run-log';

/** What a query may use: the engine and the two item-side ports it runs with. */
export interface QueryContext {
  engine: Engine;
  pos: PosItemsPort;
  catalog: StoreCatalogPort;
  config: TillbridgeConfig;
  /** Why orders are not booked in this POS, or null when they are. */
  ordersOffReason: string | null;
  /** What the run log records as the trigger of runs asked for through the API (default 'manual'). */
  trigger?: 'manual' | 'cli';
}

export interface OrdersView {
  /** false when the POS profile cannot book orders; `reason` says why. */
  enabled: boolean;
  reason: string | null;
  /** Orders whose units are held back from the web. */
  outstanding: { number: string; status: string; journal: string | null; units: number }[];
  /** The most recent orders in the POS, with their invoice numbers. */
  exported: { number: string; invoice: string | null; exportedAt: string | null; markedInStore: boolean }[];
  /** Orders waiting with an error, and when they are tried next. */
  failed: { number: string; error: string | null; failures: number; nextAttemptAt: string | null }[];
}

export interface AllocationRow {
  sku: string;
  inPos: boolean;
  onWeb: boolean;
  onHand: number | null;
  allocated: number;
  safetyBuffer: number;
  /** What the web may sell: on hand − allocated − buffer (0 off the web selection); null when the POS has no such item. */
  webQuantity: number | null;
  /** The stock value last written to the store. */
  lastPushed: number | null;
  orders: { number: string; status: string; qty: number }[];
}

export function statusQuery(ctx: QueryContext): EngineStatus {
  return ctx.engine.status();
}

/** Open problems, most recent first: the item, what went wrong and how to fix it. */
export function problemsQuery(ctx: QueryContext): OpenError[] {
  return ctx.engine.errors.open();
}

export function ordersQuery(ctx: QueryContext): OrdersView {
  const side = ctx.engine.orders;
  if (!side) return { enabled: false, reason: ctx.ordersOffReason, outstanding: [], exported: [], failed: [] };
  const open = new Set(ctx.config.sync.openStatuses);
  const outstanding = ctx.engine.allocation!.candidates().filter((o) => isOutstanding(o.status, o.journal, open))
    .map((o) => ({ number: o.number, status: o.status, journal: o.journal, units: o.lines.reduce((n, l) => n + Math.max(0, Math.round(l.quantity)), 0) }));
  const journal = side.journal.recent(200);
  const exported = journal.filter((j) => j.state === 'exported' || j.state === 'marked')
    .map((j) => ({ number: j.number, invoice: j.invoice, exportedAt: j.exportedAt, markedInStore: j.state === 'marked' }));
  const failed = journal.filter((j) => j.errorMessage && (j.state === 'waiting' || j.state === 'exporting'))
    .map((j) => ({ number: j.number, error: j.errorMessage, failures: j.failures, nextAttemptAt: j.nextAttemptAt }));
  return { enabled: true, reason: null, outstanding, exported, failed };
}

/** On-hand, allocated and web quantity per SKU, with the orders behind it: one SKU, or every SKU something is allocated to. */
export async function allocationQuery(ctx: QueryContext, sku?: string): Promise<AllocationRow[]> {
  const read = await ctx.pos.readItems();
  const onHand = new Map(read.items.map((i) => [skuKey(i.sku ?? ''), { sku: i.sku.trim(), onHand: Math.max(0, Math.floor(i.onHand)), onWeb: i.onWeb }]));
  const entries = ctx.engine.allocation ? ctx.engine.allocation.allocationFor(sku ? [skuKey(sku)] : undefined) : new Map();
  const keys = sku ? [skuKey(sku)] : [...entries.keys()].filter((k) => (entries.get(k)?.allocated ?? 0) > 0);
  const buffer = ctx.config.sync.safetyBuffer;
  return keys.map((key) => {
    const pos = onHand.get(key);
    const entry = entries.get(key) ?? { allocated: 0, orders: [] };
    const pushed = ctx.engine.links.pushed(key);
    return {
      sku: pos?.sku ?? sku ?? key, inPos: Boolean(pos), onWeb: pos?.onWeb ?? false, onHand: pos?.onHand ?? null, allocated: entry.allocated,
      safetyBuffer: buffer, webQuantity: pos ? (pos.onWeb ? webStock(pos.onHand, entry.allocated, buffer) : 0) : null,
      lastPushed: pushed?.stock ?? null, orders: entry.orders,
    };
  });
}

/** Every web item and where it stands with the store (reads the POS and looks the SKUs up in the store). */
export async function linkReportQuery(ctx: QueryContext): Promise<LinkReportRow[]> {
  const read = await ctx.pos.readItems();
  return buildLinkReport(read.items, ctx.engine.links.allLinks(), ctx.catalog, { leftSelection: read.leftSelection });
}

export interface PreviewView {
  ok: boolean;
  /** Why the dry run could not be made (POS or store unreachable). */
  message: string | null;
  create: ({ sku: string; name: string; type: 'simple' | 'variable' } & WebValues)[];
  createVariations: ({ sku: string; parent: string | null; attributes: Record<string, string> } & WebValues)[];
  update: ({ sku: string; storeId: number | null; kind: 'product' | 'variation'; parts: { prices: boolean; stock: boolean }; reason: 'off-web' | 'deleted-in-pos' | null } & WebValues)[];
  /** Items held back: bad data, or a store refusal a person must look at. */
  heldBack: { sku: string; message: string }[];
  recheckBrokenLinks: string[];
  unchanged: number;
}

/** The dry run: what the next product pass would create and update. Writes nothing anywhere. */
export async function previewQuery(ctx: QueryContext): Promise<PreviewView> {
  const summary = await ctx.engine.syncProducts({ trigger: ctx.trigger ?? 'manual', dryRun: true });
  const empty: PreviewView = { ok: false, message: summary.message, create: [], createVariations: [], update: [], heldBack: [], recheckBrokenLinks: [], unchanged: 0 };
  if (!summary.result) return empty;
  const { plan, problems } = summary.result;
  const values = (v: WebValues): WebValues => ({ regularPrice: v.regularPrice, salePrice: v.salePrice, saleFrom: v.saleFrom, saleTo: v.saleTo, stock: v.stock });
  return {
    ok: true, message: null,
    create: plan.creates.map((c) => ({ sku: c.item.sku, name: c.item.name, type: c.item.isParent ? 'variable' : 'simple', ...values(c.values) })),
    createVariations: plan.variationCreates.map((c) => ({ sku: c.item.sku, parent: c.item.parentSku, attributes: c.item.attributes, ...values(c.values) })),
    update: plan.updates.map((u) => ({ sku: u.displaySku, storeId: u.link.storeId, kind: u.link.kind, parts: u.parts, ...values(u.values), reason: u.reason ?? null })),
    heldBack: [...problems.filter((p) => p.severity === 'error').map((p) => ({ sku: p.itemKey, message: p.message })),
      ...plan.skipped.map((s) => ({ sku: s.displaySku, message: s.message }))],
    recheckBrokenLinks: plan.recheck.map((r) => r.item.sku),
    unchanged: plan.unchanged,
  };
}

export interface ActivityView {
  runs: RunRecord[];
  hourly: { hour: string; writes: number; ordersExported: number; errors: number }[];
}

/** Run history, newest first, and per-hour totals over the last `hours` (empty hours included). */
export function activityQuery(ctx: QueryContext, hours = 24, limit = 100): ActivityView {
  const now = new Date();
  const firstHour = new Date(now);
  firstHour.setUTCMinutes(0, 0, 0);
  firstHour.setUTCHours(firstHour.getUTCHours() - (hours - 1));
  const buckets = Array.from({ length: hours }, (_, i) => ({ hour: new Date(firstHour.getTime() + i * 3_600_000).toISOString(), writes: 0, ordersExported: 0, errors: 0 }));
  for (const run of ctx.engine.runs.since(firstHour.toISOString())) {
    const bucket = buckets[Math.floor((Date.parse(run.startedAt) - firstHour.getTime()) / 3_600_000)];
    if (!bucket) continue;
    if (run.kind === 'orders') bucket.ordersExported += run.created;
    else bucket.writes += run.created + run.updated;
    bucket.errors += run.failed;
  }
  return { runs: ctx.engine.runs.recent(limit), hourly: buckets };
}

export interface ProductRow {
  sku: string;
  name: string;
  onHand: number;
  onWeb: boolean;
  webQuantity: number | null;
  regularPrice: string | null;
  salePrice: string | null;
  link: LinkState | null;
}

/** One page of the web selection matching `search` (SKU or name), with web quantity and link state. */
export async function productsQuery(ctx: QueryContext, search = '', offset = 0, limit = 50): Promise<{ total: number; offset: number; items: ProductRow[]; readAt: string | null }> {
  await ctx.engine.loadCatalogue();
  const page = ctx.engine.catalogue.search(search, offset, limit);
  const allocated = ctx.engine.allocation?.allocatedBySku() ?? new Map<string, number>();
  const buffer = ctx.config.sync.safetyBuffer;
  const items = page.items.map((item) => {
    const key = skuKey(item.sku ?? '');
    return {
      sku: item.sku.trim(), name: item.name, onHand: item.onHand, onWeb: item.onWeb,
      webQuantity: item.isParent ? null : item.onWeb ? webStock(item.onHand, allocated.get(key) ?? 0, buffer) : 0,
      regularPrice: item.regularPrice, salePrice: item.salePrice, link: ctx.engine.links.link(key)?.state ?? null,
    };
  });
  return { total: page.total, offset, items, readAt: ctx.engine.catalogue.readAt };
}

export interface ProductDetail {
  sku: string;
  name: string;
  inPos: boolean;
  onWeb: boolean;
  onHand: number;
  onHandByLocation: { location: string; quantity: number }[];
  allocated: number;
  orders: { number: string; status: string; qty: number }[];
  safetyBuffer: number;
  webQuantity: number | null;
  prices: { regular: string | null; sale: string | null; saleFrom: string | null; saleTo: string | null };
  link: { state: LinkState; storeId: number | null; parentId: number | null; kind: 'product' | 'variation'; createdByUs: boolean; note: string | null } | null;
  lastPush: { at: string; regularPrice: string | null; salePrice: string; saleFrom: string; saleTo: string; stock: number | null } | null;
  problems: OpenError[];
}

/** Everything about one SKU: the POS's numbers, what is held back and why, the link and the last write. */
export async function productQuery(ctx: QueryContext, sku: string): Promise<ProductDetail> {
  await ctx.engine.loadCatalogue();
  const key = skuKey(sku);
  const item = ctx.engine.catalogue.get(key);
  const link = ctx.engine.links.link(key);
  const entry = ctx.engine.allocation?.allocationFor([key]).get(key) ?? { allocated: 0, orders: [] };
  const buffer = ctx.config.sync.safetyBuffer;
  const pushed = ctx.engine.links.pushed(key);
  const display = item?.sku.trim() ?? link?.displaySku ?? sku;
  return {
    sku: display, name: item?.name ?? '', inPos: Boolean(item), onWeb: item?.onWeb ?? false, onHand: item?.onHand ?? 0,
    onHandByLocation: Object.entries(item?.onHandByLocation ?? {}).map(([location, quantity]) => ({ location, quantity })),
    allocated: entry.allocated, orders: entry.orders, safetyBuffer: buffer,
    webQuantity: !item || item.isParent ? null : item.onWeb ? webStock(item.onHand, entry.allocated, buffer) : 0,
    prices: { regular: item?.regularPrice ?? null, sale: item?.salePrice ?? null, saleFrom: item?.saleFrom ?? null, saleTo: item?.saleTo ?? null },
    link: link ? { state: link.state, storeId: link.storeId, parentId: link.parentId, kind: link.kind, createdByUs: link.createdByUs, note: link.note } : null,
    lastPush: pushed ? { at: pushed.pushedAt, regularPrice: pushed.regularPrice, salePrice: pushed.salePrice, saleFrom: pushed.saleFrom, saleTo: pushed.saleTo, stock: pushed.stock } : null,
    problems: ctx.engine.errors.open('product').filter((e) => skuKey(e.itemKey) === key),
  };
}
