/**
 * Over plain http the store decides which authentication counts: WooCommerce itself takes only
 * OAuth 1.0a signatures there, while some hosts (a proxy that rewrites the address, a site set up
 * for Basic) break signatures and take only Basic. A refusal says which other authMode to try.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../connectors/woocommerce-emulator/server';
import { checkStore } from '../../../connectors/woocommerce/woo-check';
import { explain } from '../../../connectors/woocommerce/woo-error-hints';
import { clientFor } from './store-fixture';

let emu: RunningEmulator;
beforeAll(async () => { emu = await startEmulator({ port: 0, host: '127.0.0.1', stockPort: 0 }); });
afterAll(async () => { await emu.close(); });

it('Basic over plain http to a store that takes only OAuth: the answer suggests authMode oauth1', async () => {
  const { client } = clientFor(emu, { url: emu.stockUrl!, authMode: 'basic', maxRetries: 0 });
  const check = await checkStore(client);
  expect(check.ok).toBe(false);
  expect(`${check.message} ${check.hint}`).toMatch(/authMode.*'oauth1'/);

  // The same keys with OAuth signatures work there.
  const oauth = clientFor(emu, { url: emu.stockUrl!, authMode: 'oauth1', maxRetries: 0 });
  expect((await checkStore(oauth.client)).ok).toBe(true);
});

it('"Invalid signature" over plain http suggests authMode basic (and https)', () => {
  const e = explain(401, { code: 'woocommerce_rest_authentication_error', message: 'Invalid signature - provided signature does not match.' }, {},
    { method: 'GET', path: 'products', idempotent: true, storeUrl: 'http://shop.lan', authMode: 'oauth1' });
  expect(e.hint).toMatch(/authMode.*'basic'/);
  expect(e.hint).toMatch(/https/);
});

it('a 401 with OAuth over plain http suggests basic; with Basic suggests oauth1', () => {
  const ctx = { method: 'GET', path: 'products', idempotent: true, storeUrl: 'http://127.0.0.1:8080' } as const;
  const body = { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.' };
  expect(explain(401, body, {}, { ...ctx, authMode: 'oauth1' }).hint).toMatch(/authMode.*'basic'/);
  expect(explain(401, body, {}, { ...ctx, authMode: 'basic' }).hint).toMatch(/authMode.*'oauth1'/);
  // Over https the advice stays as it was.
  expect(explain(401, body, {}, { ...ctx, storeUrl: 'https://shop.example.com', authMode: 'basic' }).hint).not.toMatch(/'oauth1'.*plain http only/);
});
