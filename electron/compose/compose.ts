/**
 * The composition root: the one place that turns settings into running parts. Production (the
 * CLI and, later, the desktop shell), the demo, the benchmarks and the tests all build a
 * Tillbridge here, so what runs in a test is what runs in a shop. The engine itself only knows
 * the ports in connectors/core; this file is where a POS and a store kind are chosen.
 */
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { PosItemsPort } from '../../connectors/core/pos-items-port';
import type { StoreCatalogPort } from '../../connectors/core/store-catalog-port';
import { openPosSide, type PosConnectionConfig, type PosSide } from '../../connectors/pos/open-pos';
import { createWooAdapter, type WooAdapter } from '../../connectors/woocommerce/woo-adapter';
import type { WooClientOptions } from '../../connectors/woocommerce/woo-client';
import { StoreCircuit } from '../../connectors/woocommerce/woo-circuit';
import { resolveSecret, type SecretResolver, type TillbridgeConfig } from '../engine/settings/config';
import { Engine } from '../engine/engine';
import { InstanceLock } from '../engine/instance-lock';
import { openStateForStore } from '../engine/store-identity';
import { EncryptedFileSecretStore, secretResolver } from './settings-store';

/** Everything one configured Tillbridge needs, built once; `close()` releases it all. */
export interface Tillbridge {
  config: TillbridgeConfig;
  db: Database;
  pos: PosItemsPort;
  store: WooAdapter;
  catalog: StoreCatalogPort;
  engine: Engine;
  /** Why orders are not sent to the POS, or null when they are. */
  ordersOffReason: string | null;
  close(): Promise<void>;
}

/**
 * Where the config's secret references are looked up when the caller names no resolver: the
 * environment, and the encrypted secret store in the config's data folder (what the settings
 * screen writes), so `tillbridge run` and `check` work on a configuration saved by the app.
 */
export function defaultSecrets(config: TillbridgeConfig): SecretResolver {
  return secretResolver(config.dataDir ? new EncryptedFileSecretStore(config.dataDir) : null);
}

/** The POS side the config describes: the item reader, and the order writer when the profile can book orders. */
export function openPos(config: TillbridgeConfig, secrets: SecretResolver = defaultSecrets(config)): PosSide {
  return openPosSide(posConnection(config, secrets), { profile: config.pos.profile, options: config.pos.options });
}

/** The driver settings the config names, with the POS password resolved. */
export function posConnection(config: TillbridgeConfig, secrets: SecretResolver = defaultSecrets(config)): PosConnectionConfig {
  const pos = config.pos;
  switch (pos.driver) {
    case 'sqlite': return { driver: 'sqlite', sqlite: { file: pos.sqlite!.file } };
    case 'firebird': return { driver: 'firebird', firebird: { ...pos.firebird!, password: resolveSecret(pos.firebird!.password, 'pos.firebird.password', secrets) } };
    case 'mysql': return { driver: 'mysql', mysql: { ...pos.mysql!, password: resolveSecret(pos.mysql!.password, 'pos.mysql.password', secrets) } };
  }
}

/** The store side the config describes. */
export function openStore(config: TillbridgeConfig, secrets: SecretResolver = defaultSecrets(config), options: WooClientOptions = {}): WooAdapter {
  return createWooAdapter({
    url: config.store.url,
    consumerKey: resolveSecret(config.store.consumerKey, 'store.consumerKey', secrets),
    consumerSecret: resolveSecret(config.store.consumerSecret, 'store.consumerSecret', secrets),
    authMode: config.store.authMode,
    timeoutMs: config.store.timeoutMs,
    ...(config.store.allowPlainHttp ? { allowPlainHttp: true } : {}),
  }, options);
}

/**
 * Builds a Tillbridge from its config: the engine lock first (one engine per data folder), then
 * the local database, the POS side and the store side.
 */
export function openTillbridge(config: TillbridgeConfig, opts: {
  lock?: boolean; log?: (line: string) => void; secrets?: SecretResolver;
  /** Tests: the store client's clock, sleep and backoff (the circuit breaker is always made here). */
  storeOptions?: Omit<WooClientOptions, 'circuit'>; now?: () => Date;
} = {}): Tillbridge {
  const dataDir = config.dataDir!;
  const lock = new InstanceLock(join(dataDir, 'engine.lock'));
  if (opts.lock !== false) lock.acquire();
  let db: Database | null = null;
  let pos: PosSide | null = null;
  try {
    const state = (db = openStateForStore(join(dataDir, 'state.sqlite'), config.store.url, { log: opts.log }));
    const secrets = opts.secrets ?? defaultSecrets(config);
    const posSide = (pos = openPos(config, secrets));
    const now = opts.now ?? (() => new Date());
    const circuit = new StoreCircuit(undefined, () => now().getTime());
    const store = openStore(config, secrets, { ...opts.storeOptions, circuit });
    const engine = new Engine({
      storeCircuit: circuit, ...(opts.now ? { now: opts.now } : {}),
      config, db: state, pos: posSide.items, catalog: store.catalog, orderStore: store.orderStore,
      ...(posSide.orders ? { posOrders: posSide.orders } : {}), ...(posSide.ordersOffReason ? { ordersOffReason: posSide.ordersOffReason } : {}), log: opts.log,
      storeGuard: () => store.stockGuard.known(),
    });
    return {
      config, db: state, pos: posSide.items, store, catalog: store.catalog, engine, ordersOffReason: posSide.ordersOffReason,
      async close() {
        await engine.stop();
        await posSide.close();
        state.close();
        lock.release();
      },
    };
  } catch (e) {
    // Nothing has connected yet (drivers connect on first use); release what was opened.
    void pos?.close().catch(() => undefined);
    db?.close();
    lock.release();
    throw e;
  }
}
