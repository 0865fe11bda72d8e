import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteDemoPos } from '../../../connectors/pos/demo/demo-pos';
import { placeCheckoutOrder } from '../../../connectors/woocommerce-emulator/order-checkout';
import { startEmulator, type RunningEmulator } from '../../../connectors/woocommerce-emulator/server';
import { main } from '../../../electron/cli/main';
import type { Output } from '../../../electron/cli/output';

function capture(): Output & { stdout: string[]; json_: unknown[] } {
  const o = { stdout: [] as string[], json_: [] as unknown[] };
  return Object.assign(o, { out: (l: string) => { o.stdout.push(l); }, err: () => undefined, json: (v: unknown) => { o.json_.push(v); }, progress: () => undefined });
}

let dir: string;
let store: RunningEmulator;
let configFile: string;
const auth = () => 'Basic ' + Buffer.from(`${store.state.keys.ck}:${store.state.keys.cs}`).toString('base64');
async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${store.url}/wp-json/wc/v3/${path}`, { method, headers: { authorization: auth(), 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return (await res.json()) as T;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tb-cli-orders-'));
  store = await startEmulator();
  await createSqliteDemoPos(join(dir, 'pos.sqlite'), { items: 40, seed: 5 });
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

describe('order commands', () => {
  let sku = '';
  let orderId = 0;
  let orderNumber = '';

  it('allocation shows on-hand, the units an open web order holds, and the web quantity', async () => {
    expect(await main(['sync', '--once', '--config', configFile], capture())).toBe(0);
    const products = await api<{ id: number; sku: string; stock_quantity: number }[]>('GET', 'products?type=simple&per_page=100');
    const p = products.find((x) => x.stock_quantity >= 3)!;
    sku = p.sku;
    await api('PUT', `products/${p.id}`, { status: 'publish' });
    const r = placeCheckoutOrder(store.state, { lines: [{ sku, quantity: 2 }], status: 'processing', billing: { email: 'ann@example.test', first_name: 'Ann' } });
    if (!r.ok) throw new Error(r.error);
    orderId = r.order.id;

    // pull --since reads orders from before the engine's first order pass too
    expect(await main(['pull', '--since', '2020-01-01', '--config', configFile], capture())).toBe(0);
    const a = capture();
    expect(await main(['allocation', sku, '--config', configFile, '--json'], a)).toBe(0);
    const row = (a.json_[0] as { onHand: number; allocated: number; webQuantity: number; orders: { number: string; qty: number }[] }[])[0]!;
    expect(row.allocated).toBe(2);
    expect(row.webQuantity).toBe(row.onHand - 2);
    orderNumber = row.orders[0]!.number;
    expect(row.orders).toEqual([{ number: orderNumber, status: 'processing', qty: 2 }]);

    const text = capture();
    await main(['allocation', sku, '--config', configFile], text);
    expect(text.stdout.join('\n')).toContain(`− allocated 2`);
  });

  it('orders lists it as outstanding, then with its POS invoice once completed', async () => {
    const before = capture();
    await main(['orders', '--config', configFile, '--json'], before);
    expect((before.json_[0] as { outstanding: { number: string }[] }).outstanding.map((o) => o.number)).toEqual([orderNumber]);

    await api('PUT', `orders/${orderId}`, { status: 'completed' });
    expect(await main(['pull', '--since', '2020-01-01', '--config', configFile], capture())).toBe(0);
    const after = capture();
    await main(['orders', '--config', configFile, '--json'], after);
    const view = after.json_[0] as { outstanding: unknown[]; exported: { number: string; invoice: string; markedInStore: boolean }[] };
    expect(view.outstanding).toEqual([]);
    expect(view.exported).toEqual([expect.objectContaining({ number: orderNumber, markedInStore: true })]);
    const notes = await api<{ note: string }[]>('GET', `orders/${orderId}/notes`);
    expect(notes.some((n) => n.note.includes(`invoice ${view.exported[0]!.invoice}`))).toBe(true);
  });

  it('resend refuses to book an order twice: the POS already has its invoice', async () => {
    const o = capture();
    expect(await main(['resend', orderNumber, '--config', configFile], o)).toBe(0);
    expect(o.stdout.join('\n')).toMatch(/already in the POS as invoice \d+; nothing was sent/);
  });

  it('explains a wrong date for pull', async () => {
    expect(await main(['pull', '--since', 'yesterday-ish', '--config', configFile], capture())).toBe(64);
  });
});
