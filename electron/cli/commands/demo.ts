import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createSqliteDemoPos } from '../../../connectors/pos/demo/demo-pos';
import { sellDemoItem, setDemoStock } from '../../../connectors/pos/demo/demo-activity';
import { SqliteDriver } from '../../../connectors/pos/drivers/sqlite-driver';
import { startEmulator, type RunningEmulator } from '../../../connectors/woocommerce-emulator/server';
import { defaultDataDir, parseConfig, type TillbridgeConfig } from '../../engine/config';
import { openTillbridge, type Tillbridge } from '../../engine/wiring';
import { describeProductRun, type Output } from '../output';
import { runCommand } from './run';

export interface DemoFlags {
  items: number;
  storePort: number;
  dataDir?: string;
  once: boolean;
  /** Simulate till activity (sales, deliveries) every N seconds; 0 = off. */
  activitySeconds: number;
}

/** A demo world: the embedded SQLite demo POS and an in-memory practice store. */
export interface DemoWorld {
  config: TillbridgeConfig;
  store: RunningEmulator;
  posFile: string;
  close(): Promise<void>;
}

/**
 * Builds the demo world in its own data folder. The practice store lives in memory, so the
 * demo's own state is started afresh each time to match it; the demo POS file is kept.
 */
export async function createDemoWorld(flags: Pick<DemoFlags, 'items' | 'storePort' | 'dataDir'>, out: Output): Promise<DemoWorld> {
  const dataDir = flags.dataDir ?? join(defaultDataDir(), 'demo');
  mkdirSync(dataDir, { recursive: true });
  for (const f of ['state.sqlite', 'state.sqlite-wal', 'state.sqlite-shm']) rmSync(join(dataDir, f), { force: true });
  const posFile = join(dataDir, 'demo-pos.sqlite');
  if (!existsSync(posFile)) {
    out.err(`Creating the demo POS with ${flags.items} items in ${posFile} ...`);
    const stats = await createSqliteDemoPos(posFile, { items: flags.items, seed: 42 });
    out.err(`  ${stats.items} items, ${stats.webItems} of them flagged for the web.`);
  }
  const store = await startEmulator({ port: flags.storePort });
  const keys = store.state.keys;
  const config = parseConfig({
    dataDir,
    store: { url: store.url, consumerKey: keys.ck, consumerSecret: keys.cs, authMode: 'basic' },
    pos: { profile: 'demo', driver: 'sqlite', sqlite: { file: posFile } },
    sync: { pollSeconds: 2, fullSyncMinutes: 30 },
  });
  out.err(`Practice store (a WooCommerce emulator, in memory): ${store.url}/wp-json/wc/v3/products`);
  out.err(`  API key ${keys.ck} (the emulator's built-in demo key; see README "Practice store")`);
  return { config, store, posFile, close: () => store.close() };
}

/** `tillbridge demo`: a real sync from the demo POS to the practice store, then the engine on its schedule. */
export async function demoCommand(out: Output, flags: DemoFlags): Promise<number> {
  const world = await createDemoWorld(flags, out);
  let tb: Tillbridge | null = null;
  try {
    tb = openTillbridge(world.config);
    tb.engine.on('progress', (p: { done: number; total: number; phase: string } | null) => { if (p) out.progress(p.done, p.total, p.phase); });
    const first = await tb.engine.syncProducts({ trigger: 'manual' });
    out.out(describeProductRun(first));
    if (flags.once) return first.status === 'failed' ? 1 : 0;

    const pos = new SqliteDriver({ file: world.posFile });
    let timer: NodeJS.Timeout | null = null;
    if (flags.activitySeconds > 0) {
      out.err(`Simulating till activity every ${flags.activitySeconds} s (a sale or a delivery); watch the stock follow.`);
      let n = 0;
      timer = setInterval(() => {
        n++;
        const itemId = 1 + (n * 7) % Math.max(1, Math.min(flags.items, 50));
        const act = n % 3 === 0 ? setDemoStock(pos, itemId, 'MAIN', 10 + (n % 5)) : sellDemoItem(pos, itemId, 1);
        act.catch((e: unknown) => out.err(`demo activity: ${(e as Error).message}`));
      }, flags.activitySeconds * 1000);
    }
    const code = await runCommand(tb, out, { quiet: true });
    tb = null; // runCommand closed it
    if (timer) clearInterval(timer);
    await pos.close();
    return code;
  } finally {
    if (tb) await tb.close();
    await world.close();
  }
}
