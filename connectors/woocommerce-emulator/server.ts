/**
 * The emulator as an HTTP server (node:http, 127.0.0.1 only): WooCommerce's REST API under
 * /wp-json (or ?rest_route=), control endpoints under /__emulator, and injected faults in front
 * of both REST and control-free paths. Start it from tests with `startEmulator()`; `main.ts` runs
 * it on its own as the demo's practice store.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { Socket } from 'node:net';
import type { AuthMode } from './auth';
import type { EmuClock } from './clock';
import { handleControl } from './control';
import { Faults, type ActiveFault } from './faults';
import { deltaReads } from './product-write';
import { Races, type RaceSettings } from './races';
import { dispatchRest, type DispatchContext } from './rest-dispatch';
import type { EmuResponse } from './router';
import { allRoutes } from './routes';
import { createState, type EmuKeys, type EmuState } from './state';
import { handleStoreApi, isStoreApiRoute } from './store-api';
import { StockGuardPlugin, attachStockGuardPlugin, type StockGuardPluginSettings } from './stock-guard-plugin';
import { makeSelfSignedCert, type TlsPair } from './tls-cert';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Always loopback; other hosts are refused so a test store never leaves the machine. */
  host?: '127.0.0.1';
  keys?: Partial<EmuKeys>;
  clock?: EmuClock;
  /** 'loopback' (default, like the recorded store) or 'stock' (plain HTTP wants OAuth 1.0a). */
  authMode?: AuthMode;
  /**
   * Also open a second plain-HTTP listener on the same store with WooCommerce's stock rule (Basic
   * and query keys ignored, OAuth 1.0a required): its port (0 = random). Off when omitted.
   */
  stockPort?: number;
  /**
   * Also open an HTTPS listener on the same store (WooCommerce's stock rule over TLS: Basic and
   * query keys accepted). Without key/cert a throw-away certificate is made with openssl.
   */
  https?: { port?: number; key?: string; cert?: string };
  /** Race switches (races.ts), off by default; `reset` returns to these. */
  races?: Partial<RaceSettings>;
  /**
   * The Tillbridge Stock Guard plugin (stock-guard-plugin.ts): `true` installs it switched on;
   * not installed by default. `reset` returns to this.
   */
  stockGuardPlugin?: boolean | Partial<StockGuardPluginSettings>;
}

export interface RunningEmulator {
  url: string;
  port: number;
  /** URL of the stock-rule listener when `stockPort` was given. */
  stockUrl?: string;
  /** URL of the HTTPS listener when `https` was given, and the certificate to trust for it. */
  httpsUrl?: string;
  httpsCert?: string;
  state: EmuState;
  faults: Faults;
  /** The race switches (races.ts): `emu.races.set({ checkout: true, gate })`. */
  races: Races;
  /** The Stock Guard plugin's presence and switch: `emu.stockGuardPlugin.set({ installed: true })`. */
  stockGuardPlugin: StockGuardPlugin;
  /** Empties the store (only "Uncategorized" and the admin remain) and clears faults and nonces. */
  reset(): void;
  close(): Promise<void>;
}

/** Starts an emulator; resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error(`the emulator only binds to 127.0.0.1 (asked for ${String(host)})`);
  const state = createState({ clock: options.clock, keys: options.keys });
  const faults = new Faults();
  const races = new Races(options.races);
  const stockGuardPlugin = new StockGuardPlugin(options.stockGuardPlugin ?? false);
  attachStockGuardPlugin(state, stockGuardPlugin);
  const usedNonces = new Set<string>();
  const reset = (): void => {
    state.reset();
    faults.clear();
    races.reset();
    stockGuardPlugin.reset();
    usedNonces.clear();
  };
  const sockets = new Set<Socket>();

  function makeServer(authMode: AuthMode, tls?: TlsPair): Server {
    const ctx: ListenerContext = { state, routes: allRoutes, authMode, usedNonces, secure: tls !== undefined };
    const handler = (req: IncomingMessage, res: ServerResponse): void => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        void serve(req, res, rawBody, ctx).catch((err: unknown) => {
          if (!res.headersSent) send(res, { status: 500, body: { code: 'internal_server_error', message: String(err), data: { status: 500 } } });
        });
      });
    };
    const server = tls ? createTlsServer({ key: tls.key, cert: tls.cert }, handler) : createServer(handler);
    server.on(tls ? 'secureConnection' : 'connection', (s: Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    return server;
  }

  async function serve(req: IncomingMessage, res: ServerResponse, rawBody: string, ctx: ListenerContext): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const control = handleControl(method, url.pathname, rawBody, { state, faults, races, stockGuardPlugin, reset });
    if (control) return send(res, control);

    const fault = faults.take(method, url.pathname);
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.hold) await faults.holdHere();
    if (fault?.drop === 'before') return void req.socket.destroy();
    if (fault?.status !== undefined) return send(res, faultAnswer(fault));

    const route = restRouteOf(url);
    let answer: EmuResponse;
    if (route !== null && isStoreApiRoute(route.route)) {
      answer = await handleStoreApi({ method, route: safeDecode(route.route), headers: req.headers, rawBody, base: baseOf(req, ctx) }, state, races);
      answer = { ...answer, headers: { 'Content-Type': 'application/json; charset=UTF-8', ...answer.headers } };
    } else {
      const delta = races.settings.inventoryDelta && route !== null ? deltaWriteItems(method, safeDecode(route.route), rawBody, state) : null;
      if (delta && delta.ids.length > 0) {
        const stockOf = (id: number) => state.products.get(id)?.stockQuantity ?? null;
        const windows = await races.deltaWindows(delta.ids, stockOf, delta.batch);
        // Each item saves what it read + its delta, plus what changed after its own save (the
        // later items' windows): a checkout inside its window is lost, one after it is kept.
        const slot = deltaReads(state);
        for (const [id, w] of windows) {
          const now = stockOf(id);
          slot.set(id, w.read === null || w.atSave === null || now === null ? now : w.read + (now - w.atSave));
        }
        try {
          answer = answerRest(req, url, rawBody, ctx);
        } finally {
          slot.clear();
        }
      } else answer = answerRest(req, url, rawBody, ctx);
    }
    if (fault?.drop === 'after') return void req.socket.destroy();
    send(res, answer, method === 'HEAD');
  }

  const main = makeServer(options.authMode ?? 'loopback');
  const port = await listen(main, options.port ?? 0, host);
  const stock = options.stockPort === undefined ? null : makeServer('stock');
  const stockPort = stock ? await listen(stock, options.stockPort ?? 0, host) : 0;
  const tls = options.https ? (options.https.key && options.https.cert ? { key: options.https.key, cert: options.https.cert } : makeSelfSignedCert()) : undefined;
  const secure = tls ? makeServer('stock', tls) : null;
  const securePort = secure ? await listen(secure, options.https?.port ?? 0, host) : 0;
  const servers = [main, stock, secure].filter((x): x is Server => x !== null);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stockUrl: stock ? `http://127.0.0.1:${stockPort}` : undefined,
    httpsUrl: secure ? `https://127.0.0.1:${securePort}` : undefined,
    httpsCert: tls?.cert,
    state,
    faults,
    races,
    stockGuardPlugin,
    reset,
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((srv) => new Promise<void>((resolve) => srv.close(() => resolve()))));
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

/** A listener's dispatch context: plain HTTP or TLS. */
interface ListenerContext extends DispatchContext {
  secure: boolean;
}

function baseOf(req: IncomingMessage, ctx: ListenerContext): string {
  return `${ctx.secure ? 'https' : 'http'}://${req.headers.host ?? '127.0.0.1'}`;
}

/** The REST route a URL asks for (after /wp-json, or ?rest_route=) and the query without it. */
function restRouteOf(url: URL): { route: string; query: URLSearchParams } | null {
  const query = new URLSearchParams(url.search);
  if (url.pathname === '/wp-json' || url.pathname.startsWith('/wp-json/')) return { route: url.pathname.slice('/wp-json'.length) || '/', query };
  if (!query.has('rest_route')) return null;
  const route = query.get('rest_route') ?? '/';
  query.delete('rest_route');
  return { route, query };
}

/**
 * With the inventory_delta race on: the ids, in the order WooCommerce handles them, of the items of
 * a product/variation write carrying `inventory_delta` (and no `stock_quantity`), and whether it is
 * a batch. Empty for any other request.
 */
function deltaWriteItems(method: string, route: string, rawBody: string, state: EmuState): { ids: number[]; batch: boolean } {
  const none = { ids: [], batch: false };
  if (!['POST', 'PUT', 'PATCH'].includes(method)) return none;
  const path = route.replace(/\/+$/, '');
  let body: unknown;
  try {
    body = JSON.parse(rawBody) as unknown;
  } catch {
    return none;
  }
  if (body === null || typeof body !== 'object') return none;
  const items: { id: unknown; input: Record<string, unknown> }[] = [];
  const single = /^\/wc\/v[23]\/products\/(?:\d+\/variations\/)?(\d+)$/i.exec(path);
  const batch = /^\/wc\/v[23]\/products(?:\/\d+\/variations)?\/batch$/i.test(path);
  if (single) items.push({ id: Number(single[1]), input: body as Record<string, unknown> });
  else if (batch) {
    const update = (body as { update?: unknown }).update;
    if (Array.isArray(update)) {
      for (const u of update) if (u !== null && typeof u === 'object') items.push({ id: Number((u as { id?: unknown }).id), input: u as Record<string, unknown> });
    }
  }
  const ids: number[] = [];
  for (const { id, input } of items) {
    if (!('inventory_delta' in input) || 'stock_quantity' in input) continue;
    const p = typeof id === 'number' && Number.isInteger(id) ? state.products.get(id) : undefined;
    if (p && !ids.includes(p.id)) ids.push(p.id);
  }
  return { ids, batch };
}

function answerRest(req: IncomingMessage, url: URL, rawBody: string, ctx: ListenerContext): EmuResponse {
  const base = baseOf(req, ctx);
  const found = restRouteOf(url);
  const route = found?.route ?? null;
  const query = found?.query ?? new URLSearchParams(url.search);
  if (route === null) return { status: 404, body: { code: 'not_found', message: 'This emulator serves the REST API under /wp-json/.', data: { status: 404 } } };
  return dispatchRest(
    {
      method: (req.method ?? 'GET').toUpperCase(),
      route: safeDecode(route),
      query,
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      rawBody,
      base,
      secure: ctx.secure,
    },
    ctx,
  );
}

function faultAnswer(fault: ActiveFault): EmuResponse {
  const status = fault.status ?? 500;
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=UTF-8', ...fault.headers };
  if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
  const body = fault.body ?? { code: 'emulator_injected_fault', message: `Injected fault: HTTP ${status} for ${fault.path}`, data: { status } };
  return { status, body, headers };
}

function send(res: ServerResponse, answer: EmuResponse, headOnly = false): void {
  const text = JSON.stringify(answer.body);
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=UTF-8', ...answer.headers };
  headers['Content-Length'] = String(Buffer.byteLength(text));
  res.writeHead(answer.status, headers);
  res.end(headOnly ? undefined : text);
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
