/**
 * The POS side from settings: the driver, the profile (built-in name or JSON path) with the
 * shop's options laid over its parameters, the item reader, and the order writer when the profile
 * can book orders. The composition root (electron/compose/) calls this; nothing connects until the
 * first call.
 */
import { FirebirdDriver, type FirebirdDriverConfig } from './drivers/firebird-driver';
import { MysqlDriver, type MysqlDriverConfig } from './drivers/mysql-driver';
import { SqliteDriver } from './drivers/sqlite-driver';
import type { PosItemsPort } from '../core/pos-items-port';
import type { PosOrdersPort } from '../core/pos-orders-port';
import type { Profile } from './profile';
import { ProfileConnector } from './profile-connector';
import { ProfilePosOrderPort } from './profile-order-port';
import { resolveProfile, withParameters } from './profile-loader';
import type { SqlDriver } from './drivers/sql-driver';

export type PosConnectionConfig =
  | { driver: 'sqlite'; sqlite: { file: string } }
  | { driver: 'firebird'; firebird: FirebirdDriverConfig }
  | { driver: 'mysql'; mysql: MysqlDriverConfig };

export interface OpenPosOptions {
  /** A built-in profile name ("demo", "matrix-retail") or the path of a profile .json file; or a parsed profile. */
  profile: string | Profile;
  /** Overrides of profile parameters (price levels, locations, web store...). */
  options?: Readonly<Record<string, unknown>>;
}

/** Both POS ports for one configured POS. */
export interface PosSide {
  items: PosItemsPort;
  /** null when the profile has no export section (that POS then only feeds the store). */
  orders: PosOrdersPort | null;
  /** Why orders are not booked in this POS, or null when they are. */
  ordersOffReason: string | null;
  /** Closes both sides' connections. */
  close(): Promise<void>;
}

/** Builds the driver for a connection config. */
export function createSqlDriver(config: PosConnectionConfig): SqlDriver {
  switch (config.driver) {
    case 'sqlite': return new SqliteDriver(config.sqlite);
    case 'firebird': return new FirebirdDriver(config.firebird);
    case 'mysql': return new MysqlDriver(config.mysql);
  }
}

/**
 * The item reader and the order writer. The writer runs on its own driver, so a long catalogue
 * read never holds up an export. Throws a 'bad-profile' PosError when the profile or an option is wrong.
 */
export function openPosSide(config: PosConnectionConfig, opts: OpenPosOptions): PosSide {
  const profile = resolveWithOptions(opts);
  const items = new ProfileConnector(profile, createSqlDriver(config));
  const orders = profile.export ? new ProfilePosOrderPort(profile, createSqlDriver(config)) : null;
  return {
    items, orders,
    ordersOffReason: orders ? null : `the POS profile "${profile.name}" has no export section, so web orders are not booked in the POS`,
    async close() {
      await items.close();
      await orders?.close();
    },
  };
}

/** Only the item reader (benchmarks, `check`). */
export function openPosConnector(config: PosConnectionConfig, opts: OpenPosOptions): PosItemsPort {
  return new ProfileConnector(resolveWithOptions(opts), createSqlDriver(config));
}

/** Only the order writer; null when the profile has no export section. */
export function openPosOrderPort(config: PosConnectionConfig, opts: OpenPosOptions): ProfilePosOrderPort | null {
  const profile = resolveWithOptions(opts);
  return profile.export ? new ProfilePosOrderPort(profile, createSqlDriver(config)) : null;
}

function resolveWithOptions(opts: OpenPosOptions): Profile {
  const base = typeof opts.profile === 'string' ? resolveProfile(opts.profile) : opts.profile;
  return opts.options && Object.keys(opts.options).length > 0 ? withParameters(base, opts.options) : base;
}
