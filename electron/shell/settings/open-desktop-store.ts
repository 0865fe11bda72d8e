/**
 * Opens the electron-store file. electron-store is an ES module that imports `electron` at its top,
 * so it is loaded here, in the main process only, with a dynamic import (this file compiles to
 * CommonJS); tests use its base, `conf`, with the same schema and defaults instead.
 */
import { DESKTOP_STORE_NAME, desktopStoreOptions, type DesktopStoreBackend, type DesktopStoreData } from './desktop-store';

export async function openDesktopStore(dataDir: string): Promise<DesktopStoreBackend> {
  const { default: ElectronStore } = await import('electron-store');
  return new ElectronStore<DesktopStoreData>({ ...desktopStoreOptions(dataDir), name: DESKTOP_STORE_NAME });
}
