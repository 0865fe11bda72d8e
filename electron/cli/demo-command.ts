import { productRunView } from '../engine/api/engine-api';
import { createDemoWorld } from '../compose/demo-world';
import { openTillbridge, type Tillbridge } from '../compose/compose';
import { describeProductRun, type Output } from './output';
import { runCommand } from './run-command';

export interface DemoFlags {
  items: number;
  storePort: number;
  dataDir?: string;
  once: boolean;
  /** Simulate till activity (sales, deliveries) every N seconds; 0 = off. */
  activitySeconds: number;
}

/** `tillbridge demo`: a real sync from the demo POS to the practice store, then the engine on its schedule. */
export async function demoCommand(out: Output, flags: DemoFlags): Promise<number> {
  const world = await createDemoWorld({ items: flags.items, storePort: flags.storePort, ...(flags.dataDir ? { dataDir: flags.dataDir } : {}), log: (line) => out.err(line) });
  let tb: Tillbridge | null = null;
  try {
    tb = openTillbridge(world.config);
    const showProgress = (p: { done: number; total: number; phase: string } | null) => { if (p) out.progress(p.done, p.total, p.phase); };
    const stopProgress = tb.engine.on('progress', showProgress);
    const first = await tb.engine.syncProducts({ trigger: 'manual' });
    stopProgress();
    out.out(describeProductRun(productRunView(first)));
    if (flags.once) return first.status === 'failed' ? 1 : 0;

    let stopActivity: (() => Promise<void>) | null = null;
    if (flags.activitySeconds > 0) {
      out.err(`Simulating the shop every ${flags.activitySeconds} s: till sales and deliveries in the POS, web checkouts and`);
      out.err('completed orders in the practice store. Watch stock, allocation and orders follow.');
      stopActivity = world.startActivity(flags.activitySeconds, (e) => out.err(`demo activity: ${e.message}`));
    }
    const code = await runCommand(tb, out, { quiet: true });
    tb = null; // runCommand closed it
    if (stopActivity) await stopActivity();
    return code;
  } finally {
    if (tb) await tb.close();
    await world.close();
  }
}
