import { afterEach, expect, it } from 'vitest';
import { OrderFixture } from '../../../helpers/order-fixture';

let f: OrderFixture;
afterEach(async () => { await f?.close(); });

it('a profile step marked retry (no open till session) is reported in its own words, not as a POS that could not be reached', async () => {
  f = await OrderFixture.open();
  await f.product('A-1');
  f.pos.addItem('A-1', 10);
  await f.side.cycle();
  const o = await f.order({ status: 'completed', lines: [{ sku: 'A-1', quantity: 1 }] });
  const said = `Order ${o.number}: the POS profile step export.order[1] ("the open till session") : no till session is open on register 1. Open the till. It is tried again automatically. Nothing was written.`;
  f.pos.faults.notReady = said;
  const r = await f.side.cycle();
  // The pass stops (the next order would meet the same closed till), but the POS is not offline.
  expect(r.export.stoppedEarly).toMatch(/no till session is open/);
  expect(r.export.stoppedBy).toBeNull();
  const problem = f.side.errors.open('order')[0]!;
  expect(problem.code).toBe('pos-not-ready');
  expect(problem.retryable).toBe(true);
  expect(problem.message).toContain('no till session is open on register 1');
  expect(problem.message).not.toMatch(/could not be reached|was busy/);
  expect(problem.hint).not.toMatch(/server is running/);
  expect(problem.hint).toMatch(/tries again by itself/);
  f.pos.faults.notReady = null;
  f.advance(3601);
  await f.side.cycle();
  expect(f.pos.invoices()).toHaveLength(1);
});
