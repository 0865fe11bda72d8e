/**
 * The engine API over HTTP: a real engine (demo POS in SQLite, practice store) behind the local
 * server. Who may call it, what a bad request gets back, and live events that stop when the page
 * goes away.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteDemoPos } from '../../../connectors/pos/demo/demo-pos';
import { startEmulator, type RunningEmulator } from '../../../connectors/woocommerce-emulator/server';
import { openTillbridge, type Tillbridge } from '../../../electron/compose/compose';
import { createEngineApi } from '../../../electron/engine/api/engine-api';
import { parseConfig } from '../../../electron/engine/settings/config';
import { remoteEngineApi, RemoteApiError } from '../../../electron/server/api-client';
import { startApiServer, type RunningApiServer } from '../../../electron/server/api-server';
import { readEndpoint } from '../../../electron/server/endpoint-file';

let dir: string;
let store: RunningEmulator;
let tb: Tillbridge;
let server: RunningApiServer;

/** A raw HTTP call, so the test can set any Host header. */
function call(path: string, opts: { method?: string; token?: string | null; host?: string; body?: string }): Promise<{ status: number; body: { message?: string; answer?: unknown } }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: opts.host ?? `127.0.0.1:${server.port}`, 'content-type': 'application/json' };
    if (opts.token !== null) headers.authorization = `Bearer ${opts.token ?? server.token}`;
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path, method: opts.method ?? 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || '{}') as { message?: string } }));
    });
    req.on('error', reject);
    req.end(opts.body ?? '{}');
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
  const api = createEngineApi({ engine: tb.engine, pos: tb.pos, catalog: tb.catalog, config, ordersOffReason: tb.ordersOffReason });
  server = await startApiServer({ api, events: tb.engine, dataDir: config.dataDir! });
});

afterAll(async () => {
  await server?.close();
  await tb?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('engine API over HTTP', () => {
  it('answers every channel through the typed client, queries and commands alike', async () => {
    const api = remoteEngineApi(readEndpoint(join(dir, 'data'))!);
    const run = await api.syncNow({});
    expect(run).toMatchObject({ status: 'ok' });
    expect(run.result!.created).toBeGreaterThan(0);
    const status = await api.status({});
    expect(status.counts.linkedProducts).toBe(run.result!.created);
    expect((await api.pause({})).state).toBe('paused');
    expect((await api.resume({})).paused).toBe(false);
    expect(await api.problems({})).toEqual([]);
  });

  it('refuses a call without the token, or with a wrong one', async () => {
    expect((await call('/api/status', { token: null })).status).toBe(401);
    expect((await call('/api/status', { token: 'guessed' })).status).toBe(401);
    expect((await call('/api/status', {})).status).toBe(200);
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
    await expect(remoteEngineApi({ ...readEndpoint(join(dir, 'data'))!, token: 'wrong' }).status({})).rejects.toBeInstanceOf(RemoteApiError);
  });

  it('streams events to a subscriber and lets go of it when it disconnects', async () => {
    const before = tb.engine.listenerCount('status');
    const controller = new AbortController();
    const res = await fetch(`${server.url}/api/events`, { headers: { authorization: `Bearer ${server.token}` }, signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    const first = await reader.read(); // ": connected" — the subscription is in place
    expect(new TextDecoder().decode(first.value)).toContain('connected');
    expect(tb.engine.listenerCount('status')).toBe(before + 1);
    tb.engine.pause();
    let text = '';
    while (!text.includes('event: status')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(/"state":"paused"/);
    tb.engine.resume();
    const closed = new Promise<void>((resolve) => {
      const check = () => (tb.engine.listenerCount('status') === before ? resolve() : setImmediate(check));
      check();
    });
    controller.abort();
    await closed;
    expect(tb.engine.listenerCount('status')).toBe(before);
  });
});
