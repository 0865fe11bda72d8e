/**
 * Shared set-up for replaying the recorded WooCommerce scenarios against the emulator: loads the
 * fixture files and starts a fresh emulator (fake clock, stock-rule listener) per scenario.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FakeClock } from '../../../connectors/woocommerce-emulator/clock';
import { startEmulator, type RunningEmulator } from '../../../connectors/woocommerce-emulator/server';
import { makeSelfSignedCert, type TlsPair } from '../../../connectors/woocommerce-emulator/tls-cert';
import type { ReplayTarget, Scenario } from './replay';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'woocommerce-contract');

/** Every recorded scenario file, by name. */
export function scenarioFiles(): string[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

export function loadScenario(file: string): Scenario {
  return JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Scenario;
}

/**
 * One throw-away certificate for every emulator in a test file (making one costs ~100 ms); null
 * where openssl is missing, and then the HTTPS steps are reported as skipped.
 */
export const TLS = ((): TlsPair | null => {
  try {
    return makeSelfSignedCert();
  } catch {
    return null;
  }
})();

/** A fresh emulator plus the replay target describing it. */
export async function freshTarget(): Promise<{ emu: RunningEmulator; target: ReplayTarget }> {
  const clock = new FakeClock(Date.UTC(2026, 10, 28, 9, 0, 0));
  const emu = await startEmulator({ port: 0, clock, stockPort: 0, ...(TLS ? { https: { key: TLS.key, cert: TLS.cert } } : {}) });
  const target: ReplayTarget = {
    url: emu.url,
    stockUrl: emu.stockUrl,
    httpsUrl: emu.httpsUrl,
    httpsCa: emu.httpsCert,
    keys: emu.state.keys,
    nextSecond: () => clock.nextSecond(),
  };
  return { emu, target };
}
