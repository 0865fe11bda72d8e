/**
 * The emulator's contract test: every recorded scenario replays against a fresh emulator with the
 * same results (rules in test/fixtures/woocommerce-contract/README of the recordings). A failure
 * names the scenario, the step and the JSON path that differs.
 */
import { describe, expect, it } from 'vitest';
import { TLS, freshTarget, loadScenario, scenarioFiles } from './contract-harness';
import { describeFailures, replayScenario } from './replay';

describe('WooCommerce emulator replays the recorded store', () => {
  for (const file of scenarioFiles()) {
    it(`scenario ${file}`, async () => {
      const { emu, target } = await freshTarget();
      try {
        const outcome = await replayScenario(loadScenario(file), target);
        const report = describeFailures(outcome);
        expect(report, `\n${report}\n`).toBe('');
        // Every listener a recording names exists here (HTTPS needs openssl for its certificate).
        const skipped = outcome.steps.filter((s) => s.skipped).map((s) => `${s.step}: ${s.skipped}`);
        expect(skipped).toEqual(TLS ? [] : skipped.filter((s) => s.includes('HTTPS')));
      } finally {
        await emu.close();
      }
    });
  }
});
