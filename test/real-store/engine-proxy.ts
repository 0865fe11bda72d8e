/**
 * The window the real-store suite watches Tillbridge through: an HTTP proxy on 127.0.0.1 in front
 * of the store (real or emulated), which the engine under test is configured to use as the store's
 * address. It sees every request the engine sends — to count writes (a quiet run sends none) and
 * to kill the engine process at a protocol point (a marking request of an order export) — from
 * outside, so it works the same against any store. The suite's own REST calls and the shoppers'
 * checkouts go to the store directly and are not counted.
 *
 * Requests are passed on unchanged (method, path, query, body, Authorization), only Host is the
 * store's; OAuth 1.0a signatures name the address they were made for, so the engine must use
 * Basic or query-string keys through it.
 */
import { request as httpRequest, createServer, type IncomingMessage, type Server, type ServerResponse, Agent as HttpAgent } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';
import type { Socket } from 'node:net';

/** What the proxy does with a request after its hook saw it. */
export type ProxyVerdict = 'forward' | 'drop';

export interface SeenRequest {
  method: string;
  /** The path without the query string (never carries keys). */
  path: string;
}

/** Methods that change something in the store. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isWrite(r: SeenRequest): boolean {
  return !READS.has(r.method);
}

export class EngineProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly target: URL;
  private readonly agent: HttpAgent | HttpsAgent;
  /** Every request the engine sent, in arrival order. */
  readonly seen: SeenRequest[] = [];
  /**
   * Called synchronously as each request arrives, before anything is sent to the store: a test may
   * kill the engine right here and say whether the request still goes on ('forward': the store
   * runs it and the answer is lost) or not ('drop').
   */
  onRequest: ((r: SeenRequest) => ProxyVerdict | void) | null = null;
  /** The engine's store address: this proxy, with the store's own base path. */
  url = '';

  constructor(storeUrl: string) {
    this.target = new URL(storeUrl);
    this.agent = this.target.protocol === 'https:' ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => this.handle(req, res));
    server.on('connection', (s) => { this.sockets.add(s); s.on('close', () => this.sockets.delete(s)); });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    const port = (server.address() as { port: number }).port;
    this.url = `http://127.0.0.1:${port}${this.target.pathname.replace(/\/+$/, '')}`;
    return this.url;
  }

  /** Requests seen from index `from` on (take `seen.length` before a pass, then this after it). */
  since(from: number): SeenRequest[] {
    return this.seen.slice(from);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.agent.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = req.url ?? '/';
    const seen: SeenRequest = { method: req.method ?? 'GET', path: url.split('?')[0]! };
    this.seen.push(seen);
    const verdict = this.onRequest?.(seen) ?? 'forward';
    if (verdict === 'drop') {
      req.socket.destroy();
      return;
    }
    const headers = { ...req.headers, host: this.target.host };
    delete headers.connection;
    const send = this.target.protocol === 'https:' ? httpsRequest : httpRequest;
    const upstream = send({
      protocol: this.target.protocol, hostname: this.target.hostname, port: this.target.port || undefined,
      method: req.method, path: url, headers, agent: this.agent,
    }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => { res.destroy(); });
    // A client killed before its body arrived: the store must not wait for the rest.
    req.on('close', () => { if (!req.complete) upstream.destroy(); });
    req.pipe(upstream);
  }
}
