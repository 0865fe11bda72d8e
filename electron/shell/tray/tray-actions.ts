/**
 * What the tray's menu items do. Each reaches the app through its API (the same one the
 * dashboard uses), the window, the login item or the OS; a failure is logged, never thrown into
 * Electron's menu code.
 */
import { shell } from 'electron';
import type { TillbridgeApi } from '../../engine/api/channels';
import type { LoginItem } from '../login/login-item';
import type { TrayActions } from './tray-menu';

export interface TrayActionDeps {
  api: Pick<TillbridgeApi, 'syncNow' | 'pause' | 'resume'>;
  window: { show(route?: string): void };
  loginItem: LoginItem;
  logsDir: string;
  quit(): Promise<void>;
  /** Show the tray again (after something the status events do not report, like the login item). */
  refresh(): void;
  log(line: string): void;
}

export function trayActions(deps: TrayActionDeps): TrayActions {
  const failed = (what: string) => (e: unknown) => deps.log(`${what} failed: ${(e as Error).message}`);
  return {
    openDashboard: () => deps.window.show(),
    syncNow: () => { deps.api.syncNow({}).catch(failed('Sync now')); },
    pause: () => { deps.api.pause({}).then(deps.refresh, failed('Pause')); },
    resume: () => { deps.api.resume({}).then(deps.refresh, failed('Resume')); },
    setStartAtLogin: (enabled) => {
      try {
        deps.loginItem.set(enabled);
      } catch (e) {
        failed('Start at login')(e);
      }
      deps.refresh();
    },
    openLogsFolder: () => {
      shell.openPath(deps.logsDir).then((error) => { if (error) deps.log(`Opening ${deps.logsDir} failed: ${error}`); }, failed('Open logs folder'));
    },
    quit: () => { deps.quit().catch(failed('Quit')); },
  };
}
