import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteDemoPos } from '../../../connectors/pos/demo/demo-pos';
import { placeCheckoutOrder } from '../../../connectors/woocommerce-emulator/order-checkout';
import { startEmulator, type RunningEmulator } from '../../../connectors/woocommerce-emulator/server';
import { main } from '../../../electron/cli/main';
import type { Output } from '../../../electron/cli/output';

function capture(): Output & { stdout: string[]; stderr: string[]; json_: unknown[] } {
  const o = { stdout: [] as string[], stderr: [] as string[], json_: [] as unknown[] };
  return Object.assign(o, { out: (l: string) => { o.stdout.push(l); }, err: (l: string) => { o.stderr.push(l); }, json: (v: unknown) => { o.json_.push(v); }, progress: () => undefined });
}

let dir: string;
let store: RunningEmulator;
let configFile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tb-cli-export-'));
  store = await startEmulator();
  await createSqliteDemoPos(join(dir, 'pos.sqlite'), { items: 20, seed: 4 });
  configFile = join(dir, 'config.json');
  writeFileSync(configFile, JSON.stringify({
    dataDir: join(dir, 'data'),
    store: { url: store.url, consumerKey: store.state.keys.ck, consumerSecret: store.state.keys.cs, authMode: 'basic' },
    pos: { profile: 'demo', driver: 'sqlite', sqlite: { file: join(dir, 'pos.sqlite') } },
    orders: { guests: 'create' },
  }));
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('export --once exports the completed web orders once and exits; without --once it says what to use', async () => {
  expect(await main(['export', '--config', configFile], capture())).toBe(64);
  expect(await main(['sync', '--once', '--config', configFile], capture())).toBe(0);
  // The first order pass starts the order cursor.
  expect(await main(['export', '--once', '--config', configFile], capture())).toBe(0);

  const sku = [...store.state.products.values()].find((p) => p.type === 'simple' && (p.stockQuantity ?? 0) >= 2)!.sku;
  for (const p of store.state.products.values()) p.status = 'publish';
  const r = placeCheckoutOrder(store.state, { lines: [{ sku, quantity: 1 }], status: 'completed', billing: { email: 'eve@example.test', first_name: 'Eve' } });
  if (!r.ok) throw new Error(r.error);

  const first = capture();
  expect(await main(['export', '--once', '--json', '--config', configFile], first)).toBe(0);
  expect(first.json_[0]).toMatchObject({ status: 'ok', exported: 1, marked: 1, failed: 0 });

  const again = capture();
  expect(await main(['export', '--once', '--config', configFile], again)).toBe(0);
  expect(again.stdout.join('\n')).toMatch(/Orders: .*0 exported/);
});
