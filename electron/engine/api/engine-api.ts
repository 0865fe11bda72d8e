/**
 * The engine's side of the API contract (channels.ts): one handler per `engine` channel over a
 * running engine, the status view, and the engine's events as the contract's payloads. The
 * app (electron/compose/app.ts) adds the `app` channels and the parsing at the boundary; the CLI
 * uses `createEngineApi`, the same handlers wrapped for a configured engine alone.
 */
import type { OrderRunSummary, ProductRunSummary } from '../engine-types';
import type { ResendOutcome } from '../orders/order-exporter';
import { skuKey } from '../items/sku';
import {
  CHANNELS, parseChannelAnswer, parseChannelRequest,
  type Channel, type ChannelAnswer, type EngineStatusView, type EventName, type ParsedRequest, type TillbridgeApi,
} from './channels';
import type { ApiEventMap } from './event-bus';
import {
  activityQuery, allocationQuery, linkReportQuery, ordersQuery, previewQuery, problemsQuery, productQuery, productsQuery,
  type QueryContext,
} from './queries';

/** The channels a running engine answers. */
export type EngineChannel = { [K in Channel]: (typeof CHANNELS)[K]['scope'] extends 'engine' ? K : never }[Channel];
export type EngineHandlers = { [K in EngineChannel]: (request: ParsedRequest<K>) => Promise<ChannelAnswer<K>> };

/** A channel that needs what this caller does not have (e.g. settings from the CLI, or any engine channel before setup). */
export class ApiUnavailableError extends Error {
  override readonly name = 'ApiUnavailableError';
}

export function isEngineChannel(channel: Channel): channel is EngineChannel {
  return CHANNELS[channel].scope === 'engine';
}

/** The engine's status in the contract's shape. */
export function engineStatusView(ctx: QueryContext, demo: boolean): EngineStatusView {
  return { ...ctx.engine.status(), demo };
}

export function productRunView(s: ProductRunSummary): ChannelAnswer<'syncNow'> {
  const r = s.result;
  return {
    runId: s.runId, status: s.status, created: r?.created ?? 0, updated: r?.updated ?? 0, unchanged: r?.unchanged ?? 0,
    failed: r?.failed ?? 0, requests: r?.requests ?? 0, durationMs: s.durationMs, message: s.message,
  };
}

export function orderRunView(s: OrderRunSummary): ChannelAnswer<'exportOrders'> {
  const e = s.cycle?.export;
  return {
    runId: s.runId, status: s.status, read: s.cycle?.poll.read ?? 0, exported: e?.exported ?? 0, marked: e?.marked ?? 0,
    failed: e?.failed ?? 0, stoppedEarly: e?.stoppedEarly ?? null, durationMs: s.durationMs, message: s.message,
  };
}

function orderActionView(o: ResendOutcome): ChannelAnswer<'resendOrder'> {
  return { kind: o.kind, invoice: 'invoice' in o ? o.invoice : null, message: o.message };
}

export function createEngineHandlers(ctx: QueryContext): EngineHandlers {
  const { engine } = ctx;
  const trigger = ctx.trigger ?? 'manual';
  return {
    problems: async () => problemsQuery(ctx),
    activity: async (req) => activityQuery(ctx, req.hours ?? 24, req.limit ?? 100),
    products: (req) => productsQuery(ctx, req.search ?? '', req.offset ?? 0, req.limit ?? 50),
    product: (req) => productQuery(ctx, req.sku),
    linkReport: () => linkReportQuery(ctx),
    orders: async () => ordersQuery(ctx),
    allocation: (req) => allocationQuery(ctx, req.sku),
    preview: () => previewQuery(ctx),
    syncNow: async (req) => productRunView(await engine.syncProducts({
      trigger, ...(req.full ? { force: true } : {}), ...(req.skus?.length ? { skus: req.skus } : {}),
    })),
    exportOrders: async () => orderRunView(await engine.exportOrders({ trigger })),
    retryOrder: async (req) => orderActionView(await engine.retryOrder(req.number.replace(/^#/, ''))),
    resendOrder: async (req) => orderActionView(await engine.resendOrder(req.number.replace(/^#/, ''))),
    retryProblem: async (req) => {
      const problem = engine.errors.get(req.id);
      if (!problem) return { ok: false, message: `There is no problem ${req.id}.` };
      if (!problem.open) return { ok: true, message: `${problem.itemKey}: already solved.` };
      if (problem.scope === 'product') {
        const run = await engine.syncProducts({ trigger, skus: [problem.itemKey] });
        const still = engine.errors.open('product').find((e) => skuKey(e.itemKey) === skuKey(problem.itemKey));
        if (still) return { ok: false, message: `${problem.itemKey} still fails: ${still.message}` };
        return { ok: run.status !== 'failed', message: run.status === 'failed' ? `${problem.itemKey}: ${run.message ?? 'the pass failed'}` : `${problem.itemKey} went through.` };
      }
      if (problem.scope === 'order') {
        const outcome = await engine.retryOrder(problem.itemKey);
        return { ok: outcome.kind === 'sent' || outcome.kind === 'already-in-pos', message: outcome.message };
      }
      // A whole side (POS or store) or a customer: run both flows now.
      const products = await engine.syncProducts({ trigger });
      const orders = engine.orders ? await engine.exportOrders({ trigger }) : null;
      const ok = products.status !== 'failed' && (orders?.status ?? 'ok') !== 'failed';
      return { ok, message: ok ? 'Tried again: the POS and the store answered.' : (products.message ?? orders?.message ?? 'Still failing.') };
    },
    ignoreProblem: async (req) => {
      const problem = engine.errors.get(req.id);
      if (!problem) return { ok: false, message: `There is no problem ${req.id}.` };
      const done = engine.errors.ignore(req.id);
      return { ok: true, message: done ? `Ignored: ${problem.message} It shows again if it changes or comes back after the item went through.` : `${problem.itemKey}: already closed.` };
    },
    pullOrdersSince: async (req) => {
      const poll = await engine.pullOrdersSince(new Date(req.since));
      const run = await engine.exportOrders({ trigger });
      return { read: poll.read, created: poll.created, updated: poll.updated, export: orderRunView(run) };
    },
    pause: async () => { engine.pause(); return engineStatusView(ctx, false); },
    resume: async () => { engine.resume(); return engineStatusView(ctx, false); },
  };
}

/**
 * The whole API over one configured engine (the CLI, tests): requests and answers checked
 * against the contract; the app channels other than `status` are not available here.
 */
export function createEngineApi(ctx: QueryContext, opts: { demo?: boolean } = {}): TillbridgeApi {
  const handlers = createEngineHandlers(ctx);
  const api = {} as Record<Channel, (request: unknown) => Promise<unknown>>;
  for (const channel of Object.keys(CHANNELS) as Channel[]) {
    api[channel] = async (request: unknown) => {
      const parsed = parseChannelRequest(channel, request);
      let answer: unknown;
      if (channel === 'status') answer = engineStatusView(ctx, opts.demo ?? false);
      else if (isEngineChannel(channel)) answer = await (handlers[channel] as (r: unknown) => Promise<unknown>)(parsed);
      else throw new ApiUnavailableError(`"${channel}" is answered by the running app (dashboard), not here.`);
      return parseChannelAnswer(channel, answer);
    };
  }
  return api as TillbridgeApi;
}

/**
 * Forwards the engine's events as the contract's payloads; `problems` carries the problems a
 * run newly opened. Returns the function that stops forwarding.
 */
export function subscribeEngineEvents(ctx: QueryContext, emit: <K extends EventName>(event: K, payload: ApiEventMap[K]) => void, opts: { demo?: boolean } = {}): () => void {
  const { engine } = ctx;
  let lastProblem = engine.errors.lastId();
  const newProblems = () => {
    const fresh = engine.errors.openAfter(lastProblem);
    if (fresh.length === 0) return;
    lastProblem = Math.max(lastProblem, ...fresh.map((p) => p.id));
    emit('problems', fresh);
  };
  const offs = [
    engine.on('status', (s) => emit('status', { ...s, demo: opts.demo ?? false })),
    engine.on('progress', (p) => emit('progress', p)),
    engine.on('product-run', (s) => { emit('product-run', productRunView(s)); newProblems(); }),
    engine.on('order-run', (s) => { emit('order-run', orderRunView(s)); newProblems(); }),
  ];
  return () => { for (const off of offs) off(); };
}
