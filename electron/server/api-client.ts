/**
 * The engine API of another process (the engine that holds this data folder's lock), called over
 * its local HTTP endpoint. Same type as the in-process API, so a CLI command does not care which
 * it has.
 */
import { ENGINE_CHANNELS, type EngineApi, type EngineChannel } from '../engine/api/engine-api';
import type { EngineEndpoint } from './endpoint-file';

/** The running engine refused or failed a call; the message is its own, in words. */
export class RemoteApiError extends Error {
  override readonly name = 'RemoteApiError';
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export function remoteEngineApi(endpoint: EngineEndpoint): EngineApi {
  const api = {} as Record<EngineChannel, (request: unknown) => Promise<unknown>>;
  for (const channel of Object.keys(ENGINE_CHANNELS) as EngineChannel[]) {
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
      return body.answer;
    };
  }
  return api as EngineApi;
}
