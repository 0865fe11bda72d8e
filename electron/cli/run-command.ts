import type { Tillbridge } from '../compose/compose';
import { ApiEventBus } from '../engine/api/event-bus';
import { createEngineApi, productRunView, subscribeEngineEvents } from '../engine/api/engine-api';
import { startApiServer } from '../server/api-server';
import { dashboardDir } from '../server/dashboard-files';
import { installToken } from '../server/endpoint-file';
import { describeErrors, describeProductRun, type Output } from './output';

/**
 * Headless mode: the engine on its schedule until SIGINT/SIGTERM, one line per run that did
 * something, and the engine API with the dashboard on 127.0.0.1 (its address, with this
 * install's access token, is printed at start), so a browser shows the dashboard and other
 * `tillbridge` commands on this data folder are answered by this engine while it runs. Stopping
 * waits for the run in progress, so nothing is left half-recorded.
 */
export async function runCommand(tb: Tillbridge, out: Output, opts: { quiet?: boolean; demo?: boolean } = {}): Promise<number> {
  let shownErrors = new Set<number>();
  tb.engine.on('product-run', (s) => {
    const r = productRunView(s);
    if (!opts.quiet || r.created + r.updated + r.failed > 0 || r.status === 'failed') out.err(`${new Date().toISOString()} ${describeProductRun(r)}`);
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
  const ctx = { engine: tb.engine, pos: tb.pos, catalog: tb.catalog, config: tb.config, ordersOffReason: tb.ordersOffReason };
  const bus = new ApiEventBus();
  const unsubscribe = subscribeEngineEvents(ctx, (event, payload) => bus.publish(event, payload), { demo: opts.demo ?? false });
  const dataDir = tb.config.dataDir!;
  const dashboard = dashboardDir();
  const server = await startApiServer({
    api: createEngineApi(ctx, { demo: opts.demo ?? false }), events: bus, dataDir, port: tb.config.dashboard.port,
    token: installToken(dataDir), ...(dashboard ? { dashboardDir: dashboard } : {}),
  });
  tb.engine.start();
  out.err(`Tillbridge is running (POS checked every ${tb.config.sync.pollSeconds} s). Press Ctrl+C to stop.`);
  if (server.movedFrom) out.err(`Port ${server.movedFrom} (dashboard.port) is taken; the dashboard uses ${server.port} this time.`);
  out.err(`Dashboard: ${server.dashboardUrl}`);
  await new Promise<void>((resolve) => {
    const stop = () => { process.off('SIGINT', stop); process.off('SIGTERM', stop); resolve(); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  out.err('Stopping after the current run...');
  unsubscribe();
  await server.close();
  await tb.close();
  return 0;
}
