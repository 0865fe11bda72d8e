/**
 * A small typed seam over @woocommerce/woocommerce-rest-api 1.0.2, which does the signing (Basic,
 * query-string keys, OAuth 1.0a) but has rough edges this file files off:
 * - it decides Basic-vs-OAuth from the URL scheme alone; we choose by `authMode` (its `isHttps`
 *   flag only selects the auth path, so we set it from the mode);
 * - axios has no timeout by default: every call gets an AbortSignal deadline;
 * - its `axiosConfig` is spread over the request shallowly, so passing `headers` would drop
 *   Accept/Content-Type: we only pass keys that do not collide (signal, validateStatus, ...);
 * - redirects are not followed: axios would turn a redirected POST into a GET and report success;
 * - non-2xx answers are returned, not thrown, so the client classifies them in one place.
 * Network failures still throw (the raw axios error), for the client to classify.
 */
import * as wooRestApiModule from '@woocommerce/woocommerce-rest-api';
import type { WooConfig } from './woo-config';
import { effectiveAuthMode } from './woo-config';

export type WooMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One call as the client hands it to the transport. `endpoint` is relative: `products/12`. */
export interface WooHttpRequest {
  method: WooMethod;
  endpoint: string;
  params?: Record<string, string>;
  body?: unknown;
  signal: AbortSignal;
  /** REST namespace instead of the config's `wc/v3`, for a plugin's routes (`wc-tillbridge-stock-guard/v1`). */
  namespace?: string;
}

/** Any HTTP answer; header names lower-case. `body` is parsed JSON, or the raw text when not JSON. */
export interface WooHttpResponse {
  status: number;
  headers: Record<string, string | undefined>;
  body: unknown;
}

/** What the client needs from a transport; tests of the client use the real one against the emulator. */
export type WooTransport = (request: WooHttpRequest) => Promise<WooHttpResponse>;

interface AxiosLikeResponse {
  status: number;
  headers: unknown;
  data: unknown;
}

/** The part of the library's instance we use. */
interface WooRestApiInstance {
  get(endpoint: string, params?: Record<string, string>): Promise<AxiosLikeResponse>;
  post(endpoint: string, data: unknown, params?: Record<string, string>): Promise<AxiosLikeResponse>;
  put(endpoint: string, data: unknown, params?: Record<string, string>): Promise<AxiosLikeResponse>;
  delete(endpoint: string, params?: Record<string, string>): Promise<AxiosLikeResponse>;
  /** Library internal: true → Basic or query keys, false → OAuth 1.0a signature. */
  isHttps: boolean;
}

interface WooRestApiOptions {
  url: string;
  consumerKey: string;
  consumerSecret: string;
  version: string;
  queryStringAuth: boolean;
  axiosConfig: Record<string, unknown>;
}

type WooRestApiCtor = new (options: WooRestApiOptions) => WooRestApiInstance;

/** The class, whatever CommonJS/ESM interop wrapped it in (tsc output vs. vitest). */
function resolveCtor(): WooRestApiCtor {
  const mod = wooRestApiModule as unknown as { default?: unknown };
  const candidates = [mod.default, (mod.default as { default?: unknown } | undefined)?.default, mod];
  for (const c of candidates) if (typeof c === 'function') return c as WooRestApiCtor;
  throw new Error('@woocommerce/woocommerce-rest-api did not export its client class');
}

const WooRestApi = resolveCtor();

/** Builds the transport for one store. The library instance is made per call (it is a plain object). */
export function createWooTransport(config: WooConfig): WooTransport {
  const mode = effectiveAuthMode(config);
  return async (request) => {
    const api = new WooRestApi({
      url: config.url,
      consumerKey: config.consumerKey,
      consumerSecret: config.consumerSecret,
      version: request.namespace ?? config.version,
      queryStringAuth: mode === 'query',
      axiosConfig: {
        signal: request.signal,
        validateStatus: () => true,
        maxRedirects: 0,
        transitional: { silentJSONParsing: true, clarifyTimeoutError: true },
      },
    });
    api.isHttps = mode !== 'oauth1';
    const params = request.params ?? {};
    let res: AxiosLikeResponse;
    switch (request.method) {
      case 'GET':
        res = await api.get(request.endpoint, params);
        break;
      case 'DELETE':
        res = await api.delete(request.endpoint, params);
        break;
      case 'POST':
        res = await api.post(request.endpoint, request.body ?? {}, params);
        break;
      case 'PUT':
        res = await api.put(request.endpoint, request.body ?? {}, params);
        break;
    }
    return { status: res.status, headers: lowerCaseHeaders(res.headers), body: res.data };
  };
}

function lowerCaseHeaders(headers: unknown): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (typeof headers !== 'object' || headers === null) return out;
  const source = typeof (headers as { toJSON?: unknown }).toJSON === 'function' ? (headers as { toJSON(): unknown }).toJSON() : headers;
  for (const [k, v] of Object.entries(source as Record<string, unknown>)) {
    if (v === undefined || v === null) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}
