/**
 * Issue 14, part 1 (short version; `npm run test:soak` runs the long one): a whole Tillbridge
 * works a shop through a store that fails a fifth of its requests in every way the fault proxy
 * knows. When the faults stop, the store equals the POS, no product is duplicated, every completed
 * order is in the POS exactly once, and the status showed the trouble while it lasted.
 */
import { expect, it } from 'vitest';
import { runStoreFaultScenario } from '../../../helpers/store-fault-run';

it('converges after a run through a store that fails a fifth of its requests', async () => {
  const r = await runStoreFaultScenario({ items: 40, rounds: 6, ordersPerRound: 3, rate: 0.2, seed: 1401 });
  console.log(`store faults: ${r.faultsInjected} faults in ${r.requests} requests (${[...r.faults].map(([k, n]) => `${k} ${n}`).join(', ')}); ${r.ordersCompleted} orders, ${r.invoices} invoices; converged after ${r.convergenceRounds + 1} clean pass(es)`);
  expect(r.faultsInjected).toBeGreaterThan(5);
  expect(r.duplicateProducts).toEqual([]);
  expect(r.duplicateInvoices).toEqual([]);
  expect(r.missingInvoices).toEqual([]);
  expect(r.ordersCompleted).toBeGreaterThan(5);
  expect(r.invoices).toBe(r.ordersCompleted);
  expect(r.mismatches).toEqual([]);
  expect(r.webItems).toBeGreaterThan(20);
  expect(r.troubledStatuses, 'the status showed the store trouble while it lasted').toBeGreaterThan(0);
  expect(r.finalStatus.health.store.ok).toBe(true);
  for (const secret of r.secrets) expect(r.texts.filter((t) => t.includes(secret)), 'texts naming the store secret').toEqual([]);
});
