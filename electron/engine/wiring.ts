import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { FirebirdDriver } from '../../connectors/pos/drivers/firebird-driver';
import { SqliteDriver } from '../../connectors/pos/drivers/sqlite-driver';
import type { PosConnector } from '../../connectors/pos/pos-connector';
import { resolveProfile, withParameters } from '../../connectors/pos/profile-loader';
import { ProfileConnector } from '../../connectors/pos/profile-connector';
import type { SqlDriver } from '../../connectors/pos/sql-driver';
import { WooCatalog } from '../../connectors/woocommerce/woo-catalog';
import { WooClient } from '../../connectors/woocommerce/woo-client';
import { parseWooConfig } from '../../connectors/woocommerce/woo-config';
import { WooProducts } from '../../connectors/woocommerce/woo-products';
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
  close(): Promise<void>;
}

/** The POS connector the config describes; the shop's options override the profile's parameters. */
export function openPos(config: TillbridgeConfig): PosConnector {
  const profile = withParameters(resolveProfile(config.pos.profile), config.pos.options);
  let driver: SqlDriver;
  if (config.pos.driver === 'sqlite') {
    driver = new SqliteDriver({ file: config.pos.sqlite!.file });
  } else {
    const fb = config.pos.firebird!;
    driver = new FirebirdDriver({ host: fb.host, port: fb.port, database: fb.database, user: fb.user, password: resolveSecret(fb.password, 'pos.firebird.password') });
  }
  return new ProfileConnector(profile, driver);
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
    const pos = openPos(config);
    const store = openStore(config);
    const catalog = new WooCatalog(new WooProducts(store));
    const engine = new Engine({ config, db, pos, catalog, log: opts.log });
    return {
      config, db, pos, store, catalog, engine,
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
