/**
 * Picks the page's transport: the desktop app's preload object (`window.tillbridge`, with its
 * events on `window.tillbridgeEvents`) when present, otherwise HTTP to the headless engine that
 * served the page, with the token from the page's meta tag (or its `?token=` query). The desktop
 * app's own channels (desktop.ts) are offered only when the preload object carries them.
 */
import type { EventName, EventPayload, TillbridgeApi } from '../../../electron/engine/api/channels';
import { desktopApiOf, type DesktopApi } from './desktop';
import { EventHub } from './event-hub';
import { openEventStream } from './event-stream';
import { checkedApi, httpApi } from './http-api';

/** What the desktop app's preload hands the page for events (IPC underneath). */
export interface PreloadEvents {
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
}

declare global {
  interface Window {
    tillbridge?: TillbridgeApi;
    tillbridgeEvents?: PreloadEvents;
  }
}

export interface Connection {
  api: TillbridgeApi;
  /** The desktop app's own channels (login item); null over HTTP (headless). */
  desktop: DesktopApi | null;
  hub: EventHub;
  close(): void;
}

const EVENT_NAMES: EventName[] = ['status', 'progress', 'product-run', 'order-run', 'problems'];

/** The page's access token: the meta tag the server renders, else `?token=` in the address. */
export function pageToken(doc: Document = document, search: string = location.search): string {
  const meta = doc.querySelector('meta[name="tillbridge-token"]')?.getAttribute('content')?.trim();
  if (meta) return meta;
  return new URLSearchParams(search).get('token')?.trim() ?? '';
}

export function connect(): Connection {
  const hub = new EventHub();
  if (window.tillbridge) {
    const events = window.tillbridgeEvents;
    const offs = events ? EVENT_NAMES.map((name) => events.on(name, (payload) => hub.emitRaw(name, payload))) : [];
    hub.setLink('open');
    return { api: checkedApi(window.tillbridge), desktop: desktopApiOf(window.tillbridge), hub, close: () => { for (const off of offs) off(); } };
  }
  const token = pageToken();
  const baseUrl = location.origin;
  const stream = openEventStream({
    url: `${baseUrl}/api/events`,
    token,
    onState: (state) => hub.setLink(state),
    onEvent: (name, data) => {
      let payload: unknown;
      try {
        payload = JSON.parse(data);
      } catch {
        console.warn(`Event "${name}" is not JSON`);
        return;
      }
      hub.emitRaw(name, payload);
    },
  });
  return { api: httpApi({ baseUrl, token }), desktop: null, hub, close: () => stream.close() };
}
