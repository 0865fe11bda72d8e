/**
 * The engine's API over HTTP on 127.0.0.1: what a CLI uses while an engine runs, and what the
 * headless dashboard will be served beside. Every channel of ENGINE_CHANNELS is
 * `POST /api/<channel>` with a JSON request; live events come as server-sent events from
 * `GET /api/events`. Every call needs the run's access token (`Authorization: Bearer …`), and
 * the Host header must name the loopback address, so a web page in a browser on this PC cannot
 * drive the engine (DNS rebinding).
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiRequestError, ENGINE_EVENTS, isEngineChannel, type EngineApi } from '../engine/api/engine-api';
import type { EngineEvents } from '../engine/engine-types';
import type { TypedEvents } from '../engine/typed-events';
import { newAccessToken, removeEndpoint, writeEndpoint } from './endpoint-file';

const MAX_BODY = 64 * 1024;

export interface ApiServerOptions {
  api: EngineApi;
  events: Pick<TypedEvents<EngineEvents>, 'on'>;
  /** Publishes the endpoint (port + token) in this data folder for the CLI. */
  dataDir?: string;
  /** 0 = any free port. */
  port?: number;
  token?: string;
}

export interface RunningApiServer {
  port: number;
  token: string;
  url: string;
  close(): Promise<void>;
}

export async function startApiServer(opts: ApiServerOptions): Promise<RunningApiServer> {
  const token = opts.token ?? newAccessToken();
  const expected = Buffer.from(`Bearer ${token}`);
  const streams = new Set<ServerResponse>();
  let port = 0;

  const authorised = (req: IncomingMessage): boolean => {
    const given = Buffer.from(req.headers.authorization ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const loopbackHost = (req: IncomingMessage): boolean => {
    const host = (req.headers.host ?? '').toLowerCase();
    return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => send(res, 500, { error: 'internal', message: (e as Error).message }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!loopbackHost(req)) return send(res, 403, { error: 'forbidden', message: 'The engine API answers on 127.0.0.1 only.' });
    if (!authorised(req)) return send(res, 401, { error: 'unauthorised', message: 'Missing or wrong access token.' });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(res);
    const match = /^\/api\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match || !isEngineChannel(match[1]!)) return send(res, 404, { error: 'not-found', message: `No such API channel: ${url.pathname}` });
    if (req.method !== 'POST') return send(res, 405, { error: 'method', message: 'Use POST with a JSON request.' });
    let request: unknown;
    try {
      const body = await readBody(req);
      request = body.length ? JSON.parse(body) : {};
    } catch (e) {
      return send(res, 400, { error: 'bad-request', message: `The request is not JSON: ${(e as Error).message}` });
    }
    const channel = match[1]!;
    try {
      const answer = await (opts.api[channel] as (r: unknown) => Promise<unknown>)(request);
      send(res, 200, { ok: true, answer });
    } catch (e) {
      if (e instanceof ApiRequestError) return send(res, 400, { error: 'bad-request', message: e.message });
      send(res, 500, { error: 'failed', message: (e as Error).message });
    }
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    const offs = ENGINE_EVENTS.map((event) => opts.events.on(event, (payload: unknown) => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    }));
    streams.add(res);
    res.on('close', () => { for (const off of offs) off(); streams.delete(res); });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  if (opts.dataDir) writeEndpoint(opts.dataDir, { pid: process.pid, port, token });

  return {
    port, token, url: `http://127.0.0.1:${port}`,
    async close() {
      if (opts.dataDir) removeEndpoint(opts.dataDir);
      for (const s of streams) s.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) { res.end(); return; }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) { reject(new Error(`more than ${MAX_BODY} bytes`)); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
