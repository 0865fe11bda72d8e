/**
 * The dashboard's only door to the app (Bitwarden's pattern): ONE `api` object with a function per
 * channel, and `events.on(name, listener)` returning its unsubscribe function, handed to the page
 * by contextBridge as `window.tillbridge` and `window.tillbridgeEvents`. The page's global can be
 * typed `PreloadApi` / `PreloadEvents` (`typeof` these objects), so the two cannot drift.
 *
 * A sandboxed preload may require nothing but `electron`: everything else here is `import type`,
 * and the channel names are restated, checked against the contract by the typecheck.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Channel, EventName, EventPayload, TillbridgeApi } from '../engine/api/channels';
import type { DesktopApi, DesktopChannel } from './desktop-channels';
import type { CALL_CHANNEL, CallResult, EVENT_CHANNEL } from './ipc-names';

const CALL: typeof CALL_CHANNEL = 'tillbridge:call';
const EVENT: typeof EVENT_CHANNEL = 'tillbridge:event';

/** Every channel of the contract and of the desktop; a missing or unknown name fails the typecheck. */
const CHANNEL_NAMES = {
  status: true, problems: true, activity: true, products: true, product: true, linkReport: true, orders: true,
  allocation: true, preview: true, settings: true, syncNow: true, exportOrders: true, retryOrder: true,
  resendOrder: true, retryProblem: true, ignoreProblem: true, pullOrdersSince: true, pause: true, resume: true,
  saveSettings: true, testConnections: true, startDemo: true,
  startAtLogin: true, setStartAtLogin: true,
} as const satisfies Record<Channel | DesktopChannel, true>;

const EVENT_NAMES = {
  status: true, progress: true, 'product-run': true, 'order-run': true, problems: true,
} as const satisfies Record<EventName, true>;

async function call(channel: string, request: unknown): Promise<unknown> {
  const result = (await ipcRenderer.invoke(CALL, channel, request ?? {})) as CallResult;
  if (result.ok) return result.answer;
  throw new Error(result.message);
}

export const api = Object.fromEntries(
  Object.keys(CHANNEL_NAMES).map((channel) => [channel, (request?: unknown) => call(channel, request)]),
) as TillbridgeApi & DesktopApi;

const listeners = new Map<string, Set<(payload: unknown) => void>>();
ipcRenderer.on(EVENT, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

export const events = {
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void {
    if (!Object.hasOwn(EVENT_NAMES, name)) throw new Error(`There is no event "${String(name)}".`);
    const set = listeners.get(name) ?? new Set();
    listeners.set(name, set);
    const wrapped = (payload: unknown) => listener(payload as EventPayload<K>);
    set.add(wrapped);
    return () => { set.delete(wrapped); };
  },
};

export type PreloadApi = typeof api;
export type PreloadEvents = typeof events;

contextBridge.exposeInMainWorld('tillbridge', api);
contextBridge.exposeInMainWorld('tillbridgeEvents', events);
