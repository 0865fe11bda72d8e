/**
 * The API of another process (the engine that holds this data folder's lock), called over its
 * local HTTP endpoint. Same type as the in-process API, so a CLI command does not care which it
 * has; answers are checked against the contract on arrival too.
 */
import { CHANNELS, parseChannelAnswer, type Channel, type TillbridgeApi } from '../engine/api/channels';
import type { EngineEndpoint } from './endpoint-file';

/** The running engine refused or failed a call; the message is its own, in words. */
export class RemoteApiError extends Error {
  override readonly name = 'RemoteApiError';
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export function remoteApi(endpoint: EngineEndpoint): TillbridgeApi {
  const api = {} as Record<Channel, (request: unknown) => Promise<unknown>>;
  for (const channel of Object.keys(CHANNELS) as Channel[]) {
    api[channel] = async (request: unknown) => {
      let res: Response;
      try {
        res = await fetch(`http://127.0.0.1:${endpoint.port}/api/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${endpoint.token}` },
          body: JSON.stringify(request ?? {}),
        });
      } catch (e) {
        throw new RemoteApiError(0, `The running engine (process ${endpoint.pid}) does not answer on 127.0.0.1:${endpoint.port}: ${(e as Error).message}`);
      }
      const body = await res.json().catch(() => null) as { ok?: boolean; answer?: unknown; message?: string } | null;
      if (!res.ok || !body?.ok) throw new RemoteApiError(res.status, body?.message ?? `The running engine answered HTTP ${res.status}.`);
      return parseChannelAnswer(channel, body.answer);
    };
  }
  return api as TillbridgeApi;
}
