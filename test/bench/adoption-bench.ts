/**
 * Benchmark 5: a shop that already sells online. Every web SKU of the POS already exists in the
 * store as a product the merchant made by hand (published, own price, stock not managed); the
 * first sync must adopt them all, create nothing, and write prices and stock. Then a second pass
 * must cost nothing.
 */
import { join } from 'node:path';
import { check, liveHeapMb, MemorySampler, newResult, round, timed, type Bench } from './bench-kit';
import { openBenchWorld } from './bench-world';
import { rowsForWebItems, webCatalogue } from './demo-pos-facts';
import { describeKinds } from './store-stats';

const SEED = 11;

export const adoptionBench: Bench = {
  name: 'adoption',
  async run(ctx) {
    const target = ctx.sizes.adopt;
    // No matrix items: hand-made stores in this scenario hold simple products only.
    const rows = rowsForWebItems(target, SEED, 0);
    const world = await openBenchWorld(join(ctx.tmp, 'adoption'), { items: rows, seed: SEED, matrixShare: 0 });
    try {
      const web = webCatalogue(world.posFile);
      ctx.log(`adoption: ${web.length} hand-made products in the store, the same SKUs in the POS; first sync ...`);
      // The merchant's own prices differ from the POS, so adoption has something to write.
      await world.store.seed(web.map((w) => ({ sku: w.sku, name: w.name, regular_price: '999.00' })));
      const r = newResult('5 adoption', `${web.length} products made by hand in the store + the same SKUs in the POS`);
      await world.store.resetStats();
      const heapBefore = liveHeapMb();
      const sampler = new MemorySampler().start();
      const run = await timed(() => world.tb.engine.syncProducts({ trigger: 'manual' }));
      const mem = sampler.stop();
      const stats = await world.store.stats();
      const summary = await world.store.summary();
      await world.store.resetStats();
      const again = await world.tb.engine.syncProducts({ trigger: 'manual' });
      const second = await world.store.stats();
      const sample = web.slice(0, 50);
      const values = await world.store.values(sample.map((w) => w.sku));
      const floor = 2 * Math.ceil(web.length / 100);
      const k = stats.byKind;
      Object.assign(r.metrics, {
        products: web.length,
        requests: stats.requests,
        minRequests: floor,
        refusedCreateBatches: k.productBatch.requests - Math.ceil(web.length / 100),
        productBatches: k.productBatch.requests,
        skuLookups: k.skuLookup.requests,
        wallS: round(run.ms / 1000, 1),
        storeS: round(stats.storeMs / 1000, 1),
        peakHeapMb: mem.peakHeapMb,
        liveHeapBeforeMb: heapBefore,
        secondPassRequests: second.requests,
      });
      r.notes.push(`floor: ${Math.ceil(web.length / 100)} SKU lookups + ${Math.ceil(web.length / 100)} update batches = ${floor}; ` +
        `the engine sends creates first and adopts from the refusals (product_invalid_sku), then looks the SKUs up to tell variations apart`);
      r.notes.push(`requests by kind: ${describeKinds(stats)}`);
      r.notes.push(`store time: product batches ${round(k.productBatch.storeMs / 1000, 1)} s, SKU lookups ${round(k.skuLookup.storeMs / 1000, 1)} s`);
      const result = run.value.result;
      check(r, run.value.status === 'ok' && (result?.failed ?? -1) === 0, `adoption did not end ok: ${run.value.status}, ${result?.failed ?? '?'} failed ${run.value.message ?? ''}`);
      check(r, summary.products === web.length, `the store holds ${summary.products} products after adoption, not ${web.length} (duplicates?)`);
      check(r, summary.drafts === 0, `${summary.drafts} draft(s) were created although every SKU existed`);
      check(r, sample.every((w) => values[w.sku]?.regularPrice === w.price && values[w.sku]?.stock !== null),
        'adopted products do not show the POS price and managed stock');
      check(r, again.status === 'ok' && second.requests === 0, `the pass after adoption sent ${second.requests} request(s) (expected none)`);
      return [r];
    } finally {
      await world.close();
    }
  },
};
