/**
 * The engine hosted in the main process: a start that fails is tried again with backoff and the
 * tray says so. With a typed stand-in for the app (fake timers for the backoff), then with two
 * real TillbridgeApps on one data folder, the second waiting for the first to let go.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSqliteDemoPos } from '../../../../connectors/pos/demo/demo-pos';
import { startEmulator, type RunningEmulator } from '../../../../connectors/woocommerce-emulator/server';
import { TillbridgeApp, type AppState } from '../../../../electron/compose/app';
import type { EngineStatusView, TillbridgeApi } from '../../../../electron/engine/api/channels';
import { ApiEventBus } from '../../../../electron/engine/api/event-bus';
import { EngineHost, startRetryDelayMs, type HostedApp } from '../../../../electron/shell/lifecycle/engine-host';
import { STATUS_BY_STATE } from '../status-fixture';

/** A HostedApp whose start fails a given number of times, then runs. */
class FlakyApp implements HostedApp {
  readonly api = {} as TillbridgeApi;
  readonly events = new ApiEventBus();
  starts = 0;
  closed = 0;
  private state: AppState = 'setup';
  constructor(private failures: number) {}
  status(): EngineStatusView { return this.state === 'running' ? STATUS_BY_STATE.ok : STATUS_BY_STATE.setup; }
  async start(): Promise<AppState> {
    this.starts++;
    if (this.failures-- > 0) throw new Error('Another Tillbridge engine (process 4242) is already running on this data folder (/data). Stop it first, or use its dashboard.');
    this.state = 'running';
    this.events.publish('status', this.status());
    return this.state;
  }
  async close(): Promise<void> { this.closed++; }
}

afterEach(() => { vi.useRealTimers(); });

describe('starting the engine', () => {
  it('waits 5 s, 10 s, 20 s … at most 5 minutes between attempts', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => startRetryDelayMs(n) / 1000)).toEqual([5, 10, 20, 40, 80, 160, 300, 300, 300]);
  });

  it('retries a failed start with backoff, the tray saying so, until it runs', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-01T08:00:00Z') });
    const app = new FlakyApp(2);
    const started = vi.fn();
    const lines: string[] = [];
    const host = new EngineHost(app, { log: (l) => lines.push(l), onStarted: started });
    const views: string[] = [];
    host.onChange(() => views.push(`${host.view().state}: ${host.view().words}`));

    await host.start();
    expect(host.view()).toMatchObject({ state: 'offline', label: 'Could not start', engineRuns: false });
    expect(views.at(-1)).toMatch(/^offline: Could not start: Another Tillbridge engine \(process 4242\).* Trying again in 5 s \(attempt 2\)\.$/);
    expect(lines.at(-1)).toMatch(/could not start \(attempt 1\).*Trying again in 5 s\./);

    await vi.advanceTimersByTimeAsync(4_999);
    expect(app.starts).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(app.starts).toBe(2);
    expect(views.at(-1)).toMatch(/Trying again in 10 s \(attempt 3\)\.$/);

    await vi.advanceTimersByTimeAsync(10_000);
    expect(app.starts).toBe(3);
    expect(host.view()).toMatchObject({ state: 'ok', engineRuns: true });
    expect(views.at(-1)).toBe('ok: Everything is in sync.');
    expect(started).toHaveBeenCalledOnce();
  });

  it('closing stops the retries and closes the app', async () => {
    vi.useFakeTimers();
    const app = new FlakyApp(5);
    const host = new EngineHost(app, { log: () => undefined });
    await host.start();
    await host.close();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(app.starts).toBe(1);
    expect(app.closed).toBe(1);
  });
});

describe('with real apps on one data folder', () => {
  let root: string;
  let shop: RunningEmulator;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'tb-host-'));
    shop = await startEmulator({ keys: { ck: 'ck_host_key', cs: 'cs_host_secret' } });
    await createSqliteDemoPos(join(root, 'pos.sqlite'), { items: 8, seed: 5, referenceDate: '2026-11-30' });
  });
  afterAll(async () => {
    await shop.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('the second waits, offline in the tray, while the first holds the folder, then runs', async () => {
    const dataDir = join(root, 'data');
    const settings = {
      store: { url: shop.url, consumerKey: 'ck_host_key', consumerSecret: 'cs_host_secret', authMode: 'basic' as const },
      pos: { profile: 'demo', driver: 'sqlite' as const, sqliteFile: join(root, 'pos.sqlite') }, sync: { pollSeconds: 60 },
    };
    const first = new TillbridgeApp({ dataDir, env: {} });
    expect((await first.api.saveSettings(settings)).ok).toBe(true);
    expect(first.state).toBe('running');

    const second = new TillbridgeApp({ dataDir, env: {} });
    const host = new EngineHost(second, { log: () => undefined, retryDelayMs: () => 5 });
    const offline = new Promise<string>((resolve) => { const off = host.onChange(() => { if (host.view().state === 'offline') { off(); resolve(host.view().words); } }); });
    await host.start();
    expect(await offline).toMatch(/^Could not start: Another Tillbridge engine \(process \d+\) is already running on this data folder/);

    const running = new Promise<void>((resolve) => { const off = host.onChange(() => { if (host.view().engineRuns) { off(); resolve(); } }); });
    await first.close();
    await running;
    expect(second.state).toBe('running');
    await host.close();
  });
});
