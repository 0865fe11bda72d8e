import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openEventStream, type LinkState } from '../../../../renderer/src/api/event-stream';

/** A real HTTP endpoint speaking server-sent events, driven by the test. */
async function sseServer(token: string) {
  const streams: ServerResponse[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${token}`) { res.writeHead(401).end(); return; }
    connections++;
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(': connected\n\n');
    streams.push(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/events`;
  return {
    url,
    get connections() { return connections; },
    latest: () => streams[streams.length - 1]!,
    dropAll: () => { for (const s of streams.splice(0)) s.destroy(); },
    close: () => new Promise<void>((r) => { for (const s of streams) s.destroy(); server.close(() => r()); server.closeAllConnections(); }),
  };
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0)) await c(); });

describe('openEventStream', () => {
  it('delivers events cut across writes, and reconnects after the engine drops the stream', async () => {
    const srv = await sseServer('t0k');
    cleanups.push(srv.close);
    const events: [string, string][] = [];
    const states: LinkState[] = [];
    const stream = openEventStream({
      url: srv.url, token: 't0k',
      onEvent: (name, data) => events.push([name, data]),
      onState: (s) => states.push(s),
      backoff: { baseMs: 20, capMs: 50 },
    });
    cleanups.push(() => stream.close());

    await until(() => states.includes('open'));
    srv.latest().write('event: sta');
    srv.latest().write('tus\ndata: {"state":"o');
    srv.latest().write('k"}\n\n');
    await until(() => events.length === 1);
    expect(events[0]).toEqual(['status', '{"state":"ok"}']);

    srv.dropAll();
    await until(() => srv.connections === 2 && states.filter((s) => s === 'open').length === 2);
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open']);
    srv.latest().write('event: progress\ndata: null\n\n');
    await until(() => events.length === 2);
    expect(events[1]).toEqual(['progress', 'null']);
  });

  it('says "refused" when the token is not accepted, and stops on close', async () => {
    const srv = await sseServer('right');
    cleanups.push(srv.close);
    const states: LinkState[] = [];
    const stream = openEventStream({ url: srv.url, token: 'wrong', onEvent: () => undefined, onState: (s) => states.push(s), backoff: { baseMs: 10, capMs: 20 } });
    await until(() => states.includes('refused'));
    stream.close();
    const seen = states.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(states.length).toBe(seen);
    expect(srv.connections).toBe(0);
  });

  it('keeps trying, without ever saying open, while nothing answers', async () => {
    const srv = await sseServer('t');
    const { url } = srv;
    await srv.close();
    const states: LinkState[] = [];
    const stream = openEventStream({ url, token: 't', onEvent: () => undefined, onState: (s) => states.push(s), backoff: { baseMs: 10, capMs: 20 } });
    cleanups.push(() => stream.close());
    await until(() => states.filter((s) => s === 'reconnecting').length >= 3);
    expect(states).not.toContain('open');
  });
});
