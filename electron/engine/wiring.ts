import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { createSqlDriver } from '../../connectors/pos/open-pos-connector';
import { ProfilePosOrderPort } from '../../connectors/pos/profile-order-port';
import type { PosConnector } from '../../connectors/pos/pos-connector';
import { resolveProfile, withParameters } from '../../connectors/pos/profile-loader';
import { ProfileConnector } from '../../connectors/pos/profile-connector';
import { WooCatalog } from '../../connectors/woocommerce/woo-catalog';
import { WooClient } from '../../connectors/woocommerce/woo-client';
import { parseWooConfig } from '../../connectors/woocommerce/woo-config';
import { WooProducts } from '../../connectors/woocommerce/woo-products';
import { WooOrderStore } from '../../connectors/woocommerce/woo-order-store';
import { WooOrders } from '../../connectors/woocommerce/woo-orders';
import type { PosOrderPort } from './orders/pos-order-port';
import { resolveSecret, type TillbridgeConfig } from './config';
import { openDatabase } from './db/database';
import { Engine } from './engine';
import { InstanceLock } from './instance-lock';

/** Everything one configured Tillbridge needs, built once; `close()` releases it all. */
export interface Tillbridge {
  config: TillbridgeConfig;
  db: Database;
  pos: PosConnector;
  store: WooClient;
  catalog: WooCatalog;
  engine: Engine;
  /** Why orders are not sent to the POS, or null when they are. */
  ordersOffReason: string | null;
  close(): Promise<void>;
}

/** The POS side the config describes: the item reader, and the order writer when the profile can book orders. */
export function openPos(config: TillbridgeConfig): { pos: PosConnector; posOrders: PosOrderPort | null; ordersOffReason: string | null } {
  const profile = withParameters(resolveProfile(config.pos.profile), config.pos.options);
  const driver = config.pos.driver === 'sqlite'
    ? createSqlDriver({ driver: 'sqlite', sqlite: { file: config.pos.sqlite!.file } })
    : createSqlDriver({ driver: 'firebird', firebird: { ...config.pos.firebird!, password: resolveSecret(config.pos.firebird!.password, 'pos.firebird.password') } });
  const pos = new ProfileConnector(profile, driver);
  if (!profile.export) return { pos, posOrders: null, ordersOffReason: `the POS profile "${profile.name}" has no export section, so web orders are not booked in the POS` };
  return { pos, posOrders: new ProfilePosOrderPort(profile, driver), ordersOffReason: null };
}

/** The store client the config describes. */
export function openStore(config: TillbridgeConfig): WooClient {
  return new WooClient(parseWooConfig({
    url: config.store.url,
    consumerKey: resolveSecret(config.store.consumerKey, 'store.consumerKey'),
    consumerSecret: resolveSecret(config.store.consumerSecret, 'store.consumerSecret'),
    authMode: config.store.authMode,
    timeoutMs: config.store.timeoutMs,
  }));
}

/**
 * Builds a Tillbridge from its config: the engine lock first (one engine per data folder), then
 * the local database, the POS connector and the store client.
 */
export function openTillbridge(config: TillbridgeConfig, opts: { lock?: boolean; log?: (line: string) => void } = {}): Tillbridge {
  const dataDir = config.dataDir!;
  const lock = new InstanceLock(join(dataDir, 'engine.lock'));
  if (opts.lock !== false) lock.acquire();
  try {
    const db = openDatabase(join(dataDir, 'state.sqlite'));
    const { pos, posOrders, ordersOffReason } = openPos(config);
    const store = openStore(config);
    const catalog = new WooCatalog(new WooProducts(store));
    const orderStore = new WooOrderStore(store, new WooOrders(store));
    const engine = new Engine({ config, db, pos, catalog, orderStore, ...(posOrders ? { posOrders } : {}), ...(ordersOffReason ? { ordersOffReason } : {}), log: opts.log });
    return {
      config, db, pos, store, catalog, engine, ordersOffReason,
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
