/** Notifications on transitions only, through the fake `electron`; a click opens the Problems screen. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Notifier } from '../../../../electron/shell/tray/notifier';
import { trayView, type StartFailure } from '../../../../electron/shell/tray/tray-state';
import { FakeNotification, resetFakeElectron } from '../fake-electron';
import { STATUS_BY_STATE } from '../status-fixture';

vi.mock('electron', async () => (await import('../fake-electron.js')).fakeElectron);

const NOW = Date.parse('2026-12-01T08:00:00Z');
const view = (state: keyof typeof STATUS_BY_STATE, failure: StartFailure | null = null) => trayView(STATUS_BY_STATE[state], failure, NOW);

beforeEach(() => resetFakeElectron());

describe('desktop notifications', () => {
  it('appear when the state newly becomes needs-attention or offline, not on every run or retry', () => {
    const opened: string[] = [];
    const notifier = new Notifier(() => opened.push('problems'));
    const titles = () => FakeNotification.all.map((n) => n.options.title);

    notifier.observe(view('ok'));
    notifier.observe(view('needs-attention'));
    expect(titles()).toEqual(['Tillbridge needs attention']);
    expect(FakeNotification.all[0]!.options.body).toMatch(/3 problems need a person/);

    // A run in the middle of an open problem, and the app restarting with new settings, are no news.
    notifier.observe(view('syncing'));
    notifier.observe(view('needs-attention'));
    notifier.observe(view('starting'));
    notifier.observe(view('needs-attention'));
    expect(titles()).toHaveLength(1);

    notifier.observe(view('offline'));
    notifier.observe(view('offline'));
    notifier.observe(view('offline'));
    expect(titles()).toEqual(['Tillbridge needs attention', 'Tillbridge is offline']);

    notifier.observe(view('ok'));
    notifier.observe(view('needs-attention'));
    expect(titles()).toHaveLength(3);
    expect(FakeNotification.all.every((n) => n.shown)).toBe(true);

    FakeNotification.all[0]!.emit('click');
    expect(opened).toEqual(['problems']);
  });

  it('an engine that cannot start notifies once, however often it is retried', () => {
    const notifier = new Notifier(() => undefined);
    for (let attempts = 1; attempts <= 5; attempts++) {
      notifier.observe(view('starting'));
      notifier.observe(view('setup', { message: 'Another Tillbridge uses this data folder.', attempts, retryAt: NOW + 5000 * attempts }));
    }
    expect(FakeNotification.all.map((n) => n.options.title)).toEqual(['Tillbridge is offline']);
    expect(FakeNotification.all[0]!.options.body).toMatch(/^Could not start: Another Tillbridge/);
  });

  it('stays silent where the system has no notifications', () => {
    FakeNotification.supported = false;
    const notifier = new Notifier(() => undefined);
    notifier.observe(view('offline'));
    expect(FakeNotification.all).toEqual([]);
  });
});
