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
import { openPosSide, type PosSide } from '../../connectors/pos/open-pos';
import { createWooAdapter, type WooAdapter } from '../../connectors/woocommerce/woo-adapter';
import { resolveSecret, type TillbridgeConfig } from '../engine/settings/config';
import { Engine } from '../engine/engine';
import { InstanceLock } from '../engine/instance-lock';
import { openStateForStore } from '../engine/store-identity';

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

/** The POS side the config describes: the item reader, and the order writer when the profile can book orders. */
export function openPos(config: TillbridgeConfig): PosSide {
  const connection = config.pos.driver === 'sqlite'
    ? { driver: 'sqlite' as const, sqlite: { file: config.pos.sqlite!.file } }
    : { driver: 'firebird' as const, firebird: { ...config.pos.firebird!, password: resolveSecret(config.pos.firebird!.password, 'pos.firebird.password') } };
  return openPosSide(connection, { profile: config.pos.profile, options: config.pos.options });
}

/** The store side the config describes. */
export function openStore(config: TillbridgeConfig): WooAdapter {
  return createWooAdapter({
    url: config.store.url,
    consumerKey: resolveSecret(config.store.consumerKey, 'store.consumerKey'),
    consumerSecret: resolveSecret(config.store.consumerSecret, 'store.consumerSecret'),
    authMode: config.store.authMode,
    timeoutMs: config.store.timeoutMs,
  });
}

/**
 * Builds a Tillbridge from its config: the engine lock first (one engine per data folder), then
 * the local database, the POS side and the store side.
 */
export function openTillbridge(config: TillbridgeConfig, opts: { lock?: boolean; log?: (line: string) => void } = {}): Tillbridge {
  const dataDir = config.dataDir!;
  const lock = new InstanceLock(join(dataDir, 'engine.lock'));
  if (opts.lock !== false) lock.acquire();
  try {
    const db = openStateForStore(join(dataDir, 'state.sqlite'), config.store.url, { log: opts.log });
    const pos = openPos(config);
    const store = openStore(config);
    const engine = new Engine({
      config, db, pos: pos.items, catalog: store.catalog, orderStore: store.orderStore,
      ...(pos.orders ? { posOrders: pos.orders } : {}), ...(pos.ordersOffReason ? { ordersOffReason: pos.ordersOffReason } : {}), log: opts.log,
    });
    return {
      config, db, pos: pos.items, store, catalog: store.catalog, engine, ordersOffReason: pos.ordersOffReason,
      async close() {
        await engine.stop();
        await pos.close();
        db.close();
        lock.release();
      },
    };
  } catch (e) {
    lock.release();
    throw e;
  }
}
