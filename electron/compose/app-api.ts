/**
 * The app's own channels (scope 'app' in channels.ts), as plain functions the app (app.ts) calls:
 * the status before an engine runs, the settings screen's view, merging and checking a settings
 * form (field errors by dotted path), and "Test connection" for settings not saved yet.
 *
 * Secrets in a form are values to store, never sent back: the view says only whether each is set.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { CheckProblem } from '../../connectors/core/pos-items-port';
import { PosError } from '../../connectors/core/pos-errors';
import { openPosSide, type PosConnectionConfig } from '../../connectors/pos/open-pos';
import { builtInProfile, builtInProfileNames, resolveProfile, withParameters } from '../../connectors/pos/profile-loader';
import { createWooAdapter } from '../../connectors/woocommerce/woo-adapter';
import type { StoreCheck } from '../../connectors/woocommerce/woo-check';
import { wooConfigSchema } from '../../connectors/woocommerce/woo-config';
import type { EngineStatusView, SettingsInput, SettingsView, ChannelAnswer } from '../engine/api/channels';
import { DEFAULT_HOLD_STOCK_MINUTES } from '../engine/settings/defaults';
import { configSchema, ConfigError, parseConfig, resolveSecret, type SecretRef, type SecretResolver, type TillbridgeConfig } from '../engine/settings/config';
import { normaliseStoreUrl, sameStore } from '../engine/orders/export-reference';
import { NEW_STORE_COMMAND } from '../engine/store-identity';
import { SECRET_NAMES, type SecretStore, type StoredSettings } from './settings-store';

export type FieldError = { field: string; message: string };
type SecretName = (typeof SECRET_NAMES)[keyof typeof SECRET_NAMES];

// ---------------------------------------------------------------- status before an engine runs

/** The status while no engine runs: `setup` (nothing configured, or it could not start) or `starting`. */
export function idleStatus(state: 'setup' | 'starting', message: string, demo = false): EngineStatusView {
  const health = { ok: false, message, checkedAt: null };
  return {
    state, paused: false, running: null, progress: null, lastProductSync: null, lastOrderExport: null, nextRunAt: null,
    counts: { linkedProducts: 0, draftsAwaitingPublish: 0, outstandingOrders: 0, allocatedUnits: 0, ordersExportedToday: 0, openErrors: 0 },
    health: { pos: health, store: health }, demo,
  };
}

// ---------------------------------------------------------------- the settings view

/** Whether a secret reference leads to a value (never the value itself). */
function secretIsSet(ref: unknown, secrets: SecretStore, env: NodeJS.ProcessEnv): boolean {
  if (typeof ref === 'string') return ref.length > 0;
  if (!ref || typeof ref !== 'object') return false;
  if ('env' in ref && typeof ref.env === 'string') return Boolean(env[ref.env]);
  if ('stored' in ref && typeof ref.stored === 'string') {
    try {
      return secrets.has(ref.stored);
    } catch {
      return false; // an unreadable secret store: the person enters the secrets again
    }
  }
  return false;
}

const SYNC_DEFAULTS = { pollSeconds: 5, fullSyncMinutes: 60, orderPollSeconds: 30, safetyBuffer: 0, holdStockMinutes: DEFAULT_HOLD_STOCK_MINUTES };

/** The built-in POS profiles to choose from, with their descriptions. */
export function builtInProfiles(): { name: string; description: string }[] {
  return builtInProfileNames().map((name) => {
    try {
      return { name, description: builtInProfile(name).description ?? '' };
    } catch {
      return { name, description: '' };
    }
  });
}

/** What the settings screen shows: the stored settings (what the form edits), secrets only as "set". */
export function settingsView(src: {
  stored: StoredSettings | null;
  secrets: SecretStore;
  env: NodeJS.ProcessEnv;
  demo: boolean;
  source: string;
}): SettingsView {
  const raw = (src.stored ?? {}) as Record<string, unknown>;
  const store = asRecord(raw.store);
  const pos = asRecord(raw.pos);
  const sync = asRecord(raw.sync);
  const fb = asRecord(pos?.firebird);
  const my = asRecord(pos?.mysql);
  const num = (v: unknown, d: number) => (typeof v === 'number' ? v : d);
  const str = (v: unknown, d: string) => (typeof v === 'string' ? v : d);
  const authModes = ['auto', 'basic', 'query', 'oauth1'] as const;
  return {
    configured: src.stored !== null,
    demo: src.demo,
    source: src.source,
    store: store ? {
      url: str(store.url, ''),
      authMode: authModes.find((m) => m === store.authMode) ?? 'auto',
      consumerKeySet: secretIsSet(store.consumerKey, src.secrets, src.env),
      consumerSecretSet: secretIsSet(store.consumerSecret, src.secrets, src.env),
    } : null,
    pos: pos ? {
      profile: str(pos.profile, ''),
      driver: pos.driver === 'firebird' || pos.driver === 'mysql' ? pos.driver : 'sqlite',
      sqliteFile: typeof asRecord(pos.sqlite)?.file === 'string' ? asRecord(pos.sqlite)!.file as string : null,
      firebird: fb ? {
        host: str(fb.host, '127.0.0.1'), port: num(fb.port, 3050), database: str(fb.database, ''), user: str(fb.user, 'SYSDBA'),
        passwordSet: secretIsSet(fb.password, src.secrets, src.env),
      } : null,
      mysql: my ? {
        host: str(my.host, '127.0.0.1'), port: num(my.port, 3306), database: str(my.database, ''), user: str(my.user, ''),
        passwordSet: secretIsSet(my.password, src.secrets, src.env),
      } : null,
    } : null,
    sync: {
      pollSeconds: num(sync?.pollSeconds, SYNC_DEFAULTS.pollSeconds),
      fullSyncMinutes: num(sync?.fullSyncMinutes, SYNC_DEFAULTS.fullSyncMinutes),
      orderPollSeconds: num(sync?.orderPollSeconds, SYNC_DEFAULTS.orderPollSeconds),
      safetyBuffer: num(sync?.safetyBuffer, SYNC_DEFAULTS.safetyBuffer),
      holdStockMinutes: num(sync?.holdStockMinutes, SYNC_DEFAULTS.holdStockMinutes),
    },
    profiles: builtInProfiles(),
  };
}

function asRecord(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

// ---------------------------------------------------------------- merging a form over the stored settings

/** A settings form laid over the stored settings: the config to store, and the new secret values. */
export interface SettingsDraft {
  /** The config as it would be stored: secrets only as references. */
  raw: Record<string, unknown>;
  /** Secrets typed in the form, by store name; they replace the stored ones. */
  secrets: Partial<Record<SecretName, string>>;
}

/**
 * Lays the form over the stored settings. What the form leaves out is kept: an omitted secret
 * keeps the stored one, an omitted section stays as it is, and settings the form does not show
 * (pos.options, orders, open/export statuses, timeouts) are kept — pos.options only while the
 * profile stays the same, since they are that profile's parameters.
 */
export function mergeSettings(stored: StoredSettings | null, input: SettingsInput): SettingsDraft {
  const raw = structuredClone((stored ?? {}) as Record<string, unknown>);
  const secrets: SettingsDraft['secrets'] = {};
  const take = (name: SecretName, value: string | undefined, previous: unknown): unknown => {
    if (value === undefined) return previous;
    secrets[name] = value;
    return { stored: name } satisfies SecretRef;
  };
  if (input.store) {
    const prev = asRecord(raw.store) ?? {};
    const next: Record<string, unknown> = { ...prev, url: input.store.url };
    if (input.store.authMode) next.authMode = input.store.authMode;
    next.consumerKey = take(SECRET_NAMES.consumerKey, input.store.consumerKey, prev.consumerKey);
    next.consumerSecret = take(SECRET_NAMES.consumerSecret, input.store.consumerSecret, prev.consumerSecret);
    raw.store = dropUndefined(next);
  }
  if (input.pos) {
    const prev = asRecord(raw.pos) ?? {};
    const next: Record<string, unknown> = { ...prev, profile: input.pos.profile, driver: input.pos.driver };
    if (prev.profile !== input.pos.profile) delete next.options;
    if (input.pos.sqliteFile !== undefined) next.sqlite = { file: input.pos.sqliteFile };
    if (input.pos.firebird) {
      const { password, ...connection } = input.pos.firebird;
      next.firebird = dropUndefined({ ...connection, password: take(SECRET_NAMES.posPassword, password, asRecord(prev.firebird)?.password) });
    }
    if (input.pos.mysql) {
      const { password, ...connection } = input.pos.mysql;
      next.mysql = dropUndefined({ ...connection, password: take(SECRET_NAMES.posMysqlPassword, password, asRecord(prev.mysql)?.password) });
    }
    raw.pos = next;
  }
  if (input.sync) {
    raw.sync = { ...(asRecord(raw.sync) ?? {}), ...dropUndefined(input.sync as Record<string, unknown>) };
  }
  return { raw, secrets };
}

function dropUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

// ---------------------------------------------------------------- checking a draft

export interface CheckedDraft {
  fieldErrors: FieldError[];
  /** The parsed config (secret references as stored), when there are no field errors in the config itself. */
  config: TillbridgeConfig | null;
  /** Resolves secrets from the draft's new values first, then the environment and the secret store. */
  resolver: SecretResolver;
  /** The secret values, resolved (only when they resolve). */
  values: { consumerKey?: string; consumerSecret?: string; posPassword?: string };
  /** Whether the settings name a store and a POS at all. */
  has: { store: boolean; pos: boolean };
}

/** A path as written in the settings, resolved against the settings' folder ('' stays ''). */
function absolute(p: string, baseDir: string): string {
  return p === '' || isAbsolute(p) ? p : resolve(baseDir, p);
}

/** A config issue's path as the form's field name ("pos.sqlite.file" → "pos.sqliteFile"). */
function formField(path: readonly PropertyKey[]): string {
  const p = path.map(String);
  if (p[0] === 'pos' && p[1] === 'sqlite') return 'pos.sqliteFile';
  if (p[0] === 'pos' && (p[1] === 'firebird' || p[1] === 'mysql') && p.length === 2) return `pos.${p[1]}.database`;
  return p.slice(0, 3).join('.') || 'settings';
}

/** "store.url must be …" → "must be …" (the field is named beside the message). */
function withoutField(field: string, message: string): string {
  return message.startsWith(`${field} `) ? message.slice(field.length + 1) : message;
}

/**
 * Checks a draft the way the engine would take it: the config schema, the store address and
 * keys (the WooCommerce adapter's own rules), the secrets resolving, the POS profile existing
 * and fitting the driver. With `stateDir`, also that the state there belongs to this store.
 * Never connects to anything.
 */
export function checkDraft(draft: SettingsDraft, ctx: {
  secrets: SecretStore;
  env: NodeJS.ProcessEnv;
  baseDir: string;
  dataDir: string;
  /** Refuse a store the local state does not belong to (saving; a test need not). */
  checkStoreIdentity?: boolean;
}): CheckedDraft {
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => {
    if (!errors.some((e) => e.field === field)) errors.push({ field, message });
  };
  const resolver: SecretResolver = {
    env: ctx.env,
    stored: (name) => draft.secrets[name as SecretName] ?? ctx.secrets.get(name),
  };
  const raw = draft.raw;
  const store = asRecord(raw.store);
  const pos = asRecord(raw.pos);
  const values: CheckedDraft['values'] = {};

  if (!store) {
    add('store.url', 'Connect a store: its address (e.g. https://shop.example.com), consumer key and consumer secret.');
  } else {
    const secret = (field: 'consumerKey' | 'consumerSecret', label: string) => {
      const ref = store[field];
      if (ref === undefined) return add(`store.${field}`, `The consumer ${label} is missing.`);
      try {
        values[field] = resolveSecret(ref as SecretRef, `store.${field}`, resolver);
      } catch (e) {
        add(`store.${field}`, (e as Error).message);
      }
    };
    secret('consumerKey', 'key');
    secret('consumerSecret', 'secret');
    const woo = wooConfigSchema.safeParse({
      url: store.url, consumerKey: values.consumerKey ?? 'ck_unchecked', consumerSecret: values.consumerSecret ?? 'cs_unchecked',
      ...(store.authMode !== undefined ? { authMode: store.authMode } : {}),
      ...(store.allowPlainHttp === true ? { allowPlainHttp: true } : {}),
    });
    if (!woo.success) for (const issue of woo.error.issues) add(`store.${String(issue.path[0] ?? 'url')}`, issue.message);
  }

  if (!pos) {
    add('pos.profile', 'Connect a POS: choose its profile and where its database is.');
  } else {
    if (pos.driver === 'sqlite' && !asRecord(pos.sqlite)) add('pos.sqliteFile', 'Give the POS database file (the SQLite file).');
    if (pos.driver === 'firebird' || pos.driver === 'mysql') {
      const key = pos.driver;
      const server = asRecord(pos[key]);
      if (!server) {
        add(`pos.${key}.database`, `Give the ${key === 'firebird' ? 'Firebird' : 'MariaDB/MySQL'} connection: server, port, database, user and password.`);
      } else if (server.password === undefined) {
        add(`pos.${key}.password`, 'The POS password is missing.');
      } else {
        try {
          values.posPassword = resolveSecret(server.password as SecretRef, `pos.${key}.password`, resolver);
        } catch (e) {
          add(`pos.${key}.password`, (e as Error).message);
        }
      }
    }
  }

  // Each section against the config file's own schema, so a form naming only one side is checked too.
  const sections = [['store', store], ['pos', pos], ['sync', raw.sync]] as const;
  for (const [name, value] of sections) {
    if (value === null) continue;
    const parsed = configSchema.shape[name].safeParse(value);
    if (parsed.success) continue;
    for (const issue of parsed.error.issues) {
      const field = formField([name, ...issue.path]);
      add(field, withoutField(field, issue.message));
    }
  }
  if (pos && typeof pos.profile === 'string' && !errors.some((e) => e.field.startsWith('pos.'))) {
    try {
      const profile = resolveProfile(pos.profile.toLowerCase().endsWith('.json') ? absolute(pos.profile, ctx.baseDir) : pos.profile);
      const options = asRecord(pos.options) ?? {};
      if (Object.keys(options).length > 0) withParameters(profile, options);
      if (profile.engines && !profile.engines.includes(pos.driver as PosConnectionConfig['driver'])) {
        add('pos.driver', `The profile "${profile.name}" is written for ${profile.engines.join(' and ')}, not ${String(pos.driver)}: choose that driver or another profile.`);
      }
    } catch (e) {
      add('pos.profile', (e as Error).message);
    }
  }
  let config: TillbridgeConfig | null = null;
  if (store && pos && errors.length === 0) {
    try {
      config = parseConfig({ dataDir: ctx.dataDir, ...raw }, ctx.baseDir);
    } catch (e) {
      add('settings', (e as Error).message);
    }
  }
  if (config && ctx.checkStoreIdentity) {
    const recorded = recordedStore(join(config.dataDir!, 'state.sqlite'));
    if (recorded && !sameStore(recorded, config.store.url)) {
      add('store.url', `Tillbridge's local state belongs to the store ${recorded}, not ${normaliseStoreUrl(config.store.url)}: its product links ` +
        `and order journal must not be applied to another store. If the address is wrong, set it back to ${recorded}. If this really is ` +
        `a new store, run ${NEW_STORE_COMMAND} first (the old state is archived; the POS is not touched).`);
    }
  }
  return { fieldErrors: errors, config: errors.length === 0 ? config : null, resolver, values, has: { store: Boolean(store), pos: Boolean(pos) } };
}

/** The store the state database in a data folder belongs to, without changing the file (null: none yet). */
function recordedStore(file: string): string | null {
  if (!existsSync(file)) return null;
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const row = db.prepare('SELECT url FROM store_identity WHERE id = 1').get() as { url: string } | undefined;
    return row?.url ?? null;
  } catch {
    return null; // an older state without identities: the engine adopts the configured store
  } finally {
    db?.close();
  }
}

// ---------------------------------------------------------------- "Test connection"

type ConnectionTest = NonNullable<ChannelAnswer<'testConnections'>['store']>;

/**
 * Tests the POS and the store described by a checked draft, without saving anything or touching
 * the running engine: the profile connector's check() and the WooCommerce adapter's check(),
 * answered in words with the field to fix. A side the settings do not name at all is null.
 */
export async function testConnections(checked: CheckedDraft, draft: SettingsDraft, ctx: { dataDir: string; baseDir: string }): Promise<ChannelAnswer<'testConnections'>> {
  const side = (prefix: string) => checked.fieldErrors.filter((e) => e.field.startsWith(prefix));
  const notChecked = (errors: FieldError[], what: string): ConnectionTest => ({
    ok: false, message: `${what} was not tested: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, fieldErrors: errors,
  });
  const storeErrors = side('store.');
  const posErrors = side('pos.');
  const raw = draft.raw;
  const [store, pos] = await Promise.all([
    !checked.has.store ? null
      : storeErrors.length ? notChecked(storeErrors, 'The store')
        : testStore(asRecord(raw.store)!, checked.values),
    !checked.has.pos ? null
      : posErrors.length ? notChecked(posErrors, 'The POS')
        : testPos(posConfig(raw, checked, ctx)),
  ]);
  return { store, pos };
}

async function testStore(store: Record<string, unknown>, values: CheckedDraft['values']): Promise<ConnectionTest> {
  let check: StoreCheck;
  try {
    const adapter = createWooAdapter({
      url: store.url, consumerKey: values.consumerKey, consumerSecret: values.consumerSecret,
      ...(store.authMode !== undefined ? { authMode: store.authMode } : {}), ...(store.timeoutMs !== undefined ? { timeoutMs: store.timeoutMs } : {}),
      ...(store.allowPlainHttp === true ? { allowPlainHttp: true } : {}),
      maxRetries: 0,
    });
    check = await adapter.check();
  } catch (e) {
    return { ok: false, message: (e as Error).message, fieldErrors: [{ field: 'store.url', message: (e as Error).message }] };
  }
  if (check.ok) return { ok: true, message: check.message, fieldErrors: [] };
  const message = check.hint ? `${check.message} ${check.hint}` : check.message;
  return { ok: false, message, fieldErrors: [{ field: storeField(check), message }] };
}

/** The field a failed store check points at: the address, the key, or the secret. */
function storeField(check: StoreCheck): string {
  if (!check.reachable) return 'store.url';
  const status = check.error?.status;
  if (status !== 401 && status !== 403) return 'store.url';
  if (check.canRead) return 'store.consumerKey'; // a read-only key: its permissions
  const said = `${check.error?.code ?? ''} ${check.error?.storeMessage ?? ''}`;
  return /secret|signature/i.test(said) ? 'store.consumerSecret' : 'store.consumerKey';
}

function posConfig(raw: Record<string, unknown>, checked: CheckedDraft, ctx: { baseDir: string }): { connection: PosConnectionConfig; profile: string; options: Record<string, unknown> } {
  const pos = asRecord(raw.pos)!;
  const abs = (p: string) => absolute(p, ctx.baseDir);
  const profile = String(pos.profile);
  const options = asRecord(pos.options) ?? {};
  if (pos.driver === 'mysql') {
    const my = asRecord(pos.mysql)!;
    return {
      profile: profile.toLowerCase().endsWith('.json') ? abs(profile) : profile, options,
      connection: {
        driver: 'mysql',
        mysql: {
          host: typeof my.host === 'string' ? my.host : '127.0.0.1', port: typeof my.port === 'number' ? my.port : 3306,
          database: String(my.database), user: String(my.user), password: checked.values.posPassword ?? '',
        },
      },
    };
  }
  if (pos.driver === 'firebird') {
    const fb = asRecord(pos.firebird)!;
    return {
      profile: profile.toLowerCase().endsWith('.json') ? abs(profile) : profile, options,
      connection: {
        driver: 'firebird',
        firebird: {
          host: typeof fb.host === 'string' ? fb.host : '127.0.0.1', port: typeof fb.port === 'number' ? fb.port : 3050,
          database: String(fb.database), user: typeof fb.user === 'string' ? fb.user : 'SYSDBA', password: checked.values.posPassword ?? '',
        },
      },
    };
  }
  return {
    profile: profile.toLowerCase().endsWith('.json') ? abs(profile) : profile, options,
    connection: { driver: 'sqlite', sqlite: { file: abs(String(asRecord(pos.sqlite)!.file)) } },
  };
}

async function testPos(target: { connection: PosConnectionConfig; profile: string; options: Record<string, unknown> }): Promise<ConnectionTest> {
  let side;
  try {
    side = openPosSide(target.connection, { profile: target.profile, options: target.options });
  } catch (e) {
    const message = (e as Error).message;
    return { ok: false, message, fieldErrors: [{ field: 'pos.profile', message }] };
  }
  try {
    const check = await side.items.check();
    if (check.ok) {
      const note = side.ordersOffReason ? ` Orders are not booked in this POS: ${side.ordersOffReason}.` : '';
      return { ok: true, message: `${check.message}${note}`, fieldErrors: [] };
    }
    const fieldErrors: FieldError[] = [];
    for (const p of check.problems) {
      const field = posField(p, target.connection.driver);
      if (!fieldErrors.some((f) => f.field === field && f.message === p.message)) fieldErrors.push({ field, message: p.message });
    }
    if (fieldErrors.length === 0) fieldErrors.push({ field: 'pos.profile', message: check.message });
    return { ok: false, message: check.message, fieldErrors };
  } catch (e) {
    const message = e instanceof PosError || e instanceof ConfigError ? e.message : `The POS test failed: ${(e as Error).message}`;
    return { ok: false, message, fieldErrors: [{ field: 'pos.profile', message }] };
  } finally {
    await side.close().catch(() => undefined);
  }
}

/** The field a POS problem points at, from its kind. */
function posField(p: CheckProblem, driver: PosConnectionConfig['driver']): string {
  const server = driver === 'sqlite' ? null : `pos.${driver}`;
  switch (p.code) {
    case 'auth': return server ? `${server}.password` : 'pos.sqliteFile';
    case 'missing-database': return server ? `${server}.database` : 'pos.sqliteFile';
    case 'unreachable':
    case 'timeout':
    case 'connection-lost': return server ? `${server}.host` : 'pos.sqliteFile';
    case 'no-permission': return server ? `${server}.user` : 'pos.sqliteFile';
    default: return 'pos.profile';
  }
}
