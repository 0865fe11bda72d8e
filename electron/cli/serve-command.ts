import { TillbridgeApp } from '../compose/app';
import { FileSettingsStore } from '../compose/settings-store';
import { defaultDataDir, loadConfigFile } from '../engine/settings/config';
import { startApiServer } from '../server/api-server';
import { dashboardDir } from '../server/dashboard-files';
import { installToken } from '../server/endpoint-file';
import { describeErrors, describeProductRun, type Output } from './output';

export interface ServeFlags {
  /** The config file, or null when none was found (then the demo, or the setup wizard). */
  configFile: string | null;
  /** With nothing configured: start the demo at once (true), or wait in the setup wizard (false). */
  demoIfUnconfigured: boolean;
  demo: { items: number; storePort: number; activitySeconds: number };
  /** The dashboard's port when the config does not name one (0: any free port). */
  port?: number;
  /** The data folder when the config does not name one (default: the user's Tillbridge folder). */
  dataDir?: string;
  /** Resolves when the process should stop (default: SIGINT or SIGTERM). */
  until?: Promise<void>;
}

/**
 * `tillbridge run`: the app headless — the configured engine on its schedule (or the demo, or
 * the setup wizard when nothing is configured), the engine API and the dashboard on 127.0.0.1,
 * whose address with this install's access token is printed at start; one line per run that did
 * something. Stopping waits for the run in progress, so nothing is left half-recorded.
 */
export async function serveCommand(out: Output, flags: ServeFlags): Promise<number> {
  const config = flags.configFile ? loadConfigFile(flags.configFile) : null;
  const dataDir = config?.dataDir ?? flags.dataDir ?? defaultDataDir();
  const app = new TillbridgeApp({
    dataDir,
    ...(flags.configFile ? { settings: new FileSettingsStore(flags.configFile) } : {}),
    log: (line) => out.err(line),
    demo: flags.demo,
  });
  const offs = [
    app.events.on('product-run', (r) => { if (r.created + r.updated + r.failed > 0 || r.status === 'failed') out.err(`${new Date().toISOString()} ${describeProductRun(r)}`); }),
    app.events.on('order-run', (r) => {
      if (r.status === 'failed') out.err(`${new Date().toISOString()} Orders: ${r.message}`);
      else if (r.exported + r.failed > 0) out.err(`${new Date().toISOString()} Orders: ${r.exported} exported to the POS, ${r.failed} waiting with an error${r.stoppedEarly ? ` (${r.stoppedEarly})` : ''}`);
    }),
    app.events.on('problems', (list) => { for (const line of describeErrors(list)) out.err(line); }),
    app.events.on('progress', (p) => { if (p && p.total >= 200) out.progress(p.done, p.total, p.phase); }),
  ];
  let server: Awaited<ReturnType<typeof startApiServer>> | null = null;
  try {
    let state = await app.start();
    if (state === 'setup' && !config && flags.demoIfUnconfigured) {
      out.err('No configuration found: running the demo (demo POS + practice store). Connect a real shop from the dashboard\'s Settings, or see README "Configuration".');
      const demo = await app.startDemo();
      if (!demo.ok) out.err(demo.message);
      state = app.state;
    }
    const dir = dashboardDir();
    server = await startApiServer({
      api: app.api, events: app.events, dataDir, port: config?.dashboard.port ?? flags.port ?? 8765,
      token: installToken(dataDir), ...(dir ? { dashboardDir: dir } : {}),
    });
    if (state === 'setup') out.err(`Tillbridge is not set up yet${app.status().health.pos.message ? ` (${app.status().health.pos.message})` : ''}: open the dashboard to connect a store and a POS, or try the demo.`);
    else out.err(`Tillbridge is running${state === 'demo' ? ' the demo' : ''}. Press Ctrl+C to stop.`);
    if (server.movedFrom) out.err(`Port ${server.movedFrom} is taken; the dashboard uses ${server.port} this time.`);
    if (!dir) out.err('The dashboard is not built (npm run build); the engine API still answers.');
    out.err(`Dashboard: ${server.dashboardUrl}`);
    await (flags.until ?? signalled());
    out.err('Stopping after the current run...');
    return 0;
  } finally {
    for (const off of offs) off();
    await server?.close();
    await app.close();
  }
}

function signalled(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => { process.off('SIGINT', stop); process.off('SIGTERM', stop); resolve(); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
