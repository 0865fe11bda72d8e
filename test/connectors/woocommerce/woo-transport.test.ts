import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WooClient } from '../../../connectors/woocommerce/woo-client';
import { parseWooConfig } from '../../../connectors/woocommerce/woo-config';
import { StoreError } from '../../../connectors/woocommerce/woo-errors';

/**
 * Stores behind odd web servers (a redirect, a landing page) are real situations the emulator
 * does not model; a small real HTTP server plays them here.
 */
let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  return { url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`, seen };
}

function client(url: string): WooClient {
  const config = parseWooConfig({
    url,
    consumerKey: 'ck_' + 'a'.repeat(40),
    consumerSecret: 'cs_' + 'b'.repeat(40),
    authMode: 'basic',
    maxRetries: 2,
  });
  return new WooClient(config, { backoff: { baseMs: 1, capMs: 2, maxRetryAfterMs: 10 } });
}

describe('transport edges', () => {
  it('does not follow a redirect (a redirected POST would silently become a GET)', async () => {
    const store = await serve((_req, res) => {
      res.writeHead(301, { Location: 'https://www.shop.test/wp-json/wc/v3/products' });
      res.end();
    });
    const err = await client(store.url).post('products', { name: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).retryable).toBe(false);
    expect((err as StoreError).message).toContain('https://www.shop.test/');
    expect(store.seen).toEqual(['POST /wp-json/wc/v3/products']);
  });

  it('a web page instead of JSON is a clear, permanent error; check() says the API is not reachable', async () => {
    const store = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!DOCTYPE html><html><body>Coming soon</body></html>');
    });
    const c = client(store.url);
    const err = await c.get('products').catch((e: unknown) => e);
    expect((err as StoreError).code).toBe('tillbridge_invalid_response');
    expect((err as StoreError).message).toMatch(/web page/);
    const r = await c.check();
    expect(r).toMatchObject({ ok: false, reachable: false });
  });

  it('sends Basic credentials, JSON content type and Accept on writes (nothing dropped by axiosConfig)', async () => {
    let headers: IncomingMessage['headers'] = {};
    let body = '';
    const store = await serve((req, res) => {
      headers = req.headers;
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        res.writeHead(201, { 'Content-Type': 'application/json' });
        res.end('{"id":1}');
      });
    });
    expect(await client(store.url).post('products', { name: 'x', regular_price: '1.50' })).toEqual({ id: 1 });
    expect(headers.authorization).toBe(`Basic ${Buffer.from(`ck_${'a'.repeat(40)}:cs_${'b'.repeat(40)}`).toString('base64')}`);
    expect(headers['content-type']).toMatch(/^application\/json/);
    expect(headers.accept).toMatch(/application\/json/);
    expect(JSON.parse(body)).toEqual({ name: 'x', regular_price: '1.50' });
  });
});
