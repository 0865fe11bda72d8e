/**
 * The contract between the engine and everything that shows it (dashboard, tray, CLI): every
 * channel with the schema of its request and of its answer, and the events a page can hear.
 * This file imports only zod, so the dashboard bundles it as is; the engine's implementation
 * lives in engine-api.ts (engine channels) and electron/compose/app-api.ts (setup channels).
 *
 * Requests are parsed where they arrive and answers where they leave, so a field that drifts
 * fails loudly at the boundary instead of showing as "undefined" on a screen.
 */
import { z } from 'zod';

const iso = z.string();
const isoOrNull = z.string().nullable();
const sku = z.string().trim().min(1).max(200);
const none = z.object({}).strict();

// ---------------------------------------------------------------- shared shapes

export const connectionHealthSchema = z.object({ ok: z.boolean(), message: z.string(), checkedAt: isoOrNull });
export const progressSchema = z.object({ phase: z.string(), done: z.number(), total: z.number() });
/** The store's Tillbridge Stock Guard plugin as last found (connectors/core/store-stock-guard.ts). */
export const storeGuardSchema = z.object({ installed: z.boolean(), enabled: z.boolean(), version: z.string().nullable(), message: z.string(), checkedAt: z.string() });

/**
 * The overall state in a word. `setup`: nothing is configured yet (the first-run wizard);
 * `starting`: configured, the engine is being (re)built.
 */
export const overallStateSchema = z.enum(['ok', 'syncing', 'needs-attention', 'offline', 'paused', 'setup', 'starting']);

export const engineStatusSchema = z.object({
  state: overallStateSchema,
  paused: z.boolean(),
  running: z.string().nullable(),
  progress: progressSchema.nullable(),
  lastProductSync: isoOrNull,
  lastOrderExport: isoOrNull,
  nextRunAt: isoOrNull,
  counts: z.object({
    linkedProducts: z.number(),
    draftsAwaitingPublish: z.number(),
    outstandingOrders: z.number(),
    allocatedUnits: z.number(),
    ordersExportedToday: z.number(),
    openErrors: z.number(),
  }),
  health: z.object({ pos: connectionHealthSchema, store: connectionHealthSchema }),
  /** The store's Stock Guard plugin; null (or absent) until the store was asked. */
  storeGuard: storeGuardSchema.nullable().optional(),
  /** Demo mode: a demo POS and the practice store, not a real shop. */
  demo: z.boolean(),
});

export const problemSchema = z.object({
  id: z.number(),
  /** What the problem is about: a product (SKU), an order (number), a customer, or a whole side. */
  scope: z.enum(['product', 'order', 'customer', 'pos', 'store']),
  /** The SKU, order number or e-mail it names. */
  itemKey: z.string(),
  code: z.string(),
  message: z.string(),
  hint: z.string().nullable(),
  retryable: z.boolean(),
  firstSeen: iso,
  lastSeen: iso,
  occurrences: z.number(),
});

export const runRecordSchema = z.object({
  id: z.number(),
  kind: z.string(),
  trigger: z.string(),
  startedAt: iso,
  finishedAt: isoOrNull,
  status: z.enum(['running', 'ok', 'partial', 'failed', 'interrupted']),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  failed: z.number(),
  requests: z.number(),
  durationMs: z.number().nullable(),
  message: z.string().nullable(),
});

export const activitySchema = z.object({
  runs: z.array(runRecordSchema),
  /** One entry per hour (oldest first, `hours` of them, empty hours included). */
  hourly: z.array(z.object({
    /** Start of the hour, ISO. */
    hour: iso,
    /** Products created or updated in the store. */
    writes: z.number(),
    ordersExported: z.number(),
    /** Items that failed in runs of that hour. */
    errors: z.number(),
  })),
});

export const linkStateSchema = z.enum(['linked', 'broken', 'pending-create', 'off-web', 'missing']);

export const productRowSchema = z.object({
  sku: z.string(),
  name: z.string(),
  onHand: z.number(),
  onWeb: z.boolean(),
  /** What the web may sell now; null for a variable parent. */
  webQuantity: z.number().nullable(),
  regularPrice: z.string().nullable(),
  salePrice: z.string().nullable(),
  /** The link to the store, or null when the item was never linked. */
  link: linkStateSchema.nullable(),
});

export const productsPageSchema = z.object({
  total: z.number(),
  offset: z.number(),
  items: z.array(productRowSchema),
  /** When the POS was last read for this list (the list follows every product pass). */
  readAt: isoOrNull,
});

export const allocationOrderSchema = z.object({ number: z.string(), status: z.string(), qty: z.number() });

export const productDetailSchema = z.object({
  sku: z.string(),
  name: z.string(),
  inPos: z.boolean(),
  onWeb: z.boolean(),
  onHand: z.number(),
  /** On hand per counted POS location (empty when the profile reads a single total). */
  onHandByLocation: z.array(z.object({ location: z.string(), quantity: z.number() })),
  allocated: z.number(),
  orders: z.array(allocationOrderSchema),
  safetyBuffer: z.number(),
  webQuantity: z.number().nullable(),
  prices: z.object({ regular: z.string().nullable(), sale: z.string().nullable(), saleFrom: z.string().nullable(), saleTo: z.string().nullable() }),
  link: z.object({
    state: linkStateSchema,
    storeId: z.number().nullable(),
    parentId: z.number().nullable(),
    kind: z.enum(['product', 'variation']),
    createdByUs: z.boolean(),
    note: z.string().nullable(),
  }).nullable(),
  /** What was last written to the store, and when. */
  lastPush: z.object({
    at: iso,
    regularPrice: z.string().nullable(),
    salePrice: z.string(),
    saleFrom: z.string(),
    saleTo: z.string(),
    stock: z.number().nullable(),
  }).nullable(),
  problems: z.array(problemSchema),
});

export const linkReportRowSchema = z.object({
  sku: z.string(),
  posId: z.string(),
  name: z.string(),
  category: z.enum(['linked', 'new', 'missing-in-store', 'duplicate-in-pos', 'duplicate-in-store', 'broken', 'invalid', 'off-web', 'deleted-in-pos']),
  storeId: z.number().nullable(),
  parentId: z.number().nullable(),
  kind: z.enum(['product', 'variation']).nullable(),
  onWeb: z.boolean(),
  detail: z.string(),
  warnings: z.array(z.string()),
});

export const ordersViewSchema = z.object({
  enabled: z.boolean(),
  reason: z.string().nullable(),
  outstanding: z.array(z.object({ number: z.string(), status: z.string(), journal: z.string().nullable(), units: z.number() })),
  exported: z.array(z.object({ number: z.string(), invoice: z.string().nullable(), exportedAt: isoOrNull, markedInStore: z.boolean() })),
  failed: z.array(z.object({ number: z.string(), error: z.string().nullable(), failures: z.number(), nextAttemptAt: isoOrNull })),
});

export const allocationRowSchema = z.object({
  sku: z.string(),
  inPos: z.boolean(),
  onWeb: z.boolean(),
  onHand: z.number().nullable(),
  allocated: z.number(),
  safetyBuffer: z.number(),
  webQuantity: z.number().nullable(),
  lastPushed: z.number().nullable(),
  orders: z.array(allocationOrderSchema),
});

const webValues = { regularPrice: z.string().nullable(), salePrice: z.string(), saleFrom: z.string(), saleTo: z.string(), stock: z.number().nullable() };
export const previewSchema = z.object({
  ok: z.boolean(),
  message: z.string().nullable(),
  create: z.array(z.object({ sku: z.string(), name: z.string(), type: z.enum(['simple', 'variable']), ...webValues })),
  createVariations: z.array(z.object({ sku: z.string(), parent: z.string().nullable(), attributes: z.record(z.string(), z.string()), ...webValues })),
  update: z.array(z.object({
    sku: z.string(), storeId: z.number().nullable(), kind: z.enum(['product', 'variation']),
    parts: z.object({ prices: z.boolean(), stock: z.boolean() }), reason: z.enum(['off-web', 'deleted-in-pos']).nullable(), ...webValues,
  })),
  heldBack: z.array(z.object({ sku: z.string(), message: z.string() })),
  recheckBrokenLinks: z.array(z.string()),
  unchanged: z.number(),
});

/** A product pass as a person reads it. */
export const productRunSchema = z.object({
  runId: z.number().nullable(),
  status: z.enum(['ok', 'partial', 'failed']),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  failed: z.number(),
  requests: z.number(),
  durationMs: z.number(),
  message: z.string().nullable(),
});

/** An order pass as a person reads it. */
export const orderRunSchema = z.object({
  runId: z.number().nullable(),
  status: z.enum(['ok', 'partial', 'failed']),
  read: z.number(),
  exported: z.number(),
  marked: z.number(),
  failed: z.number(),
  stoppedEarly: z.string().nullable(),
  durationMs: z.number(),
  message: z.string().nullable(),
});

export const orderActionSchema = z.object({
  kind: z.enum(['sent', 'already-in-pos', 'failed', 'not-exportable', 'not-found']),
  invoice: z.string().nullable(),
  message: z.string(),
});

export const pullOutcomeSchema = z.object({
  read: z.number(),
  created: z.number(),
  updated: z.number(),
  export: orderRunSchema,
});

export const actionResultSchema = z.object({ ok: z.boolean(), message: z.string() });

// ---------------------------------------------------------------- settings

/** A secret in a settings form: a new value to store, or left as it is. Never sent back. */
const secretInput = z.string().min(1).max(500).optional();

export const settingsViewSchema = z.object({
  /** false before the first setup (the wizard shows). */
  configured: z.boolean(),
  demo: z.boolean(),
  /** Where the settings live ("…/config.json", "the app's encrypted settings"), in words. */
  source: z.string(),
  store: z.object({
    url: z.string(),
    authMode: z.enum(['auto', 'basic', 'query', 'oauth1']),
    consumerKeySet: z.boolean(),
    consumerSecretSet: z.boolean(),
  }).nullable(),
  pos: z.object({
    profile: z.string(),
    driver: z.enum(['sqlite', 'firebird', 'mysql']),
    sqliteFile: z.string().nullable(),
    firebird: z.object({ host: z.string(), port: z.number(), database: z.string(), user: z.string(), passwordSet: z.boolean() }).nullable(),
    mysql: z.object({ host: z.string(), port: z.number(), database: z.string(), user: z.string(), passwordSet: z.boolean() }).nullable(),
  }).nullable(),
  sync: z.object({
    pollSeconds: z.number(),
    fullSyncMinutes: z.number(),
    orderPollSeconds: z.number(),
    safetyBuffer: z.number(),
    holdStockMinutes: z.number(),
  }),
  /** Built-in POS profiles to choose from. */
  profiles: z.array(z.object({ name: z.string(), description: z.string() })),
});

export const settingsInputSchema = z.object({
  store: z.object({
    url: z.string().trim().min(1).max(500),
    authMode: z.enum(['auto', 'basic', 'query', 'oauth1']).optional(),
    consumerKey: secretInput,
    consumerSecret: secretInput,
  }).strict().optional(),
  pos: z.object({
    profile: z.string().trim().min(1).max(500),
    driver: z.enum(['sqlite', 'firebird', 'mysql']),
    sqliteFile: z.string().trim().min(1).max(1000).optional(),
    firebird: z.object({
      host: z.string().trim().min(1).max(255),
      port: z.number().int().min(1).max(65535),
      database: z.string().trim().min(1).max(1000),
      user: z.string().trim().min(1).max(63),
      password: secretInput,
    }).strict().optional(),
    mysql: z.object({
      host: z.string().trim().min(1).max(255),
      port: z.number().int().min(1).max(65535),
      database: z.string().trim().min(1).max(64),
      user: z.string().trim().min(1).max(80),
      password: secretInput,
    }).strict().optional(),
  }).strict().optional(),
  sync: z.object({
    pollSeconds: z.number().min(1).max(3600).optional(),
    fullSyncMinutes: z.number().min(1).max(1440).optional(),
    orderPollSeconds: z.number().min(1).max(3600).optional(),
    safetyBuffer: z.number().int().min(0).max(100000).optional(),
    holdStockMinutes: z.number().int().min(0).max(10080).optional(),
  }).strict().optional(),
}).strict();

/** A field a person must fix, by its dotted path in the settings form ("store.url"). */
export const fieldErrorSchema = z.object({ field: z.string(), message: z.string() });

export const saveSettingsSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), settings: settingsViewSchema, message: z.string() }),
  z.object({ ok: z.literal(false), fieldErrors: z.array(fieldErrorSchema), message: z.string() }),
]);

export const connectionTestSchema = z.object({
  ok: z.boolean(),
  message: z.string(),
  /** Problems naming the field (or statement) concerned. */
  fieldErrors: z.array(fieldErrorSchema),
});

export const connectionTestsSchema = z.object({ store: connectionTestSchema.nullable(), pos: connectionTestSchema.nullable() });

// ---------------------------------------------------------------- the channel map

/**
 * Every channel: `query` only reads (any caller, any time); `command` changes something.
 * `scope` says who answers: `engine` channels need a configured, running engine; `app`
 * channels work before setup too (settings, connection tests, the demo).
 */
export const CHANNELS = {
  status: { kind: 'query', scope: 'app', request: none, answer: engineStatusSchema },
  problems: { kind: 'query', scope: 'engine', request: none, answer: z.array(problemSchema) },
  activity: { kind: 'query', scope: 'engine', request: z.object({ hours: z.number().int().min(1).max(24 * 14).optional(), limit: z.number().int().min(1).max(500).optional() }).strict(), answer: activitySchema },
  products: {
    kind: 'query', scope: 'engine',
    request: z.object({ search: z.string().max(200).optional(), offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(500).optional() }).strict(),
    answer: productsPageSchema,
  },
  product: { kind: 'query', scope: 'engine', request: z.object({ sku }).strict(), answer: productDetailSchema },
  linkReport: { kind: 'query', scope: 'engine', request: none, answer: z.array(linkReportRowSchema) },
  orders: { kind: 'query', scope: 'engine', request: none, answer: ordersViewSchema },
  allocation: { kind: 'query', scope: 'engine', request: z.object({ sku: sku.optional() }).strict(), answer: z.array(allocationRowSchema) },
  preview: { kind: 'query', scope: 'engine', request: none, answer: previewSchema },
  settings: { kind: 'query', scope: 'app', request: none, answer: settingsViewSchema },

  syncNow: { kind: 'command', scope: 'engine', request: z.object({ full: z.boolean().optional(), skus: z.array(sku).max(1000).optional() }).strict(), answer: productRunSchema },
  exportOrders: { kind: 'command', scope: 'engine', request: none, answer: orderRunSchema },
  retryOrder: { kind: 'command', scope: 'engine', request: z.object({ number: z.string().trim().min(1).max(40) }).strict(), answer: orderActionSchema },
  resendOrder: { kind: 'command', scope: 'engine', request: z.object({ number: z.string().trim().min(1).max(40) }).strict(), answer: orderActionSchema },
  retryProblem: { kind: 'command', scope: 'engine', request: z.object({ id: z.number().int() }).strict(), answer: actionResultSchema },
  ignoreProblem: { kind: 'command', scope: 'engine', request: z.object({ id: z.number().int() }).strict(), answer: actionResultSchema },
  pullOrdersSince: {
    kind: 'command', scope: 'engine',
    request: z.object({ since: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'since must be a date such as 2026-11-30 or 2026-11-30T08:00') }).strict(),
    answer: pullOutcomeSchema,
  },
  pause: { kind: 'command', scope: 'engine', request: none, answer: engineStatusSchema },
  resume: { kind: 'command', scope: 'engine', request: none, answer: engineStatusSchema },
  saveSettings: { kind: 'command', scope: 'app', request: settingsInputSchema, answer: saveSettingsSchema },
  testConnections: { kind: 'command', scope: 'app', request: settingsInputSchema, answer: connectionTestsSchema },
  startDemo: { kind: 'command', scope: 'app', request: none, answer: actionResultSchema },
} as const satisfies Record<string, { kind: 'query' | 'command'; scope: 'engine' | 'app'; request: z.ZodType; answer: z.ZodType }>;

export type Channel = keyof typeof CHANNELS;
export type ChannelRequest<K extends Channel> = z.input<(typeof CHANNELS)[K]['request']>;
export type ParsedRequest<K extends Channel> = z.output<(typeof CHANNELS)[K]['request']>;
export type ChannelAnswer<K extends Channel> = z.output<(typeof CHANNELS)[K]['answer']>;

/** The whole API as a caller sees it: one async function per channel. */
export type TillbridgeApi = { [K in Channel]: (request: ChannelRequest<K>) => Promise<ChannelAnswer<K>> };

export type EngineStatusView = z.output<typeof engineStatusSchema>;
export type ProblemView = z.output<typeof problemSchema>;
export type SettingsView = z.output<typeof settingsViewSchema>;
export type SettingsInput = z.output<typeof settingsInputSchema>;

// ---------------------------------------------------------------- events

/** What a page hears, pushed (server-sent events over HTTP, IPC in the desktop app). */
export const EVENTS = {
  status: engineStatusSchema,
  progress: progressSchema.nullable(),
  'product-run': productRunSchema,
  'order-run': orderRunSchema,
  /** Problems newly opened by the last run (the tray notifies once per new problem). */
  problems: z.array(problemSchema),
} as const;

export type EventName = keyof typeof EVENTS;
export type EventPayload<K extends EventName> = z.output<(typeof EVENTS)[K]>;

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(CHANNELS, name);
}

/** A request or answer that does not fit its channel's schema; the message names the channel and the field. */
export class ApiShapeError extends Error {
  override readonly name = 'ApiShapeError';
  constructor(readonly channel: string, readonly side: 'request' | 'answer', message: string) {
    super(message);
  }
}

function describe(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => `${i.path.length ? i.path.join('.') : '(whole)'}: ${i.message}`).join('; ');
}

export function parseChannelRequest<K extends Channel>(channel: K, request: unknown): ParsedRequest<K> {
  const parsed = CHANNELS[channel].request.safeParse(request ?? {});
  if (!parsed.success) throw new ApiShapeError(channel, 'request', `Bad request for "${channel}": ${describe(parsed.error.issues)}`);
  return parsed.data as ParsedRequest<K>;
}

export function parseChannelAnswer<K extends Channel>(channel: K, answer: unknown): ChannelAnswer<K> {
  const parsed = CHANNELS[channel].answer.safeParse(answer);
  if (!parsed.success) throw new ApiShapeError(channel, 'answer', `The engine's answer on "${channel}" does not fit its schema: ${describe(parsed.error.issues)}`);
  return parsed.data as ChannelAnswer<K>;
}
