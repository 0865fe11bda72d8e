/**
 * Benchmarks 1–3 and 6 on one engine and one store, all at default settings: the full first push
 * of the demo catalogue into an empty store, the steady state with nothing changed, a small change
 * travelling from a POS commit to the store while the engine runs on its own schedule (and the
 * engine CPU one such change costs), and allocation with 2,000 outstanding orders.
 */
import { join } from 'node:path';
import { setDemoStock, updateDemoItem } from '../../connectors/pos/demo/demo-activity';
import { SqliteDriver } from '../../connectors/pos/drivers/sqlite-driver';
import type { ProductRunSummary } from '../../electron/engine/engine-types';
import { check, collectGarbage, median, MemorySampler, newResult, round, sleep, timed, type Bench, type BenchContext, type BenchResult } from './bench-kit';
import { openBenchWorld, type BenchWorld } from './bench-world';
import { pickChangeTargets, pushFloor, rowsForWebItems, type ChangeTarget } from './demo-pos-facts';
import { describeKinds, productRequests, writeRequests, type StoreStats } from './store-stats';

const SEED = 42;

export const productPushBench: Bench = {
  name: 'push',
  async run(ctx) {
    const webItems = ctx.sizes.push;
    const rows = rowsForWebItems(webItems, SEED);
    ctx.log(`push: building a demo POS of ${rows} rows (about ${webItems} web items) ...`);
    const world = await openBenchWorld(join(ctx.tmp, 'push'), { items: rows, seed: SEED });
    try {
      ctx.log(`push: POS ready in ${round(world.posSetupMs / 1000, 1)} s (${world.pos.items} rows, ${world.pos.webItems} web); first push ...`);
      const results = [await firstPush(world, ctx)];
      results.push(await steadyState(world, ctx));
      results.push(await smallChange(world, ctx));
      results.push(await changeCpu(world, ctx));
      results.push(allocationAtScale(world, ctx));
      return results;
    } finally {
      await world.close();
    }
  },
};

async function firstPush(world: BenchWorld, ctx: BenchContext): Promise<BenchResult> {
  const floor = pushFloor(world.posFile);
  const r = newResult('1 full first push', `demo POS on SQLite, ${world.pos.webItems} web items (${world.pos.items} rows) → empty store`);
  await world.store.resetStats();
  const phases = new PhaseClock(ctx, world.store);
  const onProgress = (p: { done: number; total: number; phase: string } | null) => phases.see(p);
  world.tb.engine.on('progress', onProgress);
  const sampler = new MemorySampler().start();
  const cpu = process.cpuUsage();
  const run = await timed(() => world.tb.engine.syncProducts({ trigger: 'manual' }));
  const used = process.cpuUsage(cpu);
  const mem = sampler.stop();
  world.tb.engine.off('progress', onProgress);
  r.notes.push(`engine progress: ${phases.stop()}`);
  const stats = await world.store.stats();
  const summary = await world.store.summary();
  const result = run.value.result;
  const wallS = run.ms / 1000;
  Object.assign(r.metrics, {
    webItems: world.pos.webItems,
    requests: stats.requests,
    engineRequests: result?.requests ?? null,
    minRequests: floor.minRequests,
    productBatches: stats.byKind.productBatch.requests,
    variationBatches: stats.byKind.variationBatch.requests,
    skuLookups: stats.byKind.skuLookup.requests,
    wallS: round(wallS, 1),
    itemsPerS: round(world.pos.webItems / wallS),
    storeS: round(stats.storeMs / 1000, 1),
    engineCpuS: round((used.user + used.system) / 1e6, 1),
    lanes: world.tb.config.sync.storeConcurrency,
    peakRssMb: mem.peakRssMb,
    peakHeapMb: mem.peakHeapMb,
  });
  r.notes.push(`floor: ceil(${floor.products} products / 100) + ${floor.parentsWithVariations} variable parents × 1 variations/batch = ${floor.minRequests} requests`);
  r.notes.push(describeSplit(stats, wallS));
  r.notes.push('peakRssMb is the benchmark process, which runs the engine (the store is another process); it holds the demo POS file\'s SQLite cache too');
  check(r, run.value.status === 'ok', `the first push did not succeed: ${run.value.status} ${run.value.message ?? ''}`);
  check(r, (result?.failed ?? -1) === 0, `${result?.failed ?? '?'} item(s) failed in the first push`);
  check(r, (result?.created ?? 0) === world.pos.webItems, `created ${result?.created ?? 0} of ${world.pos.webItems} web items`);
  check(r, summary.products + summary.variations === world.pos.webItems, `the store holds ${summary.products} products + ${summary.variations} variations, not ${world.pos.webItems}`);
  if (stats.requests !== result?.requests) {
    r.notes.push(`the store saw ${stats.requests} requests (${stats.proxyFailures} not passed on), the engine counted ${result?.requests ?? '?'}: ` +
      'a batch resent after a lost answer is counted by the engine even when the first try never reached the store');
  }
  return r;
}

async function steadyState(world: BenchWorld, ctx: BenchContext): Promise<BenchResult> {
  const engine = world.tb.engine;
  const r = newResult('2 steady state', `the same ${world.pos.webItems} web items, nothing changed`);
  ctx.log('steady: quiet cycles, an incremental pass and a complete no-change pass ...');
  await world.store.resetStats();
  const passes: string[] = [];
  const onRun = (s: ProductRunSummary) => passes.push(`${s.result?.requests ?? '?'} request(s), ${s.result?.updated ?? '?'} updated, ${s.durationMs} ms`);
  engine.on('product-run', onRun);
  const ticks: number[] = [];
  for (let i = 0; i < 20; i++) ticks.push((await timed(() => engine.tick())).ms);
  // The scheduler publishes engine.status() after every tick (tray and dashboard).
  const statusRuns: number[] = [];
  for (let i = 0; i < 5; i++) statusRuns.push((await timed(() => engine.status())).ms);
  const tickStats = await world.store.stats();
  const tickPasses = passes.splice(0);
  const incremental = await timed(() => engine.syncProducts({ trigger: 'pos-change', incremental: true }));
  // What every product pass loads before planning, however few items changed.
  const loadLinks = await timed(() => { engine.links.allLinks(); engine.links.allPushed(); });
  const sampler = new MemorySampler().start();
  const full = await timed(() => engine.syncProducts({ trigger: 'manual' }));
  const mem = sampler.stop();
  engine.off('product-run', onRun);
  const stats = await world.store.stats();
  Object.assign(r.metrics, {
    productRequests: productRequests(stats),
    writes: writeRequests(stats),
    orderPollReads: stats.byKind.orderRead.requests,
    quietCycleMs: median(ticks),
    quietCycleMaxMs: Math.max(...ticks),
    statusMs: median(statusRuns),
    incrementalPassMs: incremental.ms,
    loadAllLinksMs: loadLinks.ms,
    fullPassS: round(full.ms / 1000, 2),
    unchanged: full.value.result?.unchanged ?? null,
    peakHeapMb: mem.peakHeapMb,
  });
  check(r, tickPasses.length === 0, `20 quiet cycles started ${tickPasses.length} product pass(es) although the POS did not change: ${tickPasses.join('; ')}`);
  check(r, productRequests(stats) === 0 && writeRequests(stats) === 0,
    `the steady state sent ${productRequests(stats)} product request(s) and ${writeRequests(stats)} write(s) to the store (expected none): ` +
    `${describeKinds(stats)}; ${productRequests(tickStats)} during the quiet cycles; passes: ${passes.join('; ') || 'none'}`);
  r.notes.push('the quiet cycles are engine.tick(): the marker check, plus the order poll the engine runs every sync.orderPollSeconds (reads only); ' +
    'on its schedule the engine also builds engine.status() after every tick (statusMs), so a quiet scheduled cycle costs tick + status');
  check(r, full.value.status === 'ok' && incremental.value.status === 'ok', `a no-change pass did not end ok: ${full.value.message ?? incremental.value.message ?? ''}`);
  check(r, full.value.result?.unchanged === world.pos.webItems, `the complete pass found ${full.value.result?.unchanged ?? '?'} unchanged of ${world.pos.webItems}`);
  return r;
}

async function smallChange(world: BenchWorld, ctx: BenchContext): Promise<BenchResult> {
  const rounds = ctx.quick ? 6 : 50;
  const targets = pickChangeTargets(world.posFile, 10);
  const poll = world.tb.config.sync.pollSeconds;
  const r = newResult('3 small change', `10 items' price and stock changed in the POS, engine on its schedule at default settings (poll ${poll} s), ${rounds} changes`);
  const engine = world.tb.engine;
  const cycles: number[] = [];
  const onRun = (s: ProductRunSummary) => { if (s.result && s.result.updated > 0) cycles.push(s.durationMs); };
  engine.on('product-run', onRun);
  const driver = new SqliteDriver({ file: world.posFile });
  const latencies: number[] = [];
  const requests: number[] = [];
  const writes: number[] = [];
  const storeTimes: number[] = [];
  try {
    engine.start();
    await sleep(1500);
    for (let round_ = 1; round_ <= rounds; round_++) {
      // Commits land at a different point of the poll interval each round.
      await sleep(300 + ((round_ * 377) % (poll * 1000)));
      await world.store.resetStats();
      const wanted = await changeItems(driver, targets, round_);
      const committed = performance.now();
      const arrived = await waitForValues(world, wanted, 30_000);
      latencies.push(round(arrived - committed));
      await sleep(50); // let the run that wrote them finish its bookkeeping
      const stats = await world.store.stats();
      requests.push(productRequests(stats));
      writes.push(writeRequests(stats));
      storeTimes.push(round(stats.storeMs, 1));
      check(r, Number.isFinite(arrived), `round ${round_}: the store did not show the new values within 30 s`);
    }
  } finally {
    await engine.stop();
    engine.off('product-run', onRun);
    await driver.close();
  }
  ctx.log(`small: latencies ${latencies.join(', ')} ms; requests per round ${requests.join(', ')}`);
  Object.assign(r.metrics, {
    items: targets.length,
    requestsPerChange: median(requests),
    writesPerChange: median(writes),
    maxRequests: Math.max(...requests),
    latencyMedianMs: median(latencies),
    latencyP95Ms: percentile(latencies, 0.95),
    latencyMaxMs: Math.max(...latencies),
    latencyMinMs: Math.min(...latencies),
    engineCycleMs: median(cycles),
    storeMsPerChange: median(storeTimes),
  });
  r.notes.push(`latency = POS commit of the last of the 10 items → the store holding all 10 new values; it includes the wait for the next ${poll} s poll; ` +
    'engineCycleMs = the whole product run that wrote them (marker, incremental read, plan, one batch, bookkeeping)');
  check(r, targets.length === 10, `only ${targets.length} simple web items found to change`);
  // The stock guard reads the store's stock before writing and re-polls orders after: reads are
  // reported; the invariant is one write batch per change.
  check(r, writes.every((n) => n === 1), `a 10-item change cost ${writes.join('/')} write request(s) per round (expected 1 batch)`);
  return r;
}

/**
 * Engine CPU for one small change at catalogue scale: 10 items changed in the POS, then one
 * scheduled cycle (engine.tick(): marker, incremental read, plan, guarded write, bookkeeping) and
 * the status the scheduler publishes after it, measured with process.cpuUsage (the store is
 * another process; waiting for it costs no CPU).
 */
async function changeCpu(world: BenchWorld, ctx: BenchContext): Promise<BenchResult> {
  const rounds = ctx.quick ? 5 : 10;
  const targets = pickChangeTargets(world.posFile, 10);
  const links = world.tb.engine.links.counts().linked;
  const r = newResult('3b engine CPU per change', `10 items changed, one cycle + status, ${links} links, ${rounds} rounds — goal ≤ 50 ms`);
  const driver = new SqliteDriver({ file: world.posFile });
  const cpuMs: number[] = [];
  const statusMs: number[] = [];
  const updated: number[] = [];
  const onRun = (s: ProductRunSummary) => updated.push(s.result?.updated ?? -1);
  world.tb.engine.on('product-run', onRun);
  try {
    for (let round_ = 1; round_ <= rounds; round_++) {
      await changeItems(driver, targets, 100 + round_);
      collectGarbage();
      const cpu = process.cpuUsage();
      await world.tb.engine.tick();
      const afterTick = process.cpuUsage(cpu);
      world.tb.engine.status();
      const used = process.cpuUsage(cpu);
      cpuMs.push(round((used.user + used.system) / 1000, 1));
      statusMs.push(round((used.user + used.system - afterTick.user - afterTick.system) / 1000, 1));
    }
  } finally {
    world.tb.engine.off('product-run', onRun);
    await driver.close();
  }
  Object.assign(r.metrics, { links, cpuMedianMs: median(cpuMs), cpuMaxMs: Math.max(...cpuMs), statusCpuMs: median(statusMs) });
  check(r, updated.length === rounds && updated.every((n) => n === 10), `the cycles updated ${updated.join('/')} items (expected 10 each)`);
  return r;
}

/**
 * Allocation recomputed with 2,000 outstanding orders (three lines each, SKUs across the
 * catalogue) in the engine's order copy, written as the order poll stores them: allocatedBySku()
 * (every product pass without a guard, the CLI's `allocation`), and status(), CPU per call.
 */
function allocationAtScale(world: BenchWorld, ctx: BenchContext): BenchResult {
  const orders = 2_000;
  const r = newResult('6 allocation', `${orders} outstanding orders × 3 lines over ${world.pos.webItems} web items`);
  const reader = world.tb.engine.allocation;
  if (!reader) {
    r.failures.push('the demo profile has no order side: allocation is off');
    return r;
  }
  const skus = (world.tb.db.prepare("SELECT display_sku AS sku, store_id AS id FROM links WHERE kind = 'product' AND store_id IS NOT NULL LIMIT 3000").all() as { sku: string; id: number }[]);
  const now = new Date().toISOString().slice(0, 19);
  const put = world.tb.db.prepare(`INSERT INTO order_mirror (id, number, status, created_gmt, modified_gmt, store_reduced, lines_json, header_json, seen_at)
    VALUES (?, ?, 'processing', ?, ?, 1, ?, '{}', ?)`);
  world.tb.db.transaction(() => {
    for (let i = 0; i < orders; i++) {
      const lines = [0, 1, 2].map((k) => { const s = skus[(i * 3 + k) % skus.length]!; return { sku: s.sku, productId: s.id, variationId: 0, quantity: 1 + (k % 2) }; });
      put.run(9_000_000 + i, `B${i}`, now, now, JSON.stringify(lines), now);
    }
  })();
  const cpuOf = (fn: () => unknown) => { const c = process.cpuUsage(); fn(); const u = process.cpuUsage(c); return round((u.user + u.system) / 1000, 1); };
  const alloc: number[] = [];
  const status: number[] = [];
  let units = 0;
  for (let i = 0; i < 5; i++) {
    alloc.push(cpuOf(() => { units = [...reader.allocatedBySku().values()].reduce((a, b) => a + b, 0); }));
    status.push(cpuOf(() => world.tb.engine.status()));
  }
  const counted = world.tb.engine.status().counts;
  Object.assign(r.metrics, { orders, allocatedUnits: units, allocationCpuMs: median(alloc), statusCpuMs: median(status) });
  check(r, counted.outstandingOrders === orders, `status counts ${counted.outstandingOrders} outstanding orders, not ${orders}`);
  check(r, units === orders * 4, `allocated ${units} units, expected ${orders * 4}`);
  ctx.log(`allocation: ${median(alloc)} ms CPU for ${orders} orders`);
  world.tb.db.prepare('DELETE FROM order_mirror WHERE id >= 9000000').run();
  return r;
}

/** The value at fraction `p` of the sorted list (nearest rank). */
function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

/** Changes price and MAIN stock of each target (one POS transaction per change, as a till does). */
async function changeItems(driver: SqliteDriver, targets: readonly ChangeTarget[], round_: number): Promise<Map<string, { price: string; stock: number }>> {
  const wanted = new Map<string, { price: string; stock: number }>();
  for (const [i, t] of targets.entries()) {
    const price = `${20 + round_}.${String(10 + i).padStart(2, '0')}`;
    const main = 100 + round_ * 10 + i;
    await updateDemoItem(driver, t.id, { PRICE1: price });
    await setDemoStock(driver, t.id, 'MAIN', main);
    wanted.set(t.sku, { price, stock: main + t.back });
  }
  return wanted;
}

/** Polls the store every 10 ms until every SKU holds its wanted values; the time they did, or Infinity. */
async function waitForValues(world: BenchWorld, wanted: Map<string, { price: string; stock: number }>, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  const skus = [...wanted.keys()];
  while (performance.now() < deadline) {
    const now = await world.store.values(skus);
    const done = skus.every((s) => now[s]?.regularPrice === wanted.get(s)!.price && now[s]?.stock === wanted.get(s)!.stock);
    if (done) return performance.now();
    await sleep(10);
  }
  return Infinity;
}

function describeSplit(stats: StoreStats, wallS: number): string {
  const k = stats.byKind;
  const perBatch = (n: number, objects: number) => (n === 0 ? 0 : round(objects / n, 1));
  return `store time ${round(stats.storeMs / 1000, 1)} s of ${round(wallS, 1)} s wall; product batches ${k.productBatch.requests} ` +
    `(${perBatch(k.productBatch.requests, k.productBatch.objects)} objects each, ${round(k.productBatch.storeMs / 1000, 1)} s), ` +
    `variation batches ${k.variationBatch.requests} (${perBatch(k.variationBatch.requests, k.variationBatch.objects)} each, ${round(k.variationBatch.storeMs / 1000, 1)} s), ` +
    `SKU lookups ${k.skuLookup.requests} (${round(k.skuLookup.storeMs / 1000, 1)} s)`;
}

/**
 * Follows a long push: every 30 s logs how many requests and objects the store has taken so far,
 * and notes when the engine first reported each phase. The engine reports product creation once,
 * when all product batches are done, and variations after each parent, so "creating drafts" first
 * seen = the end of reading, planning and every product batch.
 */
class PhaseClock {
  private readonly start = performance.now();
  private readonly firstSeen = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(ctx: BenchContext, store: BenchWorld['store']) {
    this.timer = setInterval(() => {
      void store.stats().then((s) => {
        const objects = s.byKind.productBatch.objects + s.byKind.variationBatch.objects;
        ctx.log(`push: ${s.requests} requests, ${objects} objects sent after ${round((performance.now() - this.start) / 1000)} s`);
      }, () => undefined);
    }, 30_000);
    this.timer.unref();
  }

  see(p: { done: number; total: number; phase: string } | null): void {
    if (p && !this.firstSeen.has(p.phase)) this.firstSeen.set(p.phase, performance.now() - this.start);
  }

  stop(): string {
    clearInterval(this.timer);
    const marks = [...this.firstSeen.entries()].map(([phase, at]) => `"${phase}" first reported at ${round(at / 1000, 1)} s`);
    return marks.length === 0 ? 'no progress reported' : marks.join(', ');
  }
}
