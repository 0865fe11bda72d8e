/**
 * One engine wired exactly as the CLI wires it (openTillbridge: real config, local state
 * database, demo profile on a SQLite POS, WooCommerce client) against the benchmark store.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createSqliteDemoPos, type DemoPosStats } from '../../connectors/pos/demo/demo-pos';
import type { DemoOptions } from '../../connectors/pos/demo/demo-data';
import { parseConfig } from '../../electron/engine/settings/config';
import { openTillbridge, type Tillbridge } from '../../electron/compose/compose';
import { timed } from './bench-kit';
import { startBenchStore, type BenchStore } from './store-handle';
import type { StoreModel } from './store-model';

export interface BenchWorld {
  tb: Tillbridge;
  store: BenchStore;
  posFile: string;
  pos: DemoPosStats;
  /** Time to build the demo POS file (set-up, not measured work). */
  posSetupMs: number;
  close(): Promise<void>;
}

/**
 * Builds a demo POS of `opts.items` rows in `dir`, starts a store (slowed to the real store's
 * costs with `model`), and opens an engine on both. Sync settings not given are the defaults.
 */
export async function openBenchWorld(dir: string, opts: DemoOptions, sync: { pollSeconds?: number; storeConcurrency?: number } = {}, model?: StoreModel): Promise<BenchWorld> {
  mkdirSync(dir, { recursive: true });
  const posFile = join(dir, 'demo-pos.sqlite');
  const built = await timed(() => createSqliteDemoPos(posFile, opts));
  const store = await startBenchStore(model ? { model } : {});
  try {
    const config = parseConfig({
      dataDir: join(dir, 'data'),
      store: { url: store.url, consumerKey: store.keys.ck, consumerSecret: store.keys.cs, authMode: 'basic', timeoutMs: 120_000 },
      pos: { profile: 'demo', driver: 'sqlite', sqlite: { file: posFile } },
      // The complete pass is kept out of the scheduled runs: the benchmarks start it themselves.
      sync: { ...sync, fullSyncMinutes: 24 * 60 },
    });
    mkdirSync(config.dataDir!, { recursive: true });
    const tb = openTillbridge(config);
    return {
      tb, store, posFile, pos: built.value, posSetupMs: built.ms,
      close: async () => {
        await tb.close();
        await store.close();
      },
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}
