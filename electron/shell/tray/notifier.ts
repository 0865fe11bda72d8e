/**
 * Desktop notifications when Tillbridge newly needs a person: the tray's state entering
 * needs-attention or offline. Not on every retry or every run that keeps the state: only a
 * change counts, and passing states (syncing, starting) do not break a streak, so a restart or a
 * run in the middle of an open problem does not notify again. A click opens the Problems screen.
 */
import { Notification } from 'electron';
import type { TrayState, TrayView } from './tray-state';

const ALERTS: ReadonlySet<TrayState> = new Set(['needs-attention', 'offline']);
const PASSING: ReadonlySet<TrayState> = new Set(['syncing']);

/** Which settled state a view brings, and whether it is news: pure, tested on its own. */
export function alertTransition(previous: TrayState | null, view: TrayView): { settled: TrayState | null; notify: boolean } {
  // A run in progress, or an engine being (re)built (shown as syncing), keeps the state before it.
  if (PASSING.has(view.state)) return { settled: previous, notify: false };
  return { settled: view.state, notify: ALERTS.has(view.state) && view.state !== previous };
}

export class Notifier {
  private settled: TrayState | null = null;
  /** Kept until closed: a notification that is garbage-collected loses its click handler. */
  private readonly shown = new Set<Notification>();

  constructor(private readonly onOpenProblems: () => void) {}

  observe(view: TrayView): void {
    const t = alertTransition(this.settled, view);
    this.settled = t.settled;
    if (t.notify) this.notify(view);
  }

  private notify(view: TrayView): void {
    if (!Notification.isSupported()) return;
    const n = new Notification({
      title: view.state === 'offline' ? 'Tillbridge is offline' : 'Tillbridge needs attention',
      body: view.words,
    });
    n.on('click', () => this.onOpenProblems());
    n.on('close', () => this.shown.delete(n));
    this.shown.add(n);
    n.show();
  }
}
