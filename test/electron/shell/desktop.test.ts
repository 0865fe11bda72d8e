/**
 * The whole desktop app in plain Node: boot() and launchDesktop() with the fake `electron`, the
 * electron-store file opened through conf, and a real TillbridgeApp in a temporary data folder
 * (setup, then the demo the page starts through the bridge). Single instance, --hidden, the tray
 * following the app, and quitting that waits for the app to close before Electron quits.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot } from '../../../electron/shell/boot';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../../electron/shell/ipc-names';
import { app, calls, dialog, FakeBrowserWindow, fakeEvent, FakeTray, ipcMain, protocol, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron.js')).fakeElectron);
// electron-store imports the real electron: the same file is opened through conf, the class it extends.
vi.mock('../../../electron/shell/settings/open-desktop-store.js', async () => {
  const { default: Conf } = await import('conf');
  const { DESKTOP_STORE_NAME, desktopStoreOptions } = await import('../../../electron/shell/settings/desktop-store.js');
  return { openDesktopStore: async (dataDir: string) => new Conf({ ...desktopStoreOptions(dataDir), configName: DESKTOP_STORE_NAME }) };
});

const root = mkdtempSync(join(tmpdir(), 'tb-desktop-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
function environment() {
  const dir = join(root, `run-${++n}`);
  app.paths.logs = join(dir, 'logs');
  app.appPath = process.cwd();
  return { env: { XDG_DATA_HOME: join(dir, 'data'), XDG_CONFIG_HOME: join(dir, 'config') }, dataDir: join(dir, 'data', 'tillbridge'), logs: join(dir, 'logs') };
}

const page = { url: 'app://tillbridge/', parent: null };
const call = (channel: string, request: unknown = {}) => ipcMain.invokeFrom(page, CALL_CHANNEL, channel, request) as Promise<{ ok: boolean; answer?: unknown; message?: string }>;

async function launched(): Promise<FakeTray> {
  app.becomeReady();
  await vi.waitFor(() => expect(FakeTray.all).toHaveLength(1));
  const tray = FakeTray.all[0]!;
  await vi.waitFor(() => expect(tray.tooltips.at(-1)).toMatch(/Not set up yet/));
  expect(dialog.errors).toEqual([]);
  return tray;
}

/** Resolves once Electron has really quit (nobody prevented the last app.quit()). */
const quitted = () => vi.waitFor(() => expect(calls).toContain('app.quitted'), { timeout: 20_000 });

beforeEach(() => resetFakeElectron());

describe('the desktop app', () => {
  it('boots with the app:// scheme and its app id; a second launch shows the window; the page starts the demo; Quit waits for the app', async () => {
    const { env, dataDir, logs } = environment();
    boot(['/opt/Tillbridge/tillbridge'], env);
    expect(protocol.privileged.map((s) => s.scheme)).toEqual(['app']);
    expect(app.appUserModelId).toBe('com.tillbridge.app');
    const tray = await launched();

    // Not hidden: the window is shown, on the dashboard over app://; in setup the tray is grey.
    expect(FakeBrowserWindow.all).toHaveLength(1);
    const win = FakeBrowserWindow.all[0]!;
    expect(win.visible).toBe(true);
    expect(win.loaded).toEqual(['app://tillbridge/']);
    expect(protocol.handlers.has('app')).toBe(true);
    expect(tray.images.at(-1)).toBe(join(process.cwd(), 'build', 'icons', 'tray-paused.png'));
    expect(tray.menu.item('sync').enabled).toBe(false);

    // Closing hides it; launching Tillbridge again brings it back.
    win.close();
    expect(win.visible).toBe(false);
    app.emit('second-instance', fakeEvent(), ['/opt/Tillbridge/tillbridge'], '/');
    expect(win.visible).toBe(true);
    expect(calls.at(-1)).toBe('window.focus');

    // The page asks through the bridge; starting the demo turns the tray and runs an engine.
    expect(await call('status')).toMatchObject({ ok: true, answer: { state: 'setup' } });
    expect(await call('startDemo')).toMatchObject({ ok: true, answer: { ok: true } });
    await vi.waitFor(() => expect(tray.menu.item('sync').enabled).toBe(true), { timeout: 20_000 });
    expect(tray.tooltips.at(-1)).toMatch(/\(demo\)/);
    expect(win.webContents.sent.some(([channel, name]) => channel === EVENT_CHANNEL && name === 'status')).toBe(true);

    // Sync now from the tray runs the demo engine: its run reaches the page.
    const runsBefore = win.webContents.sent.filter(([, name]) => name === 'product-run').length;
    tray.menu.click('sync');
    await vi.waitFor(() => expect(win.webContents.sent.filter(([, name]) => name === 'product-run').length).toBeGreaterThan(runsBefore), { timeout: 20_000 });

    // Quit: the app closes first (the demo engine lets go of its folder), then Electron quits.
    const demoLock = join(dataDir, 'demo', 'engine.lock');
    expect(existsSync(demoLock)).toBe(true);
    let lockAtQuit: boolean | null = null;
    app.on('before-quit', () => { lockAtQuit ??= existsSync(demoLock); });
    tray.menu.click('quit');
    await quitted();
    expect(lockAtQuit).toBe(false);
    expect(calls.slice(calls.indexOf('tray.destroy'))).toEqual(['tray.destroy', 'app.quit', 'app.quitted']);
    expect(ipcMain.handlers.size).toBe(0);
    win.close();
    expect(win.destroyed).toBe(true);

    const log = readFileSync(join(logs, 'tillbridge.log'), 'utf8');
    expect(log).toMatch(/Tillbridge 0\.1\.0 starting/);
    expect(log).toMatch(/Quitting: waiting for the run in progress to end/);
    expect(log).toMatch(/Tillbridge stopped\./);
  }, 60_000);

  it('--hidden starts in the tray without a window; a quit from the system also waits for the app', async () => {
    const { env, dataDir } = environment();
    boot(['/opt/Tillbridge/tillbridge', '--hidden'], env);
    const tray = await launched();
    expect(FakeBrowserWindow.all).toEqual([]);

    // The command line finds this app's engine API while it runs.
    await vi.waitFor(() => expect(existsSync(join(dataDir, 'engine.endpoint.json'))).toBe(true));

    // Start at login from the tray: the autostart file (Linux), with --hidden.
    tray.menu.click('login');
    const autostart = join(env.XDG_CONFIG_HOME, 'autostart', 'com.tillbridge.app.desktop');
    expect(readFileSync(autostart, 'utf8')).toContain('--hidden');
    expect(tray.menu.item('login').checked).toBe(true);

    tray.menu.click('open');
    expect(FakeBrowserWindow.all).toHaveLength(1);

    app.quit(); // logging out, say: held back until the app has closed
    expect(calls).not.toContain('app.quitted');
    await quitted();
    expect(calls.filter((c) => c === 'app.quit')).toHaveLength(2);
    expect(existsSync(join(dataDir, 'engine.endpoint.json'))).toBe(false);
  }, 30_000);

  it('a second Tillbridge hands over to the first and quits without starting anything', async () => {
    environment();
    app.lockAvailable = false;
    boot(['/opt/Tillbridge/tillbridge']);
    expect(calls).toEqual(['app.requestSingleInstanceLock', 'app.quit', 'app.quitted']);
    app.becomeReady();
    await new Promise((resolve) => setImmediate(resolve));
    expect(FakeTray.all).toEqual([]);
    expect(app.listenerCount('second-instance')).toBe(0);
  });
});
