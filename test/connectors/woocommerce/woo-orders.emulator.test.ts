import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../connectors/woocommerce-emulator/clock';
import { startEmulator } from '../../../connectors/woocommerce-emulator/server';
import { mapLimit } from '../../../connectors/woocommerce/map-limit';
import { StoreError } from '../../../connectors/woocommerce/woo-errors';
import { WooCustomers } from '../../../connectors/woocommerce/woo-customers';
import { WooOrders } from '../../../connectors/woocommerce/woo-orders';
import { clientFor, seedProducts, type Emulator } from './store-fixture';

let emu: Emulator;
const clock = new FakeClock();
beforeAll(async () => {
  emu = await startEmulator({ port: 0, host: '127.0.0.1', clock });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  emu.reset();
  emu.faults.clear();
});

async function failure(p: Promise<unknown>): Promise<StoreError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  }
  throw new Error('expected the call to fail');
}

async function placeOrders(statuses: string[]) {
  const c = clientFor(emu);
  await seedProducts(c.client, 'OR', 1, { status: 'publish' });
  const product = [...emu.state.products.values()][0] as { id: number };
  const ids: number[] = [];
  for (const [i, status] of statuses.entries()) {
    clock.nextSecond();
    const o = await c.client.post<{ id: number }>('orders', {
      status,
      billing: { email: `buyer${i}@example.com` },
      line_items: [{ product_id: product.id, quantity: i + 1 }],
    });
    ids.push(o.id);
  }
  return { c, ids };
}

describe('listing orders', () => {
  it('filters by a status list and parses full orders', async () => {
    const { c, ids } = await placeOrders(['pending', 'processing', 'on-hold', 'completed', 'cancelled']);
    const orders = await new WooOrders(c.client).listOrders({ status: ['pending', 'processing', 'on-hold'] });
    expect(orders.map((o) => o.id)).toEqual(ids.slice(0, 3));
    expect(orders.map((o) => o.status)).toEqual(['pending', 'processing', 'on-hold']);
    const line = orders[1]!.line_items[0]!;
    expect(line).toMatchObject({ sku: 'OR-0001', quantity: 2, total: '20.00' });
    expect(orders[1]!.number).toBe(String(ids[1]));
  });

  it('modified_after is strict and sees orders touched later (meta write bumps date_modified)', async () => {
    const { c, ids } = await placeOrders(['processing', 'processing', 'completed']);
    const orders = new WooOrders(c.client);
    const third = await orders.getOrder(ids[2]!);
    expect(await orders.listOrderFields({ modifiedAfter: third.date_modified_gmt }, ['id'])).toEqual([]);
    clock.nextSecond();
    await orders.updateOrderMeta(ids[0]!, [{ key: 'tillbridge_pos_invoice', value: 'INV-1' }]);
    const touched = await orders.listOrderFields({ modifiedAfter: third.date_modified_gmt }, ['id', 'status']);
    expect(touched).toEqual([{ id: ids[0], status: 'processing' }]);
    const before = await orders.listOrderFields({ before: new Date(Date.parse(`${third.date_created_gmt}Z`)) }, ['id']);
    expect(before.map((o) => o.id)).toEqual(ids.slice(0, 2));
  });

  it('pages over more than 100 orders (and the past-the-end quirk does not matter)', async () => {
    const c = clientFor(emu);
    await seedProducts(c.client, 'PO', 1, { status: 'publish' });
    const product = [...emu.state.products.values()][0] as { id: number };
    const ids = await mapLimit(Array.from({ length: 105 }, (_, i) => i), 8, async () =>
      (await c.client.post<{ id: number }>('orders', { status: 'processing', line_items: [{ product_id: product.id, quantity: 1 }] })).id,
    );
    c.calls.length = 0;
    const listed = await new WooOrders(c.client).listOrderFields({ status: ['processing'] }, ['id']);
    expect(listed.map((o) => o.id)).toEqual([...ids].sort((a, b) => a - b));
    expect(c.calls.map((r) => r.params?.page)).toEqual(['1', '2']);
  });
});

describe('one order: meta and notes', () => {
  it('reads an order, writes meta, adds a private note', async () => {
    const { c, ids } = await placeOrders(['completed']);
    const orders = new WooOrders(c.client);
    const meta = await orders.updateOrderMeta(ids[0]!, [
      { key: 'tillbridge_pos_invoice', value: 'INV-1001' },
      { key: '_tillbridge_exported', value: 'yes' },
    ]);
    expect(meta.map((m) => [m.key, m.value])).toEqual([
      ['tillbridge_pos_invoice', 'INV-1001'],
      ['_tillbridge_exported', 'yes'],
    ]);
    // Writing the same key again overwrites rather than adding a second entry.
    const again = await orders.updateOrderMeta(ids[0]!, [{ key: 'tillbridge_pos_invoice', value: 'INV-1002' }]);
    expect(again.filter((m) => m.key === 'tillbridge_pos_invoice').map((m) => m.value)).toEqual(['INV-1002']);
    const note = await orders.addPrivateNote(ids[0]!, 'Exported to POS as invoice INV-1002');
    expect(note.customer_note).toBe(false);
    const notes = await orders.listNotes(ids[0]!, 'internal');
    expect(notes.filter((n) => n.id === note.id).map((n) => [n.note, n.customer_note])).toEqual([['Exported to POS as invoice INV-1002', false]]);
    expect((await orders.getOrder(ids[0]!)).meta_data.map((m) => m.key)).toContain('_tillbridge_exported');
  });

  it('a note whose connection dropped after the write is not re-sent; listNotes shows it once', async () => {
    const { c, ids } = await placeOrders(['completed']);
    const orders = new WooOrders(c.client);
    emu.faults.add({ method: 'POST', path: `/wp-json/wc/v3/orders/${ids[0]}/notes`, drop: 'after' });
    const e = await failure(orders.addPrivateNote(ids[0]!, 'Exported once'));
    expect(e.writeMayHaveHappened).toBe(true);
    expect(e.message).toMatch(new RegExp(`^order #${ids[0]}:`));
    const notes = await orders.listNotes(ids[0]!);
    expect(notes.filter((n) => n.note === 'Exported once')).toHaveLength(1);
  });

  it('an unknown order is a permanent error naming it', async () => {
    const c = clientFor(emu);
    const e = await failure(new WooOrders(c.client).getOrder(999999));
    expect(e).toMatchObject({ status: 404, retryable: false });
    expect(e.message).toMatch(/^order #999999: this order does not exist/);
  });
});

describe('customers', () => {
  it('creates, finds by e-mail in any case, updates partially', async () => {
    const c = clientFor(emu);
    const customers = new WooCustomers(c.client);
    const made = await customers.createCustomer({
      email: 'Jane.Doe@Example.com',
      first_name: 'Jane',
      last_name: 'Doe',
      billing: { first_name: 'Jane', city: 'Springfield', phone: '555-0101' },
    });
    const found = await customers.findByEmail('jane.doe@example.com');
    expect(found?.id).toBe(made.id);
    const updated = await customers.updateCustomer(made.id, { billing: { city: 'Shelbyville' } });
    expect(updated.billing).toMatchObject({ city: 'Shelbyville', phone: '555-0101' });
    expect(await customers.findByEmail('nobody@example.com')).toBeUndefined();
  });

  it('a duplicate e-mail is a permanent error naming the customer', async () => {
    const c = clientFor(emu);
    const customers = new WooCustomers(c.client);
    await customers.createCustomer({ email: 'dup@example.com' });
    const e = await failure(customers.createCustomer({ email: 'DUP@example.com' }));
    expect(e).toMatchObject({ code: 'registration-error-email-exists', retryable: false });
    expect(e.message).toMatch(/^customer DUP@example.com: /);
  });
});
