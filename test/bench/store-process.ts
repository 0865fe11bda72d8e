/**
 * The practice store for benchmarks, in its own process (forked by store-handle.ts): the
 * WooCommerce emulator behind a counting proxy. Running it apart keeps the store's CPU and memory
 * out of the engine's numbers (a real store is another machine), and the proxy counts every
 * request the engine sends without touching either side's code.
 *
 * Everything binds to 127.0.0.1. The proxy forwards all paths to the emulator except /__bench/*:
 *   GET  /__bench/stats        requests seen since the last reset, by kind, with store time
 *   POST /__bench/reset-stats  starts counting afresh
 *   POST /__bench/seed         [{sku, name, regular_price, stock_quantity?}] → products "made by hand"
 *   POST /__bench/values       {skus: [...]} → current price and stock of those SKUs
 *   GET  /__bench/summary      product and variation counts, drafts
 * It exits when its parent goes away. With BENCH_STORE_MODEL (JSON, store-model.ts) in its
 * environment, every answer takes as long as the real store's would (workers, per-item costs).
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { startEmulator, type RunningEmulator } from '../../connectors/woocommerce-emulator/server';
import { seedHandMadeProducts, storeSummary, valuesBySku, type SeedProduct } from './store-seed';
import { batchParts, classifyRequest, emptyStats, type RequestKind, type StoreStats } from './store-stats';
import { ModelledStore, requestWork, type StoreModel } from './store-model';

async function main(): Promise<void> {
  const emulator = await startEmulator({ port: 0 });
  let stats = emptyStats();
  const model = process.env.BENCH_STORE_MODEL ? JSON.parse(process.env.BENCH_STORE_MODEL) as StoreModel : null;
  const modelled = model ? { model, store: new ModelledStore(model) } : null;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = req.url ?? '/';
      if (path.startsWith('/__bench/')) {
        try {
          const answer = control(req.method ?? 'GET', path, body.toString('utf8'), emulator, () => stats, () => { stats = emptyStats(); });
          reply(res, 200, answer);
        } catch (e) {
          reply(res, 500, { error: (e as Error).message });
        }
        return;
      }
      forward(req, res, body, emulator.port, modelled, (kind, objects, ms, status) => {
        const s = stats.byKind[kind];
        s.requests++;
        s.objects += objects;
        s.storeMs += ms;
        if (status >= 400) s.httpErrors++;
        if (status === 0) stats.proxyFailures++;
        stats.requests++;
        stats.storeMs += ms;
      });
    });
  });
  // Idle connections stay open as long as a typical web server keeps them (nginx: 75 s), so the
  // engine's keep-alive sockets are not closed under it between two batches.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ url: `http://127.0.0.1:${port}`, keys: emulator.state.keys });
  process.on('disconnect', () => {
    server.close();
    void emulator.close().finally(() => process.exit(0));
  });
}

function control(method: string, path: string, body: string, emulator: RunningEmulator, stats: () => StoreStats, resetStats: () => void): unknown {
  const route = `${method} ${path.split('?')[0]}`;
  switch (route) {
    case 'GET /__bench/stats': return stats();
    case 'POST /__bench/reset-stats': resetStats(); return { ok: true };
    case 'POST /__bench/seed': return seedHandMadeProducts(emulator.state, JSON.parse(body) as SeedProduct[]);
    case 'POST /__bench/values': return valuesBySku(emulator.state, (JSON.parse(body) as { skus: string[] }).skus);
    case 'GET /__bench/summary': return storeSummary(emulator.state);
    default: throw new Error(`unknown bench control ${route}`);
  }
}

/**
 * Passes one request to the emulator and its answer back, timing the store's part. Each request
 * gets its own upstream connection: reusing idle keep-alive sockets races the emulator closing
 * them, and the engine would see a reset that no real store caused. A failed forward is still
 * counted (status 0) and reaches the engine as a dropped connection.
 */
function forward(
  req: IncomingMessage, res: ServerResponse, body: Buffer, port: number, modelled: { model: StoreModel; store: ModelledStore } | null,
  record: (kind: RequestKind, objects: number, ms: number, status: number) => void,
): void {
  const started = performance.now();
  const { kind, objects } = classifyRequest(req.method ?? 'GET', req.url ?? '/', body);
  const headers = { ...req.headers, connection: 'close' };
  const pass = () => new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer } | null>((resolve) => {
    const upstream = httpRequest({ host: '127.0.0.1', port, method: req.method, path: req.url, headers, agent: false }, (answer) => {
      const parts: Buffer[] = [];
      answer.on('data', (c: Buffer) => parts.push(c));
      answer.on('end', () => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(parts) }));
    });
    upstream.on('error', () => resolve(null));
    upstream.end(body);
  });
  const work = modelled ? requestWork(modelled.model, kind, batchParts(body)) : 0;
  void (modelled ? modelled.store.serve(work, pass) : pass()).then((answer) => {
    if (!answer) {
      record(kind, objects, performance.now() - started, 0);
      res.destroy();
      return;
    }
    record(kind, objects, performance.now() - started, answer.status);
    const { connection: _hop, ...answerHeaders } = answer.headers;
    res.writeHead(answer.status, answerHeaders);
    res.end(answer.body);
  });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

void main().catch((e: unknown) => {
  console.error(`bench store process failed: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
