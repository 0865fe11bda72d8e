/**
 * The main side of the one IPC bridge (with preload.ts, the only files that touch ipcMain or
 * ipcRenderer; lint holds that). A call is answered only when it comes from our own page — the
 * top frame of a document on app://tillbridge — and only for a known channel with a request that
 * fits the channel's schema; the answer goes back in an envelope whose message the page can show.
 * The app's events are forwarded to the dashboard's page while it is ours.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { ApiShapeError, EVENTS, isChannel, parseChannelRequest, type EventName, type TillbridgeApi } from '../engine/api/channels';
import { ApiUnavailableError } from '../engine/api/engine-api';
import type { ApiEventBus } from '../engine/api/event-bus';
import { DESKTOP_CHANNELS, isDesktopChannel, type DesktopApi } from './desktop-channels';
import { CALL_CHANNEL, EVENT_CHANNEL, type CallResult } from './ipc-names';
import { isAppUrl } from './window/app-origin';

export interface IpcBridgeOptions {
  api: TillbridgeApi;
  desktop: DesktopApi;
  events: Pick<ApiEventBus, 'on'>;
  /** The dashboard's page, when its window exists. */
  target(): WebContents | null;
  log(line: string): void;
}

/** Refused: the call did not come from our page. */
export class ForeignSenderError extends Error {
  override readonly name = 'ForeignSenderError';
}

/** Our page, and only its top frame (the dashboard has no frames; anything framed is not ours). */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

/** Checks the channel and the request, asks the app, and wraps the answer or the failure. */
export async function answerCall(api: TillbridgeApi, desktop: DesktopApi, channel: unknown, request: unknown): Promise<CallResult> {
  if (typeof channel !== 'string') return { ok: false, error: 'bad-request', message: 'A call must name its channel.' };
  try {
    if (isChannel(channel)) {
      const call = api[channel] as (r: unknown) => Promise<unknown>;
      return { ok: true, answer: await call(parseChannelRequest(channel, request)) };
    }
    if (isDesktopChannel(channel)) {
      const parsed = DESKTOP_CHANNELS[channel].request.safeParse(request ?? {});
      if (!parsed.success) return { ok: false, error: 'bad-request', message: `Bad request for "${channel}": ${parsed.error.issues.map((i) => i.message).join('; ')}` };
      const call = desktop[channel] as (r: unknown) => Promise<unknown>;
      return { ok: true, answer: await call(parsed.data) };
    }
  } catch (e) {
    if (e instanceof ApiShapeError && e.side === 'request') return { ok: false, error: 'bad-request', message: e.message };
    if (e instanceof ApiUnavailableError) return { ok: false, error: 'unavailable', message: e.message };
    return { ok: false, error: 'failed', message: (e as Error).message };
  }
  return { ok: false, error: 'not-found', message: `There is no channel "${channel.slice(0, 60)}".` };
}

/** Opens the bridge; the function it returns closes it. */
export function openIpcBridge(opts: IpcBridgeOptions): () => void {
  ipcMain.handle(CALL_CHANNEL, async (event, channel: unknown, request: unknown) => {
    if (!isTrustedSender(event)) {
      const url = event.senderFrame?.url ?? 'a frame that is gone';
      opts.log(`Refused an IPC call from ${url}`);
      throw new ForeignSenderError('Refused: Tillbridge answers its own dashboard only.');
    }
    return answerCall(opts.api, opts.desktop, channel, request);
  });
  const send = (name: EventName, payload: unknown) => {
    const contents = opts.target();
    if (contents && !contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(EVENT_CHANNEL, name, payload);
  };
  const offs = (Object.keys(EVENTS) as EventName[]).map((name) => opts.events.on(name, (payload) => send(name, payload)));
  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    for (const off of offs) off();
  };
}
