/**
 * Real MariaDB databases for tests. Each call creates a fresh, uniquely named database
 * (tb_test_<label>_<pid>_<random>) as the test user that .ci/start-mariadb.sh sets up, applies a
 * schema, and drops it afterwards. When the server is not reachable the test fails loudly with
 * what to do: POS tests are never skipped.
 */
import { requireServer } from './server-reachable';
import { randomBytes } from 'node:crypto';
import { applySchema } from '../../connectors/pos/generators/bulk-insert';
import { MysqlDriver, type MysqlDriverConfig } from '../../connectors/pos/drivers/mysql-driver';

export const MARIADB_HOST = '127.0.0.1';
export const MARIADB_PORT = 3306;
export const MARIADB_USER = 'tillbridge_test';

/** The test user's password: $MARIADB_TEST_PASSWORD, else the one .ci/start-mariadb.sh sets by default. */
export function mariadbPassword(): string {
  return process.env.MARIADB_TEST_PASSWORD || 'tillbridge-test';
}

/** Throws a plain-words error when nothing listens on the MariaDB port. */
export async function requireMariadbServer(): Promise<void> {
  await requireServer('MariaDB', MARIADB_HOST, MARIADB_PORT, '.ci/start-mariadb.sh');
}

export interface TestMariadbDatabase {
  /** The database (schema) name. */
  name: string;
  /** Driver settings for this database as the test user. */
  config: MysqlDriverConfig;
  /** A new driver (its own connection) on this database; closed by drop(). */
  driver(overrides?: Partial<MysqlDriverConfig>): MysqlDriver;
  /** Closes the drivers made by driver() and drops the database. */
  drop(): Promise<void>;
}

/** A driver on no particular database, for CREATE/DROP DATABASE. */
function adminDriver(): MysqlDriver {
  return new MysqlDriver({ host: MARIADB_HOST, port: MARIADB_PORT, database: '', user: MARIADB_USER, password: mariadbPassword() });
}

/** Creates `tb_test_<label>_<pid>_<random>` (utf8mb4) and applies `schema` (DDL statements). */
export async function createTestMariadbDatabase(label: string, schema: readonly string[] = []): Promise<TestMariadbDatabase> {
  await requireMariadbServer();
  const safe = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 20);
  const name = `tb_test_${safe}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = adminDriver();
  try {
    await admin.transaction((tx) => tx.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`), { mode: 'write' });
  } finally {
    await admin.close();
  }
  const config: MysqlDriverConfig = { host: MARIADB_HOST, port: MARIADB_PORT, database: name, user: MARIADB_USER, password: mariadbPassword() };
  const drivers: MysqlDriver[] = [];
  const driver = (overrides: Partial<MysqlDriverConfig> = {}) => {
    const d = new MysqlDriver({ ...config, ...overrides });
    drivers.push(d);
    return d;
  };
  const drop = async () => {
    await Promise.all(drivers.map((d) => d.close().catch(() => undefined)));
    const dropper = adminDriver();
    try {
      await dropper.transaction((tx) => tx.query(`DROP DATABASE IF EXISTS \`${name}\``), { mode: 'write' });
    } finally {
      await dropper.close();
    }
  };
  if (schema.length > 0) {
    try {
      await applySchema(driver(), schema);
    } catch (err) {
      await drop().catch(() => undefined);
      throw err;
    }
  }
  return { name, config, driver, drop };
}
