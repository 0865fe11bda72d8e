/**
 * The WooCommerce adapter's transport: every call to the store goes through `WooClient`, which
 * gives each call a deadline, classifies every failure into a StoreError, retries only what is
 * safe to retry, and pages through lists. No business rules live here.
 *
 * Retrying writes is where integrators create duplicates: a POST that lost its connection may
 * have been applied. So a call says how it may be repeated (`retry`), and POSTs default to
 * 'idempotent-only': repeated only when the store surely did not act (connection refused, 429,
 * 503); otherwise the StoreError comes back with `writeMayHaveHappened` and the caller decides
 * (for a product create: look the SKU up, or read `resourceId` from the duplicate-SKU error).
 */
import { inspect } from 'node:util';
import { type BackoffPolicy, DEFAULT_BACKOFF, retryDelay } from './woo-backoff';
import { type WooConfig, effectiveAuthMode, maskedConfig } from './woo-config';
import { errorFromNetwork, errorFromResponse, invalidResponse, type CallContext } from './woo-error-classify';
import { type StoreItemRef, StoreError } from './woo-errors';
import { type WooMethod, type WooTransport, createWooTransport } from './woo-transport';
import { checkStore, type StoreCheck } from './woo-check';
import type { StoreCircuit } from './woo-circuit';
import { jsonBehindPhpNoise } from './woo-php-noise';

/**
 * How a call may be repeated after a retryable failure:
 * - 'retry': the call is idempotent (reads, absolute PUTs, deletes); repeat on any retryable failure;
 * - 'idempotent-only': not idempotent (creates, notes); repeat only when the store surely did not apply it;
 * - 'never': fail at once.
 */
export type RetryMode = 'retry' | 'idempotent-only' | 'never';

/** Query values; arrays become comma lists (how WooCommerce takes `sku`, `status`, `include`). */
export type QueryParams = Record<string, string | number | boolean | readonly (string | number)[] | undefined>;

export interface CallOptions {
  params?: QueryParams;
  /** `_fields`: trims the answer to these fields (ignored by batch endpoints, which then answer []). */
  fields?: readonly string[];
  /** Defaults: 'retry' for GET/PUT/DELETE, 'idempotent-only' for POST. */
  retry?: RetryMode;
  /** Overrides the config's maxRetries for this call. */
  maxRetries?: number;
  /** Overrides the config's timeoutMs for this call (batches of 100 can take far longer than a read). */
  timeoutMs?: number;
  /** What the call concerns, so errors name it. */
  item?: StoreItemRef;
  signal?: AbortSignal;
  /** REST namespace instead of the config's (a store plugin's routes); `endpoint` is relative to it. */
  namespace?: string;
}

export interface ListOptions extends Omit<CallOptions, 'retry'> {
  /** 1..100 (WooCommerce's cap); default 100. */
  perPage?: number;
  /** Pages fetched at once after the first (listAll only); default 1. */
  concurrency?: number;
}

/** One page of a list, with WooCommerce's totals (X-WP-Total / X-WP-TotalPages) when sent. */
export interface Page<T> {
  items: T[];
  page: number;
  perPage: number;
  total: number | undefined;
  totalPages: number | undefined;
}

/** A successful answer with its headers (lower-case names). */
export interface WooResponse<T> {
  status: number;
  headers: Record<string, string | undefined>;
  body: T;
}

export interface RetryInfo {
  attempt: number;
  delayMs: number;
  error: StoreError;
}

export interface WooClientOptions {
  /** Replaces the HTTP layer (default: the @woocommerce/woocommerce-rest-api library). */
  transport?: WooTransport;
  backoff?: BackoffPolicy;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /** Called before each retry wait; for logs and progress. */
  onRetry?: (info: RetryInfo) => void;
  /** Backs off a failing store: requests it refuses fail at once, unsent (woo-circuit.ts). */
  circuit?: StoreCircuit;
}

const MAX_PAGES = 100_000;

/** Talks to one store. Safe to share; holds no per-call state. */
export class WooClient {
  readonly storeUrl: string;
  readonly authMode: 'basic' | 'query' | 'oauth1';
  /** The deadline of one ordinary call, in ms (from the config). */
  readonly timeoutMs: number;
  readonly #config: WooConfig;
  readonly #transport: WooTransport;
  readonly #backoff: BackoffPolicy;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly #random: () => number;
  readonly #now: () => number;
  readonly #onRetry: ((info: RetryInfo) => void) | undefined;
  readonly #circuit: StoreCircuit | undefined;
  /**
   * When the store last asked to be left alone (429/503, or its Retry-After), until when (ms on
   * `now`). Every call waits for it before its next attempt, so with several requests in flight
   * one "too many requests" slows all of them, not only the one that got it.
   */
  #quietUntil = 0;

  constructor(config: WooConfig, options: WooClientOptions = {}) {
    this.#config = config;
    this.storeUrl = config.url;
    this.authMode = effectiveAuthMode(config);
    this.timeoutMs = config.timeoutMs;
    this.#transport = options.transport ?? createWooTransport(config);
    this.#backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.#sleep = options.sleep ?? abortableSleep;
    this.#random = options.random ?? Math.random;
    this.#now = options.now ?? Date.now;
    this.#onRetry = options.onRetry;
    this.#circuit = options.circuit;
  }

  /** GET one resource. */
  async get<T = unknown>(endpoint: string, options: CallOptions = {}): Promise<T> {
    return (await this.request<T>('GET', endpoint, undefined, options)).body;
  }

  /** POST (create, batch, note). Not repeated after an ambiguous failure unless `retry: 'retry'`. */
  async post<T = unknown>(endpoint: string, body: unknown, options: CallOptions = {}): Promise<T> {
    return (await this.request<T>('POST', endpoint, body, options)).body;
  }

  /** PUT (update with absolute values): idempotent, retried. */
  async put<T = unknown>(endpoint: string, body: unknown, options: CallOptions = {}): Promise<T> {
    return (await this.request<T>('PUT', endpoint, body, options)).body;
  }

  /** DELETE; pass `params: {force: true}` to skip the trash. */
  async delete<T = unknown>(endpoint: string, options: CallOptions = {}): Promise<T> {
    return (await this.request<T>('DELETE', endpoint, undefined, options)).body;
  }

  /** Any call, with its headers. Throws StoreError after the retries the mode allows. */
  async request<T = unknown>(method: WooMethod, endpoint: string, body: unknown, options: CallOptions = {}): Promise<WooResponse<T>> {
    const mode: RetryMode = options.retry ?? (method === 'POST' ? 'idempotent-only' : 'retry');
    const maxRetries = mode === 'never' ? 0 : (options.maxRetries ?? this.#config.maxRetries);
    const path = endpoint.replace(/^\/+/, '');
    const ctx: CallContext = {
      method,
      path,
      item: options.item,
      idempotent: method === 'GET' || mode === 'retry',
      storeUrl: this.storeUrl,
      authMode: this.authMode,
    };
    const params = toQuery(options.params, options.fields);
    for (let attempt = 0; ; attempt++) {
      await this.#waitForQuiet(options.signal, ctx);
      if (this.#circuit && !this.#circuit.allow()) throw circuitOpen(ctx, this.#circuit.describe());
      const error = await this.#attempt<T>(method, path, params, body, ctx, options.signal, options.timeoutMs ?? this.timeoutMs, options.namespace);
      if (this.#circuit && !(error instanceof StoreError && error.code === 'ERR_CANCELED')) {
        if (error instanceof StoreError && storeInTrouble(error)) this.#circuit.failure(`${error.code}${error.status ? ` ${error.status}` : ''}`);
        else this.#circuit.success();
      }
      if (!(error instanceof StoreError)) return error;
      const allowed =
        error.retryable &&
        attempt < maxRetries &&
        !options.signal?.aborted &&
        (mode === 'retry' || (mode === 'idempotent-only' && !error.writeMayHaveHappened));
      const delayMs = allowed ? retryDelay(attempt, this.#backoff, error.retryAfterMs, this.#random) : undefined;
      if (delayMs !== undefined && slowsEveryone(error)) this.#quietUntil = Math.max(this.#quietUntil, this.#now() + (delayMs ?? error.retryAfterMs ?? 0));
      if (delayMs === undefined) throw error;
      this.#onRetry?.({ attempt: attempt + 1, delayMs, error });
      try {
        await this.#sleep(delayMs, options.signal);
      } catch {
        throw this.#scrub(errorFromNetwork({ code: 'ERR_CANCELED' }, ctx));
      }
    }
  }

  /** Waits out a pause another call was asked for (see #quietUntil). */
  async #waitForQuiet(signal: AbortSignal | undefined, ctx: CallContext): Promise<void> {
    // A few rounds at most: the pause may be extended meanwhile; a clock that does not move (tests) ends it.
    for (let round = 0, wait = this.#quietUntil - this.#now(); wait > 0 && round < 3; round++, wait = this.#quietUntil - this.#now()) {
      try {
        await this.#sleep(wait, signal);
      } catch {
        throw this.#scrub(errorFromNetwork({ code: 'ERR_CANCELED' }, ctx));
      }
    }
  }

  async #attempt<T>(
    method: WooMethod,
    path: string,
    params: Record<string, string>,
    body: unknown,
    ctx: CallContext,
    signal: AbortSignal | undefined,
    timeoutMs: number,
    namespace: string | undefined,
  ): Promise<WooResponse<T> | StoreError> {
    const deadline = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([deadline, signal]) : deadline;
    let res;
    try {
      res = await this.#transport({ method, endpoint: path, params, body, signal: combined, ...(namespace ? { namespace } : {}) });
    } catch (err) {
      const timedOut = deadline.aborted && !signal?.aborted;
      const cause = timedOut ? { code: 'tillbridge_timeout', message: 'deadline passed' } : err;
      return this.#scrub(errorFromNetwork(cause, ctx, timeoutMs));
    }
    if (res.status < 200 || res.status >= 300) return this.#scrub(errorFromResponse(res, ctx, this.#now()));
    if (typeof res.body === 'string') {
      const salvaged = jsonBehindPhpNoise(res.body);
      if (salvaged) return { status: res.status, headers: res.headers, body: salvaged as T };
    }
    if (typeof res.body !== 'object' || res.body === null) return this.#scrub(invalidResponse(res.status, res.body, ctx, 'JSON'));
    return { status: res.status, headers: res.headers, body: res.body as T };
  }

  /** One page of a collection (`products`, `orders`, `products/12/variations`, ...). */
  async listPage<T = unknown>(endpoint: string, page: number, options: ListOptions = {}): Promise<Page<T>> {
    const perPage = clampPerPage(options.perPage);
    const res = await this.request<unknown>('GET', endpoint, undefined, {
      ...options,
      params: { ...options.params, per_page: perPage, page },
    });
    if (!Array.isArray(res.body)) {
      throw invalidResponse(res.status, res.body, { method: 'GET', path: endpoint, idempotent: true, item: options.item }, 'a list');
    }
    return {
      items: res.body as T[],
      page,
      perPage,
      total: headerInt(res.headers['x-wp-total']),
      totalPages: headerInt(res.headers['x-wp-totalpages']),
    };
  }

  /**
   * Every page in turn, stopping at X-WP-TotalPages (or at a short/empty page when the store sends
   * no totals). Orders past the end report totals of 0; an empty page always ends the walk.
   */
  async *pages<T = unknown>(endpoint: string, options: ListOptions = {}): AsyncGenerator<Page<T>> {
    for (let page = 1; page <= MAX_PAGES; page++) {
      const p = await this.listPage<T>(endpoint, page, options);
      yield p;
      if (isLastPage(p)) return;
    }
  }

  /** Every item of a collection, page by page, without repeating an id seen on an earlier page. */
  async *iterate<T = unknown>(endpoint: string, options: ListOptions = {}): AsyncGenerator<T> {
    const seen = new Set<unknown>();
    for await (const p of this.pages<T>(endpoint, withId(options))) {
      for (const item of p.items) {
        const id = (item as { id?: unknown }).id;
        if (id !== undefined && seen.has(id)) continue;
        if (id !== undefined) seen.add(id);
        yield item;
      }
    }
  }

  /**
   * The whole collection as an array. With `concurrency` > 1 the pages after the first are
   * fetched in parallel (the first page tells how many there are), then the walk continues
   * one page at a time in case items were added meanwhile.
   */
  async listAll<T = unknown>(endpoint: string, options: ListOptions = {}): Promise<T[]> {
    const opts = withId(options);
    const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
    const first = await this.listPage<T>(endpoint, 1, opts);
    const pages: Page<T>[] = [first];
    if (!isLastPage(first)) {
      const known = first.totalPages ?? 1;
      let next = 2;
      if (concurrency > 1 && known > 1) {
        const numbers = Array.from({ length: known - 1 }, (_, i) => i + 2);
        for (let i = 0; i < numbers.length; i += concurrency) {
          const batch = numbers.slice(i, i + concurrency);
          pages.push(...(await Promise.all(batch.map((n) => this.listPage<T>(endpoint, n, opts)))));
        }
        next = known + 1;
      }
      let last = pages[pages.length - 1]!;
      while (!isLastPage(last) && next <= MAX_PAGES) {
        last = await this.listPage<T>(endpoint, next++, opts);
        pages.push(last);
      }
    }
    const seen = new Set<unknown>();
    const out: T[] = [];
    for (const p of pages) {
      for (const item of p.items) {
        const id = (item as { id?: unknown }).id;
        if (id !== undefined && seen.has(id)) continue;
        if (id !== undefined) seen.add(id);
        out.push(item);
      }
    }
    return out;
  }

  /** "Test connection": URL, keys, and write permission, cheaply, in plain words. */
  check(signal?: AbortSignal): Promise<StoreCheck> {
    return checkStore(this, signal);
  }

  /** Never prints the secret. */
  toJSON(): Record<string, unknown> {
    return { storeUrl: this.storeUrl, authMode: this.authMode, config: maskedConfig(this.#config) };
  }

  toString(): string {
    return `WooClient(${this.storeUrl}, ${this.authMode})`;
  }

  [inspect.custom](): Record<string, unknown> {
    return this.toJSON();
  }

  #scrub(error: StoreError): StoreError {
    const secrets = [this.#config.consumerSecret, this.#config.consumerKey];
    const clean = (s: string | undefined) => (s === undefined ? s : secrets.reduce((acc, x) => acc.split(x).join('[hidden]'), s));
    const init = error.toInit();
    return new StoreError({ ...init, summary: clean(init.summary)!, hint: clean(init.hint)!, storeMessage: clean(init.storeMessage) });
  }
}

/** Failures that say the store itself is down or overloaded (not a refusal of one request). */
function storeInTrouble(e: StoreError): boolean {
  return e.retryable || e.code === 'tillbridge_invalid_response';
}

/** The error of a request the circuit breaker did not send: retryable, and surely not written. */
function circuitOpen(ctx: CallContext, why: string | null): StoreError {
  return new StoreError({
    summary: `${ctx.method} ${ctx.path} was not sent: ${why ?? 'the store is failing and Tillbridge is backing off.'}`,
    hint: 'Nothing to do if the store is only busy or restarting: Tillbridge tries again by itself. If it lasts, check that the store is up.',
    retryable: true,
    code: 'tillbridge_circuit_open',
    item: ctx.item,
    writeMayHaveHappened: false,
    request: { method: ctx.method, path: ctx.path },
  });
}

/** The store says it is overloaded (rate limit, or unavailable with a Retry-After): every lane backs off. */
function slowsEveryone(error: StoreError): boolean {
  return error.status === 429 || (error.status === 503 && error.retryAfterMs !== undefined);
}

function toQuery(params: QueryParams | undefined, fields: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.join(',') : String(v);
  }
  if (fields && fields.length > 0) out._fields = fields.join(',');
  return out;
}

function withId(options: ListOptions): ListOptions {
  if (!options.fields || options.fields.includes('id')) return options;
  return { ...options, fields: ['id', ...options.fields] };
}

function clampPerPage(perPage: number | undefined): number {
  if (perPage === undefined) return 100;
  return Math.min(100, Math.max(1, Math.floor(perPage)));
}

function headerInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

function isLastPage(p: Page<unknown>): boolean {
  if (p.items.length === 0) return true;
  if (p.totalPages !== undefined && p.totalPages > 0) return p.page >= p.totalPages;
  return p.items.length < p.perPage;
}

/** setTimeout as a promise that ends early (rejecting) when the signal aborts. */
function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
