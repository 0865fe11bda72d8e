/**
 * What the tray shows, from the app's status: one of five icons and a sentence. Pure, so every
 * state is tested without Electron. The app's own states map onto the icons the person knows:
 * `setup` (nothing configured, nothing runs) shows as paused, `starting` as syncing, and an engine
 * that could not start (and is being retried) as offline.
 */
import { join } from 'node:path';
import type { EngineStatusView } from '../../engine/api/channels';

export const TRAY_STATES = ['ok', 'syncing', 'needs-attention', 'offline', 'paused'] as const;
export type TrayState = (typeof TRAY_STATES)[number];

/** An engine start that failed and waits for its next attempt. */
export interface StartFailure {
  message: string;
  /** Attempts made so far (1 after the first failure). */
  attempts: number;
  /** When the next attempt runs (epoch ms). */
  retryAt: number;
}

export interface TrayView {
  state: TrayState;
  /** The state in a few words, for the menu's first line ("Syncing"). */
  label: string;
  /** The state in a sentence, for the tooltip. */
  words: string;
  paused: boolean;
  /** The engine runs, so Sync now and Pause/Resume can be asked of it. */
  engineRuns: boolean;
}

const LABELS: Record<TrayState, string> = {
  ok: 'OK', syncing: 'Syncing', 'needs-attention': 'Needs attention', offline: 'Offline', paused: 'Paused',
};

export function trayView(status: EngineStatusView, failure: StartFailure | null, now: number): TrayView {
  if (failure) {
    const seconds = Math.max(0, Math.round((failure.retryAt - now) / 1000));
    const when = seconds < 90 ? `in ${seconds} s` : `in ${Math.round(seconds / 60)} min`;
    return {
      state: 'offline', label: 'Could not start', paused: false, engineRuns: false,
      words: `Could not start: ${failure.message} Trying again ${when} (attempt ${failure.attempts + 1}).`,
    };
  }
  const demo = status.demo ? ' (demo)' : '';
  switch (status.state) {
    case 'setup':
      return { state: 'paused', label: 'Not set up', paused: false, engineRuns: false, words: setupWords(status) };
    case 'starting':
      return { state: 'syncing', label: 'Starting', paused: false, engineRuns: false, words: 'Starting…' };
    case 'ok':
      return { ...running(status, 'ok'), words: `Everything is in sync${demo}.` };
    case 'syncing': {
      const p = status.progress;
      const detail = p && p.total > 0 ? `: ${p.phase} ${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')}` : '';
      return { ...running(status, 'syncing'), words: `Syncing${detail}${demo}.` };
    }
    case 'needs-attention': {
      const n = status.counts.openErrors;
      return { ...running(status, 'needs-attention'), words: `${n} ${n === 1 ? 'problem needs' : 'problems need'} a person${demo}: open the dashboard.` };
    }
    case 'offline': {
      const down = [status.health.pos.ok ? null : `POS: ${status.health.pos.message}`, status.health.store.ok ? null : `store: ${status.health.store.message}`];
      return { ...running(status, 'offline'), words: `Offline${demo}. ${down.filter(Boolean).join('; ')}` };
    }
    case 'paused':
      return { ...running(status, 'paused'), words: `Paused${demo}: nothing is sent until you resume.` };
  }
}

function running(status: EngineStatusView, state: TrayState): Omit<TrayView, 'words'> {
  return { state, label: LABELS[state], paused: status.paused, engineRuns: true };
}

function setupWords(status: EngineStatusView): string {
  const why = status.health.pos.message;
  return why.startsWith('not started')
    ? `The saved settings could not start (${why.replace(/^not started: /, '')}): open the dashboard's Settings.`
    : 'Not set up yet: open the dashboard to connect a store and a POS, or try the demo.';
}

/** The tooltip: Windows cuts it at 127 characters, so long sentences end with an ellipsis. */
export function trayTooltip(view: TrayView): string {
  const text = `Tillbridge: ${view.words}`;
  return text.length <= 127 ? text : `${text.slice(0, 126)}…`;
}

/**
 * The icon file for a state: `tray-<state>.ico` on Windows, `tray-<state>.png` elsewhere
 * (16 px with a 32 px `@2x` beside it, which Electron picks up for HiDPI). The files are made in
 * build/icons/; a missing one leaves the tray with an empty image rather than failing.
 */
export function trayIconPath(state: TrayState, platform: NodeJS.Platform, iconsDir: string): string {
  return join(iconsDir, `tray-${state}.${platform === 'win32' ? 'ico' : 'png'}`);
}
