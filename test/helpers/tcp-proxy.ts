/**
 * A small TCP proxy for network faults toward a real server (Firebird on 127.0.0.1:3050, MariaDB
 * on 3306): cut every open connection, stop accepting new ones, accept and never answer, stop
 * passing answers on the connections open now (a server stuck on them), or cut at a moment the
 * test chooses by protocol position rather than by the clock (the next request the client sends
 * reaches the server, and its answer never comes back). Binds to 127.0.0.1 on a free port.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  /** When true, new connections are accepted and then ignored (a hung server). */
  silent = false;
  port = 0;
  private armed: (() => void) | null = null;
  private answersHeld = false;
  private readonly upstreams = new Set<Socket>();
  private readonly heldUpstreams = new WeakSet<Socket>();

  constructor(private readonly targetHost: string, private readonly targetPort: number) {}

  /** Starts listening (on the same port as before after a stop()). */
  async start(): Promise<number> {
    const server = createServer((client) => {
      this.track(client);
      if (this.silent) return;
      const upstream = createConnection({ host: this.targetHost, port: this.targetPort });
      this.track(upstream);
      this.upstreams.add(upstream);
      upstream.on('close', () => this.upstreams.delete(upstream));
      client.on('data', (chunk: Buffer) => {
        if (upstream.write(chunk) === false) client.pause();
        const armed = this.armed;
        if (armed) {
          // The request is on its way to the server; the answer must not reach the client.
          this.armed = null;
          this.answersHeld = true;
          upstream.end(() => { this.cutAll(); armed(); });
        }
      });
      upstream.on('drain', () => client.resume());
      upstream.on('data', (chunk: Buffer) => {
        if (this.answersHeld || this.heldUpstreams.has(upstream)) return;
        if (client.write(chunk) === false) upstream.pause();
      });
      client.on('drain', () => upstream.resume());
      const close = () => { client.destroy(); upstream.destroy(); };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as { port: number }).port;
    return this.port;
  }

  /**
   * Arms a cut in flight: the next bytes any client sends are passed to the server, no answer is
   * passed back, and every connection is then cut. Resolves once the cut has happened.
   */
  cutOnNextRequest(): Promise<void> {
    return new Promise<void>((resolve) => { this.armed = resolve; });
  }

  /**
   * From now on the server's answers on the connections open now are dropped, while requests
   * still reach it and the connections stay up; new connections work normally.
   */
  holdAnswers(): void {
    for (const u of this.upstreams) this.heldUpstreams.add(u);
  }

  /** Destroys every open connection, as a network cut would. */
  cutAll(): void {
    this.answersHeld = false;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  /** Stops accepting connections and cuts the open ones. */
  async stop(): Promise<void> {
    this.cutAll();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private track(s: Socket): void {
    this.sockets.add(s);
    s.on('close', () => this.sockets.delete(s));
    s.on('error', () => undefined);
  }
}
