/**
 * Sorting failures into retryable and permanent, once, at the adapter (the OCA connector rule):
 * network trouble, 408, 429 and 500/502/503/504 may pass if we wait; every other 4xx will fail the
 * same way again until a person changes something. Each case also gets the plain-words summary
 * and the "how to fix" hint the dashboard shows.
 */
import { parseRetryAfter } from './woo-backoff';
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

interface WooErrorBody {
  code?: string;
  message?: string;
  status?: number;
  resourceId?: number;
  uniqueSku?: string;
  params?: Record<string, string>;
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

type Explained = { summary: string; hint: string };

const KEYS_HINT =
  'Check the consumer key and secret in WooCommerce → Settings → Advanced → REST API (copy them again, or create a new key).';
const STRIPPED_AUTH_HINT =
  "If the keys are right, the web server may be dropping the Authorization header: set the connection's auth mode to 'query' (over HTTPS) or 'oauth1' (over plain http).";

function explain(status: number, wc: WooErrorBody, headers: Record<string, string | undefined>, ctx: CallContext): Explained {
  const code = wc.code ?? '';
  const msg = wc.message ?? '';
  const params = wc.params ? Object.entries(wc.params).map(([k, v]) => `${k} (${v})`).join('; ') : '';
  switch (code) {
    case 'product_invalid_sku':
      return {
        summary: wc.resourceId
          ? `this SKU is already used by product ${wc.resourceId} in the store.`
          : 'the store refused this SKU as invalid or already used.',
        hint: wc.resourceId
          ? `Link the POS item to product ${wc.resourceId} instead of creating it (if an earlier create timed out, that product is probably the one it made), or change the SKU on one side.`
          : 'Search the store for the SKU and link or rename the product that holds it.',
      };
    case 'woocommerce_rest_product_not_created':
      if (/lookup table|already present/i.test(msg)) {
        return {
          summary: 'this SKU still belongs to a product in the WooCommerce trash.',
          hint: 'Empty the trash (Products → Trash → Empty trash) or restore that product, then sync again.',
        };
      }
      return { summary: `the store could not create the product (${msg}).`, hint: 'Read the store message and fix the product data in the POS.' };
    case 'woocommerce_rest_product_invalid_id':
    case 'woocommerce_rest_invalid_id':
      return {
        summary: 'this product does not exist in the store (it was deleted, or the id is wrong).',
        hint: 'Run a full resync: Tillbridge relinks products by SKU.',
      };
    case 'woocommerce_rest_invalid_product_id':
      return {
        summary: 'this is a variation, and the store only accepts variation writes through its parent product.',
        hint: 'Run a full resync so the variation is linked to its parent; report this if it repeats.',
      };
    case 'woocommerce_rest_product_variation_invalid_id':
      return {
        summary: 'this variation does not belong to the given parent product (moved or deleted).',
        hint: 'Run a full resync: Tillbridge relinks variations by SKU.',
      };
    case 'woocommerce_rest_shop_order_invalid_id':
    case 'woocommerce_rest_order_invalid_id':
      return { summary: 'this order does not exist in the store.', hint: 'The order may have been deleted permanently; check it in WooCommerce → Orders.' };
    case 'registration-error-email-exists':
      return {
        summary: 'a customer account with this e-mail already exists.',
        hint: 'Find the customer by e-mail and update it instead of creating it.',
      };
    case 'customer_invalid_email':
    case 'woocommerce_rest_customer_invalid_email':
      return { summary: 'the store refused this e-mail address (invalid, or used by another account).', hint: 'Correct the e-mail address.' };
    case 'woocommerce_rest_request_entity_too_large':
      return {
        summary: 'the store refused a batch of more than 100 items.',
        hint: 'Tillbridge splits batches at 100 items; if you see this, report it as a bug.',
      };
    case 'rest_invalid_param':
      return { summary: `the store refused a value: ${params || msg}.`, hint: 'Correct the value in the POS (or the setting that produced it) and sync again.' };
    case 'rest_missing_callback_param':
      return { summary: `a required value was missing: ${params || msg}.`, hint: 'Fill in the missing value and try again.' };
    case 'rest_invalid_json':
      return { summary: 'the store could not read the data Tillbridge sent (invalid JSON).', hint: 'Report this as a bug; a proxy or firewall may also be altering requests.' };
    case 'rest_no_route':
      return {
        summary: `the store at ${ctx.storeUrl ?? 'this address'} has no WooCommerce REST route for ${ctx.method} ${ctx.path}.`,
        hint: "Check the store address (the site's home address, e.g. https://shop.example.com, without /wp-json), that WooCommerce is active and up to date, and that Settings → Permalinks is not set to 'Plain'.",
      };
    case 'woocommerce_rest_authentication_error':
      return explainAuthError(msg);
  }
  return explainStatus(status, code, msg, headers, ctx);
}

function explainAuthError(msg: string): Explained {
  if (/write permission/i.test(msg)) {
    return {
      summary: 'the API key is read-only, so the store refused the write.',
      hint: "Edit the key in WooCommerce → Settings → Advanced → REST API and set Permissions to 'Read/Write'.",
    };
  }
  if (/secret is invalid/i.test(msg)) {
    return { summary: 'the consumer secret does not match the consumer key.', hint: KEYS_HINT };
  }
  if (/signature|timestamp|nonce/i.test(msg)) {
    return {
      summary: `the store refused the OAuth signature (${msg}).`,
      hint: "Check the keys and that this PC's clock is right (OAuth allows 15 minutes). Better: use the store's https:// address.",
    };
  }
  return { summary: `the store refused the API key (${msg}).`, hint: KEYS_HINT };
}

function explainStatus(status: number, code: string, msg: string, headers: Record<string, string | undefined>, ctx: CallContext): Explained {
  const storeSaid = msg ? ` (store said: ${msg})` : code ? ` (${code})` : '';
  if (status >= 300 && status < 400) {
    const to = headers.location ?? 'another address';
    return {
      summary: `the store redirected ${ctx.method} ${ctx.path} to ${to}.`,
      hint: 'Use the address the store redirects to as the store address (often https:// or with/without www).',
    };
  }
  switch (status) {
    case 401:
      return { summary: `the store did not accept the API keys${storeSaid}.`, hint: `${KEYS_HINT} ${STRIPPED_AUTH_HINT}` };
    case 403:
      return {
        summary: `the store forbade this request${storeSaid}.`,
        hint: "Use a Read/Write key created by an administrator or shop manager. If the answer is a web page, a security plugin or firewall is blocking this PC: allow its address.",
      };
    case 404:
      return { summary: `the store has nothing at ${ctx.method} ${ctx.path}${storeSaid}.`, hint: 'It may have been deleted in WooCommerce; a full resync relinks by SKU.' };
    case 408:
      return { summary: 'the store timed out reading the request.', hint: 'Tillbridge tries again by itself; check the network if it keeps happening.' };
    case 413:
      return {
        summary: 'the store\'s web server refused the request as too large.',
        hint: "Raise the web server's request size limit (nginx client_max_body_size, PHP post_max_size), or ask the host to.",
      };
    case 429:
      return { summary: 'the store\'s host is limiting how fast Tillbridge may call it.', hint: 'Tillbridge waits and tries again; if it persists, ask the host to allow this PC\'s address.' };
    case 500:
      return {
        summary: `the store failed with an internal error${storeSaid}.`,
        hint: 'Tillbridge tries again. If it repeats, look at WooCommerce → Status → Logs or the host\'s PHP error log (often a plugin conflict).',
      };
    case 502:
    case 504:
    case 520:
    case 521:
    case 522:
    case 523:
    case 524:
      return {
        summary: `the store's web server got no good answer from WordPress (HTTP ${status}).`,
        hint: 'The site is slow or overloaded; Tillbridge tries again. If it lasts, contact the host.',
      };
    case 503:
      return {
        summary: 'the store is temporarily unavailable (maintenance or overload).',
        hint: 'Tillbridge waits and tries again.',
      };
  }
  if (status >= 400 && status < 500) {
    return { summary: `the store refused the request (HTTP ${status})${storeSaid}.`, hint: 'Read the store message; correct the data and try again.' };
  }
  return { summary: `the store answered HTTP ${status}${storeSaid}.`, hint: 'Try again later; contact the host if it lasts.' };
}

function explainNetwork(code: string, raw: string, ctx: CallContext, timeoutMs: number | undefined): Explained {
  const where = ctx.storeUrl ?? 'the store';
  switch (code) {
    case 'tillbridge_timeout':
    case 'ETIMEDOUT':
    case 'ECONNABORTED':
    case 'ERR_SOCKET_CONNECTION_TIMEOUT':
      return {
        summary: `the store did not answer ${ctx.method} ${ctx.path} within ${timeoutMs ? `${Math.round(timeoutMs / 1000)} s` : 'the time limit'}.`,
        hint: 'The store is slow or unreachable; Tillbridge tries again. Raise the timeout if the store is always slow.',
      };
    case 'ECONNREFUSED':
      return { summary: `nothing accepted the connection at ${where}.`, hint: 'Check the store address and port, and that the site is up.' };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { summary: `the store's host name could not be resolved (${where}).`, hint: 'Check the store address and this PC\'s internet connection.' };
    case 'ECONNRESET':
    case 'EPIPE':
      return { summary: `the connection to the store was cut during ${ctx.method} ${ctx.path}.`, hint: 'Usually a network glitch or a busy host; Tillbridge tries again when that is safe.' };
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
    case 'EHOSTDOWN':
      return { summary: 'the store cannot be reached from this PC (network down).', hint: 'Check the PC\'s network connection.' };
    case 'ERR_CANCELED':
      return { summary: `the call ${ctx.method} ${ctx.path} was cancelled.`, hint: 'It was stopped on purpose (pause or shutdown); run it again when ready.' };
  }
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|EPROTO/.test(code)) {
    return {
      summary: `the secure connection to the store failed (${code}).`,
      hint: 'The site\'s HTTPS certificate is invalid or expired, or the address uses the wrong scheme or port. Fix the certificate or the address.',
    };
  }
  return { summary: `talking to the store failed (${code}: ${raw}).`, hint: 'Check the network and the store address.' };
}
