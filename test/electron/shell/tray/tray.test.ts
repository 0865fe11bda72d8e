/**
 * The tray through the fake `electron` module: its icon and tooltip follow every state, its menu
 * is built again on each change, and every item reaches the app, the login item or the OS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelAnswer, TillbridgeApi } from '../../../../electron/engine/api/channels';
import type { LoginItem } from '../../../../electron/shell/login/login-item';
import { trayActions } from '../../../../electron/shell/tray/tray-actions';
import { TrayController } from '../../../../electron/shell/tray/tray-controller';
import type { TrayActions, TrayMenuInput } from '../../../../electron/shell/tray/tray-menu';
import { trayView } from '../../../../electron/shell/tray/tray-state';
import { calls, FakeTray, resetFakeElectron, shell } from '../fake-electron';
import { STATUS_BY_STATE, statusView } from '../status-fixture';

vi.mock('electron', async () => (await import('../fake-electron.js')).fakeElectron);

const NOW = Date.parse('2026-12-01T08:00:00Z');
const ICONS = '/icons-that-are-not-here';
const emptyDir = mkdtempSync(join(tmpdir(), 'tb-tray-'));
afterAll(() => rmSync(emptyDir, { recursive: true, force: true }));

const input = (state: keyof typeof STATUS_BY_STATE, over: Partial<TrayMenuInput> = {}): TrayMenuInput => ({
  view: trayView(STATUS_BY_STATE[state], null, NOW), startAtLogin: { enabled: false, supported: true }, warning: null, ...over,
});

const noActions: TrayActions = {
  openDashboard: () => undefined, syncNow: () => undefined, pause: () => undefined, resume: () => undefined,
  setStartAtLogin: () => undefined, openLogsFolder: () => undefined, quit: () => undefined,
};

function onlyTray(): FakeTray {
  expect(FakeTray.all).toHaveLength(1);
  return FakeTray.all[0]!;
}

beforeEach(() => resetFakeElectron());

describe('the tray icon', () => {
  it('follows every state with its icon, tooltip and menu, and tolerates missing icon files', () => {
    const controller = new TrayController({ iconsDir: ICONS, platform: 'linux', actions: noActions }, input('setup'));
    const tray = onlyTray();
    expect(tray.images).toEqual([join(ICONS, 'tray-paused.png')]);
    expect(tray.tooltips.at(-1)).toMatch(/^Tillbridge: Not set up yet/);
    expect(tray.menu.item('state').label).toBe('Tillbridge: Not set up');
    expect(tray.menu.item('sync').enabled).toBe(false);

    for (const [state, icon] of [['starting', 'syncing'], ['ok', 'ok'], ['syncing', 'syncing'], ['needs-attention', 'needs-attention'], ['offline', 'offline'], ['paused', 'paused']] as const) {
      const menusBefore = tray.menus.length;
      controller.show(input(state));
      expect(tray.images.at(-1)).toBe(join(ICONS, `tray-${icon}.png`));
      expect(tray.tooltips.at(-1)).toBe(`Tillbridge: ${trayView(STATUS_BY_STATE[state], null, NOW).words}`);
      // Linux shows a menu as it was when set: every change sets a new one.
      expect(tray.menus.length).toBe(menusBefore + 1);
    }
    expect(tray.menu.item('resume').label).toBe('Resume');
    expect(() => tray.menu.item('pause')).toThrow();
  });

  it('uses the .ico files on Windows', () => {
    const controller = new TrayController({ iconsDir: ICONS, platform: 'win32', actions: noActions }, input('ok'));
    controller.show(input('needs-attention'));
    expect(onlyTray().images).toEqual([join(ICONS, 'tray-ok.ico'), join(ICONS, 'tray-needs-attention.ico')]);
  });

  it('does not rebuild the menu for a status that changes nothing in it (progress ticks)', () => {
    const controller = new TrayController({ iconsDir: ICONS, platform: 'linux', actions: noActions }, input('syncing'));
    const tray = onlyTray();
    controller.show({ ...input('syncing'), view: trayView(statusView({ state: 'syncing', running: 'products', progress: { phase: 'Pushing products', done: 1300, total: 50000 } }), null, NOW) });
    expect(tray.menus).toHaveLength(1);
    expect(tray.tooltips.at(-1)).toMatch(/1,300 of 50,000/);
    expect(tray.images).toHaveLength(1);
    controller.show(input('syncing', { startAtLogin: { enabled: true, supported: true } }));
    expect(tray.menus).toHaveLength(2);
    expect(tray.menu.item('login').checked).toBe(true);
  });

  it('shows a warning line when secrets have no key store', () => {
    new TrayController({ iconsDir: emptyDir, platform: 'linux', actions: noActions }, input('ok', { warning: 'Secrets are not protected by a key store' }));
    expect(onlyTray().menu.item('warning')).toMatchObject({ label: 'Secrets are not protected by a key store', enabled: false });
  });
});

describe('the tray menu', () => {
  /** A stand-in for the app's API: the three channels the tray calls, recording each call. */
  function apiStandIn() {
    const asked: string[] = [];
    const status = (paused: boolean) => ({ ...statusView({ state: paused ? 'paused' : 'ok', paused }) });
    const run: ChannelAnswer<'syncNow'> = { runId: 1, status: 'ok', created: 0, updated: 2, unchanged: 8, failed: 0, requests: 1, durationMs: 12, message: null };
    const api: Pick<TillbridgeApi, 'syncNow' | 'pause' | 'resume'> = {
      syncNow: async (req) => { asked.push(`syncNow ${JSON.stringify(req)}`); return run; },
      pause: async () => { asked.push('pause'); return status(true); },
      resume: async () => { asked.push('resume'); return status(false); },
    };
    return { api, asked };
  }

  function loginStandIn(): LoginItem & { enabled: boolean } {
    const item = {
      enabled: false,
      view: () => ({ enabled: item.enabled, supported: true, how: 'a stand-in' }),
      set: (enabled: boolean) => { item.enabled = enabled; return item.view(); },
    };
    return item;
  }

  it('each item calls the app: Open dashboard, Sync now, Pause, Resume, Start at login, Open logs folder, Quit', async () => {
    const { api, asked } = apiStandIn();
    const login = loginStandIn();
    const shown: Array<string | undefined> = [];
    let refreshed = 0;
    const quit = vi.fn(async () => { calls.push('quit asked'); });
    const actions = trayActions({
      api, loginItem: login, logsDir: '/home/shop/.config/Tillbridge/logs', quit,
      window: { show: (route) => { shown.push(route); } }, refresh: () => { refreshed++; }, log: () => undefined,
    });
    const controller = new TrayController({ iconsDir: ICONS, platform: 'linux', actions }, input('ok'));
    const tray = onlyTray();

    tray.menu.click('open');
    expect(shown).toEqual([undefined]);

    tray.menu.click('sync');
    tray.menu.click('pause');
    await vi.waitFor(() => expect(asked).toEqual(['syncNow {}', 'pause']));
    await vi.waitFor(() => expect(refreshed).toBe(1));
    controller.show(input('paused'));
    tray.menu.click('resume');
    await vi.waitFor(() => expect(asked.at(-1)).toBe('resume'));

    tray.menu.click('login');
    expect(login.enabled).toBe(true);
    controller.show(input('ok', { startAtLogin: login.view() }));
    expect(tray.menu.item('login').checked).toBe(true);
    tray.menu.click('login');
    expect(login.enabled).toBe(false);

    tray.menu.click('logs');
    expect(shell.opened).toEqual(['/home/shop/.config/Tillbridge/logs']);

    tray.menu.click('quit');
    expect(quit).toHaveBeenCalledOnce();
  });

  it('a failing action is logged, not thrown into the menu', async () => {
    const lines: string[] = [];
    const actions = trayActions({
      api: { syncNow: async () => { throw new Error('Tillbridge is not set up yet'); }, pause: async () => { throw new Error('x'); }, resume: async () => { throw new Error('x'); } },
      loginItem: { view: () => ({ enabled: false, supported: true, how: '' }), set: () => { throw new Error('read-only home'); } },
      logsDir: '/logs', quit: async () => undefined, window: { show: () => undefined }, refresh: () => undefined, log: (l) => lines.push(l),
    });
    actions.syncNow();
    actions.setStartAtLogin(true);
    await vi.waitFor(() => expect(lines).toEqual(['Start at login failed: read-only home', 'Sync now failed: Tillbridge is not set up yet']));
  });
});
