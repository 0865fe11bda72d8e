/**
 * The product-side scenarios also pass the recordings' strict mode (presentation values such as
 * price_html, slugs, permalinks and related_ids, and the Link/Allow headers compared exactly),
 * which the real store passes too. Keeps the emulator a faithful practice store, not just a
 * contract-passing one. Every recorded step must run: a step skipped (e.g. for want of the HTTPS
 * listener) fails the scenario, as on the order side.
 */
import { describe, expect, it } from 'vitest';
import { freshTarget, loadScenario } from './contract-harness';
import { describeFailures, replayScenario } from './replay';

const PRODUCT_SIDE = [
  'auth.json', 'batch.json', 'errors.json', 'products-create.json', 'products-names.json', 'products-not-found.json',
  'products-pagination.json', 'products-partial-updates.json', 'products-price-values.json', 'products-sale-price.json',
  'products-sku-lookup.json', 'products-stock-values.json', 'products-trash.json', 'variations.json',
];

describe('WooCommerce emulator, strict replay of the product-side scenarios', () => {
  for (const file of PRODUCT_SIDE) {
    it(`scenario ${file} (strict)`, async () => {
      const { emu, target } = await freshTarget();
      try {
        const scenario = loadScenario(file);
        const outcome = await replayScenario(scenario, target, { strict: true });
        const report = describeFailures(outcome);
        expect(report, `\n${report}\n`).toBe('');
        const skipped = outcome.steps.filter((s) => s.skipped).map((s) => `${s.step}: ${s.skipped}`);
        expect(skipped, 'steps skipped').toEqual([]);
        expect(outcome.steps.filter((s) => !s.skipped).length, 'steps run').toBe(scenario.steps.length);
      } finally {
        await emu.close();
      }
    });
  }
});
