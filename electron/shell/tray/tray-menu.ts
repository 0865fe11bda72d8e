/**
 * The tray's menu as Electron's own template, from the tray's view: built again on every change
 * of state (Linux shows a menu only as it was when set, so the tray sets it again each time).
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { TrayView } from './tray-state';

/** What the menu's items do; the shell wires them to the app, the window and the OS. */
export interface TrayActions {
  openDashboard(): void;
  syncNow(): void;
  pause(): void;
  resume(): void;
  setStartAtLogin(enabled: boolean): void;
  openLogsFolder(): void;
  quit(): void;
}

export interface TrayMenuInput {
  view: TrayView;
  startAtLogin: { enabled: boolean; supported: boolean };
  /** A warning the person must see (secrets without a key store), or null. */
  warning: string | null;
}

export function trayMenuTemplate(input: TrayMenuInput, actions: TrayActions): MenuItemConstructorOptions[] {
  const { view } = input;
  return [
    { id: 'state', label: `Tillbridge: ${view.label}`, enabled: false },
    ...(input.warning ? [{ id: 'warning', label: input.warning, enabled: false }] : []),
    { type: 'separator' },
    { id: 'open', label: 'Open dashboard', click: () => actions.openDashboard() },
    { id: 'sync', label: 'Sync now', enabled: view.engineRuns && !view.paused, click: () => actions.syncNow() },
    view.paused
      ? { id: 'resume', label: 'Resume', enabled: view.engineRuns, click: () => actions.resume() }
      : { id: 'pause', label: 'Pause', enabled: view.engineRuns, click: () => actions.pause() },
    { type: 'separator' },
    {
      id: 'login', label: 'Start at login', type: 'checkbox', checked: input.startAtLogin.enabled, enabled: input.startAtLogin.supported,
      // Electron flips `checked` before calling click: the item says what the person asked for.
      click: (item) => actions.setStartAtLogin(item.checked),
    },
    { id: 'logs', label: 'Open logs folder', click: () => actions.openLogsFolder() },
    { type: 'separator' },
    { id: 'quit', label: 'Quit Tillbridge', click: () => actions.quit() },
  ];
}
