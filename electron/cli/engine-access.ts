/**
 * How a CLI command reaches the engine: in this process when no engine runs on the data folder,
 * or through the running engine's local API when one holds the lock. Either way the command gets
 * the same typed TillbridgeApi.
 */
import type { TillbridgeApi } from '../engine/api/channels';
import { createEngineApi } from '../engine/api/engine-api';
import type { TillbridgeConfig } from '../engine/settings/config';
import { EngineBusyError } from '../engine/instance-lock';
import { openTillbridge, type Tillbridge } from '../compose/compose';
import { remoteApi } from '../server/api-client';
import { readEndpoint } from '../server/endpoint-file';
import type { Output } from './output';

export interface EngineAccess {
  api: TillbridgeApi;
  config: TillbridgeConfig;
  /** The in-process Tillbridge, or null when the calls go to a running engine. */
  local: Tillbridge | null;
}

/** Runs `work` against the engine; returns its exit code. Closes what it opened. */
export async function withEngine(config: TillbridgeConfig, out: Output, opts: { progress: boolean }, work: (access: EngineAccess) => Promise<number>): Promise<number> {
  let tb: Tillbridge;
  try {
    tb = openTillbridge(config, { log: (l) => out.err(l) });
  } catch (e) {
    if (!(e instanceof EngineBusyError)) throw e;
    const endpoint = readEndpoint(config.dataDir!);
    if (!endpoint || endpoint.pid !== e.pid) {
      out.err(`${e.message} Its local API is not published yet; try again in a few seconds.`);
      return 1;
    }
    out.err(`(answered by the running engine, process ${endpoint.pid})`);
    return work({ api: remoteApi(endpoint), config, local: null });
  }
  try {
    if (opts.progress) tb.engine.on('progress', (p) => { if (p && p.total >= 200) out.progress(p.done, p.total, p.phase); });
    const api = createEngineApi({ engine: tb.engine, pos: tb.pos, catalog: tb.catalog, config, ordersOffReason: tb.ordersOffReason, trigger: 'cli' });
    return await work({ api, config, local: tb });
  } finally {
    await tb.close();
  }
}
