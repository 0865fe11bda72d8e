/**
 * Secrets sealed by Electron's safeStorage (DPAPI on Windows, the Keychain on macOS, the
 * desktop's key store on Linux): only `base64(encryptString(value))` is ever written. Where Linux
 * has no key store, safeStorage falls back to `basic_text` — a fixed key, obfuscation only — and
 * this store says so in plain words (the dashboard's Settings shows them, the tray warns).
 */
import { safeStorage, type SafeStorage } from 'electron';
import type { SecretStore } from '../../compose/settings-store';
import { ConfigError } from '../../engine/settings/config';
import type { DesktopStoreBackend } from './desktop-store';

export type SafeStorageApi = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

export interface SecretProtection {
  /** false when the secrets are only obfuscated or cannot be saved at all. */
  strong: boolean;
  /** How the secrets are kept, in a sentence. */
  words: string;
}

export const WEAK_PROTECTION_WORDS = 'WARNING: this Linux desktop offers no key store, so saved passwords and API keys are only obfuscated '
  + '(Electron safeStorage "basic_text"): anyone who can read this user\'s files can recover them. Install and unlock GNOME Keyring or KWallet, '
  + 'then enter them again in Settings.';

export class SafeStorageSecretStore implements SecretStore {
  constructor(
    private readonly store: DesktopStoreBackend,
    private readonly safe: SafeStorageApi = safeStorage,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  get(name: string): string | null {
    const sealed = this.store.get('secrets')[name];
    if (sealed === undefined) return null;
    try {
      return this.safe.decryptString(Buffer.from(sealed, 'base64'));
    } catch {
      throw new ConfigError(`The saved secret ${name} cannot be decrypted (was the system's key store reset?). Enter it again in Settings.`);
    }
  }

  has(name: string): boolean {
    return Object.hasOwn(this.store.get('secrets'), name);
  }

  set(name: string, value: string): void {
    this.store.set('secrets', { ...this.store.get('secrets'), [name]: this.seal(name, value) });
  }

  /** The sealed form of a secret (what the file holds). Throws rather than ever keeping it in plain text. */
  seal(name: string, value: string): string {
    if (value === '') throw new Error(`An empty secret cannot be stored (${name}).`);
    if (!this.safe.isEncryptionAvailable()) {
      throw new Error(`${name} cannot be saved: the system offers no encryption right now (is the key store locked?). Nothing was stored.`);
    }
    return this.safe.encryptString(value).toString('base64');
  }

  protection(): SecretProtection {
    if (!this.safe.isEncryptionAvailable()) return { strong: false, words: 'Secrets cannot be saved: the system offers no encryption right now.' };
    if (this.platform === 'win32') return { strong: true, words: 'Secrets are encrypted for this Windows user (DPAPI).' };
    if (this.platform === 'darwin') return { strong: true, words: 'Secrets are encrypted with the macOS Keychain.' };
    const backend = this.safe.getSelectedStorageBackend();
    if (backend === 'basic_text') return { strong: false, words: WEAK_PROTECTION_WORDS };
    return { strong: true, words: `Secrets are encrypted with the desktop's key store (${backend}).` };
  }
}
