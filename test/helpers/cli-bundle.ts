/**
 * The `tillbridge` command line as a process of its own, for tests that need a real engine
 * process (kill it, hold its lock, serve its dashboard): the CLI bundled once into a folder, and
 * the practice-store + demo-POS configuration those tests share.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { RunningEmulator } from '../../connectors/woocommerce-emulator/server';

export const ROOT = resolve(__dirname, '../..');

/** Bundles electron/cli/main.ts into `<dir>/tillbridge.js` (native modules stay outside); returns its path. */
export async function bundleCli(dir: string): Promise<string> {
  const cli = join(dir, 'tillbridge.js');
  await build({ entryPoints: [join(ROOT, 'electron/cli/main.ts')], bundle: true, platform: 'node', target: 'node22', outfile: cli,
    external: ['better-sqlite3', 'node-firebird'], logLevel: 'silent' });
  return cli;
}

/** The environment a bundled CLI needs to find the project's native modules. */
export function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, NODE_PATH: join(ROOT, 'node_modules'), ...extra };
}

/** Writes `<dir>/config.json` for the demo POS in `<dir>/pos.sqlite` and the given practice store, polling every second. */
export function writeDemoConfig(dir: string, store: RunningEmulator): string {
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({
    dataDir: join(dir, 'data'),
    store: { url: store.url, consumerKey: store.state.keys.ck, consumerSecret: store.state.keys.cs, authMode: 'basic' },
    pos: { profile: 'demo', driver: 'sqlite', sqlite: { file: join(dir, 'pos.sqlite') } },
    sync: { pollSeconds: 1, orderPollSeconds: 1, fullSyncMinutes: 60 },
    orders: { guests: 'create' },
  }));
  return config;
}
