import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRAY_STATES, trayIconPath, trayTooltip, trayView, type TrayState } from '../../../../electron/shell/tray/tray-state';
import { STATUS_BY_STATE, statusView } from '../status-fixture';

const NOW = Date.parse('2026-12-01T08:00:00Z');

describe('tray state', () => {
  it.each([
    ['ok', 'ok', /Everything is in sync\./],
    ['syncing', 'syncing', /Syncing: Pushing products 1,200 of 50,000\./],
    ['needs-attention', 'needs-attention', /3 problems need a person/],
    ['offline', 'offline', /Offline\. store: connection refused/],
    ['paused', 'paused', /Paused: nothing is sent until you resume/],
    ['setup', 'paused', /Not set up yet: open the dashboard/],
    ['starting', 'syncing', /Starting/],
  ] as const)('the app state %s shows the %s icon and says so in words', (appState, icon, words) => {
    const view = trayView(STATUS_BY_STATE[appState], null, NOW);
    expect(view.state).toBe(icon);
    expect(view.words).toMatch(words);
    expect(trayTooltip(view)).toMatch(/^Tillbridge: /);
    expect(view.engineRuns).toBe(appState !== 'setup' && appState !== 'starting');
  });

  it('an engine that could not start is offline, says why and when it tries again', () => {
    const view = trayView(STATUS_BY_STATE.setup, { message: 'Another Tillbridge (pid 4242) uses this data folder.', attempts: 2, retryAt: NOW + 20_000 }, NOW);
    expect(view).toMatchObject({ state: 'offline', label: 'Could not start', engineRuns: false });
    expect(view.words).toBe('Could not start: Another Tillbridge (pid 4242) uses this data folder. Trying again in 20 s (attempt 3).');
  });

  it('saved settings that cannot start are named, and the demo says it is the demo', () => {
    const setup = statusView({ state: 'setup', health: { pos: { ok: false, message: 'not started: store.url is not a web address', checkedAt: null }, store: { ok: false, message: 'x', checkedAt: null } } });
    expect(trayView(setup, null, NOW).words).toMatch(/could not start \(store\.url is not a web address\)/);
    expect(trayView(statusView({ demo: true }), null, NOW).words).toBe('Everything is in sync (demo).');
  });

  it('keeps the tooltip within the 127 characters Windows shows', () => {
    const long = trayView(statusView({ state: 'offline', health: { pos: { ok: false, message: 'x'.repeat(300), checkedAt: null }, store: STATUS_BY_STATE.ok.health.store } }), null, NOW);
    const tooltip = trayTooltip(long);
    expect(tooltip.length).toBe(127);
    expect(tooltip.endsWith('…')).toBe(true);
  });

  it('names one icon file per state: .ico on Windows, .png elsewhere; the files exist in build/icons', () => {
    const dir = join(process.cwd(), 'build', 'icons');
    for (const state of TRAY_STATES) {
      expect(trayIconPath(state, 'win32', dir)).toBe(join(dir, `tray-${state}.ico`));
      expect(trayIconPath(state, 'linux', dir)).toBe(join(dir, `tray-${state}.png`));
    }
    // build/icons/ is drawn by another part of the project; when it is there, every name must be.
    const missing = TRAY_STATES.flatMap((s: TrayState) => [trayIconPath(s, 'win32', dir), trayIconPath(s, 'linux', dir)]).filter((f) => !existsSync(f));
    if (existsSync(dir)) expect(missing).toEqual([]);
  });
});
