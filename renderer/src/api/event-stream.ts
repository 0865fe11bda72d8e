/**
 * The one live event stream of a page: `GET /api/events` read with fetch (so the token goes in the
 * Authorization header, never in a URL the server logs), parsed as server-sent events, and
 * reopened with capped backoff whenever the engine restarts or the network drops.
 */
import { reconnectDelay, type BackoffOptions } from './backoff';
import { SseParser } from './sse-parser';

/** How the page's link to the engine stands; `refused` = the token was not accepted. */
export type LinkState = 'connecting' | 'open' | 'reconnecting' | 'refused';

export interface EventStreamOptions {
  url: string;
  token: string;
  onEvent(name: string, data: string): void;
  onState(state: LinkState): void;
  fetch?: typeof fetch;
  backoff?: BackoffOptions;
}

export interface EventStreamHandle {
  close(): void;
}

export function openEventStream(opts: EventStreamOptions): EventStreamHandle {
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const abort = new AbortController();
  let closed = false;

  // Each wait removes its abort listener when it ends, so a day of retries leaves none behind.
  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const done = () => { clearTimeout(timer); abort.signal.removeEventListener('abort', done); resolve(); };
    const timer = setTimeout(done, ms);
    abort.signal.addEventListener('abort', done, { once: true });
  });

  async function readOnce(): Promise<'ended' | 'refused'> {
    const res = await doFetch(opts.url, {
      headers: { authorization: `Bearer ${opts.token}`, accept: 'text/event-stream' },
      credentials: 'omit',
      signal: abort.signal,
    });
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel().catch(() => undefined);
      return 'refused';
    }
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
    opts.onState('open');
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const m of parser.push(decoder.decode(value, { stream: true }))) opts.onEvent(m.event, m.data);
      }
    } finally {
      reader.releaseLock();
    }
    return 'ended';
  }

  void (async () => {
    let attempt = 0;
    opts.onState('connecting');
    while (!closed) {
      let refused = false;
      try {
        refused = (await readOnce()) === 'refused';
        if (!refused) attempt = 0;
      } catch {
        // network error, engine gone, or closed by us: decided below
      }
      if (closed) return;
      opts.onState(refused ? 'refused' : 'reconnecting');
      await sleep(reconnectDelay(attempt++, opts.backoff));
    }
  })();

  return {
    close() {
      closed = true;
      abort.abort();
    },
  };
}
