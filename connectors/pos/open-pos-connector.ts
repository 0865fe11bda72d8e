/**
 * The engine's single entry point to the POS side: settings in, a PosConnector out (and the
 * order writer, when the profile has an export section). It picks the driver, resolves the
 * profile (built-in name or JSON path) and lays the shop's options over the profile's
 * parameters. Nothing connects until the first call.
 */
import { FirebirdDriver, type FirebirdDriverConfig } from './drivers/firebird-driver';
import { SqliteDriver } from './drivers/sqlite-driver';
import type { PosConnector } from './pos-connector';
import type { Profile } from './profile';
import { ProfileConnector } from './profile-connector';
import { ProfilePosOrderPort } from './profile-order-port';
import { resolveProfile, withParameters } from './profile-loader';
import type { SqlDriver } from './sql-driver';

export type PosConnectionConfig =
  | { driver: 'sqlite'; sqlite: { file: string } }
  | { driver: 'firebird'; firebird: FirebirdDriverConfig };

export interface OpenPosOptions {
  /** A built-in profile name ("demo", "matrix-retail") or the path of a profile .json file; or a parsed profile. */
  profile: string | Profile;
  /** Overrides of profile parameters (price levels, locations, web store...). */
  options?: Readonly<Record<string, unknown>>;
}

/** Builds the driver for a connection config. */
export function createSqlDriver(config: PosConnectionConfig): SqlDriver {
  return config.driver === 'sqlite' ? new SqliteDriver(config.sqlite) : new FirebirdDriver(config.firebird);
}

/** A ready PosConnector; throws a 'bad-profile' PosError when the profile or an option is wrong. */
export function openPosConnector(config: PosConnectionConfig, opts: OpenPosOptions): PosConnector {
  return new ProfileConnector(resolveWithOptions(opts), createSqlDriver(config));
}

/**
 * The order writer (PosOrderPort) for the same settings, on its own driver so a long catalogue
 * read never holds up an export; null when the profile has no export section (that POS then only
 * feeds the store). Close it with `close()`.
 */
export function openPosOrderPort(config: PosConnectionConfig, opts: OpenPosOptions): ProfilePosOrderPort | null {
  const profile = resolveWithOptions(opts);
  return profile.export ? new ProfilePosOrderPort(profile, createSqlDriver(config)) : null;
}

function resolveWithOptions(opts: OpenPosOptions): Profile {
  const base = typeof opts.profile === 'string' ? resolveProfile(opts.profile) : opts.profile;
  return opts.options && Object.keys(opts.options).length > 0 ? withParameters(base, opts.options) : base;
}
