/**
 * The app's settings in the electron-store file, behind compose's SettingsStore: the same
 * TillbridgeApp runs on it as on the headless config file. `describe()` is what the dashboard's
 * Settings shows as the settings' source, so it also says how the secrets are protected.
 */
import { dirname } from 'node:path';
import type { SettingsStore, StoredSettings } from '../../compose/settings-store';
import type { DesktopStoreBackend } from './desktop-store';

export class DesktopSettingsStore implements SettingsStore {
  constructor(private readonly store: DesktopStoreBackend, private readonly protectionWords: () => string) {}

  load(): StoredSettings | null {
    const settings = this.store.get('settings');
    return settings === null ? null : structuredClone(settings);
  }

  save(next: StoredSettings): void {
    this.store.set('settings', next);
  }

  describe(): string {
    return `the desktop app's settings (${this.store.path}). ${this.protectionWords()}`;
  }

  /** Relative paths (a SQLite POS file) are resolved against the data folder the file lives in. */
  baseDir(): string {
    return dirname(this.store.path);
  }
}
