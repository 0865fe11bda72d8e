/**
 * Who is calling, decided the way WooCommerce's REST authentication does before any route runs:
 * HTTP Basic or `consumer_key`/`consumer_secret` query parameters (honoured over HTTPS, and over
 * plain HTTP on the recorded loopback store), OAuth 1.0a signatures on plain HTTP, or nobody.
 * An unknown key counts as nobody; a known key with a wrong secret is an authentication error.
 */
import type { EmuAuth } from './router';
import { restError, type EmuResponse } from './router';
import type { EmuKeys } from './state';
import { verifyOAuth } from './oauth1';

/**
 * 'loopback': the recorded test store, which accepts Basic and query keys over plain HTTP.
 * 'stock': WooCommerce's own rule — on plain HTTP only OAuth 1.0a signatures count.
 */
export type AuthMode = 'loopback' | 'stock';

export interface AuthInput {
  method: string;
  authorization: string | undefined;
  query: URLSearchParams;
  form: [string, string][];
  secure: boolean;
  mode: AuthMode;
  /** scheme://host/path, for OAuth signatures. */
  baseUrl: string;
}

export type AuthOutcome = { ok: true; auth: EmuAuth } | { ok: false; response: EmuResponse };

const ANONYMOUS: EmuAuth = { kind: 'none', canWrite: false, userId: 0 };

/** Runs the authentication step; the caller refuses writes by read-only keys afterwards. */
export function authenticate(input: AuthInput, keys: EmuKeys, adminId: number, usedNonces: Set<string>): AuthOutcome {
  const keyAccepted = input.secure || input.mode === 'loopback';
  if (keyAccepted) {
    // WooCommerce prefers query keys (both must be non-empty), then a Basic header with both parts.
    const qck = input.query.get('consumer_key') ?? '';
    const qcs = input.query.get('consumer_secret') ?? '';
    if (qck !== '' && qcs !== '') return checkKey(qck, qcs, 'query', keys, adminId);
    const basic = parseBasic(input.authorization);
    if (basic && basic.ck !== '' && basic.cs !== '') return checkKey(basic.ck, basic.cs, 'basic', keys, adminId);
  }
  if (!input.secure) {
    const params: [string, string][] = [...input.query.entries(), ...input.form];
    const secretFor = (ck: string): string | undefined => (ck === keys.ck ? keys.cs : ck === keys.ckRo ? keys.csRo : undefined);
    const result = verifyOAuth({ method: input.method, baseUrl: input.baseUrl, params, authorization: input.authorization }, secretFor, usedNonces, Math.floor(Date.now() / 1000));
    if (result.kind === 'error') return { ok: false, response: restError(result.code, result.message, 401) };
    if (result.kind === 'ok') return { ok: true, auth: { kind: 'oauth', canWrite: result.consumerKey === keys.ck, userId: adminId } };
  }
  return { ok: true, auth: ANONYMOUS };
}

function checkKey(ck: string, cs: string, kind: 'basic' | 'query', keys: EmuKeys, adminId: number): AuthOutcome {
  const known = ck === keys.ck ? keys.cs : ck === keys.ckRo ? keys.csRo : undefined;
  if (known === undefined) return { ok: true, auth: ANONYMOUS };
  if (known !== cs) return { ok: false, response: restError('woocommerce_rest_authentication_error', 'Consumer secret is invalid.', 401) };
  return { ok: true, auth: { kind, canWrite: ck === keys.ck, userId: adminId } };
}

/** The refusal a read-only key gets for any write, before routing (WooCommerce's rest_pre_dispatch check). */
export function refuseReadOnlyWrite(method: string, auth: EmuAuth): EmuResponse | null {
  if (auth.userId === 0 || auth.canWrite) return null;
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return null;
  return restError('woocommerce_rest_authentication_error', 'The API key provided does not have write permissions.', 401);
}

function parseBasic(header: string | undefined): { ck: string; cs: string } | null {
  if (!header || !/^basic\s/i.test(header)) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { ck: decoded.slice(0, colon), cs: decoded.slice(colon + 1) };
}
