/**
 * Sorting failures into retryable and permanent, once, at the adapter (the OCA connector rule):
 * network trouble, 408, 429 and 500/502/503/504 may pass if we wait; every other 4xx will fail the
 * same way again until a person changes something. Each case also gets the plain-words summary
 * and the "how to fix" hint the dashboard shows.
 */
import type { StoreFailureKind } from '../core/store-catalog-port';
import { parseRetryAfter } from './woo-backoff';
import { explain, explainNetwork, type WooErrorBody } from './woo-error-hints';
import { type StoreItemRef, StoreError } from './woo-errors';

/** HTTP statuses worth another try: timeouts, rate limits, and the gateway/overload family. */
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524]);

/**
 * Statuses that mean the store refused the request before doing anything with it, so even a
 * non-idempotent create can be repeated (a 500/502/504 may come after the write was made).
 */
const REFUSED_BEFORE_PROCESSING = new Set([429, 503]);

/** Node/axios codes of a connection that never reached the store: a write cannot have happened. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);

/** Node/axios codes of transient network trouble. */
const RETRYABLE_NETWORK = new Set([
  ...NEVER_CONNECTED,
  'ECONNRESET',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTDOWN',
  'ERR_NETWORK',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'tillbridge_timeout',
]);

/** True for HTTP statuses that may succeed when tried again later. */
export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/** True when the store answered in a way that shows it did not process the request at all. */
export function refusedBeforeProcessing(status: number): boolean {
  return REFUSED_BEFORE_PROCESSING.has(status);
}

/** What the adapter knows about the call that failed. */
export interface CallContext {
  method: string;
  /** Endpoint relative to the API root, e.g. `products/batch` (never with credentials). */
  path: string;
  item?: StoreItemRef;
  /** False for a create or note: a failure after sending must not be repeated blindly. */
  idempotent: boolean;
  /** The store's address, for messages about the URL. */
  storeUrl?: string;
  /** How the keys travelled, so a refusal can suggest the other way. */
  authMode?: 'basic' | 'query' | 'oauth1';
}

/** An HTTP answer that is not a success. */
export interface FailedResponse {
  status: number;
  body: unknown;
  headers: Record<string, string | undefined>;
}

/** Classifies a non-2xx answer (or an unusable 2xx, see `invalidResponse`). */
export function errorFromResponse(res: FailedResponse, ctx: CallContext, nowMs = Date.now()): StoreError {
  const wc = readWooError(res.body);
  const retryable = isRetryableStatus(res.status);
  const explained = explain(res.status, wc, res.headers, ctx);
  const retryAfterMs = parseRetryAfter(res.headers['retry-after'], nowMs);
  return new StoreError({
    summary: explained.summary,
    hint: explained.hint,
    retryable,
    code: wc.code ?? `http_${res.status}`,
    status: res.status,
    item: ctx.item,
    retryAfterMs,
    writeMayHaveHappened: !ctx.idempotent && retryable && !refusedBeforeProcessing(res.status),
    resourceId: wc.resourceId,
    request: { method: ctx.method, path: ctx.path },
    storeMessage: wc.message,
    params: wc.params,
  });
}

/** Classifies a call that got no HTTP answer: refused, reset, timed out, TLS, DNS. */
export function errorFromNetwork(err: unknown, ctx: CallContext, timeoutMs?: number): StoreError {
  const code = networkCode(err);
  const rawMessage = err instanceof Error ? err.message : String(err);
  const retryable = RETRYABLE_NETWORK.has(code);
  const neverConnected = NEVER_CONNECTED.has(code);
  const { summary, hint } = explainNetwork(code, rawMessage, ctx, timeoutMs);
  const mayHaveWritten = !ctx.idempotent && !neverConnected && ctx.method !== 'GET';
  return new StoreError({
    summary: mayHaveWritten ? `${summary} The store may have applied this ${ctx.method} before the connection failed.` : summary,
    hint: mayHaveWritten ? `${hint} Before sending it again, look it up in the store (for a product, by SKU) so nothing is created twice.` : hint,
    retryable,
    code,
    item: ctx.item,
    writeMayHaveHappened: mayHaveWritten,
    request: { method: ctx.method, path: ctx.path },
    storeMessage: rawMessage,
  });
}

/** A 2xx whose body is not what the API returns (an HTML page, a login form, a cache page). */
export function invalidResponse(status: number, body: unknown, ctx: CallContext, expected: string): StoreError {
  const looksHtml = typeof body === 'string' && /<html|<!doctype/i.test(body);
  return new StoreError({
    summary: looksHtml
      ? `the store answered ${ctx.method} ${ctx.path} with a web page instead of WooCommerce data.`
      : `the store's answer to ${ctx.method} ${ctx.path} was not ${expected}.`,
    hint: looksHtml
      ? 'Check that the store address is the WordPress site itself (not a landing page, maintenance page or login wall) and that no cache or security plugin rewrites /wp-json/ requests.'
      : 'A plugin may be changing REST API answers. Try again; if it repeats, check recently installed plugins.',
    retryable: false,
    code: 'tillbridge_invalid_response',
    status,
    item: ctx.item,
    writeMayHaveHappened: !ctx.idempotent && ctx.method !== 'GET',
    request: { method: ctx.method, path: ctx.path },
  });
}

/** Turns one failed item of a batch answer (`{id, error: {code, message, data}}`) into a StoreError. */
export function errorFromBatchItem(error: unknown, ctx: CallContext): StoreError {
  const wc = readWooError(error);
  const status = wc.status ?? 400;
  const { summary, hint } = explain(status, wc, {}, ctx);
  return new StoreError({
    summary,
    hint,
    retryable: isRetryableStatus(status),
    code: wc.code ?? 'tillbridge_batch_item_failed',
    status,
    item: ctx.item,
    resourceId: wc.resourceId,
    request: { method: ctx.method, path: ctx.path },
    storeMessage: wc.message,
    params: wc.params,
  });
}

/** Codes of a product or variation id the store does not have (deleted, or not under that parent). */
const NOT_FOUND_CODES = new Set(['woocommerce_rest_product_invalid_id', 'woocommerce_rest_product_variation_invalid_id']);

/**
 * The kind of a product or variation write failure, as the catalogue port reports it
 * (connectors/core/store-catalog-port.ts; the engine decides from the kind alone). A duplicate SKU is `product_invalid_sku` naming the
 * holder in `data.resource_id` (a duplicate GTIN names its holder too, but is no SKU match: refused).
 * A SKU still held by a trashed product gives `woocommerce_rest_product_not_created` whose message
 * speaks of the lookup table (or the trash).
 */
export function failureKind(e: StoreError): StoreFailureKind {
  if (e.code === 'product_invalid_sku' && e.resourceId !== undefined) return 'duplicate-sku';
  if (e.writeMayHaveHappened) return 'uncertain';
  if (e.code === 'woocommerce_rest_product_not_created' && /lookup|trash/i.test(`${e.storeMessage ?? ''} ${e.message}`)) return 'in-trash';
  if (NOT_FOUND_CODES.has(e.code) || e.status === 404) return 'not-found';
  if (e.retryable) return 'unavailable';
  return 'refused';
}

/** Reads WooCommerce's `{code, message, data: {status, resource_id, params}}`, tolerating anything else. */
function readWooError(body: unknown): WooErrorBody {
  if (typeof body !== 'object' || body === null) return {};
  const b = body as Record<string, unknown>;
  const data = (typeof b.data === 'object' && b.data !== null ? b.data : {}) as Record<string, unknown>;
  const out: WooErrorBody = {};
  if (typeof b.code === 'string') out.code = b.code;
  if (typeof b.message === 'string') out.message = decodeEntities(b.message);
  if (typeof data.status === 'number') out.status = data.status;
  const rid = Number(data.resource_id);
  if (Number.isSafeInteger(rid) && rid > 0) out.resourceId = rid;
  if (typeof data.unique_sku === 'string') out.uniqueSku = data.unique_sku;
  if (typeof data.params === 'object' && data.params !== null) {
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(data.params)) params[k] = typeof v === 'string' ? v : 'missing';
    if (Array.isArray(data.params)) for (const v of data.params) params[String(v)] = 'missing';
    out.params = params;
  }
  return out;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/&amp;/g, '&');
}

function networkCode(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const e = err as { code?: unknown; cause?: { code?: unknown }; message?: unknown };
    if (typeof e.code === 'string' && e.code !== 'ERR_NETWORK') return e.code;
    if (typeof e.cause?.code === 'string') return e.cause.code;
    if (typeof e.message === 'string' && /socket hang up/i.test(e.message)) return 'ECONNRESET';
    if (typeof e.code === 'string') return e.code;
  }
  return 'tillbridge_network_error';
}
