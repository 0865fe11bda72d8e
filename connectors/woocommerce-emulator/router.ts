/**
 * The emulator's routing vocabulary. Route modules (products, variations, orders, customers, ...)
 * only see these types, so each can be written and tested without knowing about node:http.
 */
import type { EmuState } from './state';
import type { ArgSchemas } from './wp-args';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who is calling: decided once by the server from the credentials, before any route runs. */
export interface EmuAuth {
  kind: 'basic' | 'query' | 'oauth' | 'none';
  /** False for the read-only key (the server already refused its writes; routes may still look). */
  canWrite: boolean;
  /** The WordPress user behind the key (the administrator). 0 when anonymous. */
  userId: number;
}

/** A request as a route handler sees it: path parameters matched, JSON parsed, query kept in order. */
export interface EmuRequest {
  method: HttpMethod;
  /** The route path without the `/wp-json` prefix, e.g. `/wc/v3/products/12`. */
  path: string;
  params: Record<string, string>;
  /** The query string as sent (order kept, repeated keys kept); credentials already removed. */
  query: URLSearchParams;
  /**
   * The parsed JSON body (only when the Content-Type is JSON), merged over form fields for
   * form bodies; undefined when there was none or it was ignored (text/plain, like WordPress).
   */
  body: unknown;
  rawBody: string;
  /**
   * All parameters merged the way WordPress's get_param sees them (URL params, then the query,
   * then form fields, then JSON, later winning), after the route's declared `args` were checked
   * and coerced ("12" → 12 for an integer argument).
   */
  args: Record<string, unknown>;
  /** The REST namespace the request used ('wc/v3', or 'wc/v2' which answers the same way). */
  namespace: string;
  auth: EmuAuth;
  /** The store origin as the client reached it (`http://127.0.0.1:PORT`), for links and Location. */
  base: string;
}

/** A handler's answer. The server adds Content-Type, the api.w.org Link and Allow headers. */
export interface EmuResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * What a caller must be allowed to do, which picks WooCommerce's refusal for anonymous callers
 * (woocommerce_rest_cannot_view / _create / _edit / _delete / _batch). 'public' needs nothing.
 */
export type RouteAccess = 'public' | 'list' | 'read' | 'create' | 'edit' | 'delete' | 'batch';

/**
 * One endpoint. `pattern` is relative to /wp-json and written for wc/v3 (the server also serves it
 * under wc/v2), e.g. '/wc/v3/orders/:id/notes'; `:params` match digits only, as WooCommerce's
 * `(?P<id>[\d]+)` do. The server runs WordPress's order: route match → JSON and `args` checks →
 * permission (`access`, then `permission`) → handler.
 */
export interface Route {
  method: HttpMethod;
  pattern: string;
  handler(req: EmuRequest, state: EmuState): EmuResponse;
  /** Declared arguments; bad values give rest_invalid_param before any permission check. */
  args?: ArgSchemas;
  /**
   * Default: derived from the method and whether the pattern ends in a parameter or /batch. A
   * function decides per request — WooCommerce lets anyone through to the "Invalid ID." answer
   * when the item does not exist, so item routes return 'public' for missing ids.
   */
  access?: RouteAccess | ((req: EmuRequest, state: EmuState) => RouteAccess);
  /** A permission-stage refusal (such answers carry no Allow header), e.g. a variation under the wrong parent. */
  permission?(req: EmuRequest, state: EmuState): EmuResponse | null;
}

/** Registers one handler for POST, PUT and PATCH, as WordPress's EDITABLE routes do. */
export function editable(pattern: string, handler: Route['handler'], extra: Omit<Route, 'method' | 'pattern' | 'handler'> = {}): Route[] {
  return (['POST', 'PUT', 'PATCH'] as const).map((method) => ({ method, pattern, handler, ...extra }));
}

/** WooCommerce's error shape `{code, message, data: {status, ...}}`, as every REST error looks. */
export function restError(code: string, message: string, status: number, extraData?: Record<string, unknown>): EmuResponse {
  return { status, body: { code, message, data: { status, ...extraData } } };
}

/**
 * WordPress's schema-validation failure (`rest_invalid_param`) for one or more parameters:
 * `data.params` holds the message per parameter and `data.details` the code behind it.
 */
export function invalidParams(
  problems: Record<string, { code: string; message: string; data?: unknown }>,
): EmuResponse {
  const names = Object.keys(problems);
  const params: Record<string, string> = {};
  const details: Record<string, unknown> = {};
  for (const name of names) {
    const p = problems[name]!;
    params[name] = p.message;
    details[name] = { code: p.code, message: p.message, data: p.data === undefined ? null : p.data };
  }
  return restError('rest_invalid_param', `Invalid parameter(s): ${names.join(', ')}`, 400, { params, details });
}

/**
 * Paging headers the way WordPress builds them: X-WP-Total, X-WP-TotalPages and a Link header
 * with rel="prev"/"next" URLs that repeat the request's query in order with `page` replaced in
 * place (or appended). Pass `total` 0 / `totalPages` 0 to reproduce the orders past-the-end quirk.
 */
export function pagingHeaders(req: EmuRequest, total: number, page: number, totalPages: number): Record<string, string> {
  const headers: Record<string, string> = { 'X-WP-Total': String(total), 'X-WP-TotalPages': String(totalPages) };
  const links: string[] = [];
  if (page > 1) {
    // WordPress points "prev" at the last page when the request is past the end (even page 0).
    const prev = Math.min(page - 1, totalPages);
    links.push(`<${pageUrl(req, prev)}>; rel="prev"`);
  }
  if (page < totalPages) links.push(`<${pageUrl(req, page + 1)}>; rel="next"`);
  if (links.length > 0) headers.Link = links.join(', ');
  return headers;
}

function pageUrl(req: EmuRequest, page: number): string {
  const parts: string[] = [];
  let placed = false;
  for (const [key, value] of req.query) {
    if (key === 'page') {
      if (placed) continue;
      parts.push(`page=${page}`);
      placed = true;
    } else parts.push(`${phpEncode(key)}=${phpEncode(value)}`);
  }
  if (!placed) parts.push(`page=${page}`);
  return `${req.base}/wp-json${req.path}?${parts.join('&')}`;
}

/** PHP's urlencode: like encodeURIComponent but spaces become '+' and !'()* are escaped too. */
export function phpEncode(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, '+');
}
