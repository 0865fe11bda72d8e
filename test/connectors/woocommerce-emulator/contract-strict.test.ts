/**
 * The product-side scenarios also pass the recordings' strict mode (presentation values such as
 * price_html, slugs, permalinks and related_ids, and the Link/Allow headers compared exactly),
 * which the real store passes too. Keeps the emulator a faithful practice store, not just a
 * contract-passing one.
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
        const outcome = await replayScenario(loadScenario(file), target, { strict: true });
        const report = describeFailures(outcome);
        expect(report, `\n${report}\n`).toBe('');
      } finally {
        await emu.close();
      }
    });
  }
});
