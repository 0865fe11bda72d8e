/**
 * Runs the emulator on its own — the demo's "practice store":
 *   node dist/connectors/woocommerce-emulator/main.js --port 8181 [--key ck_... --secret cs_...] [--stock-port 8182] [--https-port 8443] [--stock-guard-plugin on]
 * Keys may also come from WC_EMULATOR_KEY / WC_EMULATOR_SECRET. Prints the store URL and keys.
 * Reset it with `curl -X POST http://127.0.0.1:8181/__emulator/reset`.
 */
import { startEmulator } from './server';

/** Parses `--name value` pairs. */
export function parseCliArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"; use --port N, --key K, --secret S, --stock-port N, --https-port N, --stock-guard-plugin on`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    out[name] = value;
  }
  return out;
}

/** `--stock-guard-plugin on|off` (off when absent). */
export function stockGuardFlag(value: string | undefined): boolean {
  if (value === undefined || value === 'off') return false;
  if (value === 'on') return true;
  throw new Error(`--stock-guard-plugin takes on or off, got "${value}"`);
}

async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2));
  const port = Number(args.port ?? process.env.WC_EMULATOR_PORT ?? 8181);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got "${args.port}"`);
  const ck = args.key ?? process.env.WC_EMULATOR_KEY;
  const cs = args.secret ?? process.env.WC_EMULATOR_SECRET;
  const emu = await startEmulator({
    port,
    keys: { ...(ck ? { ck } : {}), ...(cs ? { cs } : {}) },
    stockPort: args['stock-port'] === undefined ? undefined : Number(args['stock-port']),
    https: args['https-port'] === undefined ? undefined : { port: Number(args['https-port']) },
    // The Tillbridge Stock Guard plugin's routes (stock-guard-plugin.ts), as if installed and on.
    stockGuardPlugin: stockGuardFlag(args['stock-guard-plugin']),
  });
  const { keys } = emu.state;
  process.stdout.write(
    [
      `WooCommerce emulator listening on ${emu.url}  (REST: ${emu.url}/wp-json/wc/v3/)`,
      emu.stockUrl ? `Stock-rule listener (OAuth 1.0a only on plain HTTP): ${emu.stockUrl}` : '',
      emu.httpsUrl ? `HTTPS listener (self-signed certificate, Basic accepted): ${emu.httpsUrl}` : '',
      `Read/write key:    ${keys.ck}`,
      `Read/write secret: ${keys.cs}`,
      `Read-only key:     ${keys.ckRo}`,
      `Read-only secret:  ${keys.csRo}`,
      emu.stockGuardPlugin.settings.installed ? `Tillbridge Stock Guard plugin: installed and on (${emu.url}/wp-json/wc-tillbridge-stock-guard/v1/status)` : '',
      `Reset: curl -X POST ${emu.url}/__emulator/reset   Faults: POST ${emu.url}/__emulator/faults`,
      '',
    ]
      .filter((l, i, all) => l !== '' || i === all.length - 1)
      .join('\n'),
  );
  const stop = (): void => void emu.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (typeof require !== 'undefined' && require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`woocommerce-emulator: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
