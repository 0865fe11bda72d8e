/**
 * The desktop app, put together once Electron is ready: the log file, the settings and secrets in
 * electron-store and safeStorage, TillbridgeApp hosted in this (main) process, the dashboard's
 * window on app://tillbridge, the one IPC bridge, the tray and its notifications, the login item,
 * the engine API for the CLI, and quitting that waits for the run in progress.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, session } from 'electron';
import { TillbridgeApp } from '../compose/app';
import { defaultDataDir } from '../engine/settings/config';
import { startApiServer, type RunningApiServer } from '../server/api-server';
import { dashboardDir } from '../server/dashboard-files';
import { installToken } from '../server/endpoint-file';
import type { DesktopApi } from './desktop-channels';
import { appIconPath, iconsDir } from './icons';
import { openIpcBridge } from './ipc-main';
import { EngineHost } from './lifecycle/engine-host';
import { QuitFlow } from './lifecycle/quit-flow';
import { RotatingLog } from './logging/rotating-log';
import { loginItemFor, type LoginItem } from './login/login-item';
import { DesktopSettingsStore } from './settings/desktop-settings-store';
import { migrateDesktopStore } from './settings/desktop-store';
import { openDesktopStore } from './settings/open-desktop-store';
import { SafeStorageSecretStore } from './settings/safe-storage-secrets';
import { Notifier } from './tray/notifier';
import { trayActions } from './tray/tray-actions';
import { TrayController } from './tray/tray-controller';
import type { TrayMenuInput } from './tray/tray-menu';
import { serveDashboard } from './window/app-protocol';
import { DashboardWindow } from './window/dashboard-window';
import { denyPermissions } from './window/window-security';

export interface DesktopOptions {
  /** Started at login: stay in the tray. */
  hidden: boolean;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  execPath: string;
}

/** What the running desktop app offers its entry point. */
export interface Desktop {
  showWindow(): void;
  quit(): Promise<void>;
}

export async function launchDesktop(opts: DesktopOptions): Promise<Desktop> {
  app.setAppLogsPath();
  const logsDir = app.getPath('logs');
  const logFile = new RotatingLog(logsDir);
  const log = (line: string) => logFile.write(line);
  log(`Tillbridge ${app.getVersion()} starting (Electron ${process.versions.electron ?? '?'}, ${opts.platform}${opts.hidden ? ', hidden' : ''}).`);

  // Settings and secrets: the same data folder as the CLI, so both find the engine's state.
  const dataDir = defaultDataDir(opts.env);
  const store = await openDesktopStore(dataDir);
  const secrets = new SafeStorageSecretStore(store);
  migrateDesktopStore(store, { dataDir, seal: (value) => secrets.seal('an adopted secret', value), log });
  const protection = secrets.protection();
  if (!protection.strong) log(protection.words);
  const settings = new DesktopSettingsStore(store, () => secrets.protection().words);

  let cliEndpoint: RunningApiServer | null = null;
  const tillbridge = new TillbridgeApp({ dataDir, settings, secrets, env: opts.env, log });
  const host = new EngineHost(tillbridge, {
    log,
    // While the app runs, `tillbridge status` and the other commands ask its engine (README "Command line").
    onStarted: () => {
      startApiServer({ api: tillbridge.api, events: tillbridge.events, dataDir, port: 0, token: installToken(dataDir) })
        .then((server) => { cliEndpoint = server; }, (e: unknown) => log(`The engine API for the command line did not start: ${(e as Error).message}`));
    },
  });

  // The page: its files on app://, every permission refused, one window hidden on close.
  serveDashboard(dashboardDir(opts.env) ?? join(__dirname, '..', '..', 'renderer'));
  denyPermissions(session.defaultSession);
  const icons = iconsDir(app.getAppPath(), process.resourcesPath);
  const icon = appIconPath(opts.platform, icons);
  const window = new DashboardWindow({ preload: join(__dirname, 'preload.js'), ...(existsSync(icon) ? { icon } : {}), log });

  const loginItem = loginItemFor(opts);
  const closeBridge = openIpcBridge({
    api: tillbridge.api, desktop: desktopApi(loginItem, () => refresh()), events: tillbridge.events, target: () => window.contents(), log,
  });

  let tray: TrayController | null = null;
  const quitFlow = new QuitFlow({
    log,
    beforeClose: () => window.allowClose(),
    close: async () => {
      closeBridge();
      await cliEndpoint?.close();
      await host.close();
      tray?.destroy();
      log('Tillbridge stopped.');
    },
  });

  const menuInput = (): TrayMenuInput => {
    const p = secrets.protection();
    return { view: host.view(), startAtLogin: loginItem.view(), warning: p.strong ? null : 'Secrets are not protected by a key store' };
  };
  const notifier = new Notifier(() => window.show('problems'));
  const refresh = () => {
    const input = menuInput();
    tray?.show(input);
    notifier.observe(input.view);
  };
  tray = new TrayController({
    iconsDir: icons,
    platform: opts.platform,
    actions: trayActions({ api: tillbridge.api, window, loginItem, logsDir, quit: () => quitFlow.quit(), refresh, log }),
  }, menuInput());
  host.onChange(refresh);

  if (!opts.hidden) window.show();
  await host.start();
  return { showWindow: () => window.show(), quit: () => quitFlow.quit() };
}

/** The desktop-only channels (desktop-channels.ts), answered by the login item. */
function desktopApi(loginItem: LoginItem, refresh: () => void): DesktopApi {
  return {
    startAtLogin: async () => loginItem.view(),
    setStartAtLogin: async ({ enabled }) => {
      const view = loginItem.set(enabled);
      refresh();
      return view;
    },
  };
}
