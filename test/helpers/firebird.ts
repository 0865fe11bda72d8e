/**
 * Real Firebird databases for tests. Each call creates a fresh, uniquely named database under
 * the server's data folder as SYSDBA, applies a schema, and drops it afterwards. When the server
 * is not reachable the test fails loudly with what to do: POS tests are never skipped.
 */
import { requireServer } from './server-reachable';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { applySchema } from '../../connectors/pos/generators/bulk-insert';
import { createFirebirdDatabase, dropFirebirdDatabase } from '../../connectors/pos/drivers/firebird-admin';
import { FirebirdDriver, type FirebirdDriverConfig } from '../../connectors/pos/drivers/firebird-driver';

export const FIREBIRD_HOST = '127.0.0.1';
export const FIREBIRD_PORT = 3050;
/** The only folder the Debian server's own user may create databases in. */
export const FIREBIRD_DATA_DIR = '/var/lib/firebird/3.0/data';

/** SYSDBA's password: $FIREBIRD_PASSWORD, else ISC_PASSWORD in the Debian password file, else masterkey. */
export function firebirdPassword(): string {
  const fromEnv = process.env.FIREBIRD_PASSWORD;
  if (fromEnv) return fromEnv;
  try {
    const text = readFileSync('/etc/firebird/3.0/SYSDBA.password', 'utf8');
    const m = /^\s*ISC_PASSWORD\s*=\s*"?([^"\n]*)"?\s*$/m.exec(text);
    if (m && m[1]) return m[1];
  } catch {
    /* not a Debian install, or not readable */
  }
  return 'masterkey';
}

/** Throws a plain-words error when nothing listens on the Firebird port. */
export async function requireFirebirdServer(): Promise<void> {
  await requireServer('Firebird', FIREBIRD_HOST, FIREBIRD_PORT, '.ci/start-firebird.sh');
}

export interface TestFirebirdDatabase {
  /** Absolute path of the .fdb file on the server. */
  path: string;
  /** Driver settings for this database as SYSDBA. */
  config: FirebirdDriverConfig;
  /** A new driver (its own attachment) on this database; closed by drop(). */
  driver(overrides?: Partial<FirebirdDriverConfig>): FirebirdDriver;
  /** Closes the drivers made by driver() and drops the database. */
  drop(): Promise<void>;
}

/** Creates `<data dir>/tb-test-<label>-<random>.fdb` and applies `schema` (DDL statements). */
export async function createTestFirebirdDatabase(label: string, schema: readonly string[] = []): Promise<TestFirebirdDatabase> {
  await requireFirebirdServer();
  const safe = label.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 30);
  const path = `${FIREBIRD_DATA_DIR}/tb-test-${safe}-${process.pid}-${randomBytes(4).toString('hex')}.fdb`;
  const config: FirebirdDriverConfig = { host: FIREBIRD_HOST, port: FIREBIRD_PORT, database: path, user: 'SYSDBA', password: firebirdPassword() };
  await createFirebirdDatabase(config);
  const drivers: FirebirdDriver[] = [];
  const driver = (overrides: Partial<FirebirdDriverConfig> = {}) => {
    const d = new FirebirdDriver({ ...config, ...overrides });
    drivers.push(d);
    return d;
  };
  const drop = async () => {
    await Promise.all(drivers.map((d) => d.close().catch(() => undefined)));
    await dropFirebirdDatabase(config);
  };
  if (schema.length > 0) {
    try {
      await applySchema(driver(), schema);
    } catch (err) {
      await drop().catch(() => undefined);
      throw err;
    }
  }
  return { path, config, driver, drop };
}
