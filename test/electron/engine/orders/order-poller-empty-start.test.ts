/**
 * A store that had no orders when Tillbridge started: every order it shows afterwards is new, so
 * the taken counter must count the stock WooCommerce takes for it (the stock race relies on it).
 */
import { afterEach, expect, it } from 'vitest';
import { OrderFixture } from '../../../helpers/order-fixture';

let f: OrderFixture;
afterEach(async () => { await f?.close(); });

it('counts the stock taken for the first orders of a store that was empty at the first start', async () => {
  f = await OrderFixture.open();
  await f.product('A-1');
  const first = await f.side.cycle();
  expect(first.started).toBe(true);
  await f.order({ status: 'processing', lines: [{ sku: 'A-1', quantity: 2 }] });
  const poll = await f.side.poller.poll();
  expect(poll.since).toBeNull(); // no watermark yet: the store had no order
  expect(f.side.mirror.storeTaken(['a-1']).get('a-1')).toBe(2);
});
