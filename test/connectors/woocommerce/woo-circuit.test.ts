/** The store circuit breaker on its own and inside the client: driven by a fake clock, no waiting. */
import { expect, it } from 'vitest';
import { StoreCircuit } from '../../../connectors/woocommerce/woo-circuit';
import { WooClient } from '../../../connectors/woocommerce/woo-client';
import { parseWooConfig } from '../../../connectors/woocommerce/woo-config';
import type { WooHttpRequest, WooHttpResponse } from '../../../connectors/woocommerce/woo-transport';

const policy = { failures: 3, openMs: 1000, maxOpenMs: 4000 };

it('opens after K failures in a row, for a growing interval, and closes on a good answer', () => {
  let t = 0;
  const c = new StoreCircuit(policy, () => t);
  c.failure('503'); c.failure('503');
  expect(c.allow()).toBe(true);
  c.failure('503');
  expect(c.snapshot()).toMatchObject({ state: 'open', openings: 1, openUntil: 1000 });
  expect(c.allow()).toBe(false);
  expect(c.describe()).toMatch(/failed 3 request\(s\) in a row \(last: 503\).*tries again at 00:00:01 UTC/);
  t = 1000;
  expect(c.allow()).toBe(true); // the one probe
  expect(c.allow()).toBe(false); // nobody else while it runs
  c.failure('ECONNRESET');
  expect(c.snapshot()).toMatchObject({ state: 'open', openings: 2, openUntil: 3000 });
  t = 3000; c.allow(); c.failure('x');
  expect(c.snapshot().openUntil).toBe(7000); // 4000 cap
  t = 7000; c.allow(); c.failure('x');
  expect(c.snapshot().openUntil).toBe(11000); // still 4000
  t = 11000;
  expect(c.allow()).toBe(true);
  c.success();
  expect(c.snapshot()).toMatchObject({ state: 'closed', consecutiveFailures: 0, openings: 0 });
  expect(c.describe()).toBeNull();
});

it('in the client: a failing store gets K requests, then none until the pause is over; a 4xx about one item does not count', async () => {
  let t = 0;
  const circuit = new StoreCircuit(policy, () => t);
  const seen: WooHttpRequest[] = [];
  let answer: () => WooHttpResponse = () => ({ status: 503, headers: {}, body: { code: 'down', message: 'down' } });
  const client = new WooClient(parseWooConfig({ url: 'https://shop.example.com', consumerKey: 'ck_a', consumerSecret: 'cs_b' }), {
    transport: async (req) => { seen.push(req); return answer(); },
    sleep: async () => undefined, circuit, now: () => t,
  });
  // One call with 5 retries allowed stops after the 3rd failure: the 4th attempt is refused unsent.
  await expect(client.get('products', { maxRetries: 5 })).rejects.toMatchObject({ code: 'tillbridge_circuit_open', retryable: true, writeMayHaveHappened: false });
  expect(seen).toHaveLength(3);
  await expect(client.post('products', { sku: 'A' })).rejects.toMatchObject({ code: 'tillbridge_circuit_open' });
  expect(seen).toHaveLength(3);
  t = 1000;
  answer = () => ({ status: 400, headers: {}, body: { code: 'product_invalid_sku', message: 'dup', data: { status: 400 } } });
  await expect(client.post('products', { sku: 'A' })).rejects.toMatchObject({ code: 'product_invalid_sku' });
  expect(circuit.snapshot().state).toBe('closed');
  answer = () => ({ status: 200, headers: {}, body: [] });
  await expect(client.get('products')).resolves.toEqual([]);
  expect(seen).toHaveLength(5);
});
