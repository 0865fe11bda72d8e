/**
 * The dashboard's window through the fake `electron`: Electron's security checklist as options
 * and handlers, closing hides it, and a screen can be asked for.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DashboardWindow } from '../../../../electron/shell/window/dashboard-window';
import { calls, defaultSession, FakeBrowserWindow, fakeEvent, resetFakeElectron } from '../fake-electron';

vi.mock('electron', async () => (await import('../fake-electron.js')).fakeElectron);

const PRELOAD = '/opt/tillbridge/resources/app.asar/dist/electron/shell/preload.js';

function opened(): { window: DashboardWindow; win: FakeBrowserWindow; log: string[] } {
  const log: string[] = [];
  const window = new DashboardWindow({ preload: PRELOAD, log: (l) => log.push(l) });
  window.show();
  expect(FakeBrowserWindow.all).toHaveLength(1);
  return { window, win: FakeBrowserWindow.all[0]!, log };
}

beforeEach(() => resetFakeElectron());

describe('the dashboard window', () => {
  it('is made only when first shown', () => {
    const window = new DashboardWindow({ preload: PRELOAD, log: () => undefined });
    expect(FakeBrowserWindow.all).toEqual([]);
    expect(window.contents()).toBeNull();
  });

  it('has the secure webPreferences and loads the dashboard from app://tillbridge', () => {
    const { win } = opened();
    expect(win.options.webPreferences).toMatchObject({
      preload: PRELOAD, contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false,
    });
    expect(win.options.show).toBe(false);
    expect(win.loaded).toEqual(['app://tillbridge/']);
    expect(win.visible).toBe(true);
  });

  it('blocks navigation away from app://tillbridge, new windows and <webview>', () => {
    const { win, log } = opened();
    const contents = win.webContents;
    expect(contents.tryNavigate('app://tillbridge/#/products')).toBe(true);
    expect(contents.tryNavigate('https://evil.example/phish')).toBe(false);
    expect(contents.tryNavigate('file:///etc/passwd')).toBe(false);
    expect(contents.tryNavigate('app://tillbridge.evil.example/')).toBe(false);
    expect(contents.tryNavigate('app://user@tillbridge/')).toBe(false);
    expect(contents.tryNavigate('http://127.0.0.1:8765/', 'will-redirect')).toBe(false);
    expect(contents.tryNavigate('https://evil.example/', 'will-frame-navigate')).toBe(false);
    expect(contents.openHandler?.({ url: 'https://shop.example.com/wp-admin', frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'no-referrer' } } as never)).toEqual({ action: 'deny' });
    const webview = fakeEvent();
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.defaultPrevented).toBe(true);
    expect(log).toContain('Blocked a navigation to https://evil.example/phish');
  });

  it('refuses every permission request and check', () => {
    opened();
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      defaultSession.permissionRequestHandler?.({}, permission, (granted) => answers.push(granted), {});
      answers.push(defaultSession.permissionCheckHandler?.({}, permission, 'app://tillbridge', {}) ?? true);
    }
    expect(answers).toEqual(Array(10).fill(false));
    expect(defaultSession.devicePermissionHandler?.({})).toBe(false);
  });

  it('closing hides it (the engine stays in the tray); after allowClose it closes', () => {
    const { window, win } = opened();
    win.close();
    expect(win.destroyed).toBe(false);
    expect(win.visible).toBe(false);
    expect(calls).toContain('window.hide');
    expect(window.contents()).toBe(win.webContents);

    window.show();
    expect(FakeBrowserWindow.all).toHaveLength(1);
    expect(win.visible).toBe(true);

    window.allowClose();
    win.close();
    expect(win.destroyed).toBe(true);
    expect(window.contents()).toBeNull();
  });

  it('opens on a screen when asked (the notification opens Problems), restoring a minimised window', () => {
    const { window, win } = opened();
    win.minimized = true;
    win.hide();
    window.show('problems');
    expect(win.loaded.at(-1)).toBe('app://tillbridge/#/problems');
    expect(win.minimized).toBe(false);
    expect(win.visible).toBe(true);
    expect(calls.at(-1)).toBe('window.focus');

    const fresh = new DashboardWindow({ preload: PRELOAD, log: () => undefined });
    fresh.show('problems');
    expect(FakeBrowserWindow.all[1]!.loaded).toEqual(['app://tillbridge/#/problems']);
  });
});
