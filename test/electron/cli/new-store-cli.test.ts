/**
 * A state belongs to one store: the engine refuses a configuration naming another one, and
 * `tillbridge new-store --yes` is the explicit step that moves it (archiving the old state).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteDemoPos } from '../../../connectors/pos/demo/demo-pos';
import { startEmulator, type RunningEmulator } from '../../../connectors/woocommerce-emulator/server';
import { main } from '../../../electron/cli/main';
import type { Output } from '../../../electron/cli/output';
import { openTillbridge } from '../../../electron/compose/compose';
import { loadConfigFile } from '../../../electron/engine/settings/config';
import { StoreMismatchError } from '../../../electron/engine/store-identity';

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
let shopA: RunningEmulator;
let shopB: RunningEmulator;
let configA: string;
let configB: string;

function writeConfig(name: string, store: RunningEmulator): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({
    dataDir: join(dir, 'data'),
    store: { url: store.url, consumerKey: store.state.keys.ck, consumerSecret: store.state.keys.cs, authMode: 'basic' },
    pos: { profile: 'demo', driver: 'sqlite', sqlite: { file: 'pos.sqlite' } },
  }));
  return file;
}

function recordedStore(): { url: string; links: number } {
  const db = new Database(join(dir, 'data', 'state.sqlite'), { readonly: true });
  try {
    const url = (db.prepare('SELECT url FROM store_identity').get() as { url: string }).url;
    return { url, links: (db.prepare('SELECT COUNT(*) AS n FROM links').get() as { n: number }).n };
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tb-new-store-'));
  shopA = await startEmulator();
  shopB = await startEmulator();
  await createSqliteDemoPos(join(dir, 'pos.sqlite'), { items: 30, seed: 3 });
  configA = writeConfig('shop-a.json', shopA);
  configB = writeConfig('shop-b.json', shopB);
});
afterAll(async () => {
  await shopA.close();
  await shopB.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the store a state belongs to', () => {
  it('a fresh state adopts the configured store; another store is refused until new-store --yes switches, archiving the old state', async () => {
    expect(await main(['sync', '--once', '--config', configA, '--json'], capture())).toBe(0);
    expect(shopA.state.products.size).toBeGreaterThan(0);
    const before = recordedStore();
    expect(before.url).toBe(shopA.url);
    expect(before.links).toBeGreaterThan(0);

    // The configuration now names another store: refused, naming both and the way out; the lock is released.
    const refused = main(['sync', '--once', '--config', configB], capture());
    await expect(refused).rejects.toThrow(StoreMismatchError);
    await expect(refused).rejects.toThrow(`belongs to the store ${shopA.url}`);
    await expect(refused).rejects.toThrow(`the configuration names ${shopB.url}`);
    await expect(refused).rejects.toThrow('tillbridge new-store --yes');
    expect(shopB.state.products.size).toBe(0);
    expect(() => openTillbridge(loadConfigFile(configB))).toThrow(StoreMismatchError);

    // Without --yes: says what would happen, changes nothing.
    const dry = capture();
    expect(await main(['new-store', '--config', configB], dry)).toBe(64);
    expect(dry.stdout.join('\n')).toContain(`belongs to: ${shopA.url}`);
    expect(dry.stdout.join('\n')).toMatch(new RegExp(`clears ${before.links} product link`));
    expect(dry.stderr.join('\n')).toMatch(/Nothing was changed/);
    expect(recordedStore()).toEqual(before);

    // Not while an engine runs on the data folder.
    const running = openTillbridge(loadConfigFile(configA));
    try {
      await expect(main(['new-store', '--yes', '--config', configB], capture())).rejects.toThrow(/already running/);
    } finally {
      await running.close();
    }

    const switched = capture();
    expect(await main(['new-store', '--yes', '--config', configB, '--json'], switched)).toBe(0);
    const r = switched.json_[0] as { changed: boolean; store: string; previous: string; archive: string; cleared: { links: number } };
    expect(r).toMatchObject({ changed: true, store: shopB.url, previous: shopA.url, cleared: { links: before.links } });
    expect(recordedStore()).toEqual({ url: shopB.url, links: 0 });
    expect(existsSync(r.archive)).toBe(true);
    const archived = new Database(r.archive, { readonly: true });
    expect((archived.prepare('SELECT url FROM store_identity').get() as { url: string }).url).toBe(shopA.url);
    expect((archived.prepare('SELECT COUNT(*) AS n FROM links').get() as { n: number }).n).toBe(before.links);
    archived.close();

    // The new store starts as on a first install: every web item is pushed to it.
    const sync = capture();
    expect(await main(['sync', '--once', '--config', configB, '--json'], sync)).toBe(0);
    expect((sync.json_[0] as { created: number }).created).toBeGreaterThan(0);
    expect(shopB.state.products.size).toBe(shopA.state.products.size);
    const again = capture();
    expect(await main(['new-store', '--yes', '--config', configB], again)).toBe(0);
    expect(again.stdout.join('\n')).toMatch(/already belongs to .*nothing to do/);
  });
});
