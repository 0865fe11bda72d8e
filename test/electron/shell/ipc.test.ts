/**
 * The one IPC bridge, through the fake `electron`: the main side answers our page only, checks
 * every channel and payload, and forwards the app's events; the preload builds one `api` object
 * and `events.on`. End to end, the preload's api reaches a real TillbridgeApp (in setup, in a
 * temporary data folder) through the fake IPC.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebContents } from 'electron';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { NOT_SET_UP, TillbridgeApp } from '../../../electron/compose/app';
import { FileSettingsStore, MemorySecretStore } from '../../../electron/compose/settings-store';
import { CHANNELS, type EventPayload } from '../../../electron/engine/api/channels';
import type { DesktopApi } from '../../../electron/shell/desktop-channels';
import { answerCall, ForeignSenderError, openIpcBridge } from '../../../electron/shell/ipc-main';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../../electron/shell/ipc-names';
import { api, events } from '../../../electron/shell/preload';
import { contextBridge, FakeWebContents, ipcMain, ipcRenderer, rendererFrame, resetFakeElectron } from './fake-electron';
import { statusView } from './status-fixture';

vi.mock('electron', async () => (await import('./fake-electron.js')).fakeElectron);

/** What the preload handed the page when it loaded (before any test resets the fake). */
const exposedAtLoad = { ...contextBridge.exposed };

let root: string;
let app: TillbridgeApp;
const page = new FakeWebContents();
const lines: string[] = [];
let login = false;
const desktop: DesktopApi = {
  startAtLogin: async () => ({ enabled: login, supported: true, how: 'a stand-in' }),
  setStartAtLogin: async ({ enabled }) => { login = enabled; return { enabled, supported: true, how: 'a stand-in' }; },
};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'tb-ipc-'));
  app = new TillbridgeApp({ dataDir: root, settings: new FileSettingsStore(join(root, 'config.json')), secrets: new MemorySecretStore(), env: {} });
});
afterAll(async () => {
  await app.close();
  rmSync(root, { recursive: true, force: true });
});
beforeEach(() => {
  resetFakeElectron();
  page.url = 'app://tillbridge/';
  page.destroyed = false;
  page.sent = [];
  lines.length = 0;
});

function bridge(): () => void {
  return openIpcBridge({ api: app.api, desktop, events: app.events, target: () => page as unknown as WebContents, log: (l) => lines.push(l) });
}

describe('the main side of the bridge', () => {
  it('refuses a call from a foreign frame, a subframe or a frame that is gone, without asking the app', async () => {
    const close = bridge();
    const status = vi.spyOn(app.api, 'status');
    for (const frame of [{ url: 'https://evil.example/', parent: null }, { url: 'file:///home/shop/x.html', parent: null }, { url: 'app://tillbridge/', parent: {} }, null]) {
      await expect(ipcMain.invokeFrom(frame, CALL_CHANNEL, 'status', {})).rejects.toThrow(ForeignSenderError);
    }
    expect(status).not.toHaveBeenCalled();
    expect(lines[0]).toBe('Refused an IPC call from https://evil.example/');
    status.mockRestore();
    close();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('answers a malformed call in words: no channel name, an unknown channel, a request that does not fit', async () => {
    const close = bridge();
    const ours = { url: 'app://tillbridge/#/products', parent: null };
    expect(await ipcMain.invokeFrom(ours, CALL_CHANNEL, 42, {})).toEqual({ ok: false, error: 'bad-request', message: 'A call must name its channel.' });
    expect(await ipcMain.invokeFrom(ours, CALL_CHANNEL, '__proto__', {})).toMatchObject({ ok: false, error: 'not-found' });
    expect(await ipcMain.invokeFrom(ours, CALL_CHANNEL, 'product', { sku: 5 })).toMatchObject({ ok: false, error: 'bad-request', message: expect.stringMatching(/^Bad request for "product": sku/) });
    expect(await ipcMain.invokeFrom(ours, CALL_CHANNEL, 'status', { extra: true })).toMatchObject({ ok: false, error: 'bad-request' });
    expect(await ipcMain.invokeFrom(ours, CALL_CHANNEL, 'setStartAtLogin', { enabled: 'yes' })).toMatchObject({ ok: false, error: 'bad-request' });
    close();
  });

  it('passes a good call to the app and returns its answer; an engine channel before setup says why', async () => {
    const close = bridge();
    const ours = { url: 'app://tillbridge/', parent: null };
    expect(await ipcMain.invokeFrom(ours, CALL_CHANNEL, 'status', {})).toMatchObject({ ok: true, answer: { state: 'setup' } });
    expect(await ipcMain.invokeFrom(ours, CALL_CHANNEL, 'settings', undefined)).toMatchObject({ ok: true, answer: { configured: false } });
    expect(await ipcMain.invokeFrom(ours, CALL_CHANNEL, 'problems', {})).toEqual({ ok: false, error: 'unavailable', message: NOT_SET_UP });
    expect(await ipcMain.invokeFrom(ours, CALL_CHANNEL, 'setStartAtLogin', { enabled: true })).toEqual({ ok: true, answer: { enabled: true, supported: true, how: 'a stand-in' } });
    close();
  });

  it('forwards the app\'s events to the page while it is ours, and stops when closed', () => {
    const close = bridge();
    const payload = statusView({ state: 'syncing', running: 'products' });
    app.events.publish('status', payload);
    expect(page.sent).toEqual([[EVENT_CHANNEL, 'status', payload]]);
    page.url = 'https://evil.example/';
    app.events.publish('progress', null);
    page.url = 'app://tillbridge/';
    page.destroyed = true;
    app.events.publish('progress', null);
    page.destroyed = false;
    close();
    app.events.publish('progress', null);
    expect(page.sent).toHaveLength(1);
  });

  it('answerCall wraps an unexpected failure with its message', async () => {
    const failing = { ...app.api, status: async () => { throw new Error('disk full'); } };
    expect(await answerCall(failing, desktop, 'status', {})).toEqual({ ok: false, error: 'failed', message: 'disk full' });
  });
});

describe('the preload', () => {
  it('exposes one api object with a function per channel and events.on, and needs nothing but electron', async () => {
    expect(Object.keys(exposedAtLoad)).toEqual(['tillbridge', 'tillbridgeEvents']);
    expect(exposedAtLoad.tillbridge).toBe(api);
    expect(exposedAtLoad.tillbridgeEvents).toBe(events);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(CHANNELS), 'startAtLogin', 'setStartAtLogin'].sort());
    for (const fn of Object.values(api)) expect(typeof fn).toBe('function');

    // A sandboxed preload can require only electron: everything else must be `import type`.
    const source = readFileSync(join(process.cwd(), 'electron/shell/preload.ts'), 'utf8');
    const runtimeImports = [...source.matchAll(/^import (?!type )[^;]*from '([^']+)';$/gm)].map((m) => m[1]);
    expect(runtimeImports).toEqual(['electron']);
  });

  it('reaches a real TillbridgeApp through the bridge, and shows the app\'s words when it refuses', async () => {
    const close = bridge();
    expect(await api.status({})).toMatchObject({ state: 'setup', demo: false });
    await expect(api.problems({})).rejects.toThrow(NOT_SET_UP);
    await expect(api.product({ sku: '' })).rejects.toThrow(/Bad request for "product"/);
    expect(await api.setStartAtLogin({ enabled: false })).toMatchObject({ enabled: false });

    rendererFrame.url = 'https://evil.example/';
    await expect(api.status({})).rejects.toThrow(/Refused/);
    close();
  });

  it('delivers events to each listener of that name until it unsubscribes', async () => {
    const heard: Array<EventPayload<'status'>> = [];
    const off = events.on('status', (s) => heard.push(s));
    const progress: unknown[] = [];
    events.on('progress', (p) => progress.push(p));
    ipcRenderer.deliver(EVENT_CHANNEL, 'status', statusView());
    ipcRenderer.deliver(EVENT_CHANNEL, 'order-run', {});
    off();
    ipcRenderer.deliver(EVENT_CHANNEL, 'status', statusView());
    expect(heard).toEqual([statusView()]);
    expect(progress).toEqual([]);
    expect(() => events.on('nope' as 'status', () => undefined)).toThrow(/no event "nope"/);
  });
});
