/**
 * The engine's API: one map of every query and command with its request schema, one
 * implementation of it in-process, and the types every caller derives from it. The CLI calls it
 * in-process or, while another process runs the engine, over that engine's local HTTP endpoint
 * (electron/server); the dashboard and the Electron preload call the same map. Requests are
 * validated here, at the boundary, whoever sends them.
 */
import { z } from 'zod';
import type { EngineStatus } from '../engine-status';
import type { EngineEvents, OrderRunSummary, ProductRunSummary } from '../engine-types';
import type { ResendOutcome } from '../orders/order-exporter';
import type { PollResult } from '../orders/order-poller';
import type { LinkReportRow } from '../products/link-report';
import type { OpenError } from '../state/error-log';
import {
  allocationQuery, linkReportQuery, ordersQuery, previewQuery, problemsQuery, statusQuery,
  type AllocationRow, type OrdersView, type PreviewView, type QueryContext,
} from './queries';

const none = z.object({}).strict();
const skuList = z.array(z.string().trim().min(1).max(200)).max(1000);

/**
 * Every channel: whether it only reads (`query`: safe to call at any time, from any caller) or
 * changes something (`command`), and the shape of its request.
 */
export const ENGINE_CHANNELS = {
  status: { kind: 'query', request: none },
  problems: { kind: 'query', request: none },
  orders: { kind: 'query', request: none },
  allocation: { kind: 'query', request: z.object({ sku: z.string().trim().min(1).max(200).optional() }).strict() },
  linkReport: { kind: 'query', request: none },
  preview: { kind: 'query', request: none },
  syncNow: { kind: 'command', request: z.object({ full: z.boolean().optional(), skus: skuList.optional() }).strict() },
  exportOrders: { kind: 'command', request: none },
  resendOrder: { kind: 'command', request: z.object({ number: z.string().trim().min(1).max(40).transform((n) => n.replace(/^#/, '')) }).strict() },
  pullOrdersSince: {
    kind: 'command',
    request: z.object({ since: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'since must be a date such as 2026-11-30 or 2026-11-30T08:00') }).strict(),
  },
  pause: { kind: 'command', request: none },
  resume: { kind: 'command', request: none },
} as const satisfies Record<string, { kind: 'query' | 'command'; request: z.ZodType }>;

export type EngineChannel = keyof typeof ENGINE_CHANNELS;
/** A channel's request as the caller writes it. */
export type EngineRequest<K extends EngineChannel> = z.input<(typeof ENGINE_CHANNELS)[K]['request']>;

export interface PullOutcome {
  poll: PollResult;
  export: OrderRunSummary;
}

/** What each channel answers. */
export interface EngineAnswers {
  status: EngineStatus;
  problems: OpenError[];
  orders: OrdersView;
  allocation: AllocationRow[];
  linkReport: LinkReportRow[];
  preview: PreviewView;
  syncNow: ProductRunSummary;
  exportOrders: OrderRunSummary;
  resendOrder: ResendOutcome;
  pullOrdersSince: PullOutcome;
  pause: EngineStatus;
  resume: EngineStatus;
}

/** The whole API as callers see it: one async function per channel. */
export type EngineApi = { [K in EngineChannel]: (request: EngineRequest<K>) => Promise<EngineAnswers[K]> };

/** Events a subscriber (dashboard page, CLI following a run) receives. */
export type EngineEvent = { [K in keyof EngineEvents]: { event: K; payload: EngineEvents[K] } }[keyof EngineEvents];
export const ENGINE_EVENTS = ['status', 'progress', 'product-run', 'order-run'] as const satisfies readonly (keyof EngineEvents)[];

/** A request that does not fit its channel's schema; the message names the channel and the field. */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  constructor(readonly channel: string, message: string) {
    super(message);
  }
}

export function isEngineChannel(name: string): name is EngineChannel {
  return Object.hasOwn(ENGINE_CHANNELS, name);
}

/** Validates a request for `channel` (throws ApiRequestError naming what is wrong). */
export function parseRequest<K extends EngineChannel>(channel: K, request: unknown): z.output<(typeof ENGINE_CHANNELS)[K]['request']> {
  const parsed = ENGINE_CHANNELS[channel].request.safeParse(request ?? {});
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'request'}: ${i.message}`).join('; ');
    throw new ApiRequestError(channel, `Bad request for "${channel}": ${detail}`);
  }
  return parsed.data as z.output<(typeof ENGINE_CHANNELS)[K]['request']>;
}

/** The API over an engine in this process. */
export function createEngineApi(ctx: QueryContext): EngineApi {
  const { engine } = ctx;
  const trigger = ctx.trigger ?? 'manual';
  const handlers: { [K in EngineChannel]: (req: z.output<(typeof ENGINE_CHANNELS)[K]['request']>) => Promise<EngineAnswers[K]> | EngineAnswers[K] } = {
    status: () => statusQuery(ctx),
    problems: () => problemsQuery(ctx),
    orders: () => ordersQuery(ctx),
    allocation: (req) => allocationQuery(ctx, req.sku),
    linkReport: () => linkReportQuery(ctx),
    preview: () => previewQuery(ctx),
    syncNow: (req) => engine.syncProducts({ trigger, ...(req.full ? { force: true } : {}), ...(req.skus?.length ? { skus: req.skus } : {}) }),
    exportOrders: () => engine.exportOrders({ trigger }),
    resendOrder: (req) => engine.resendOrder(req.number),
    pullOrdersSince: async (req) => {
      const poll = await engine.pullOrdersSince(new Date(req.since));
      return { poll, export: await engine.exportOrders({ trigger }) };
    },
    pause: () => { engine.pause(); return engine.status(); },
    resume: () => { engine.resume(); return engine.status(); },
  };
  const api = {} as Record<EngineChannel, (request: unknown) => Promise<unknown>>;
  for (const channel of Object.keys(ENGINE_CHANNELS) as EngineChannel[]) {
    const handle = handlers[channel] as (req: unknown) => unknown;
    api[channel] = async (request: unknown) => handle(parseRequest(channel, request));
  }
  return api as EngineApi;
}
