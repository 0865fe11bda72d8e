#!/usr/bin/env node
/**
 * `tillbridge`: the command line for installers, servers and tests. Every command runs the same
 * engine the desktop app runs. Exit codes: 0 done, 1 failed, 2 done but some items failed,
 * 64 wrong usage.
 */
import { parseArgs } from 'node:util';
import { PosError } from '../../connectors/core/pos-errors';
import { StoreError } from '../../connectors/woocommerce/woo-errors';
import { ApiShapeError } from '../engine/api/channels';
import { ApiUnavailableError } from '../engine/api/engine-api';
import { ConfigError, defaultDataDir } from '../engine/settings/config';
import { EngineBusyError } from '../engine/instance-lock';
import { RemoteApiError } from '../server/api-client';
import { checkCommand } from './check-command';
import { serveCommand } from './serve-command';
import { dashboardCommand } from './dashboard-command';
import { demoCommand } from './demo-command';
import { linkReportCommand } from './link-report-command';
import { newStoreCommand } from './new-store-command';
import { allocationCommand, exportOnceCommand, ordersCommand, pullCommand, resendCommand } from './orders-command';
import { previewCommand, statusCommand, syncOnceCommand } from './sync-command';
import { withEngine } from './engine-access';
import { configPath, requireConfig } from './context';
import { consoleOutput, guardStdio, type Output } from './output';

const USAGE = `Usage: tillbridge <command> [options]

Commands:
  check                 test the POS and the store connections
  status                the state the tray shows: connections, counts, last runs  [--json]
  dashboard [--open]    the running engine's dashboard address; --open opens it in the browser
  preview               what the next sync would create and update (writes nothing)
  sync --once           one product sync cycle  [--full] [--sku SKU ...] [--json]
  export --once         one order pass: export the completed web orders that are due, mark them in the store  [--json]
  run                   headless until Ctrl+C: the engine on its schedule, the dashboard on 127.0.0.1 (its address is
                        printed); without a configuration, runs the demo (--no-demo: waits in the setup wizard)
                        [--data DIR] [--port N: the dashboard's port, 0 = any free one]
  link-report           every web item and its link to the store  [--json]
  orders                outstanding orders, orders in the POS (invoice numbers), orders waiting with an error  [--json]
  resend ORDER          send one order to the POS again (only if the POS has no invoice for it)
  pull --since DATE     read the store's orders again from DATE on, then export what is due
  allocation [SKU]      on-hand, allocated, web quantity and the orders behind it  [--json]
  demo                  demo POS + practice store + a real sync  [--items N] [--store-port N] [--once] [--data DIR]
  new-store --yes       the configured store is a new one: archive and clear the previous store's links, orders and
                        journal, and record the new store (without --yes: say what would happen); the POS is not touched

While \`tillbridge run\` (or the desktop app) runs on the same data folder, the other commands
are answered by that engine through its local API.

Options:
  --config FILE         configuration file (default: $TILLBRIDGE_CONFIG, then config.json in the data folder)
  --json                machine-readable output
`;

export async function main(argv: string[], out: Output = consoleOutput()): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      json: { type: 'boolean', default: false },
      once: { type: 'boolean', default: false },
      full: { type: 'boolean', default: false },
      sku: { type: 'string', multiple: true },
      since: { type: 'string' },
      items: { type: 'string' },
      'store-port': { type: 'string' },
      data: { type: 'string' },
      activity: { type: 'string' },
      yes: { type: 'boolean', default: false },
      open: { type: 'boolean', default: false },
      'no-demo': { type: 'boolean', default: false },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const command = positionals[0];
  if (!command || values.help) {
    out.out(USAGE);
    return command || values.help ? 0 : 64;
  }
  const demoFlags = () => ({
    items: values.items ? Number(values.items) : 300,
    storePort: values['store-port'] ? Number(values['store-port']) : 0,
    ...(values.data ? { dataDir: values.data } : {}),
    once: values.once ?? false,
    activitySeconds: values.activity ? Number(values.activity) : 10,
  });

  switch (command) {
    case 'demo':
      return demoCommand(out, demoFlags());
    case 'dashboard':
      // Without a configuration, the demo's or the wizard's engine runs on the default data folder (or --data).
      return dashboardCommand(configPath(values.config) ? requireConfig(values.config).dataDir! : values.data ?? defaultDataDir(), out, { open: values.open ?? false });
    case 'check':
      return checkCommand(requireConfig(values.config), out, values.json ?? false);
    case 'new-store':
      return newStoreCommand(requireConfig(values.config), out, { yes: values.yes ?? false, json: values.json ?? false });
    case 'run': {
      const configFile = configPath(values.config);
      return serveCommand(out, {
        configFile, demoIfUnconfigured: !values['no-demo'], ...(values.data ? { dataDir: values.data } : {}),
        ...(values.port ? { port: Number(values.port) } : {}),
        demo: { items: demoFlags().items, storePort: demoFlags().storePort, activitySeconds: demoFlags().activitySeconds },
      });
    }
    case 'sync':
    case 'export':
    case 'preview':
    case 'status':
    case 'link-report':
    case 'orders':
    case 'resend':
    case 'pull':
    case 'allocation': {
      if ((command === 'sync' || command === 'export') && !values.once) {
        out.err(`${command} needs --once (for the schedule use: tillbridge run)`);
        return 64;
      }
      const json = values.json ?? false;
      return withEngine(requireConfig(values.config), out, { progress: !json }, ({ api }) => {
        if (command === 'sync') return syncOnceCommand(api, out, { json, full: values.full ?? false, skus: values.sku ?? [] });
        if (command === 'export') return exportOnceCommand(api, out, json);
        if (command === 'preview') return previewCommand(api, out, json);
        if (command === 'status') return statusCommand(api, out, json);
        if (command === 'orders') return ordersCommand(api, out, json);
        if (command === 'resend') return resendCommand(api, out, positionals[1], json);
        if (command === 'pull') return pullCommand(api, out, values.since, json);
        if (command === 'allocation') return allocationCommand(api, out, positionals[1], json);
        return linkReportCommand(api, out, json);
      });
    }
    default:
      out.err(`Unknown command "${command}".\n\n${USAGE}`);
      return 64;
  }
}

/** Errors whose message already says, in words, what is wrong and what to do: shown without a stack. */
function inWords(err: Error): boolean {
  return [ConfigError, EngineBusyError, RemoteApiError, ApiShapeError, ApiUnavailableError, PosError, StoreError].some((kind) => err instanceof kind);
}

if (require.main === module) {
  guardStdio();
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => {
      const err = e as Error;
      process.stderr.write(`tillbridge: ${inWords(err) ? err.message : (err.stack ?? String(err))}\n`);
      process.exitCode = 1;
    },
  );
}
