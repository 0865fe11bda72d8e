/**
 * The engine API over HTTP (headless mode): `POST /api/<channel>` with a JSON request and the
 * page's token, answered `{ok: true, answer}` or `{error, message}`. Every answer is checked
 * against the channel's schema, so a drifted field fails here with its name, not as a blank
 * cell on a screen.
 */
import { CHANNELS, parseChannelAnswer, type Channel, type TillbridgeApi } from '../../../electron/engine/api/channels';

export const httpApiText = {
  unreachable: 'The Tillbridge engine does not answer. Is it running?',
  httpStatus: (status: number) => `The engine answered HTTP ${status}.`,
  refused: 'The engine refused this page’s access token. Open the dashboard again from Tillbridge.',
};

/** A call that the engine refused or could not answer; `message` is for people. */
export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';
  constructor(readonly channel: string, readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export interface HttpApiOptions {
  /** Origin (and path prefix, if any) the API lives under, without a trailing slash. */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
}

export function httpApi(opts: HttpApiOptions): TillbridgeApi {
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const api = {} as Record<Channel, (request: unknown) => Promise<unknown>>;
  for (const channel of Object.keys(CHANNELS) as Channel[]) {
    api[channel] = async (request: unknown) => {
      let res: Response;
      try {
        res = await doFetch(`${opts.baseUrl}/api/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` },
          body: JSON.stringify(request ?? {}),
          cache: 'no-store',
          credentials: 'omit',
        });
      } catch {
        throw new ApiCallError(channel, 0, 'unreachable', httpApiText.unreachable);
      }
      const body = (await res.json().catch(() => null)) as { ok?: unknown; answer?: unknown; error?: unknown; message?: unknown } | null;
      if (!res.ok || !body || body.ok !== true) {
        const code = typeof body?.error === 'string' ? body.error : 'http';
        const message = res.status === 401 ? httpApiText.refused
          : typeof body?.message === 'string' ? body.message : httpApiText.httpStatus(res.status);
        throw new ApiCallError(channel, res.status, code, message);
      }
      return parseChannelAnswer(channel, body.answer);
    };
  }
  return api as TillbridgeApi;
}

/** The desktop app's preload API, with the same answer checks as over HTTP. */
export function checkedApi(inner: TillbridgeApi): TillbridgeApi {
  const api = {} as Record<Channel, (request: unknown) => Promise<unknown>>;
  for (const channel of Object.keys(CHANNELS) as Channel[]) {
    const call = inner[channel] as (request: unknown) => Promise<unknown>;
    api[channel] = async (request: unknown) => parseChannelAnswer(channel, await call(request ?? {}));
  }
  return api as TillbridgeApi;
}
