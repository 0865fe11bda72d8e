import { afterEach, describe, expect, it } from 'vitest';
import { exportReference, referenceOrderNumber } from '../../../../electron/engine/orders/export-reference';
import { INVOICE_META_KEY, REFERENCE_META_KEY } from '../../../../electron/engine/orders/order-ingest';
import { OrderFixture } from '../../../helpers/order-fixture';

let f: OrderFixture;
afterEach(async () => { await f?.close(); });

/** A store with two products the POS knows, Tillbridge started, and one completed order. */
async function oneCompletedOrder(opts: Parameters<typeof OrderFixture.open>[0] = {}) {
  f = await OrderFixture.open(opts);
  await f.product('A-1', 50, '10.00');
  await f.product('B-2', 50, '4.50');
  f.pos.addItem('A-1', 20);
  f.pos.addItem('B-2', 20);
  await f.side.cycle();
  return f.order({ status: 'completed', lines: [{ sku: 'A-1', quantity: 2 }, { sku: 'B-2', quantity: 3 }] });
}

/** The order numbers of the POS invoices, in booking order. */
function invoicedNumbers(): string[] {
  return f.pos.invoices().map((i) => referenceOrderNumber(i.externalRef ?? ''));
}

function tillbridgeNotes(notes: { note: string }[]): string[] {
  return notes.map((n) => n.note).filter((t) => t.startsWith('Tillbridge:'));
}

describe('exactly-once export', () => {
  it('books a completed order once, with meta and one private note, and never again', async () => {
    const o = await oneCompletedOrder();
    const r = await f.side.cycle();
    expect(r.export).toMatchObject({ exported: 1, marked: 1, failed: 0 });
    const [inv] = f.pos.invoices();
    // The reference names this store and this order: the number, then a tag from the store's address and the order key.
    const orderKey = (await f.call('GET', `orders/${o.id}`)).body.order_key as string;
    const reference = exportReference(f.emulator.url, { number: o.number, orderKey });
    expect(reference).toMatch(new RegExp(`^${o.number}-[0-9A-Z]{8}$`));
    expect(inv).toMatchObject({ externalRef: reference, total: '33.50', customerAccount: 'WEB' });
    expect(inv!.lines).toEqual([
      { sku: 'A-1', quantity: 2, unitPrice: '10.00', lineTotal: '20.00' },
      { sku: 'B-2', quantity: 3, unitPrice: '4.50', lineTotal: '13.50' },
    ]);
    expect(f.pos.onHand('A-1')).toBe(18);
    expect(await f.meta(o.id, INVOICE_META_KEY)).toBe(inv!.number);
    expect(await f.meta(o.id, REFERENCE_META_KEY)).toBe(reference);
    expect(tillbridgeNotes(await f.notes(o.id))).toEqual([`Tillbridge: booked in the POS as invoice ${inv!.number}.`]);
    expect(f.side.journal.get(o.id)).toMatchObject({ state: 'marked', reference, invoice: inv!.number });
    // The meta write bumped date_modified: the order comes back in the next polls, harmlessly.
    f.advance(5);
    const again = await f.side.cycle();
    expect(again.poll.orderIds).toContain(o.id);
    await f.side.cycle();
    expect(f.pos.invoices()).toHaveLength(1);
    expect(tillbridgeNotes(await f.notes(o.id))).toHaveLength(1);
  });

  it('books a registered customer by e-mail (created, then updated) and guests to the web account', async () => {
    f = await OrderFixture.open({ settings: { guests: 'web-customer' } });
    await f.product('A-1');
    f.pos.addItem('A-1', 5);
    await f.side.cycle();
    const cust = await f.call('POST', 'customers', { email: 'grace@example.com', first_name: 'Grace', last_name: 'Hopper' });
    await f.order({ status: 'completed', customerId: cust.body.id, email: 'Grace@Example.com', lines: [{ sku: 'A-1', quantity: 1 }] });
    await f.order({ status: 'completed', email: 'guest@example.com', lines: [{ sku: 'A-1', quantity: 1 }] });
    await f.order({ status: 'completed', customerId: cust.body.id, email: 'grace@example.com', lines: [{ sku: 'A-1', quantity: 1 }] });
    await f.side.cycle();
    const invs = f.pos.invoices();
    expect(invs.map((i) => i.customerEmail ?? i.customerAccount)).toEqual(['Grace@Example.com', 'WEB', 'Grace@Example.com']);
    expect((f.pos.db.prepare('SELECT COUNT(*) AS n FROM customers WHERE email IS NOT NULL').get() as { n: number }).n).toBe(1);
  });
});

describe('per-order problems stop only that order', () => {
  it('an unknown SKU names the SKUs; the next order still goes; the fixed order goes on retry', async () => {
    f = await OrderFixture.open();
    await f.product('A-1');
    await f.product('NEW-9');
    await f.product('NEW-8');
    f.pos.addItem('A-1', 10);
    await f.side.cycle();
    const bad = await f.order({ status: 'completed', lines: [{ sku: 'NEW-9', quantity: 1 }, { sku: 'A-1', quantity: 1 }, { sku: 'NEW-8', quantity: 1 }] });
    const good = await f.order({ status: 'completed', lines: [{ sku: 'A-1', quantity: 1 }] });
    const r = await f.side.cycle();
    expect(r.export).toMatchObject({ exported: 1, failed: 1, stoppedEarly: null });
    expect(invoicedNumbers()).toEqual([good.number]);
    const [err] = f.side.errors.open('order');
    expect(err).toMatchObject({ itemKey: bad.number, code: 'unknown-sku', retryable: false });
    expect(err!.message).toContain('NEW-9, NEW-8');
    expect(f.side.journal.get(bad.id)?.state).toBe('waiting');
    f.pos.addItem('NEW-9', 1);
    f.pos.addItem('NEW-8', 1);
    const retried = await f.side.exporter.retry(bad.number);
    expect(retried?.result).toBe('marked');
    expect(f.side.errors.open('order')).toEqual([]);
    expect(f.pos.invoices()).toHaveLength(2);
  });

  it('an order without e-mail waits when customers are matched by e-mail', async () => {
    f = await OrderFixture.open({ settings: { guests: 'create', requireEmail: true } });
    await f.product('A-1');
    f.pos.addItem('A-1', 10);
    await f.side.cycle();
    const o = await f.order({ status: 'completed', lines: [{ sku: 'A-1', quantity: 1 }], extra: { billing: { first_name: 'No', last_name: 'Mail' } } });
    await f.side.cycle();
    expect(f.side.errors.open('order')[0]).toMatchObject({ itemKey: o.number, code: 'no-email' });
    expect(f.pos.invoices()).toEqual([]);
  });

  it('a POS refusal shows the POS message, books nothing, and the order waits', async () => {
    const o = await oneCompletedOrder();
    f.pos.faults.refuse = 'the accounting period is closed';
    await f.side.cycle();
    expect(f.pos.invoices()).toEqual([]);
    expect(f.pos.onHand('A-1')).toBe(20);
    expect(f.side.journal.get(o.id)).toMatchObject({ state: 'waiting', errorCode: 'pos-refused' });
    expect(f.side.errors.open('order')[0]!.message).toContain('the accounting period is closed');
    f.pos.faults.refuse = null;
    f.advance(3601);
    await f.side.cycle();
    expect(f.pos.invoices()).toHaveLength(1);
  });

  it('a POS that is down backs off, ends the pass, and the orders go once it is back', async () => {
    f = await OrderFixture.open();
    await f.product('A-1');
    f.pos.addItem('A-1', 10);
    await f.side.cycle();
    const a = await f.order({ status: 'completed', lines: [{ sku: 'A-1', quantity: 1 }] });
    const b = await f.order({ status: 'completed', lines: [{ sku: 'A-1', quantity: 1 }] });
    f.pos.faults.down = true;
    const r = await f.side.cycle();
    expect(r.export).toMatchObject({ considered: 1, failed: 1 });
    expect(r.export.stoppedEarly).toMatch(/could not be reached/);
    expect(f.side.journal.get(a.id)).toMatchObject({ state: 'waiting', errorCode: 'pos-unavailable', failures: 1 });
    expect(f.side.journal.get(a.id)?.nextAttemptAt).toBe(new Date(f.engineNow.getTime() + 30_000).toISOString());
    expect(f.side.journal.get(b.id)?.failures).toBe(0);
    f.pos.faults.down = false;
    f.advance(10);
    await f.side.cycle();
    expect(invoicedNumbers()).toEqual([b.number]);
    f.advance(25);
    await f.side.cycle();
    expect(invoicedNumbers()).toEqual([b.number, a.number]);
  });

  it('the watermark moves past a failing order, which is still exported once fixed', async () => {
    f = await OrderFixture.open();
    await f.product('A-1');
    await f.product('X-1');
    f.pos.addItem('A-1', 10);
    await f.side.cycle();
    const failing = await f.order({ status: 'completed', lines: [{ sku: 'X-1', quantity: 1 }] });
    await f.side.cycle();
    for (let i = 0; i < 3; i++) {
      await f.order({ status: 'completed', lines: [{ sku: 'A-1', quantity: 1 }] });
      f.advance(400);
      await f.side.cycle();
    }
    expect(f.side.cursors.get('orders.watermark')! > (await f.call('GET', `orders/${failing.id}`)).body.date_modified_gmt).toBe(true);
    expect(f.pos.invoices()).toHaveLength(3);
    f.pos.addItem('X-1', 1);
    f.advance(3601);
    await f.side.cycle();
    expect(invoicedNumbers()).toContain(failing.number);
  });

  it('an order taken back out of completed before it was sent is withdrawn, with its errors', async () => {
    f = await OrderFixture.open();
    await f.product('X-1');
    await f.side.cycle();
    const o = await f.order({ status: 'completed', lines: [{ sku: 'X-1', quantity: 1 }] });
    await f.side.cycle();
    expect(f.side.errors.open('order')).toHaveLength(1);
    await f.setStatus(o.id, 'processing');
    await f.side.cycle();
    expect(f.side.journal.get(o.id)?.state).toBe('withdrawn');
    expect(f.side.errors.open('order')).toEqual([]);
    f.pos.addItem('X-1', 1);
    await f.setStatus(o.id, 'completed');
    await f.side.cycle();
    expect(f.side.journal.get(o.id)?.state).toBe('marked');
  });

  it('a cancellation or refund after export is a warning, nothing else', async () => {
    const o = await oneCompletedOrder();
    await f.side.cycle();
    await f.setStatus(o.id, 'cancelled');
    await f.side.cycle();
    const [w] = f.side.errors.open('order');
    expect(w).toMatchObject({ itemKey: o.number, code: 'changed-after-export' });
    expect(w!.message).toContain('cancelled');
    expect(f.pos.invoices()).toHaveLength(1);
    expect(f.side.journal.get(o.id)?.state).toBe('marked');
  });
});

describe('manual controls', () => {
  it('resend: refused while the POS has the invoice; sent again once it was voided there', async () => {
    const o = await oneCompletedOrder();
    await f.side.cycle();
    const first = f.pos.invoices()[0]!.number;
    const again = await f.side.exporter.resend(o.number);
    expect(again).toMatchObject({ kind: 'already-in-pos', invoice: first });
    expect(f.pos.invoices()).toHaveLength(1);
    f.pos.voidInvoice(first);
    const resent = await f.side.exporter.resend(o.number);
    expect(resent.kind).toBe('sent');
    const invs = f.pos.invoices();
    expect(invs).toHaveLength(1);
    expect(invs[0]!.number).not.toBe(first);
    expect(await f.meta(o.id, INVOICE_META_KEY)).toBe(invs[0]!.number);
    expect(tillbridgeNotes(await f.notes(o.id))).toHaveLength(2);
  });

  it('resend of an order before Tillbridge started sends it; of an open order refuses', async () => {
    f = await OrderFixture.open();
    await f.product('A-1');
    f.pos.addItem('A-1', 10);
    const old = await f.order({ status: 'completed', lines: [{ sku: 'A-1', quantity: 1 }] });
    const open = await f.order({ status: 'processing', lines: [{ sku: 'A-1', quantity: 1 }] });
    await f.side.cycle();
    expect(await f.side.exporter.resend(old.number)).toMatchObject({ kind: 'sent' });
    expect(await f.side.exporter.resend(open.number)).toMatchObject({ kind: 'not-exportable', status: 'processing' });
    expect(await f.side.exporter.resend('999999')).toMatchObject({ kind: 'not-found' });
    expect(f.pos.invoices()).toHaveLength(1);
  });
});
