import { createEngineApi } from '../engine/api/engine-api';
import type { Tillbridge } from '../compose/compose';
import { startApiServer } from '../server/api-server';
import { describeErrors, describeProductRun, type Output } from './output';

/**
 * Headless mode: the engine on its schedule until SIGINT/SIGTERM, one line per run that did
 * something, and the engine API on 127.0.0.1 so other `tillbridge` commands on this data folder
 * are answered by this engine while it runs. Stopping waits for the run in progress, so nothing is
 * left half-recorded.
 */
export async function runCommand(tb: Tillbridge, out: Output, opts: { quiet?: boolean } = {}): Promise<number> {
  let shownErrors = new Set<number>();
  tb.engine.on('product-run', (s) => {
    const r = s.result;
    if (!opts.quiet || !r || r.created + r.updated + r.failed > 0) out.err(`${new Date().toISOString()} ${describeProductRun(s)}`);
    const open = tb.engine.errors.open();
    const fresh = open.filter((e) => !shownErrors.has(e.id));
    if (fresh.length) for (const line of describeErrors(fresh)) out.err(line);
    shownErrors = new Set(open.map((e) => e.id));
  });
  tb.engine.on('order-run', (s) => {
    const e = s.cycle?.export;
    if (s.status === 'failed') out.err(`${new Date().toISOString()} Orders: ${s.message}`);
    else if (e && e.exported + e.failed > 0) out.err(`${new Date().toISOString()} Orders: ${e.exported} exported to the POS, ${e.failed} waiting with an error` +
      `${e.stoppedEarly ? ` (${e.stoppedEarly})` : ''}`);
  });
  tb.engine.on('progress', (p) => { if (p && p.total >= 200) out.progress(p.done, p.total, p.phase); });
  const api = createEngineApi({ engine: tb.engine, pos: tb.pos, catalog: tb.catalog, config: tb.config, ordersOffReason: tb.ordersOffReason });
  const server = await startApiServer({ api, events: tb.engine, dataDir: tb.config.dataDir! });
  tb.engine.start();
  out.err(`Tillbridge is running (POS checked every ${tb.config.sync.pollSeconds} s; engine API on 127.0.0.1:${server.port}). Press Ctrl+C to stop.`);
  await new Promise<void>((resolve) => {
    const stop = () => { process.off('SIGINT', stop); process.off('SIGTERM', stop); resolve(); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  out.err('Stopping after the current run...');
  await server.close();
  await tb.close();
  return 0;
}
