/**
 * One-legged OAuth 1.0a as WooCommerce verifies it on plain HTTP (WC_REST_Authentication):
 * HMAC-SHA1 or HMAC-SHA256 over METHOD&url&params with the consumer secret plus "&", parameters
 * taken from the query string, form body and `Authorization: OAuth ...` header, a timestamp within
 * 15 minutes and a nonce used once per key. This is what @woocommerce/woocommerce-rest-api sends
 * when the store URL is http:// and queryStringAuth is off.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** What the verifier needs from the request. */
export interface OAuthInput {
  method: string;
  /** scheme://host[:port]/path — no query, as WooCommerce rebuilds it from the home URL. */
  baseUrl: string;
  /** Query and form parameters, later ones overriding earlier ones as in PHP's $_GET/$_POST. */
  params: [string, string][];
  authorization: string | undefined;
}

export type OAuthResult =
  | { kind: 'none' }
  | { kind: 'ok'; consumerKey: string }
  | { kind: 'error'; code: string; message: string };

const REQUIRED = ['oauth_consumer_key', 'oauth_timestamp', 'oauth_nonce', 'oauth_signature', 'oauth_signature_method'];
const WINDOW_SECONDS = 15 * 60;

/** RFC 3986 percent-encoding, as PHP's rawurlencode. */
export function rawUrlEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/**
 * Verifies an OAuth 1.0a request. `secretFor` maps a consumer key to its secret (undefined when
 * unknown); `usedNonces` remembers nonces per key; `nowSeconds` is the wall clock.
 */
export function verifyOAuth(input: OAuthInput, secretFor: (key: string) => string | undefined, usedNonces: Set<string>, nowSeconds: number): OAuthResult {
  const params = new Map<string, string>();
  for (const [k, v] of input.params) params.set(k, v);
  const header = input.authorization?.trim();
  if (header && /^oauth\s/i.test(header)) {
    for (const m of header.slice(6).matchAll(/([a-zA-Z0-9_-]+)="([^"]*)"/g)) params.set(m[1]!, decodeURIComponent(m[2]!));
  }
  const missing = REQUIRED.filter((name) => !params.get(name));
  if (missing.length === REQUIRED.length) return { kind: 'none' };
  if (missing.length > 0) {
    const noun = missing.length === 1 ? 'parameter' : 'parameters';
    return { kind: 'error', code: 'woocommerce_rest_authentication_missing_parameter', message: `Missing OAuth ${noun} ${missing.join(', ')}` };
  }
  const key = params.get('oauth_consumer_key')!;
  const secret = secretFor(key);
  if (secret === undefined) return { kind: 'error', code: 'woocommerce_rest_authentication_error', message: 'Consumer key is invalid.' };

  const provided = params.get('oauth_signature')!.replace(/ /g, '+');
  params.delete('oauth_signature');
  const method = params.get('oauth_signature_method')!;
  if (method !== 'HMAC-SHA1' && method !== 'HMAC-SHA256') {
    return { kind: 'error', code: 'woocommerce_rest_authentication_error', message: 'Invalid signature - signature method is invalid.' };
  }
  const expected = signatureFor(input.method, input.baseUrl, params, secret, method);
  if (!sameText(expected, provided)) {
    return { kind: 'error', code: 'woocommerce_rest_authentication_error', message: 'Invalid signature - provided signature does not match.' };
  }

  const timestamp = Number(params.get('oauth_timestamp'));
  if (!Number.isFinite(timestamp) || Math.abs(timestamp - nowSeconds) > WINDOW_SECONDS) {
    return { kind: 'error', code: 'woocommerce_rest_authentication_error', message: 'Invalid timestamp.' };
  }
  const nonceKey = `${key}:${params.get('oauth_nonce')}`;
  if (usedNonces.has(nonceKey)) {
    return { kind: 'error', code: 'woocommerce_rest_authentication_error', message: 'Invalid nonce - nonce has already been used.' };
  }
  usedNonces.add(nonceKey);
  return { kind: 'ok', consumerKey: key };
}

/**
 * The signature WooCommerce expects: parameters sorted by key (byte order), each "key=value"
 * percent-encoded, joined with an encoded "&", signed with `secret&`.
 */
export function signatureFor(method: string, baseUrl: string, params: Map<string, string>, secret: string, algorithm: 'HMAC-SHA1' | 'HMAC-SHA256'): string {
  const keys = [...params.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const pairs = keys.map((k) => rawUrlEncode(`${rawUrlEncode(k)}=${rawUrlEncode(params.get(k)!)}`));
  const base = `${method.toUpperCase()}&${rawUrlEncode(baseUrl)}&${pairs.join('%26')}`;
  const hash = algorithm === 'HMAC-SHA1' ? 'sha1' : 'sha256';
  return createHmac(hash, `${secret}&`).update(base).digest('base64');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
