/**
 * The order- and customer-side scenarios also pass the recordings' strict mode (links, payment
 * URLs, avatar URLs and the Link/Allow headers compared exactly), as the real store does.
 */
import { describe, expect, it } from 'vitest';
import { freshTarget, loadScenario } from './contract-harness';
import { describeFailures, replayScenario } from './replay';

const ORDER_SIDE = ['orders-create.json', 'orders-status.json', 'orders-list.json', 'orders-meta-notes.json', 'customers.json'];

describe('WooCommerce emulator, strict replay of the order-side scenarios', () => {
  for (const file of ORDER_SIDE) {
    it(`scenario ${file} (strict)`, async () => {
      const { emu, target } = await freshTarget();
      try {
        const outcome = await replayScenario(loadScenario(file), target, { strict: true });
        const report = describeFailures(outcome);
        expect(report, `\n${report}\n`).toBe('');
        expect(outcome.steps.filter((s) => !s.skipped).length).toBe(loadScenario(file).steps.length);
      } finally {
        await emu.close();
      }
    });
  }
});
