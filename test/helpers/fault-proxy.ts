/**
 * An HTTP proxy that makes a store misbehave, on real sockets (127.0.0.1, a free port): put it
 * between Tillbridge and the practice store and a seeded share of requests meets a fault —
 * 500/502/503, 429 with Retry-After, an answer that never comes (before or after the request
 * reached the store), a connection reset (before or after), a slow answer, one item of a batch
 * refused by the store, a PHP warning before the JSON, an HTML maintenance page or a captive
 * portal. Tests synchronise on its `onRequest` hook and its counts, never on the clock.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export type FaultKind =
  | 'status-500' | 'status-502' | 'status-503' | 'status-429'
  | 'hang-before' | 'hang-after' | 'reset-before' | 'reset-after'
  | 'slow' | 'batch-item-error' | 'php-warning' | 'html-maintenance' | 'captive-portal';

export const ALL_FAULTS: readonly FaultKind[] = [
  'status-500', 'status-502', 'status-503', 'status-429', 'hang-before', 'hang-after', 'reset-before', 'reset-after',
  'slow', 'batch-item-error', 'php-warning', 'html-maintenance', 'captive-portal',
];

/** A small deterministic random source (LCG), so a failing run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

export interface FaultProxyOptions {
  /** Share of requests that meet a fault, 0..1. */
  rate: number;
  seed: number;
  /** The kinds to draw from (default: all). */
  kinds?: readonly FaultKind[];
  /** Delay of a 'slow' answer, in ms. */
  slowMs?: number;
}

export interface ProxiedRequest {
  method: string;
  path: string;
  fault: FaultKind | null;
}

export class FaultProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly random: () => number;
  /** Faults injected so far, by kind. */
  readonly injected = new Map<FaultKind, number>();
  requests = 0;
  rate: number;
  kinds: readonly FaultKind[];
  port = 0;
  /** With `tracing` on: each request, its fault, and the start of its body and answer (for debugging a run). */
  readonly trace: string[] = [];
  tracing = false;
  /** Sees each request as it arrives, with the fault it will meet. */
  onRequest: ((r: ProxiedRequest) => void) | null = null;

  constructor(private readonly upstream: string, private readonly opts: FaultProxyOptions) {
    this.random = seededRandom(opts.seed);
    this.rate = opts.rate;
    this.kinds = opts.kinds ?? ALL_FAULTS;
  }

  get url(): string { return `http://127.0.0.1:${this.port}`; }

  get totalInjected(): number {
    let n = 0;
    for (const v of this.injected.values()) n += v;
    return n;
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => { void this.handle(req, res); });
    server.on('connection', (s) => { this.sockets.add(s); s.on('close', () => this.sockets.delete(s)); });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.server = server;
    this.port = (server.address() as { port: number }).port;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private draw(method: string, path: string): FaultKind | null {
    if (this.rate <= 0 || this.random() >= this.rate) return null;
    const isBatch = method === 'POST' && /\/batch$/.test(path);
    const kinds = this.kinds.filter((k) => k !== 'batch-item-error' || isBatch);
    if (kinds.length === 0) return null;
    return kinds[Math.floor(this.random() * kinds.length)]!;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body = Buffer.concat(chunks);
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0]!;
    this.requests++;
    const fault = this.draw(method, path);
    if (fault) this.injected.set(fault, (this.injected.get(fault) ?? 0) + 1);
    this.onRequest?.({ method, path, fault });
    switch (fault) {
      case 'status-500': case 'status-502': case 'status-503':
        return void json(res, Number(fault.slice(7)), { code: 'proxy_fault', message: `Injected ${fault}`, data: { status: Number(fault.slice(7)) } });
      case 'status-429':
        return void json(res, 429, { code: 'too_many_requests', message: 'Slow down', data: { status: 429 } }, { 'retry-after': '1' });
      case 'hang-before':
        return; // the client's deadline ends it; the store never saw it
      case 'reset-before':
        req.socket.destroy();
        return;
      case 'html-maintenance':
        res.writeHead(503, { 'content-type': 'text/html', 'retry-after': '1' });
        return void res.end('<!DOCTYPE html><html><head><title>Maintenance</title></head><body><h1>Briefly unavailable for scheduled maintenance. Check back in a minute.</h1></body></html>');
      case 'captive-portal':
        res.writeHead(200, { 'content-type': 'text/html' });
        return void res.end('<html><head><title>Hotel Wi-Fi</title></head><body><form action="/login">Accept the terms to continue</form></body></html>');
      default: break;
    }
    let refused: { index: number; kind: 'create' | 'update'; id?: number } | null = null;
    if (fault === 'batch-item-error') {
      // The store refuses one item of the batch (a lock, a plugin error): it never applies it.
      const parsed = tryJson(body.toString('utf8')) as { create?: unknown[]; update?: { id?: number }[] } | undefined;
      if (parsed?.create?.length) { refused = { index: 0, kind: 'create' }; parsed.create.shift(); } else if (parsed?.update?.length) { refused = { index: 0, kind: 'update', id: parsed.update[0]!.id }; parsed.update.shift(); }
      body = Buffer.from(JSON.stringify(parsed ?? {}));
    }
    let upstream: { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };
    try {
      upstream = await forward(this.upstream, req, body);
    } catch {
      req.socket.destroy();
      return;
    }
    if (this.tracing && (fault === 'hang-after' || fault === 'reset-after')) this.trace.push(`${method} ${req.url} [${fault}] ${body.toString('utf8')} => ${upstream.status} ${upstream.body.toString('utf8')}`);
    if (fault === 'hang-after') return; // the store did it; the answer never comes
    if (fault === 'reset-after') { req.socket.destroy(); return; }
    let out = upstream.body;
    if (fault === 'php-warning') {
      out = Buffer.concat([Buffer.from('<br />\n<b>Warning</b>:  Undefined array key "x" in <b>/var/www/html/wp-content/plugins/some-plugin/hooks.php</b> on line <b>42</b><br />\n'), out]);
    }
    if (refused) {
      const answer = tryJson(out.toString('utf8')) as Record<string, unknown[]> | undefined;
      if (answer) {
        const list = (answer[refused.kind] ??= []);
        list.splice(refused.index, 0, { id: refused.id ?? 0, error: { code: 'woocommerce_rest_cannot_edit', message: 'Injected: the item was locked by another process.', data: { status: 500 } } });
        out = Buffer.from(JSON.stringify(answer));
      }
    }
    const headers = { ...upstream.headers };
    delete headers['content-length'];
    delete headers['transfer-encoding'];
    if (fault === 'slow') await new Promise((r) => setTimeout(r, this.opts.slowMs ?? 150));
    if (this.tracing) this.trace.push(`${method} ${req.url} [${fault ?? '-'}] ${body.toString('utf8')} => ${upstream.status} ${out.toString('utf8')}`);
    res.writeHead(upstream.status, { ...headers, 'content-length': String(out.length) });
    res.end(out);
  }
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

function tryJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return undefined; }
}

function forward(upstream: string, req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const target = new URL(req.url ?? '/', upstream);
  const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
  return new Promise((resolve, reject) => {
    const up = httpRequest(target, { method: req.method, headers }, (r) => {
      const parts: Buffer[] = [];
      r.on('data', (c: Buffer) => parts.push(c));
      r.on('end', () => resolve({ status: r.statusCode ?? 502, headers: r.headers, body: Buffer.concat(parts) }));
      r.on('error', reject);
    });
    up.on('error', reject);
    up.end(body);
  });
}
