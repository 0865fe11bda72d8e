/**
 * Start at login, hidden (in the tray, no window): Windows and macOS register a login item
 * through Electron; Linux gets an XDG autostart file. Either way the app is started with
 * `--hidden`. The operating system is the only record: nothing is kept in the settings.
 */
import { app } from 'electron';
import { APP_ID, APP_NAME, HIDDEN_FLAG } from '../identity/app-identity';
import { autostartEntry, autostartFile, hasAutostart, removeAutostart, writeAutostart } from './xdg-autostart';

/** The login item as the tray and the dashboard's Settings show it (desktop-channels.ts sends it). */
export interface LoginItemView {
  enabled: boolean;
  /** false on a system where the app cannot register itself (neither Windows, macOS nor Linux). */
  supported: boolean;
  /** How it is done here, in words ("the autostart file ~/.config/autostart/…desktop"). */
  how: string;
}

export interface LoginItem {
  view(): LoginItemView;
  set(enabled: boolean): LoginItemView;
}

export interface LoginItemOptions {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  execPath: string;
}

/**
 * What to launch: the installed app with --hidden; an unpackaged run (`npm run app`) passes the
 * project folder to the Electron binary first.
 */
function launchArgs(): string[] {
  return app.isPackaged ? [HIDDEN_FLAG] : [app.getAppPath(), HIDDEN_FLAG];
}

export function loginItemFor(opts: LoginItemOptions): LoginItem {
  if (opts.platform === 'linux') return linuxLoginItem(opts);
  if (opts.platform === 'win32' || opts.platform === 'darwin') return electronLoginItem();
  const view = (): LoginItemView => ({ enabled: false, supported: false, how: `not available on ${opts.platform}` });
  return { view, set: () => view() };
}

/** Windows and macOS: Electron's login item API (the registry's Run key, the macOS login items). */
function electronLoginItem(): LoginItem {
  const args = launchArgs();
  const view = (): LoginItemView => ({
    // Windows matches the registered entry by its arguments too: ask with the same ones.
    enabled: app.getLoginItemSettings({ args }).openAtLogin,
    supported: true,
    how: 'the system\'s login items',
  });
  return {
    view,
    set(enabled) {
      app.setLoginItemSettings({ openAtLogin: enabled, args });
      return view();
    },
  };
}

/** Linux: the autostart file; an AppImage is launched through $APPIMAGE (the mounted path changes each run). */
function linuxLoginItem(opts: LoginItemOptions): LoginItem {
  const file = autostartFile(APP_ID, opts.env);
  const view = (): LoginItemView => ({ enabled: hasAutostart(file), supported: true, how: `the autostart file ${file}` });
  return {
    view,
    set(enabled) {
      if (!enabled) removeAutostart(file);
      else {
        writeAutostart(file, autostartEntry({
          name: APP_NAME,
          comment: 'Keeps WooCommerce and the point of sale in sync',
          command: opts.env.APPIMAGE || opts.execPath,
          args: launchArgs(),
        }));
      }
      return view();
    },
  };
}
