import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EncryptedFileSecretStore, FileSettingsStore, secretResolver } from '../../../electron/compose/settings-store';
import { ConfigError, isLiteralSecret, parseConfig, resolveSecret } from '../../../electron/engine/settings/config';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'tb-secrets-')); });
afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

const mode = (file: string) => statSync(file).mode & 0o777;

describe('EncryptedFileSecretStore', () => {
  it('round-trips secrets through a fresh instance, keeps them out of the file in plain text, and makes its files owner-only', () => {
    const secrets = new EncryptedFileSecretStore(join(dir, 'data'));
    expect(secrets.has('store.consumerSecret')).toBe(false);
    expect(secrets.get('store.consumerSecret')).toBeNull();
    secrets.set('store.consumerSecret', 'cs_very_secret_value');
    secrets.set('pos.firebird.password', 'masterkey-2');

    const again = new EncryptedFileSecretStore(join(dir, 'data'));
    expect(again.get('store.consumerSecret')).toBe('cs_very_secret_value');
    expect(again.get('pos.firebird.password')).toBe('masterkey-2');
    expect(again.has('pos.firebird.password')).toBe(true);
    expect(again.names().sort()).toEqual(['pos.firebird.password', 'store.consumerSecret']);

    const sealed = readFileSync(again.secretsFile, 'utf8');
    expect(sealed).not.toContain('cs_very_secret_value');
    expect(sealed).not.toContain('masterkey-2');
    if (process.platform !== 'win32') {
      expect(mode(again.keyFile)).toBe(0o600);
      expect(mode(again.secretsFile)).toBe(0o600);
      expect(mode(join(dir, 'data'))).toBe(0o700);
    }
  });

  it('refuses a tampered file or another key with a message that shows no secret', () => {
    const secrets = new EncryptedFileSecretStore(dir);
    secrets.set('store.consumerKey', 'ck_abc');
    const sealed = JSON.parse(readFileSync(secrets.secretsFile, 'utf8')) as { data: string };
    const bytes = Buffer.from(sealed.data, 'base64');
    bytes[0] = bytes[0]! ^ 1;
    writeFileSync(secrets.secretsFile, JSON.stringify({ ...sealed, data: bytes.toString('base64') }));
    expect(() => secrets.get('store.consumerKey')).toThrow(ConfigError);
    expect(() => secrets.get('store.consumerKey')).toThrow(/cannot be read/);

    rmSync(secrets.secretsFile);
    secrets.set('store.consumerKey', 'ck_abc');
    writeFileSync(secrets.keyFile, Buffer.alloc(32, 7));
    expect(() => secrets.get('store.consumerKey')).toThrow(/sealed with another key/);
  });

  it('tightens a key file others can read back to 0600', () => {
    if (process.platform === 'win32') return;
    const secrets = new EncryptedFileSecretStore(dir);
    secrets.set('a', 'b');
    chmodSync(secrets.keyFile, 0o644);
    expect(secrets.get('a')).toBe('b');
    expect(mode(secrets.keyFile)).toBe(0o600);
  });
});

describe('FileSettingsStore', () => {
  it('has nothing before the first save, then reads back what it saved (owner-only)', () => {
    const settings = new FileSettingsStore(join(dir, 'config.json'));
    expect(settings.load()).toBeNull();
    settings.save({ store: { url: 'https://shop.example.com', consumerKey: { stored: 'store.consumerKey' }, consumerSecret: { env: 'X' } }, pos: { profile: 'demo', driver: 'sqlite', sqlite: { file: 'pos.sqlite' } } });
    expect(settings.load()).toMatchObject({ store: { consumerKey: { stored: 'store.consumerKey' } } });
    expect(settings.describe()).toBe(join(dir, 'config.json'));
    if (process.platform !== 'win32') expect(mode(join(dir, 'config.json'))).toBe(0o600);
  });

  it('says which file is broken', () => {
    writeFileSync(join(dir, 'config.json'), '{ nope');
    expect(() => new FileSettingsStore(join(dir, 'config.json')).load()).toThrow(/config\.json is not valid JSON/);
  });
});

describe('secret references', () => {
  const base = { pos: { profile: 'demo', driver: 'sqlite', sqlite: { file: '/x.sqlite' } } };

  it('a config may take a secret from the store, the environment, or (with a warning) a literal', () => {
    const config = parseConfig({ ...base, store: { url: 'https://shop.example.com', consumerKey: 'ck_literal', consumerSecret: { stored: 'store.consumerSecret' } } });
    expect(isLiteralSecret(config.store.consumerKey)).toBe(true);
    expect(isLiteralSecret(config.store.consumerSecret)).toBe(false);
    const secrets = new EncryptedFileSecretStore(dir);
    secrets.set('store.consumerSecret', 'cs_from_store');
    const resolver = secretResolver(secrets, { FROM_ENV: 'cs_from_env' });
    expect(resolveSecret(config.store.consumerSecret, 'store.consumerSecret', resolver)).toBe('cs_from_store');
    expect(resolveSecret(config.store.consumerKey, 'store.consumerKey', resolver)).toBe('ck_literal');
    expect(resolveSecret({ env: 'FROM_ENV' }, 'store.consumerSecret', resolver)).toBe('cs_from_env');
    expect(() => resolveSecret({ stored: 'pos.firebird.password' }, 'pos.firebird.password', resolver)).toThrow(/pos\.firebird\.password is taken from the app's encrypted secret store/);
    expect(() => resolveSecret({ env: 'MISSING' }, 'x', resolver)).toThrow(/MISSING, which is not set/);
  });
});
