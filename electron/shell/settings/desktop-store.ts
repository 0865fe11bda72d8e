/**
 * What the desktop app keeps in its electron-store file (`desktop-settings.json` in the data
 * folder — not `config.json`, which on Windows would be the same file as the CLI's config):
 * the settings (as the config file holds them, secrets as references), the secrets sealed by
 * safeStorage, and how many numbered migrations have run. The JSON schema and the defaults are
 * electron-store's; the migrations are ours, numbered and one function each, because
 * electron-store's own run only on app-version upgrades and never on a new file.
 */
import { join } from 'node:path';
import { EncryptedFileSecretStore, FileSettingsStore, type StoredSettings } from '../../compose/settings-store';

export type DesktopStoreData = {
  /** How many of MIGRATIONS have run on this file. */
  layout: number;
  /** The configuration, or null before the first setup. */
  settings: StoredSettings | null;
  /** Secret name → base64 of safeStorage.encryptString(value). Never a plain value. */
  secrets: Record<string, string>;
};

/** The few operations the stores use; electron-store (and conf, under it) provide them. */
export interface DesktopStoreBackend {
  get<K extends keyof DesktopStoreData>(key: K): DesktopStoreData[K];
  set<K extends keyof DesktopStoreData>(key: K, value: DesktopStoreData[K]): void;
  readonly path: string;
}

export const DESKTOP_STORE_NAME = 'desktop-settings';

export const DESKTOP_STORE_DEFAULTS: DesktopStoreData = { layout: 0, settings: null, secrets: {} };

/** electron-store's JSON schema, per top-level key: a hand-edited file that breaks it is refused, not wiped. */
export const DESKTOP_STORE_SCHEMA = {
  layout: { type: 'integer', minimum: 0 },
  settings: { type: ['object', 'null'] },
  secrets: { type: 'object', additionalProperties: { type: 'string', pattern: '^[A-Za-z0-9+/]*={0,2}$' } },
} as const;

/**
 * electron-store's options but the file's name (electron-store calls it `name`, conf, the class it
 * extends, `configName`): the tests open the same file through conf with these very options.
 */
export function desktopStoreOptions(dataDir: string) {
  return {
    cwd: dataDir,
    schema: DESKTOP_STORE_SCHEMA,
    defaults: DESKTOP_STORE_DEFAULTS,
    accessPropertiesByDotNotation: false,
    // A file that breaks the schema (hand-edited) is refused with an error, never wiped.
    clearInvalidConfig: false,
  };
}

export interface MigrationContext {
  dataDir: string;
  /** Seals a secret the way the secret store does (safeStorage, base64). */
  seal(plain: string): string;
  log(line: string): void;
}

/**
 * 1: adopt a headless install's settings. Someone who ran `tillbridge run` (or the CLI) against
 * their shop before installing the app keeps their setup: config.json from the data folder is
 * copied in, and the secrets of its encrypted secret file are sealed again with safeStorage.
 * config.json itself is left as it was (the CLI may still use it when the app is not running).
 */
function adoptHeadlessInstall(store: DesktopStoreBackend, ctx: MigrationContext): void {
  if (store.get('settings') !== null) return;
  const file = join(ctx.dataDir, 'config.json');
  let settings: StoredSettings | null;
  try {
    settings = new FileSettingsStore(file).load();
  } catch (e) {
    ctx.log(`Not adopting ${file}: ${(e as Error).message}`);
    return;
  }
  if (!settings) return;
  const sealed: Record<string, string> = {};
  try {
    const old = new EncryptedFileSecretStore(ctx.dataDir);
    for (const name of old.names()) sealed[name] = ctx.seal(old.get(name)!);
  } catch (e) {
    ctx.log(`The secrets of the headless install were not adopted (${(e as Error).message}); enter them again in Settings.`);
  }
  store.set('secrets', { ...store.get('secrets'), ...sealed });
  store.set('settings', settings);
  ctx.log(`Adopted the settings of ${file} and ${Object.keys(sealed).length} saved secret(s); the app keeps its own copy from now on.`);
}

export const MIGRATIONS: ReadonlyArray<(store: DesktopStoreBackend, ctx: MigrationContext) => void> = [
  adoptHeadlessInstall,
];

/** Runs the migrations this file has not had yet, recording each one as it completes. */
export function migrateDesktopStore(store: DesktopStoreBackend, ctx: MigrationContext): void {
  for (let i = store.get('layout'); i < MIGRATIONS.length; i++) {
    MIGRATIONS[i]!(store, ctx);
    store.set('layout', i + 1);
  }
}
