/**
 * The engine API over HTTP: a real engine (demo POS in SQLite, practice store) behind the local
 * server. Who may call it, what a bad request gets back, and live events that stop when the page
 * goes away.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createConnection } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteDemoPos } from '../../../connectors/pos/demo/demo-pos';
import { startEmulator, type RunningEmulator } from '../../../connectors/woocommerce-emulator/server';
import { openTillbridge, type Tillbridge } from '../../../electron/compose/compose';
import { ApiEventBus } from '../../../electron/engine/api/event-bus';
import { createEngineApi, subscribeEngineEvents } from '../../../electron/engine/api/engine-api';
import { parseConfig } from '../../../electron/engine/settings/config';
import { remoteApi, RemoteApiError } from '../../../electron/server/api-client';
import { DASHBOARD_CSP, startApiServer, type RunningApiServer } from '../../../electron/server/api-server';
import { readEndpoint } from '../../../electron/server/endpoint-file';

let dir: string;
let store: RunningEmulator;
let tb: Tillbridge;
let server: RunningApiServer;
let bus: ApiEventBus;
let dashboard: string;

/** A raw HTTP call, so the test can set any Host header. */
function call(path: string, opts: { method?: string; token?: string | null; host?: string; body?: string; contentType?: string }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string; body: { message?: string; answer?: unknown } }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: opts.host ?? `127.0.0.1:${server.port}`, 'content-type': opts.contentType ?? 'application/json' };
    if (opts.token !== null) headers.authorization = `Bearer ${opts.token ?? server.token}`;
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path, method: opts.method ?? 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { text += c; });
      res.on('end', () => {
        let body: { message?: string } = {};
        try { body = JSON.parse(text || '{}') as { message?: string }; } catch { /* a page, not JSON */ }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
      });
    });
    req.on('error', reject);
    req.end(opts.method === 'GET' ? undefined : (opts.body ?? '{}'));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tb-api-'));
  await createSqliteDemoPos(join(dir, 'pos.sqlite'), { items: 20, seed: 3 });
  store = await startEmulator();
  const config = parseConfig({
    dataDir: join(dir, 'data'),
    store: { url: store.url, consumerKey: store.state.keys.ck, consumerSecret: store.state.keys.cs, authMode: 'basic' },
    pos: { profile: 'demo', driver: 'sqlite', sqlite: { file: join(dir, 'pos.sqlite') } },
  }, dir);
  tb = openTillbridge(config);
  const ctx = { engine: tb.engine, pos: tb.pos, catalog: tb.catalog, config, ordersOffReason: tb.ordersOffReason };
  bus = new ApiEventBus();
  subscribeEngineEvents(ctx, (event, payload) => bus.publish(event, payload));
  // A stand-in for the built dashboard: an index page and one asset.
  dashboard = join(dir, 'dashboard');
  mkdirSync(dashboard);
  writeFileSync(join(dashboard, 'index.html'), '<!doctype html><html><head><title>T</title></head><body><script src="app.js"></script></body></html>');
  writeFileSync(join(dashboard, 'app.js'), 'console.log(1);');
  writeFileSync(join(dir, 'secret.txt'), 'not for the web');
  server = await startApiServer({ api: createEngineApi(ctx), events: bus, dataDir: config.dataDir!, dashboardDir: dashboard });
});

afterAll(async () => {
  await server?.close();
  await tb?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('engine API over HTTP', () => {
  it('answers queries and commands through the typed client, checked against the contract', async () => {
    const api = remoteApi(readEndpoint(join(dir, 'data'))!);
    const run = await api.syncNow({});
    expect(run).toMatchObject({ status: 'ok' });
    expect(run.created).toBeGreaterThan(0);
    const status = await api.status({});
    expect(status.counts.linkedProducts).toBe(run.created);
    const page = await api.products({ search: '', limit: 5 });
    expect(page.total).toBeGreaterThan(5);
    expect(page.items).toHaveLength(5);
    const detail = await api.product({ sku: page.items[0]!.sku });
    expect(detail).toMatchObject({ sku: page.items[0]!.sku, inPos: true, link: { state: 'linked' } });
    expect((await api.pause({})).state).toBe('paused');
    expect((await api.resume({})).paused).toBe(false);
    expect(await api.problems({})).toEqual([]);
  });

  it('refuses a call without the token, or with a wrong one', async () => {
    expect((await call('/api/status', { token: null })).status).toBe(401);
    expect((await call('/api/status', { token: 'guessed' })).status).toBe(401);
    expect((await call('/api/status', {})).status).toBe(200);
  });

  it('listens on 127.0.0.1 only: the same port on this machine\'s other addresses refuses the connection', async () => {
    const others = Object.values(networkInterfaces()).flat().filter((a) => a && a.family === 'IPv4' && !a.internal).map((a) => a!.address);
    for (const address of others) {
      const outcome = await new Promise<string>((resolve) => {
        const s = createConnection({ host: address, port: server.port });
        s.once('connect', () => { s.destroy(); resolve('connected'); });
        s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      });
      expect(outcome, `port ${server.port} on ${address}`).toBe('ECONNREFUSED');
    }
    // Every route wants the token: the API, the event stream and the page.
    for (const path of ['/api/status', '/api/events', '/']) expect((await call(path, { token: null, method: 'GET' })).status, path).toBe(401);
  });

  it('refuses a Host other than the loopback address (a web page cannot reach it by DNS rebinding)', async () => {
    const res = await call('/api/status', { host: `evil.example:${server.port}` });
    expect(res.status).toBe(403);
  });

  it('names the channel and the field of a bad request; unknown channels are 404', async () => {
    const bad = await call('/api/resendOrder', { body: JSON.stringify({ number: 42 }) });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/"resendOrder".*number/);
    const extra = await call('/api/status', { body: JSON.stringify({ surprise: true }) });
    expect(extra.status).toBe(400);
    expect(extra.body.message).toMatch(/surprise/);
    expect((await call('/api/noSuchThing', {})).status).toBe(404);
    expect((await call('/api/status', { body: '{not json' })).status).toBe(400);
    await expect(remoteApi({ ...readEndpoint(join(dir, 'data'))!, token: 'wrong' }).status({})).rejects.toBeInstanceOf(RemoteApiError);
    expect((await call('/api/status', { contentType: 'text/plain' })).status).toBe(415); // a plain form post from a page elsewhere
    expect((await call('/api/settings', {})).status).toBe(409); // the app's channels are not served by a lone engine
  });

  it('streams events to a subscriber and lets go of it when it disconnects', async () => {
    const before = bus.listenerCount('status');
    const controller = new AbortController();
    const res = await fetch(`${server.url}/api/events`, { headers: { authorization: `Bearer ${server.token}` }, signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const first = await reader.read(); // ": connected" — the subscription is in place
    expect(new TextDecoder().decode(first.value)).toContain('connected');
    expect(bus.listenerCount('status')).toBe(before + 1);
    tb.engine.pause();
    let text = '';
    while (!text.includes('event: status')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(/"state":"paused"/);
    tb.engine.resume();
    const closed = new Promise<void>((resolve) => {
      const check = () => (bus.listenerCount('status') === before ? resolve() : setImmediate(check));
      check();
    });
    controller.abort();
    await closed;
    expect(bus.listenerCount('status')).toBe(before);
  });

  it('serves the dashboard only with the token, with a strict CSP and the token in a meta tag for its script', async () => {
    const locked = await call('/', { method: 'GET', token: null });
    expect(locked.status).toBe(401);
    expect(locked.text).toMatch(/tillbridge dashboard --open/);
    expect((await call('/app.js', { method: 'GET', token: null })).status).toBe(401);
    const page = await call(`/?token=${server.token}`, { method: 'GET', token: null });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(DASHBOARD_CSP);
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    expect(page.text).toContain(`<meta name="tillbridge-token" content="${server.token}">`);
    expect(page.text).toContain(`<script src="app.js?token=${server.token}">`); // the page's files carry the token
    const asset = await call(`/app.js?token=${server.token}`, { method: 'GET', token: null });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect((await call(`/products?token=${server.token}`, { method: 'GET', token: null })).text).toContain('tillbridge-token'); // a page route
    expect((await call(`/..%2fsecret.txt?token=${server.token}`, { method: 'GET', token: null })).status).toBe(404);
    expect(server.dashboardUrl).toBe(`http://127.0.0.1:${server.port}/?token=${encodeURIComponent(server.token)}`);
  });
});

describe('the configured port', () => {
  it('moves to a free port when the configured one is taken, and says so', async () => {
    const second = await startApiServer({ api: createEngineApi({ engine: tb.engine, pos: tb.pos, catalog: tb.catalog, config: tb.config, ordersOffReason: null }), events: bus, port: server.port });
    try {
      expect(second.movedFrom).toBe(server.port);
      expect(second.port).not.toBe(server.port);
    } finally {
      await second.close();
    }
  });
});
