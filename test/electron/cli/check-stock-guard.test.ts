/** `tillbridge check` says whether the store has the Stock Guard plugin, its version, and whether it is on. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../../connectors/woocommerce-emulator/server';
import { main } from '../../../electron/cli/main';
import type { Output } from '../../../electron/cli/output';

function capture(): Output & { stdout: string[]; json: (v: unknown) => void; values: unknown[] } {
  const o = { stdout: [] as string[], values: [] as unknown[] };
  return Object.assign(o, { out: (l: string) => { o.stdout.push(l); }, err: () => undefined, json: (v: unknown) => { o.values.push(v); }, progress: () => undefined });
}

let dir: string;
let store: RunningEmulator;
let config: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tb-check-sg-'));
  store = await startEmulator();
  config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({
    dataDir: join(dir, 'data'),
    store: { url: store.url, consumerKey: store.state.keys.ck, consumerSecret: { env: 'TB_CHECK_SG_SECRET' }, authMode: 'basic' },
    pos: { profile: 'demo', driver: 'sqlite', sqlite: { file: join(dir, 'no-such-pos.sqlite') } },
  }));
  process.env.TB_CHECK_SG_SECRET = store.state.keys.cs;
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('names the plugin as not installed (optional), installed and on with its version, or switched off', async () => {
  const without = capture();
  await main(['check', '--config', config], without);
  expect(without.stdout.find((l) => l.startsWith('Stock Guard plugin:'))).toMatch(/not installed \(optional\)/);

  store.stockGuardPlugin.set({ installed: true, version: '1.2.3' });
  const on = capture();
  await main(['check', '--config', config], on);
  expect(on.stdout.find((l) => l.startsWith('Stock Guard plugin:'))).toMatch(/Tillbridge Stock Guard 1\.2\.3 is installed and on/);

  store.stockGuardPlugin.set({ enabled: false });
  const off = capture();
  await main(['check', '--config', config, '--json'], off);
  expect(off.values[0]).toEqual(expect.objectContaining({
    store: expect.objectContaining({ ok: true, stockGuard: expect.objectContaining({ installed: true, enabled: false, version: '1.2.3' }) }),
  }));
});
