/**
 * The real-store suite (README: "Running the real-store suite against your staging store"):
 * Tillbridge end to end against the store named by TILLBRIDGE_TEST_STORE_URL / _KEY / _SECRET, or,
 * without them, against the emulator with both race switches on. The suite speaks to the store
 * only through the public REST API (wc/v3) and the Store API (wc/store/v1); Tillbridge runs as the
 * shop runs it (the composition root in this process, the bundled CLI as a process for the
 * SIGKILL scenario) on a demo POS holding the suite's own items, and talks to the store through
 * a watching proxy (engine-proxy.ts).
 *
 * Safety (suite-run.ts, store-ledger.ts): every SKU starts with a prefix unique to the run, every
 * e-mail carries the run's tag; what the run made is deleted at the end, also when a scenario
 * fails; a store that already holds orders is refused unless TILLBRIDGE_TEST_STORE_ALLOW_ORDERS=1.
 *
 * The scenarios run in this order and build on each other's items; each records passed or failed
 * in the table printed at the end (suite-report.ts).
 */
import { afterAll, beforeAll, it } from 'vitest';
import { adoption, editedAndDeleted, firstPush, merchantFields, quietRun, salePrices, stockMoves } from './catalogue-scenarios';
import { checkoutRounds } from './checkout-rounds';
import { allocation, exportAcrossKills } from './order-scenarios';
import { stockGuardPlugin } from './stock-guard-scenario';
import { ROUNDS, SHOPPERS, SuiteRun } from './suite-run';

const run = new SuiteRun(process.env.TILLBRIDGE_TEST_STORE_CLEANUP);

beforeAll(() => run.open(), 120_000);
afterAll(() => run.finish(), 600_000);

/** A scenario: an `it` whose outcome and note go into the table. */
function scenario(name: string, fn: (run: SuiteRun) => Promise<string>, timeout = 180_000): void {
  it(name, async (ctx) => {
    if (run.cleanupOnly) ctx.skip();
    const t0 = Date.now();
    try {
      const note = await fn(run);
      run.report?.scenarios.push({ name, passed: true, ms: Date.now() - t0, note });
    } catch (e) {
      const first = String((e as Error).message ?? e).split('\n')[0]!.slice(0, 240);
      run.report?.scenarios.push({ name, passed: false, ms: Date.now() - t0, note: run.report.redact(first) });
      throw e;
    }
  }, timeout);
}

scenario('first push: simple and variable products created as drafts', firstPush);
scenario('quiet second run: no writes', quietRun);
scenario('adoption by SKU of hand-made products and variations', adoption);
scenario('sale prices with dates set and cleared', salePrices);
scenario('stock moves in the POS reach the store', stockMoves);
scenario('merchant fields (name, description, categories, images, published status) untouched', merchantFields);
scenario('SKU edited and product deleted in the store: reported, no duplicate, healed or recreated', editedAndDeleted);
scenario('allocation: open web orders hold stock back (store = POS on-hand − open orders − buffer)', allocation);
scenario('orders completed via REST are exported to the POS exactly once across SIGKILLs of the engine process', exportAcrossKills, 240_000);
scenario(`concurrent checkouts: ${ROUNDS} rounds of ${SHOPPERS} simultaneous Store API checkouts while Tillbridge syncs`, checkoutRounds, 300_000);
scenario('Stock Guard plugin (when the store has it; the emulator installs it): atomic checkouts and stock moves', stockGuardPlugin);
