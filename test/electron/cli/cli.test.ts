import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteDemoPos } from '../../../connectors/pos/demo/demo-pos';
import { startEmulator, type RunningEmulator } from '../../../connectors/woocommerce-emulator/server';
import { main } from '../../../electron/cli/main';
import { loadConfigFile } from '../../../electron/engine/settings/config';
import { openTillbridge } from '../../../electron/compose/compose';
import type { Output } from '../../../electron/cli/output';

/** Captures what the CLI prints. */
function capture(): Output & { stdout: string[]; stderr: string[]; json_: unknown[] } {
  const o = { stdout: [] as string[], stderr: [] as string[], json_: [] as unknown[] };
  return Object.assign(o, {
    out: (l: string) => { o.stdout.push(l); },
    err: (l: string) => { o.stderr.push(l); },
    json: (v: unknown) => { o.json_.push(v); },
    progress: () => undefined,
  });
}

let dir: string;
let store: RunningEmulator;
let configFile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tb-cli-'));
  store = await startEmulator();
  await createSqliteDemoPos(join(dir, 'pos.sqlite'), { items: 60, seed: 7 });
  process.env.TB_TEST_SECRET = store.state.keys.cs;
  configFile = join(dir, 'config.json');
  writeFileSync(configFile, JSON.stringify({
    dataDir: join(dir, 'data'),
    store: { url: store.url, consumerKey: store.state.keys.ck, consumerSecret: { env: 'TB_TEST_SECRET' }, authMode: 'basic' },
    pos: { profile: 'demo', driver: 'sqlite', sqlite: { file: 'pos.sqlite' } },
  }));
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('tillbridge CLI', () => {
  it('check reports both connections working, with the secret taken from the environment', async () => {
    const o = capture();
    expect(await main(['check', '--config', configFile], o)).toBe(0);
    expect(o.stdout.join('\n')).toMatch(/POS .*OK/);
    expect(o.stdout.join('\n')).toMatch(/Store .*OK/);
    expect(o.stdout.join('\n')).not.toContain(store.state.keys.cs);
  });

  it('check names the problem when the store keys are wrong', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({
      dataDir: join(dir, 'data-bad'),
      store: { url: store.url, consumerKey: store.state.keys.ck, consumerSecret: 'cs_' + '0'.repeat(40), authMode: 'basic' },
      pos: { profile: 'demo', driver: 'sqlite', sqlite: { file: 'pos.sqlite' } },
    }));
    const o = capture();
    expect(await main(['check', '--config', bad], o)).toBe(1);
    const text = o.stdout.join('\n');
    expect(text).toMatch(/Store .*PROBLEM/);
    expect(text).toMatch(/plain text/); // warns about the literal secret
  });

  it('preview writes nothing, sync --once creates, and a second sync sends no request', async () => {
    const p = capture();
    expect(await main(['preview', '--config', configFile, '--json'], p)).toBe(0);
    const plan = p.json_[0] as { create: unknown[] };
    expect(plan.create.length).toBeGreaterThan(0);
    expect(store.state.products.size).toBe(0);

    const first = capture();
    expect(await main(['sync', '--once', '--config', configFile, '--json'], first)).toBe(0);
    const r1 = first.json_[0] as { created: number; failed: number; requests: number };
    expect(r1.created).toBeGreaterThan(0);
    expect(r1.failed).toBe(0);

    const second = capture();
    expect(await main(['sync', '--once', '--config', configFile, '--json'], second)).toBe(0);
    expect(second.json_[0]).toMatchObject({ created: 0, updated: 0, requests: 0 });
  });

  it('link-report lists every web item as linked after a sync', async () => {
    const o = capture();
    expect(await main(['link-report', '--config', configFile, '--json'], o)).toBe(0);
    const rows = o.json_[0] as { category: string; sku: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.category))).toEqual(new Set(['linked']));
  });

  it('refuses a second engine on the same data folder, in words', async () => {
    const tb = openTillbridge(loadConfigFile(configFile));
    try {
      // An engine that holds the lock but publishes no API (here: one opened in this process) is named, not bypassed.
      const o = capture();
      expect(await main(['sync', '--once', '--config', configFile], o)).toBe(1);
      expect(o.stderr.join('\n')).toMatch(/already running on this data folder.*not published yet/);
      await expect(main(['run', '--config', configFile], capture())).rejects.toThrow(/already running on this data folder/);
    } finally {
      await tb.close();
    }
  });

  it('explains a config file with a mistake, naming the key', async () => {
    const bad = join(dir, 'typo.json');
    writeFileSync(bad, JSON.stringify({ store: { url: 'not a url', consumerKey: 'x', consumerSecret: 'y' }, pos: { profile: 'demo', driver: 'sqlite' } }));
    await expect(main(['check', '--config', bad], capture())).rejects.toThrow(/store\.url[\s\S]*pos/);
  });

  it('demo --once builds the demo POS and syncs it into a practice store', async () => {
    const o = capture();
    expect(await main(['demo', '--once', '--items', '40', '--data', join(dir, 'demo')], o)).toBe(0);
    expect(o.stdout.join('\n')).toMatch(/Products: \d+ created, 0 updated, 0 unchanged, 0 failed/);
  });
});
