import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../../connectors/woocommerce-emulator/server';
import { main } from '../../../electron/cli/main';
import type { Output } from '../../../electron/cli/output';

function capture(): Output & { stdout: string[] } {
  const o = { stdout: [] as string[] };
  return Object.assign(o, { out: (l: string) => { o.stdout.push(l); }, err: () => undefined, json: () => undefined, progress: () => undefined });
}

let dir: string;
let store: RunningEmulator;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tb-check-'));
  store = await startEmulator();
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('check prints each POS problem once', async () => {
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({
    dataDir: join(dir, 'data'),
    store: { url: store.url, consumerKey: store.state.keys.ck, consumerSecret: { env: 'TB_CHECK_SECRET' }, authMode: 'basic' },
    pos: { profile: 'demo', driver: 'sqlite', sqlite: { file: join(dir, 'no-such-pos.sqlite') } },
  }));
  process.env.TB_CHECK_SECRET = store.state.keys.cs;
  const o = capture();
  expect(await main(['check', '--config', config], o)).toBe(1);
  const text = o.stdout.join('\n');
  expect(text).toMatch(/POS .*PROBLEM/);
  const first = o.stdout.find((l) => l.startsWith('POS'))!;
  const problem = first.replace(/^.*PROBLEM — /, '');
  expect(problem.length).toBeGreaterThan(10);
  expect(text.split(problem).length - 1, text).toBe(1);
});
