import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_EXPORT_STATUSES, DEFAULT_HOLD_STOCK_MINUTES, DEFAULT_OPEN_STATUSES, DEFAULT_STORE_CONCURRENCY } from './defaults';

/**
 * Where a secret comes from. A literal string is accepted for quick trials but `check` warns: the
 * documented ways are an environment variable (`{"env": "NAME"}`) or the app's encrypted secret
 * store (`{"stored": "store.consumerSecret"}`, written by the settings screen; see
 * electron/compose/settings-store.ts). Secrets are never written back to this file nor logged.
 */
const secret = z.union([
  z.string().min(1),
  z.object({ env: z.string().min(1) }).strict(),
  z.object({ stored: z.string().min(1) }).strict(),
]);
export type SecretRef = z.infer<typeof secret>;

const storeSchema = z.object({
  url: z.string().url('store.url must be the shop address, e.g. https://shop.example.com'),
  consumerKey: secret,
  consumerSecret: secret,
  authMode: z.enum(['auto', 'basic', 'query', 'oauth1']).default('auto'),
  timeoutMs: z.number().int().min(1000).max(300_000).default(30_000),
  /**
   * Allows a plain http:// address for a store that is not on this PC (a test store on the shop's
   * LAN). Off by default: keys and order data would cross the network unencrypted.
   */
  allowPlainHttp: z.boolean().default(false),
}).strict();

const posSchema = z.object({
  /** A built-in profile name ("demo", "matrix-retail") or a path to a profile JSON file. */
  profile: z.string().min(1),
  driver: z.enum(['sqlite', 'firebird', 'mysql']),
  sqlite: z.object({ file: z.string().min(1) }).strict().optional(),
  firebird: z.object({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().default(3050),
    database: z.string().min(1),
    user: z.string().default('SYSDBA'),
    password: secret,
  }).strict().optional(),
  /** MariaDB or MySQL (uniCenta oPOS, Open Source POS, ...): `database` is the schema name. */
  mysql: z.object({
    host: z.string().default('127.0.0.1'),
    port: z.number().int().default(3306),
    database: z.string().min(1),
    user: z.string().min(1),
    password: secret,
  }).strict().optional(),
  /** Overrides of the profile's choices, so one profile serves many shops. */
  options: z.record(z.string(), z.unknown()).default({}),
}).strict().superRefine((pos, ctx) => {
  if (pos.driver === 'sqlite' && !pos.sqlite) ctx.addIssue({ code: 'custom', message: 'pos.sqlite.file is required when pos.driver is "sqlite"', path: ['sqlite'] });
  if (pos.driver === 'firebird' && !pos.firebird) ctx.addIssue({ code: 'custom', message: 'pos.firebird (host, port, database, user, password) is required when pos.driver is "firebird"', path: ['firebird'] });
  if (pos.driver === 'mysql' && !pos.mysql) ctx.addIssue({ code: 'custom', message: 'pos.mysql (host, port, database, user, password) is required when pos.driver is "mysql"', path: ['mysql'] });
});

const syncSchema = z.object({
  /** How often the POS is asked, cheaply, whether anything changed. */
  pollSeconds: z.number().min(1).max(3600).default(5),
  /** A complete pass (deletions, drift) at least this often. */
  fullSyncMinutes: z.number().min(1).max(24 * 60).default(60),
  orderPollSeconds: z.number().min(1).max(3600).default(30),
  safetyBuffer: z.number().int().min(0).default(0),
  openStatuses: z.array(z.string().min(1)).default([...DEFAULT_OPEN_STATUSES]),
  exportStatuses: z.array(z.string().min(1)).default([...DEFAULT_EXPORT_STATUSES]),
  /**
   * The shop's WooCommerce "Hold stock (minutes)" (Settings → Products → Inventory); 0 when it is
   * empty there. Pending checkouts WooCommerce holds are left in the written stock value
   * (stock-guard/RACE.md, step 4).
   */
  holdStockMinutes: z.number().int().min(0).max(7 * 24 * 60).default(DEFAULT_HOLD_STOCK_MINUTES),
  /**
   * Batch requests to the store in flight at once (product creates, variation batches, updates).
   * 1 sends one batch at a time; more finish a large push sooner but load the shop's web server.
   */
  storeConcurrency: z.number().int().min(1).max(16).default(DEFAULT_STORE_CONCURRENCY),
}).strict();

const ordersSchema = z.object({
  guests: z.enum(['web-customer', 'create']).default('web-customer'),
  /** POS customer account that guest orders are booked to when guests = web-customer. */
  webCustomerAccount: z.string().default('WEB'),
  requireEmail: z.boolean().default(true),
}).strict();

export const configSchema = z.object({
  /** Tillbridge's own files (state database, logs). */
  dataDir: z.string().optional(),
  store: storeSchema,
  pos: posSchema,
  sync: syncSchema.default(syncSchema.parse({})),
  orders: ordersSchema.default(ordersSchema.parse({})),
  dashboard: z.object({ port: z.number().int().min(0).max(65535).default(8765) }).strict().default({ port: 8765 }),
}).strict();

export type TillbridgeConfig = z.infer<typeof configSchema>;

/** A config problem in words a person can act on: which key, what is wrong. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Parses a config object; relative paths are resolved against `baseDir` (the config file's folder). */
export function parseConfig(raw: unknown, baseDir = process.cwd()): TillbridgeConfig {
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new ConfigError(`The configuration is not valid:\n${lines.join('\n')}`);
  }
  const cfg = result.data;
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));
  if (cfg.pos.sqlite) cfg.pos.sqlite.file = abs(cfg.pos.sqlite.file);
  if (cfg.pos.profile.endsWith('.json')) cfg.pos.profile = abs(cfg.pos.profile);
  cfg.dataDir = cfg.dataDir ? abs(cfg.dataDir) : defaultDataDir();
  return cfg;
}

/** Reads and parses a JSON config file, with the file name in every message. */
export function loadConfigFile(file: string): TillbridgeConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`Cannot read the configuration file ${file}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`The configuration file ${file} is not valid JSON: ${(e as Error).message}`);
  }
  try {
    return parseConfig(json, dirname(resolve(file)));
  } catch (e) {
    if (e instanceof ConfigError) throw new ConfigError(`${file}: ${e.message}`);
    throw e;
  }
}

/**
 * Where secret references are looked up: the environment for `{"env"}`, and a secret store for
 * `{"stored"}` (the composition root passes the app's encrypted store; the engine knows none).
 */
export interface SecretResolver {
  env?: NodeJS.ProcessEnv;
  /** The stored secret by name, or null when the store has none. */
  stored?: (name: string) => string | null;
}

/** Resolves a secret reference; the error names the setting, never the value. */
export function resolveSecret(ref: SecretRef, setting: string, resolver: SecretResolver = {}): string {
  if (typeof ref === 'string') return ref;
  if ('env' in ref) {
    const value = (resolver.env ?? process.env)[ref.env];
    if (value === undefined || value === '') throw new ConfigError(`${setting} is taken from the environment variable ${ref.env}, which is not set.`);
    return value;
  }
  const value = resolver.stored ? resolver.stored(ref.stored) : null;
  if (value === null || value === '') {
    throw new ConfigError(`${setting} is taken from the app's encrypted secret store ("${ref.stored}"), which has no such secret` +
      `${resolver.stored ? '' : ' here'}. Enter it again in the settings.`);
  }
  return value;
}

/** True when a secret sits in the config file as plain text (check warns about it). */
export function isLiteralSecret(ref: SecretRef): boolean {
  return typeof ref === 'string';
}

/** Per-user data folder: %APPDATA%\Tillbridge on Windows, $XDG_DATA_HOME/tillbridge elsewhere. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'Tillbridge');
  const xdg = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(xdg, 'tillbridge');
}
