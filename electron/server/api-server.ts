/**
 * The engine API and the built dashboard over HTTP on 127.0.0.1: what the headless dashboard in a
 * browser and a CLI command use while an engine runs.
 *
 * - Every channel of the contract (channels.ts) is `POST /api/<channel>` with a JSON request,
 *   answered `{ ok: true, answer }` or `{ error, message }` with a 4xx/5xx status.
 * - Live events are server-sent events from `GET /api/events` (`event: <name>`, `data: <json>`).
 * - The dashboard's files are served from `dashboardDir`; `index.html` gets the access token in a
 *   meta tag for the page's script, which sends it as a header.
 *
 * Guards: every request needs the access token — the API only in the `Authorization: Bearer`
 * header (a cookie is never looked at, so a page elsewhere cannot ride on one), the page and its
 * files also as `?token=` in the URL; the Host header must name the loopback address and this
 * port (DNS rebinding); no CORS headers are ever sent, so other origins cannot read answers; a
 * strict Content-Security-Policy goes with every page.
 */
import { timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { ApiShapeError, EVENTS, isChannel, type Channel, type EventName, type TillbridgeApi } from '../engine/api/channels';
import type { ApiEventBus } from '../engine/api/event-bus';
import { ApiUnavailableError } from '../engine/api/engine-api';
import { newAccessToken, removeEndpoint, writeEndpoint } from './endpoint-file';

const MAX_BODY = 256 * 1024;

/** No inline script or style, nothing from elsewhere; the page talks to this server only. */
export const DASHBOARD_CSP = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
  "connect-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2', '.map': 'application/json; charset=utf-8',
};

export interface ApiServerOptions {
  api: TillbridgeApi;
  events: Pick<ApiEventBus, 'on'>;
  /** Publishes the endpoint (pid, port) in this data folder for the CLI. */
  dataDir?: string;
  /** 0 = any free port. */
  port?: number;
  /** The access token (per install: the caller keeps it); a fresh random one when absent. */
  token?: string;
  /** The built dashboard (index.html and its files); without it only the API is served. */
  dashboardDir?: string;
}

export interface RunningApiServer {
  port: number;
  token: string;
  /** The API's base address. */
  url: string;
  /** The dashboard's address with the token, to print or open. */
  dashboardUrl: string;
  /** The configured port when it was taken and another one was used instead. */
  movedFrom: number | null;
  close(): Promise<void>;
}

export async function startApiServer(opts: ApiServerOptions): Promise<RunningApiServer> {
  const token = opts.token ?? newAccessToken();
  const bearer = Buffer.from(`Bearer ${token}`);
  const tokenBytes = Buffer.from(token);
  const streams = new Set<ServerResponse>();
  let port = 0;

  const sameSecret = (given: string | null | undefined, expected: Buffer): boolean => {
    const g = Buffer.from(given ?? '');
    return g.length === expected.length && timingSafeEqual(g, expected);
  };
  const loopbackHost = (req: IncomingMessage): boolean => {
    const host = (req.headers.host ?? '').toLowerCase();
    return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => send(res, 500, { error: 'internal', message: (e as Error).message }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!loopbackHost(req)) return send(res, 403, { error: 'forbidden', message: 'The Tillbridge API answers on 127.0.0.1 only.' });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) {
      if (!sameSecret(req.headers.authorization, bearer)) return send(res, 401, { error: 'unauthorised', message: 'Missing or wrong access token.' });
      return handleApi(req, res, url);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'method', message: 'Only GET here.' });
    if (!sameSecret(url.searchParams.get('token'), tokenBytes)) return sendLocked(res);
    return serveDashboard(res, url);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') return send(res, 405, { error: 'method', message: 'Use GET for the event stream.' });
      return openEventStream(res);
    }
    const name = url.pathname.slice('/api/'.length);
    if (!isChannel(name)) return send(res, 404, { error: 'not-found', message: `No such API channel: ${name}` });
    if (req.method !== 'POST') return send(res, 405, { error: 'method', message: 'Use POST with a JSON request.' });
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return send(res, 415, { error: 'content-type', message: 'Send the request as application/json.' });
    }
    let request: unknown;
    try {
      const body = await readBody(req);
      request = body.length ? JSON.parse(body) : {};
    } catch (e) {
      return send(res, 400, { error: 'bad-request', message: `The request is not JSON: ${(e as Error).message}` });
    }
    try {
      const answer = await (opts.api[name as Channel] as (r: unknown) => Promise<unknown>)(request);
      send(res, 200, { ok: true, answer });
    } catch (e) {
      if (e instanceof ApiShapeError && e.side === 'request') return send(res, 400, { error: 'bad-request', message: e.message });
      if (e instanceof ApiUnavailableError) return send(res, 409, { error: 'unavailable', message: e.message });
      send(res, 500, { error: 'failed', message: (e as Error).message });
    }
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-content-type-options': 'nosniff' });
    res.write(': connected\n\n');
    const offs = (Object.keys(EVENTS) as EventName[]).map((event) => opts.events.on(event, (payload: unknown) => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    }));
    // A comment line now and then lets both ends notice a connection that died without closing.
    const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
    ping.unref();
    streams.add(res);
    res.on('close', () => { clearInterval(ping); for (const off of offs) off(); streams.delete(res); });
  }

  function serveDashboard(res: ServerResponse, url: URL): void {
    if (!opts.dashboardDir) return send(res, 404, { error: 'not-found', message: 'This process serves the API only; the dashboard is not built (npm run build).' });
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const file = normalize(join(opts.dashboardDir, rel));
    if (!file.startsWith(normalize(opts.dashboardDir) + sep)) return send(res, 404, { error: 'not-found', message: 'No such file.' });
    let target = file;
    try {
      if (!statSync(target).isFile()) target = join(opts.dashboardDir, 'index.html');
    } catch {
      // A client-side route ("/products"): the page handles it.
      if (extname(rel) !== '') return send(res, 404, { error: 'not-found', message: 'No such file.' });
      target = join(opts.dashboardDir, 'index.html');
    }
    let body: Buffer;
    try {
      body = readFileSync(target);
    } catch {
      return send(res, 404, { error: 'not-found', message: 'The dashboard is not built (npm run build).' });
    }
    if (target.endsWith('index.html')) {
      // The page's script reads the token from here (never from a cookie) and sends it as a header.
      const meta = `<meta name="tillbridge-token" content="${token}">`;
      const html = body.toString('utf8');
      const slot = /<meta name="tillbridge-token" content="">/;
      const withMeta = slot.test(html) ? html.replace(slot, meta) : html.replace('<head>', `<head>\n    ${meta}`);
      // The page's own files need the token too: their links carry it.
      const q = `?token=${encodeURIComponent(token)}`;
      body = Buffer.from(withMeta.replace(/\b(src|href)="((?!https?:|\/\/|data:|#)[^"?#]+\.(?:js|css|svg|png|ico|woff2))"/g, `$1="$2${q}"`));
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-store',
      'content-security-policy': DASHBOARD_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    });
    res.end(body);
  }

  const listen = (wanted: number) => new Promise<void>((resolve, reject) => {
    const fail = (e: Error) => { server.off('listening', ok); reject(e); };
    const ok = () => { server.off('error', fail); resolve(); };
    server.once('error', fail);
    server.once('listening', ok);
    server.listen(wanted, '127.0.0.1');
  });
  let movedFrom: number | null = null;
  try {
    await listen(opts.port ?? 0);
  } catch (e) {
    // The configured port is taken (another program, or a second data folder's engine): any free one.
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || !opts.port) throw e;
    movedFrom = opts.port;
    await listen(0);
  }
  port = (server.address() as AddressInfo).port;
  if (opts.dataDir) writeEndpoint(opts.dataDir, { pid: process.pid, port, token });

  return {
    port, token, url: `http://127.0.0.1:${port}`, movedFrom,
    dashboardUrl: `http://127.0.0.1:${port}/?token=${encodeURIComponent(token)}`,
    async close() {
      if (opts.dataDir) removeEndpoint(opts.dataDir);
      for (const s of streams) s.end();
      await new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); });
    },
  };
}

/** The page a browser gets without the token: how to get the right address, nothing else. */
function sendLocked(res: ServerResponse): void {
  const html = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tillbridge</title></head><body>' +
    '<h1>Tillbridge</h1><p>This address needs its access token. Open the link Tillbridge printed when it started, ' +
    'or run <code>tillbridge dashboard --open</code>.</p></body></html>';
  res.writeHead(401, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': DASHBOARD_CSP, 'x-content-type-options': 'nosniff' });
  res.end(html);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) { res.end(); return; }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text), 'x-content-type-options': 'nosniff' });
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
