/**
 * The engine side, hosted in the main process through TillbridgeApp (never in the page). Starting
 * can fail — another Tillbridge (`tillbridge run` in a terminal) holds the data folder — and then
 * it is tried again with backoff while the tray says so. Everything the tray shows comes from
 * view(); onChange says when to look again.
 */
import type { AppState } from '../../compose/app';
import type { EngineStatusView, TillbridgeApi } from '../../engine/api/channels';
import type { ApiEventBus } from '../../engine/api/event-bus';
import { trayView, type StartFailure, type TrayView } from '../tray/tray-state';

/** What the shell needs of the app; TillbridgeApp is one. */
export interface HostedApp {
  readonly api: TillbridgeApi;
  readonly events: Pick<ApiEventBus, 'on'>;
  status(): EngineStatusView;
  start(): Promise<AppState>;
  close(): Promise<void>;
}

/** Wait before the next start attempt: 5 s, 10 s, 20 s … at most 5 minutes. */
export function startRetryDelayMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 5 * 60_000);
}

export interface EngineHostOptions {
  log(line: string): void;
  now?: () => number;
  /** Called once, after the first start that did not fail. */
  onStarted?: () => void;
  /** The wait before attempt n+1 after n failures (default startRetryDelayMs). */
  retryDelayMs?: (attempts: number) => number;
}

export class EngineHost {
  private failure: StartFailure | null = null;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;
  private started = false;
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;

  constructor(readonly app: HostedApp, private readonly opts: EngineHostOptions) {
    this.now = opts.now ?? Date.now;
    app.events.on('status', () => this.changed());
  }

  /** Starts the app's engine; on failure, schedules the next attempt and returns. */
  async start(): Promise<void> {
    this.retry = null;
    try {
      await this.app.start();
      this.failure = null;
      if (!this.started) {
        this.started = true;
        this.opts.onStarted?.();
      }
    } catch (e) {
      if (this.closed) return;
      const attempts = (this.failure?.attempts ?? 0) + 1;
      const delay = (this.opts.retryDelayMs ?? startRetryDelayMs)(attempts);
      const message = (e as Error).message;
      this.failure = { message, attempts, retryAt: this.now() + delay };
      this.opts.log(`Tillbridge could not start (attempt ${attempts}): ${message} Trying again in ${Math.round(delay / 1000)} s.`);
      this.retry = setTimeout(() => void this.start(), delay);
    }
    this.changed();
  }

  view(): TrayView {
    return trayView(this.app.status(), this.failure, this.now());
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  /** Stops retrying and closes the app (its engine finishes the run in progress first). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    await this.app.close();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
