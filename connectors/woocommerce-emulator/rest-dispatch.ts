/**
 * One REST request through WordPress's pipeline, without any socket: authentication, the
 * read-only-key check, route matching (404 rest_no_route for unknown paths and wrong methods,
 * never 405), JSON/argument validation, permissions, the handler, `_fields`, and the Link/Allow/
 * Content-Type headers. The HTTP server and the tests both call this.
 */
import { authenticate, refuseReadOnlyWrite, type AuthMode } from './auth';
import { filterFields, parseFields } from './fields';
import { runDueScheduledSales } from './product-cron';
import { parseBody, formPairs } from './request-body';
import { restError, type EmuAuth, type EmuRequest, type EmuResponse, type HttpMethod, type Route, type RouteAccess } from './router';
import type { EmuState } from './state';
import { checkArgs } from './wp-args';

/** A request as the server received it, already split into parts. */
export interface IncomingRest {
  method: string;
  /** Path after /wp-json, e.g. '/wc/v3/products/12'. */
  route: string;
  query: URLSearchParams;
  authorization: string | undefined;
  contentType: string | undefined;
  rawBody: string;
  /** Origin the client used, e.g. 'http://127.0.0.1:8080'. */
  base: string;
  secure: boolean;
}

export interface DispatchContext {
  state: EmuState;
  routes: Route[];
  authMode: AuthMode;
  usedNonces: Set<string>;
}

const METHOD_ORDER: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

const REFUSALS: Record<Exclude<RouteAccess, 'public'>, [string, string]> = {
  list: ['woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.'],
  read: ['woocommerce_rest_cannot_view', 'Sorry, you cannot view this resource.'],
  create: ['woocommerce_rest_cannot_create', 'Sorry, you are not allowed to create resources.'],
  edit: ['woocommerce_rest_cannot_edit', 'Sorry, you are not allowed to edit this resource.'],
  delete: ['woocommerce_rest_cannot_delete', 'Sorry, you are not allowed to delete this resource.'],
  batch: ['woocommerce_rest_cannot_batch', 'Sorry, you are not allowed to batch manipulate this resource.'],
};

/** Runs one request and returns the complete answer (status, JSON body, all headers). */
export function dispatchRest(incoming: IncomingRest, ctx: DispatchContext): EmuResponse {
  // WordPress runs due cron work on the requests that arrive; the daily sales job is one.
  runDueScheduledSales(ctx.state);
  const answer = dispatchInner(incoming, ctx);
  const headers: Record<string, string> = { ...answer.headers };
  if (!headers.Link) headers.Link = `<${incoming.base}/wp-json/>; rel="https://api.w.org/"`;
  headers['Content-Type'] = 'application/json; charset=UTF-8';
  return { status: answer.status, body: answer.body, headers };
}

function dispatchInner(incoming: IncomingRest, ctx: DispatchContext): EmuResponse {
  const method = (incoming.method === 'HEAD' ? 'GET' : incoming.method) as HttpMethod | 'OPTIONS';
  const path = incoming.route.replace(/\/+$/, '') || '/';
  // WooCommerce's key authentication serves `wc/` and third parties' `wc-` namespaces (is_request_to_rest_api).
  const isWc = /^\/wc[/-]/i.test(path + '/');

  let auth: EmuAuth = { kind: 'none', canWrite: false, userId: 0 };
  if (isWc) {
    const outcome = authenticate(
      {
        method,
        authorization: incoming.authorization,
        query: incoming.query,
        form: formPairs(incoming.rawBody, incoming.contentType),
        secure: incoming.secure,
        mode: ctx.authMode,
        baseUrl: `${incoming.base}/wp-json${incoming.route}`,
      },
      ctx.state.keys,
      ctx.state.admin.id,
      ctx.usedNonces,
    );
    if (!outcome.ok) return outcome.response;
    auth = outcome.auth;
    const refused = refuseReadOnlyWrite(method, auth);
    if (refused) return refused;
  }

  const matched = matchRoutes(ctx.routes, path);
  if (!matched) return noRoute();
  const route = matched.routes.find((r) => r.method === method);
  if (method === 'OPTIONS') {
    return { status: 200, body: { namespace: matched.namespace, methods: allowList(matched.routes), endpoints: [] }, headers: { Allow: allowList(matched.routes).join(', ') } };
  }
  if (!route) return noRoute();

  const query = new URLSearchParams(incoming.query);
  for (const k of ['consumer_key', 'consumer_secret']) query.delete(k);
  for (const k of [...query.keys()]) if (k.startsWith('oauth_')) query.delete(k);

  const req: EmuRequest = {
    method: method as HttpMethod,
    path,
    params: matched.params,
    query,
    body: undefined,
    rawBody: incoming.rawBody,
    args: {},
    namespace: matched.namespace,
    auth,
    base: incoming.base,
  };
  const accessOf = (): RouteAccess => (typeof route.access === 'function' ? route.access(req, ctx.state) : (route.access ?? defaultAccess(route)));
  const permitted = (): boolean => accessOf() === 'public' || (auth.userId !== 0 && !route.permission?.(req, ctx.state));
  const withAllow = (res: EmuResponse): EmuResponse => (permitted() ? { ...res, headers: { ...res.headers, Allow: allowList(matched.routes).join(', ') } } : res);

  const parsed = parseBody(incoming.rawBody, incoming.contentType);
  if (parsed.kind === 'invalid-json') {
    return withAllow(restError('rest_invalid_json', 'Invalid JSON body passed.', 400, { json_error_code: 4, json_error_message: 'Syntax error' }));
  }
  const merged: Record<string, unknown> = { ...matched.params };
  for (const [k, v] of query) merged[k] = v;
  if (parsed.kind === 'form' && method !== 'GET') Object.assign(merged, parsed.value);
  if (parsed.kind === 'json' && parsed.value !== null && typeof parsed.value === 'object' && !Array.isArray(parsed.value)) {
    Object.assign(merged, parsed.value);
  }
  req.body = parsed.kind === 'none' ? undefined : parsed.value;

  const checked = checkArgs(route.args ?? {}, merged);
  if (!checked.ok) return withAllow(checked.response);
  req.args = checked.values;

  const access = accessOf();
  if (access !== 'public' && auth.userId === 0) {
    const [code, message] = REFUSALS[access];
    return restError(code, message, 401);
  }
  const refusal = route.permission?.(req, ctx.state);
  if (refusal) return refusal;

  const res = route.handler(req, ctx.state);
  const fields = res.status < 400 ? parseFields(query.get('_fields')) : null;
  const body = fields ? applyFields(res.body, fields) : res.body;
  return withAllow({ ...res, body });
}

/** `_fields` keeps a single object's `_links` (WordPress adds links after filtering). */
function applyFields(body: unknown, fields: Map<string, unknown>): unknown {
  if (body !== null && typeof body === 'object' && !Array.isArray(body) && '_links' in body) {
    const { _links, ...rest } = body as Record<string, unknown>;
    const filtered = filterFields(rest, fields);
    return { ...(Array.isArray(filtered) ? {} : (filtered as object)), _links };
  }
  return filterFields(body, fields);
}

function noRoute(): EmuResponse {
  return restError('rest_no_route', 'No route was found matching the URL and request method.', 404);
}

function allowList(routes: Route[]): string[] {
  return METHOD_ORDER.filter((m) => routes.some((r) => r.method === m));
}

/** The access a route needs when it does not say: from its method and the shape of its pattern. */
export function defaultAccess(route: Route): RouteAccess {
  if (/\/batch$/.test(route.pattern)) return 'batch';
  const item = /\/:[a-z_]+$/i.test(route.pattern);
  switch (route.method) {
    case 'GET':
      return item ? 'read' : 'list';
    case 'POST':
      return item ? 'edit' : 'create';
    case 'DELETE':
      return 'delete';
    default:
      return 'edit';
  }
}

interface Matched {
  routes: Route[];
  params: Record<string, string>;
  namespace: string;
}

const compiled = new WeakMap<Route, RegExp>();

function regexFor(route: Route): RegExp {
  let re = compiled.get(route);
  if (!re) {
    const body = route.pattern
      .replace(/^\/wc\/v3(?=\/|$)/i, '/wc/(v[23])')
      .split('/')
      .map((seg) => (seg.startsWith(':') ? `(?<${seg.slice(1)}>\\d+)` : seg))
      .join('/');
    re = new RegExp(`^${body}$`, 'i');
    compiled.set(route, re);
  }
  return re;
}

/** All routes sharing the first pattern that matches `path` (WordPress matches patterns, then methods). */
function matchRoutes(routes: Route[], path: string): Matched | null {
  for (const route of routes) {
    const m = regexFor(route).exec(path);
    if (!m) continue;
    const same = routes.filter((r) => r.pattern === route.pattern);
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined) params[k] = v;
    const version = m[1] && /^v[23]$/i.test(m[1]) ? m[1].toLowerCase() : 'v3';
    return { routes: same, params, namespace: route.pattern.startsWith('/wc/v3') ? `wc/${version}` : route.pattern.split('/')[1] ?? '' };
  }
  return null;
}
