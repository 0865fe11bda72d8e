/**
 * The app around the engine: what the headless server and, later, the tray shell drive. It
 * runs before anything is configured (the first-run wizard), switches to the demo on request,
 * saves settings and rebuilds the engine with them, and tests connections — behind one API
 * (channels.ts) whose requests and answers are checked at this boundary.
 *
 *   setup ──start()/applySettings()──▶ starting ──▶ running
 *     └──────────startDemo()─────────▶ starting ──▶ demo
 *
 * Lifecycle steps (start, startDemo, applySettings, close) run one at a time. The events a page
 * hears come from one bus for the app's lifetime, re-fed by each new engine, so a subscription
 * survives a restart.
 */
import { join } from 'node:path';
import {
  CHANNELS, parseChannelAnswer, parseChannelRequest,
  type Channel, type ChannelAnswer, type EngineStatusView, type ParsedRequest, type SettingsInput, type TillbridgeApi,
} from '../engine/api/channels';
import { ApiUnavailableError, createEngineHandlers, engineStatusView, isEngineChannel, subscribeEngineEvents, type EngineHandlers } from '../engine/api/engine-api';
import { ApiEventBus } from '../engine/api/event-bus';
import type { QueryContext } from '../engine/api/queries';
import { EngineBusyError } from '../engine/instance-lock';
import { defaultDataDir, parseConfig, type TillbridgeConfig } from '../engine/settings/config';
import { checkDraft, idleStatus, mergeSettings, settingsView, testConnections } from './app-api';
import { openTillbridge, type Tillbridge } from './compose';
import { createDemoWorld, type DemoWorld } from './demo-world';
import { EncryptedFileSecretStore, FileSettingsStore, secretResolver, type SecretStore, type SettingsStore, type StoredSettings } from './settings-store';

export type AppState = 'setup' | 'starting' | 'running' | 'demo';

/** What an engine channel answers before setup. */
export const NOT_SET_UP = 'Tillbridge is not set up yet: connect a store and a POS, or start the demo.';

export interface TillbridgeAppOptions {
  /** The data folder: the engine's state, the secret store, and (by default) config.json. */
  dataDir?: string;
  /** Where settings live (default: config.json in the data folder). */
  settings?: SettingsStore;
  /** Where secrets live (default: the encrypted file in the data folder; the desktop shell passes safeStorage). */
  secrets?: SecretStore;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  demo?: {
    /** Items in a new demo POS (default 300). */
    items?: number;
    /** The practice store's port (default: any free port). */
    storePort?: number;
    /** Simulate the shop every N seconds (default 0: off). */
    activitySeconds?: number;
  };
}

/** One configured (or demo) Tillbridge while it runs, with what the API needs of it. */
interface Current {
  tb: Tillbridge;
  demo: DemoWorld | null;
  ctx: QueryContext;
  handlers: EngineHandlers;
  unsubscribe: () => void;
}

export class TillbridgeApp {
  /** Every event a page hears; subscribe once, it survives engine restarts. */
  readonly events = new ApiEventBus();
  /** The whole API: requests and answers checked against channels.ts. */
  readonly api: TillbridgeApi;
  readonly dataDir: string;
  readonly settings: SettingsStore;
  readonly secrets: SecretStore;

  private appState: AppState = 'setup';
  private current: Current | null = null;
  /** Why the configured engine could not start (shown in the status), or null. */
  private problem: string | null = null;
  private closed = false;
  private lifecycle: Promise<unknown> = Promise.resolve();
  private readonly inflight = new Map<string, Promise<unknown>>();
  private readonly env: NodeJS.ProcessEnv;
  private readonly log: (line: string) => void;

  constructor(private readonly opts: TillbridgeAppOptions = {}) {
    this.env = opts.env ?? process.env;
    this.dataDir = opts.dataDir ?? defaultDataDir(this.env);
    this.settings = opts.settings ?? new FileSettingsStore(join(this.dataDir, 'config.json'));
    this.secrets = opts.secrets ?? new EncryptedFileSecretStore(this.dataDir);
    this.log = opts.log ?? (() => undefined);
    this.api = this.buildApi();
  }

  get state(): AppState {
    return this.appState;
  }

  /** The running Tillbridge (configured or demo), or null in setup and while starting. */
  get tillbridge(): Tillbridge | null {
    return this.appState === 'running' || this.appState === 'demo' ? this.current?.tb ?? null : null;
  }

  /** The demo world while the demo runs. */
  get demoWorld(): DemoWorld | null {
    return this.appState === 'demo' ? this.current?.demo ?? null : null;
  }

  /**
   * Starts the configured engine, or stays in setup when nothing is configured or the settings
   * cannot start (the status then says why). Throws only when another engine holds the data folder.
   */
  start(): Promise<AppState> {
    return this.serial(async () => {
      await this.stopCurrent();
      await this.startConfigured();
      return this.appState;
    });
  }

  /** Stops whatever runs and starts the demo world (demo POS + practice store) with its own engine. */
  startDemo(): Promise<ChannelAnswer<'startDemo'>> {
    return this.serial(async () => {
      if (this.appState === 'demo' && this.current?.demo) return { ok: true, message: `The demo is already running (practice store ${this.current.demo.store.url}).` };
      await this.stopCurrent();
      this.setState('starting');
      let world: DemoWorld | null = null;
      try {
        world = await createDemoWorld({ dataDir: join(this.dataDir, 'demo'), items: this.opts.demo?.items, storePort: this.opts.demo?.storePort, log: this.log });
        const tb = openTillbridge(world.config, { log: this.log, secrets: secretResolver(null, this.env) });
        this.attach(tb, world);
        const seconds = this.opts.demo?.activitySeconds ?? 0;
        if (seconds > 0) world.startActivity(seconds, (e) => this.log(`demo activity: ${e.message}`));
        this.problem = null;
        this.setState('demo');
        return { ok: true, message: `The demo runs: a demo POS and a practice store (${world.store.url}); the catalogue is being pushed as drafts.` };
      } catch (e) {
        await world?.close().catch(() => undefined);
        const message = `The demo could not start: ${(e as Error).message}`;
        this.log(message);
        await this.startConfigured();
        return { ok: false, message };
      }
    });
  }

  /**
   * Saves settings from the settings form and restarts with them. Checked first (field errors
   * by dotted path; then nothing is saved and what runs keeps running); then the engine that
   * runs is stopped cleanly (its run in progress ends), the secrets go to the secret store and
   * the rest to the settings store, and the new engine starts.
   */
  applySettings(input: SettingsInput): Promise<ChannelAnswer<'saveSettings'>> {
    return this.serial(async () => {
      const stored = this.loadStored();
      const draft = mergeSettings(stored, input);
      const checked = checkDraft(draft, { ...this.checkContext(), checkStoreIdentity: true });
      if (checked.fieldErrors.length > 0) {
        return {
          ok: false as const, fieldErrors: checked.fieldErrors,
          message: `Nothing was saved. Fix: ${checked.fieldErrors.map((e) => `${e.field}: ${e.message}`).join(' ')}`,
        };
      }
      await this.stopCurrent();
      this.setState('starting');
      for (const [name, value] of Object.entries(draft.secrets)) this.secrets.set(name, value);
      // A data folder other than the default is written down, so the CLI finds the state and the secrets.
      if (draft.raw.dataDir === undefined && this.dataDir !== defaultDataDir(this.env)) draft.raw.dataDir = this.dataDir;
      this.settings.save(draft.raw as StoredSettings);
      await this.startConfigured();
      if (this.appState !== 'running') {
        return { ok: false as const, fieldErrors: [], message: `The settings were saved, but Tillbridge could not start with them: ${this.problem ?? 'unknown reason'}` };
      }
      return { ok: true as const, settings: this.settingsView(), message: 'Saved. Tillbridge restarted with the new settings.' };
    });
  }

  /** Tests the POS and the store for the given settings laid over the stored ones; saves nothing. */
  async testConnections(input: SettingsInput): Promise<ChannelAnswer<'testConnections'>> {
    const draft = mergeSettings(this.loadStored(), input);
    const ctx = this.checkContext();
    return testConnections(checkDraft(draft, ctx), draft, ctx);
  }

  /** The status the tray and the dashboard show (in setup: zero counts and why). */
  status(): EngineStatusView {
    if (this.appState === 'starting') return idleStatus('starting', 'starting');
    const cur = this.current;
    if (!cur) return idleStatus('setup', this.problem ? `not started: ${this.problem}` : 'not set up');
    return engineStatusView(cur.ctx, cur.demo !== null);
  }

  settingsView(): ChannelAnswer<'settings'> {
    let stored: StoredSettings | null = null;
    let source = this.settings.describe();
    try {
      stored = this.settings.load();
    } catch (e) {
      source = `${source} (cannot be read: ${(e as Error).message})`;
    }
    return settingsView({ stored, secrets: this.secrets, env: this.env, demo: this.appState === 'demo', source });
  }

  /** Stops the engine (waiting for its run in progress) and the demo world; the API refuses calls afterwards. */
  close(): Promise<void> {
    return this.serial(async () => {
      await this.stopCurrent();
      this.closed = true;
      this.setState('setup');
    }, { evenWhenClosed: true });
  }

  // ---------------------------------------------------------------- lifecycle

  private serial<T>(fn: () => Promise<T>, opts: { evenWhenClosed?: boolean } = {}): Promise<T> {
    const run = this.lifecycle.then(() => {
      if (this.closed && !opts.evenWhenClosed) throw new ApiUnavailableError('Tillbridge has been closed.');
      return fn();
    });
    this.lifecycle = run.catch(() => undefined);
    return run;
  }

  private setState(state: AppState): void {
    this.appState = state;
    this.events.publish('status', this.status());
  }

  private loadStored(): StoredSettings | null {
    try {
      return this.settings.load();
    } catch {
      return null; // an unreadable config file: the form writes a fresh one
    }
  }

  private checkContext() {
    return { secrets: this.secrets, env: this.env, baseDir: this.settings.baseDir(), dataDir: this.dataDir };
  }

  /** Starts the engine from the stored settings; in setup when there are none or they cannot start. */
  private async startConfigured(): Promise<void> {
    let stored: StoredSettings | null;
    try {
      stored = this.settings.load();
    } catch (e) {
      this.problem = (e as Error).message;
      this.setState('setup');
      return;
    }
    if (!stored) {
      this.problem = null;
      this.setState('setup');
      return;
    }
    this.setState('starting');
    let config: TillbridgeConfig;
    try {
      config = parseConfig({ dataDir: this.dataDir, ...stored }, this.settings.baseDir());
      this.attach(openTillbridge(config, { log: this.log, secrets: secretResolver(this.secrets, this.env) }), null);
    } catch (e) {
      this.problem = (e as Error).message;
      this.log(`Tillbridge could not start: ${this.problem}`);
      this.setState('setup');
      if (e instanceof EngineBusyError) throw e;
      return;
    }
    this.problem = null;
    this.setState('running');
  }

  private attach(tb: Tillbridge, demo: DemoWorld | null): void {
    const ctx: QueryContext = { engine: tb.engine, pos: tb.pos, catalog: tb.catalog, config: tb.config, ordersOffReason: tb.ordersOffReason };
    const unsubscribe = subscribeEngineEvents(ctx, (event, payload) => this.events.publish(event, payload), { demo: demo !== null });
    this.current = { tb, demo, ctx, handlers: createEngineHandlers(ctx), unsubscribe };
    tb.engine.start();
  }

  /** Stops the engine that runs (its run in progress ends first) and the demo world, if any. */
  private async stopCurrent(): Promise<void> {
    const cur = this.current;
    if (!cur) return;
    this.current = null;
    this.setState('starting');
    // The engine is gone either way: a failure to close is logged, and the next step goes on.
    await cur.tb.close().catch((e: unknown) => this.log(`Stopping the engine: ${(e as Error).message}`));
    cur.unsubscribe();
    await cur.demo?.close().catch((e: unknown) => this.log(`Stopping the demo: ${(e as Error).message}`));
  }

  // ---------------------------------------------------------------- the API

  private buildApi(): TillbridgeApi {
    const api = {} as Record<Channel, (request: unknown) => Promise<unknown>>;
    for (const channel of Object.keys(CHANNELS) as Channel[]) {
      api[channel] = async (request: unknown) => {
        const parsed = parseChannelRequest(channel, request);
        const run = async () => parseChannelAnswer(channel, await this.answer(channel, parsed));
        if (CHANNELS[channel].kind !== 'command') return run();
        // A command sent again while the same one runs (a double click) gets the first one's answer.
        const key = `${channel}\u0000${stableJson(parsed)}`;
        const running = this.inflight.get(key);
        if (running) return running;
        const promise = run().finally(() => { if (this.inflight.get(key) === promise) this.inflight.delete(key); });
        this.inflight.set(key, promise);
        return promise;
      };
    }
    return api as TillbridgeApi;
  }

  private async answer<K extends Channel>(channel: K, request: ParsedRequest<K>): Promise<unknown> {
    switch (channel) {
      case 'status': return this.status();
      case 'settings': return this.settingsView();
      case 'saveSettings': return this.applySettings(request as ParsedRequest<'saveSettings'>);
      case 'testConnections': return this.testConnections(request as ParsedRequest<'testConnections'>);
      case 'startDemo': return this.startDemo();
    }
    if (!isEngineChannel(channel)) throw new ApiUnavailableError(`"${channel}" has no handler.`);
    if (this.closed) throw new ApiUnavailableError('Tillbridge has been closed.');
    if (this.appState === 'starting') throw new ApiUnavailableError('Tillbridge is starting (settings are being applied); try again in a moment.');
    const cur = this.current;
    if (!cur) throw new ApiUnavailableError(this.problem ? `${NOT_SET_UP} (The saved settings could not start: ${this.problem})` : NOT_SET_UP);
    const answer = await (cur.handlers[channel] as (r: unknown) => Promise<unknown>)(request);
    // pause/resume answer the status: say whether it is the demo's.
    return channel === 'pause' || channel === 'resume' ? { ...(answer as EngineStatusView), demo: cur.demo !== null } : answer;
  }
}

/** JSON with object keys sorted, so the same request always gives the same key. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v));
}
