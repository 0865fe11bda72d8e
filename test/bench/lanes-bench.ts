/**
 * The first push at 1, 2, 4 and 8 batch requests in flight (sync.storeConcurrency) against a
 * store that answers as slowly as the measured real one (store-model.ts): what each lane count
 * gains, the requests against the minimum, and the engine's own CPU. The default
 * (DEFAULT_STORE_CONCURRENCY) is chosen from this table.
 */
import { join } from 'node:path';
import { DEFAULT_STORE_CONCURRENCY } from '../../electron/engine/settings/defaults';
import { check, newResult, round, type Bench, type BenchResult } from './bench-kit';
import { openBenchWorld } from './bench-world';
import { pushFloor, rowsForWebItems } from './demo-pos-facts';
import { REAL_STORE_MODEL } from './store-model';

const SEED = 7;

export const lanesBench: Bench = {
  name: 'lanes',
  async run(ctx) {
    // About the demo catalogue the real store was measured with (1,553 items, 70 s one batch at a time).
    const webItems = ctx.quick ? 300 : 1_500;
    const lanes = ctx.quick ? [1, 4] : [1, 2, 4, 8];
    const rows = rowsForWebItems(webItems, SEED);
    const results: BenchResult[] = [];
    let oneLaneS: number | null = null;
    for (const n of lanes) {
      ctx.log(`lanes: first push of ~${webItems} web items with ${n} lane(s) against the modelled store ...`);
      const world = await openBenchWorld(join(ctx.tmp, `lanes-${n}`), { items: rows, seed: SEED }, { storeConcurrency: n }, REAL_STORE_MODEL);
      try {
        const floor = pushFloor(world.posFile);
        await world.store.resetStats();
        const cpu = process.cpuUsage();
        const started = performance.now();
        const run = await world.tb.engine.syncProducts({ trigger: 'manual' });
        const wallS = (performance.now() - started) / 1000;
        const used = process.cpuUsage(cpu);
        const stats = await world.store.stats();
        const summary = await world.store.summary();
        oneLaneS ??= n === 1 ? wallS : null;
        const r = newResult(`1b push, ${n} lane${n > 1 ? 's' : ''}`, `${world.pos.webItems} web items → empty modelled store (real store's costs, 6 workers)`);
        Object.assign(r.metrics, {
          lanes: n,
          default: n === DEFAULT_STORE_CONCURRENCY ? 'yes' : 'no',
          webItems: world.pos.webItems,
          requests: stats.requests,
          minRequests: floor.minRequests,
          wallS: round(wallS, 1),
          itemsPerS: round(world.pos.webItems / wallS, 1),
          speedup: oneLaneS ? round(oneLaneS / wallS, 2) : null,
          engineCpuS: round((used.user + used.system) / 1e6, 2),
        });
        check(r, run.status === 'ok' && (run.result?.failed ?? -1) === 0, `the push did not succeed: ${run.status} ${run.message ?? ''}`);
        check(r, summary.products + summary.variations === world.pos.webItems, `the store holds ${summary.products + summary.variations} of ${world.pos.webItems} items`);
        check(r, stats.requests === floor.minRequests, `${stats.requests} requests, the minimum is ${floor.minRequests}`);
        results.push(r);
      } finally {
        await world.close();
      }
    }
    results[0]?.notes.push(`store model: ${JSON.stringify(REAL_STORE_MODEL)} (test/bench/store-model.ts); the real store: 23 products/s with one lane, ` +
      `39/s with six; default sync.storeConcurrency = ${DEFAULT_STORE_CONCURRENCY}`);
    return results;
  },
};
