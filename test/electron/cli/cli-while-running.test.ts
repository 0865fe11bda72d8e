/**
 * `tillbridge run` holds the engine lock of its data folder; the other commands on that folder
 * are then answered by the running engine through its local API instead of failing on the lock.
 * The engine runs as its own process (the CLI bundled), the commands run in this one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleCli, cliEnv, writeDemoConfig } from '../../helpers/cli-bundle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteDemoPos } from '../../../connectors/pos/demo/demo-pos';
import { placeCheckoutOrder } from '../../../connectors/woocommerce-emulator/order-checkout';
import { startEmulator, type RunningEmulator } from '../../../connectors/woocommerce-emulator/server';
import { main } from '../../../electron/cli/main';
import type { Output } from '../../../electron/cli/output';
import { endpointFile, readEndpoint } from '../../../electron/server/endpoint-file';


function capture(): Output & { stdout: string[]; stderr: string[]; json_: unknown[] } {
  const o = { stdout: [] as string[], stderr: [] as string[], json_: [] as unknown[] };
  return Object.assign(o, { out: (l: string) => { o.stdout.push(l); }, err: (l: string) => { o.stderr.push(l); }, json: (v: unknown) => { o.json_.push(v); }, progress: () => undefined });
}

let dir: string;
let store: RunningEmulator;
let config: string;
let child: ChildProcess | null = null;
let childErr = '';

/** Resolves when the child's stderr contains `text` (the engine says what it did; no clock involved). */
function childSays(text: string | RegExp): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const seen = () => (typeof text === 'string' ? childErr.includes(text) : text.test(childErr));
    if (seen()) { resolvePromise(); return; }
    const onData = () => { if (seen()) { child!.stderr!.off('data', onData); resolvePromise(); } };
    child!.stderr!.on('data', onData);
    child!.once('exit', (code) => reject(new Error(`the engine exited (${code}) before saying ${String(text)}:\n${childErr}`)));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tb-cli-running-'));
  await createSqliteDemoPos(join(dir, 'pos.sqlite'), { items: 30, seed: 8 });
  store = await startEmulator();
  const cli = await bundleCli(dir);
  // A stand-in for the built dashboard, so the served page does not depend on a prior `npm run build`.
  mkdirSync(join(dir, 'dashboard'));
  writeFileSync(join(dir, 'dashboard', 'index.html'), '<!doctype html><html><head><title>T</title></head><body></body></html>');
  config = writeDemoConfig(dir, store);
  child = spawn(process.execPath, [cli, 'run', '--config', config], {
    env: cliEnv({ TILLBRIDGE_DASHBOARD_DIR: join(dir, 'dashboard') }), stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => { childErr += chunk; });
  await childSays('Tillbridge is running');
  await childSays(/Products: \d+ created/); // the first pass is in the store
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('commands while `tillbridge run` holds the data folder', () => {
  it('publishes its endpoint for the owner only; the token shows once, in the dashboard address it prints', () => {
    const endpoint = readEndpoint(join(dir, 'data'));
    expect(endpoint?.pid).toBe(child!.pid);
    if (process.platform !== 'win32') expect(statSync(endpointFile(join(dir, 'data'))).mode & 0o077).toBe(0);
    const lines = childErr.split('\n').filter((l) => l.includes(endpoint!.token));
    expect(lines).toEqual([`Dashboard: http://127.0.0.1:${endpoint!.port}/?token=${endpoint!.token}`]);
  });

  it('`dashboard` prints the running engine\'s dashboard address, and that address serves the page', async () => {
    const o = capture();
    expect(await main(['dashboard', '--config', config], o)).toBe(0);
    const endpoint = readEndpoint(join(dir, 'data'))!;
    expect(o.stdout).toEqual([`http://127.0.0.1:${endpoint.port}/?token=${endpoint.token}`]);
    const res = await fetch(o.stdout[0]!);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`<meta name="tillbridge-token" content="${endpoint.token}">`);
    expect((await fetch(`http://127.0.0.1:${endpoint.port}/`)).status).toBe(401);
  });

  it('`allocation SKU` answers from the running engine, with the order behind it', async () => {
    const auth = 'Basic ' + Buffer.from(`${store.state.keys.ck}:${store.state.keys.cs}`).toString('base64');
    const rest = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${store.url}/wp-json/wc/v3/${path}`, { method, headers: { authorization: auth, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return (await res.json()) as T;
    };
    const products = await rest<{ id: number; sku: string; stock_quantity: number }[]>('GET', 'products?type=simple&per_page=100');
    const product = products.find((x) => x.stock_quantity >= 3)!;
    await rest('PUT', `products/${product.id}`, { status: 'publish' });
    const placed = placeCheckoutOrder(store.state, { lines: [{ sku: product.sku, quantity: 2 }], status: 'processing', billing: { email: 'ann@example.test', first_name: 'Ann' } });
    if (!placed.ok) throw new Error(placed.error);

    // `pull` is a command: the running engine reads the store's orders now, whatever its schedule.
    const pull = capture();
    expect(await main(['pull', '--since', '2020-01-01', '--config', config], pull)).toBe(0);
    expect(pull.stderr.join('\n')).toMatch(/answered by the running engine, process \d+/);

    const a = capture();
    expect(await main(['allocation', product.sku, '--json', '--config', config], a)).toBe(0);
    const [row] = a.json_[0] as { sku: string; allocated: number; onHand: number; webQuantity: number; orders: { number: string; qty: number }[] }[];
    expect(row).toMatchObject({ sku: product.sku, allocated: 2, webQuantity: row!.onHand - 2 });
    expect(row!.orders).toEqual([expect.objectContaining({ number: String(placed.order.id), qty: 2 })]);
    expect(a.stderr.join('\n')).toMatch(/answered by the running engine/);
  });

  it('`status`, `orders` and `link-report` answer too, and a command is carried out by the running engine', async () => {
    const s = capture();
    expect(await main(['status', '--json', '--config', config], s)).toBe(0);
    expect(s.json_[0]).toMatchObject({ counts: { linkedProducts: expect.any(Number) } });
    expect((s.json_[0] as { counts: { linkedProducts: number } }).counts.linkedProducts).toBeGreaterThan(0);

    const o = capture();
    expect(await main(['orders', '--json', '--config', config], o)).toBe(0);
    expect(o.json_[0]).toHaveProperty('outstanding');

    const l = capture();
    expect(await main(['link-report', '--json', '--config', config], l)).toBe(0);
    expect((l.json_[0] as { category: string }[]).some((r) => r.category === 'linked')).toBe(true);

    const sync = capture();
    expect(await main(['sync', '--once', '--json', '--config', config], sync)).toBe(0);
    expect(sync.json_[0]).toMatchObject({ status: 'ok', failed: 0 });

    // export --once: one order pass, carried out by the running engine.
    const exp = capture();
    expect(await main(['export', '--once', '--json', '--config', config], exp)).toBe(0);
    expect(exp.stderr.join('\n')).toMatch(/answered by the running engine/);
    expect(exp.json_[0]).toMatchObject({ status: 'ok', failed: 0, openErrors: [] });
  });

  it('a bad request is refused with a message naming the field, without a stack trace', async () => {
    const o = capture();
    await expect(main(['pull', '--since', 'yesterday-ish', '--config', config], o)).resolves.toBe(64);
    expect(o.stderr.join('\n')).toMatch(/Usage: tillbridge pull/);
  });
});
