/**
 * OAuth 1.0a on plain HTTP, verified for real: the official @woocommerce/woocommerce-rest-api
 * client (which signs with HMAC-SHA256 when the URL is http://) can read and write; HMAC-SHA1
 * works too; a wrong signature, a replayed nonce, an old timestamp and a read-only key's write are
 * refused as WooCommerce refuses them; the stock-rule listener ignores Basic but takes OAuth; the
 * HTTPS listener takes Basic.
 */
import * as wooRestApiModule from '@woocommerce/woocommerce-rest-api';
import { Agent } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureFor } from '../../../connectors/woocommerce-emulator/oauth1';
import { startEmulator, type RunningEmulator } from '../../../connectors/woocommerce-emulator/server';

type ClientCtor = new (options: Record<string, unknown>) => {
  get(endpoint: string, params?: Record<string, unknown>): Promise<{ status: number; data: unknown }>;
  post(endpoint: string, data: unknown, params?: Record<string, unknown>): Promise<{ status: number; data: unknown }>;
};

function clientClass(): ClientCtor {
  const mod = wooRestApiModule as unknown as { default?: unknown };
  const candidates = [mod.default, (mod.default as { default?: unknown } | undefined)?.default, mod];
  const ctor = candidates.find((c) => typeof c === 'function');
  if (!ctor) throw new Error('@woocommerce/woocommerce-rest-api exports no client class');
  return ctor as ClientCtor;
}

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ stockPort: 0, https: {} });
});
afterAll(async () => {
  await emu.close();
});

function client(url: string, ck: string, cs: string): InstanceType<ClientCtor> {
  const Client = clientClass();
  return new Client({ url, consumerKey: ck, consumerSecret: cs, version: 'wc/v3', queryStringAuth: false, axiosConfig: { validateStatus: () => true } });
}

/** Builds a signed URL by hand, to control every OAuth parameter. */
function signedUrl(base: string, path: string, opts: { ck: string; cs: string; method?: 'HMAC-SHA1' | 'HMAC-SHA256'; nonce?: string; timestamp?: number; tamper?: boolean; extra?: Record<string, string> }): string {
  const params = new Map<string, string>(Object.entries(opts.extra ?? {}));
  params.set('oauth_consumer_key', opts.ck);
  params.set('oauth_nonce', opts.nonce ?? Math.random().toString(36).slice(2));
  params.set('oauth_signature_method', opts.method ?? 'HMAC-SHA1');
  params.set('oauth_timestamp', String(opts.timestamp ?? Math.floor(Date.now() / 1000)));
  params.set('oauth_version', '1.0');
  let signature = signatureFor('GET', `${base}${path}`, params, opts.cs, opts.method ?? 'HMAC-SHA1');
  if (opts.tamper) signature = signature.slice(1) + 'A';
  const url = new URL(`${base}${path}`);
  for (const [k, v] of params) url.searchParams.set(k, v);
  url.searchParams.set('oauth_signature', signature);
  return url.toString();
}

describe('OAuth 1.0a over plain HTTP', () => {
  it('lets the official client (HMAC-SHA256) create and list products on the stock-rule listener', async () => {
    const { ck, cs } = emu.state.keys;
    const api = client(emu.stockUrl!, ck, cs);
    const created = await api.post('products', { name: 'Signed', status: 'draft', sku: 'OA-1', regular_price: '3.00' });
    expect(created.status).toBe(201);
    const listed = await api.get('products', { sku: 'OA-1', per_page: 5 });
    expect(listed.status).toBe(200);
    expect((listed.data as { sku: string }[]).map((p) => p.sku)).toEqual(['OA-1']);
  });

  it('accepts HMAC-SHA1 and refuses a tampered signature with WooCommerce\'s error', async () => {
    const { ck, cs } = emu.state.keys;
    const ok = await fetch(signedUrl(emu.stockUrl!, '/wp-json/wc/v3/products', { ck, cs, extra: { per_page: '2' } }));
    expect(ok.status).toBe(200);
    const bad = await fetch(signedUrl(emu.stockUrl!, '/wp-json/wc/v3/products', { ck, cs, tamper: true }));
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({
      code: 'woocommerce_rest_authentication_error',
      message: 'Invalid signature - provided signature does not match.',
      data: { status: 401 },
    });
  });

  it('refuses a signature made with the wrong secret, a reused nonce and a stale timestamp', async () => {
    const { ck, cs } = emu.state.keys;
    expect((await fetch(signedUrl(emu.stockUrl!, '/wp-json/wc/v3/products', { ck, cs: 'cs_wrong' }))).status).toBe(401);
    const once = signedUrl(emu.stockUrl!, '/wp-json/wc/v3/products', { ck, cs, nonce: 'fixed-nonce-1' });
    expect((await fetch(once)).status).toBe(200);
    const replay = await fetch(once);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { message: string }).message).toMatch(/nonce has already been used/);
    const stale = await fetch(signedUrl(emu.stockUrl!, '/wp-json/wc/v3/products', { ck, cs, timestamp: Math.floor(Date.now() / 1000) - 3600 }));
    expect(((await stale.json()) as { message: string }).message).toBe('Invalid timestamp.');
  });

  it('reports missing OAuth parameters', async () => {
    const res = await fetch(`${emu.stockUrl}/wp-json/wc/v3/products?oauth_consumer_key=${emu.state.keys.ck}`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('woocommerce_rest_authentication_missing_parameter');
  });

  it('signs for the read-only key too, which may read but not write', async () => {
    const { ckRo, csRo } = emu.state.keys;
    const api = client(emu.stockUrl!, ckRo, csRo);
    expect((await api.get('products')).status).toBe(200);
    const write = await api.post('products', { name: 'Nope', sku: 'OA-RO' });
    expect(write.status).toBe(401);
    expect((write.data as { message: string }).message).toBe('The API key provided does not have write permissions.');
  });

  it('on the stock-rule listener, Basic over plain HTTP counts as no credentials', async () => {
    const { ck, cs } = emu.state.keys;
    const res = await fetch(`${emu.stockUrl}/wp-json/wc/v3/products`, { headers: { Authorization: `Basic ${Buffer.from(`${ck}:${cs}`).toString('base64')}` } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('woocommerce_rest_cannot_view');
  });

  it('the normal (loopback) listener accepts the official client\'s OAuth signatures as well', async () => {
    const { ck, cs } = emu.state.keys;
    const res = await client(emu.url, ck, cs).get('products', { sku: 'OA-1' });
    expect(res.status).toBe(200);
    expect(res.data).toHaveLength(1);
  });
});

describe('HTTPS listener (stock rule over TLS)', () => {
  it('lets the official client authenticate with Basic over https, trusting the emulator certificate', async () => {
    const { ck, cs } = emu.state.keys;
    const Client = clientClass();
    const api = new Client({
      url: emu.httpsUrl!,
      consumerKey: ck,
      consumerSecret: cs,
      version: 'wc/v3',
      axiosConfig: { validateStatus: () => true, httpsAgent: new Agent({ ca: emu.httpsCert }) },
    });
    const res = await api.get('products', { sku: 'OA-1' });
    expect(res.status).toBe(200);
    expect((res.data as { _links: { self: { href: string }[] } }[])[0]!._links.self[0]!.href.startsWith(emu.httpsUrl!)).toBe(true);
  });
});
