/**
 * Settings in the electron-store file and secrets through safeStorage. The file is opened with
 * `conf` — the class electron-store extends, with the very options the app passes (loading
 * electron-store itself would load the real `electron`) — and safeStorage is the fake's, which
 * seals like Chromium (a `v10` prefix, unreadable bytes). A real TillbridgeApp saves settings
 * from the settings form through these stores against the practice store and a SQLite POS.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSqliteDemoPos } from '../../../../connectors/pos/demo/demo-pos';
import { startEmulator, type RunningEmulator } from '../../../../connectors/woocommerce-emulator/server';
import { TillbridgeApp } from '../../../../electron/compose/app';
import { EncryptedFileSecretStore, FileSettingsStore } from '../../../../electron/compose/settings-store';
import { DesktopSettingsStore } from '../../../../electron/shell/settings/desktop-settings-store';
import { DESKTOP_STORE_NAME, desktopStoreOptions, migrateDesktopStore, type DesktopStoreBackend, type DesktopStoreData } from '../../../../electron/shell/settings/desktop-store';
import { SafeStorageSecretStore, WEAK_PROTECTION_WORDS } from '../../../../electron/shell/settings/safe-storage-secrets';
import { resetFakeElectron, safeStorage } from '../fake-electron';

vi.mock('electron', async () => (await import('../fake-electron.js')).fakeElectron);

const KEY = 'ck_4f1c2a9b8e7d6c5b4a39281706f5e4d3c2b1a098';
const SECRET = 'cs_9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e';

let root: string;
let n = 0;
beforeAll(() => { root = mkdtempSync(join(tmpdir(), 'tb-desktop-settings-')); });
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => resetFakeElectron());

function openStore(dataDir = join(root, `data-${++n}`)): { store: DesktopStoreBackend; dataDir: string; file: string } {
  const store = new Conf<DesktopStoreData>({ ...desktopStoreOptions(dataDir), configName: DESKTOP_STORE_NAME });
  return { store, dataDir, file: store.path };
}

const base64 = (s: string) => Buffer.from(s).toString('base64');

describe('secrets through safeStorage', () => {
  it('are stored only sealed: the file holds neither the secret nor its base64, and reads it back', () => {
    const { store, file } = openStore();
    const secrets = new SafeStorageSecretStore(store);
    secrets.set('store.consumerSecret', SECRET);
    secrets.set('store.consumerKey', KEY);
    const text = readFileSync(file, 'utf8');
    for (const plain of [SECRET, KEY]) {
      expect(text).not.toContain(plain);
      expect(text).not.toContain(base64(plain));
      expect(text).not.toContain(plain.slice(3, 15));
    }
    expect(Buffer.from(JSON.parse(text).secrets['store.consumerSecret'], 'base64').subarray(0, 3).toString()).toBe('v10');
    expect(secrets.get('store.consumerSecret')).toBe(SECRET);
    expect(secrets.has('store.consumerKey')).toBe(true);
    expect(secrets.get('pos.firebird.password')).toBeNull();
  });

  it('without encryption nothing is stored (never in plain text), and the reason is given', () => {
    const { store, file } = openStore();
    safeStorage.available = false;
    const secrets = new SafeStorageSecretStore(store);
    expect(() => secrets.set('store.consumerSecret', SECRET)).toThrow(/cannot be saved: the system offers no encryption right now .*Nothing was stored\./);
    expect(secrets.has('store.consumerSecret')).toBe(false);
    expect(readFileSync(file, 'utf8')).not.toContain(SECRET);
    expect(secrets.protection().strong).toBe(false);
  });

  it('a secret sealed under another key store says to enter it again', () => {
    const { store } = openStore();
    store.set('secrets', { 'store.consumerSecret': base64('garbage') });
    expect(() => new SafeStorageSecretStore(store).get('store.consumerSecret')).toThrow(/cannot be decrypted.*Enter it again in Settings/);
  });

  it('says plainly when Linux has no key store (basic_text), in the settings\' source the dashboard shows', () => {
    const { store } = openStore();
    const secrets = new SafeStorageSecretStore(store, safeStorage, 'linux');
    expect(secrets.protection()).toEqual({ strong: true, words: 'Secrets are encrypted with the desktop\'s key store (gnome_libsecret).' });
    safeStorage.backend = 'basic_text';
    expect(secrets.protection()).toEqual({ strong: false, words: WEAK_PROTECTION_WORDS });

    const app = new TillbridgeApp({ dataDir: join(root, `app-${++n}`), settings: new DesktopSettingsStore(store, () => secrets.protection().words), secrets, env: {} });
    const source = app.settingsView().source;
    expect(source).toContain(`the desktop app's settings (${store.path}).`);
    expect(source).toContain('WARNING: this Linux desktop offers no key store, so saved passwords and API keys are only obfuscated');
    expect(new SafeStorageSecretStore(store, safeStorage, 'win32').protection().words).toBe('Secrets are encrypted for this Windows user (DPAPI).');
  });
});

describe('the settings file', () => {
  it('starts from the defaults, keeps the settings, and refuses (never wipes) a file that breaks the schema', () => {
    const { store, dataDir, file } = openStore();
    const settings = new DesktopSettingsStore(store, () => '');
    expect(settings.load()).toBeNull();
    expect(store.get('layout')).toBe(0);
    const saved = { store: { url: 'https://shop.example.com', consumerKey: { stored: 'store.consumerKey' }, consumerSecret: { env: 'SHOP_SECRET' } }, pos: { profile: 'demo', driver: 'sqlite' as const, sqliteFile: 'pos.sqlite' } };
    settings.save(saved);
    expect(openStore(dataDir).store.get('settings')).toEqual(saved);
    expect(settings.baseDir()).toBe(dataDir);

    const loaded = settings.load()!;
    (loaded.store as { url: string }).url = 'changed by a caller';
    expect(settings.load()!.store).toMatchObject({ url: 'https://shop.example.com' });

    const broken = JSON.parse(readFileSync(file, 'utf8'));
    broken.secrets = { 'store.consumerSecret': 'plain text secret!' };
    writeFileSync(file, JSON.stringify(broken));
    expect(() => openStore(dataDir)).toThrow();
    expect(JSON.parse(readFileSync(file, 'utf8')).settings).not.toBeNull();
  });

  it('migration 1 adopts a headless install\'s settings and secrets (sealed again), once, and never over the app\'s own', () => {
    const dataDir = join(root, `headless-${++n}`);
    const config = { store: { url: 'https://shop.example.com', consumerKey: { stored: 'store.consumerKey' }, consumerSecret: { stored: 'store.consumerSecret' } }, pos: { profile: 'demo', driver: 'sqlite' as const, sqliteFile: 'pos.sqlite' } };
    new FileSettingsStore(join(dataDir, 'config.json')).save(config);
    const old = new EncryptedFileSecretStore(dataDir);
    old.set('store.consumerKey', KEY);
    old.set('store.consumerSecret', SECRET);

    const { store, file } = openStore(dataDir);
    const secrets = new SafeStorageSecretStore(store);
    const log: string[] = [];
    migrateDesktopStore(store, { dataDir, seal: (v) => secrets.seal('adopted', v), log: (l) => log.push(l) });
    expect(store.get('layout')).toBe(1);
    expect(store.get('settings')).toEqual(config);
    expect(secrets.get('store.consumerSecret')).toBe(SECRET);
    expect(secrets.get('store.consumerKey')).toBe(KEY);
    expect(readFileSync(file, 'utf8')).not.toContain(SECRET);
    expect(log).toEqual([`Adopted the settings of ${join(dataDir, 'config.json')} and 2 saved secret(s); the app keeps its own copy from now on.`]);

    // Done once: later changes to config.json are not pulled in again.
    new FileSettingsStore(join(dataDir, 'config.json')).save({ ...config, store: { ...config.store, url: 'https://other.example.com' } });
    migrateDesktopStore(store, { dataDir, seal: (v) => secrets.seal('adopted', v), log: (l) => log.push(l) });
    expect(store.get('settings')).toEqual(config);
    expect(log).toHaveLength(1);

    // A store that already has settings keeps them.
    const fresh = openStore(join(root, `own-${++n}`));
    const mine = { ...config, store: { ...config.store, url: 'https://mine.example.com' } };
    fresh.store.set('settings', mine);
    migrateDesktopStore(fresh.store, { dataDir, seal: (v) => v, log: () => undefined });
    expect(fresh.store.get('settings')).toEqual(mine);
    expect(fresh.store.get('layout')).toBe(1);
  });
});

describe('a real TillbridgeApp on the desktop stores', () => {
  let shop: RunningEmulator;
  let posFile: string;
  beforeAll(async () => {
    shop = await startEmulator({ keys: { ck: KEY, cs: SECRET } });
    posFile = join(root, 'shop-pos.sqlite');
    await createSqliteDemoPos(posFile, { items: 12, seed: 3, referenceDate: '2026-11-30' });
  });
  afterAll(async () => { await shop.close(); });

  it('saves the settings form with the secrets sealed, and its engine uses them against the store', async () => {
    const { store, dataDir, file } = openStore();
    const secrets = new SafeStorageSecretStore(store);
    const app = new TillbridgeApp({ dataDir, settings: new DesktopSettingsStore(store, () => secrets.protection().words), secrets, env: {} });
    try {
      await app.start();
      const saved = await app.api.saveSettings({
        store: { url: shop.url, consumerKey: KEY, consumerSecret: SECRET, authMode: 'basic' },
        pos: { profile: 'demo', driver: 'sqlite', sqliteFile: posFile },
        sync: { pollSeconds: 60 },
      });
      expect(saved).toMatchObject({ ok: true, settings: { store: { consumerKeySet: true, consumerSecretSet: true } } });
      const text = readFileSync(file, 'utf8');
      for (const plain of [SECRET, KEY]) {
        expect(text).not.toContain(plain);
        expect(text).not.toContain(base64(plain));
      }
      expect(JSON.parse(text).settings.store).toMatchObject({ consumerKey: { stored: 'store.consumerKey' }, consumerSecret: { stored: 'store.consumerSecret' } });
      // Nothing went to the headless files either.
      expect(() => readFileSync(join(dataDir, 'config.json'))).toThrow();
      expect(() => readFileSync(join(dataDir, 'secrets.enc'))).toThrow();

      // The engine unsealed the secrets: the store accepted its requests.
      const run = await app.api.syncNow({});
      expect(run.status).toBe('ok');
      expect(run.created).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });
});
