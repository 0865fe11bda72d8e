/**
 * The order side over the built-in uniCenta and OSPOS profiles on a real MariaDB: store orders
 * that are still open are allocated and stay out of the POS; completed ones become one ticket or
 * invoice each, written as the POS writes its own sales, and stay one through a resend and a pull
 * again; the POS's own totals add up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OSPOS_SCHEMA_MYSQL } from '../../../../connectors/pos/ospos/ospos-schema';
import { builtInProfile } from '../../../../connectors/pos/profile-loader';
import { ProfilePosOrderPort } from '../../../../connectors/pos/profile-order-port';
import type { SqlDriver } from '../../../../connectors/pos/drivers/sql-driver';
import { UNICENTA_SCHEMA_MYSQL } from '../../../../connectors/pos/unicenta/unicenta-schema';
import { loadOsposFixture } from '../../../connectors/pos/fixtures/ospos-fixture';
import { UC, loadUnicentaFixture } from '../../../connectors/pos/fixtures/unicenta-fixture';
import { createTestMariadbDatabase, type TestMariadbDatabase } from '../../../helpers/mariadb';
import { OrderFixture } from '../../../helpers/order-fixture';

interface PosCase {
  profile: 'unicenta' | 'ospos';
  schema: readonly string[];
  load(d: SqlDriver): Promise<void>;
  skus: [string, string];
  /** Sales in the POS: [invoice number, reference]. */
  sales(d: SqlDriver): Promise<[string, string][]>;
  /** On hand of the first SKU at the sale location. */
  onHand(d: SqlDriver): Promise<number>;
  /** The POS's totals of one sale agree with what was paid (its own arithmetic). */
  addsUp(d: SqlDriver, invoice: string): Promise<void>;
}

const num = async (d: SqlDriver, sql: string) => Number((await d.query(sql))[0]!.V ?? 0);

const CASES: PosCase[] = [
  {
    profile: 'unicenta', schema: UNICENTA_SCHEMA_MYSQL, load: loadUnicentaFixture, skus: ['300002', '300010-M-Navy'],
    sales: async (d) => (await d.query('SELECT t.ticketid AS NO, p.notes AS REF FROM tickets t JOIN payments p ON p.receipt = t.id ORDER BY t.ticketid')).map((r) => [String(r.NO), String(r.REF)]),
    onHand: (d) => num(d, `SELECT COALESCE(SUM(units), 0) AS V FROM stockcurrent WHERE product = '${UC.mug}' AND location = '0'`),
    async addsUp(d, invoice) {
      const id = String((await d.query(`SELECT id FROM tickets WHERE ticketid = ${Number(invoice)}`))[0]!.ID);
      const lines = await num(d, `SELECT SUM(units * price) AS V FROM ticketlines WHERE ticket = '${id}'`);
      const taxes = await num(d, `SELECT SUM(amount) AS V FROM taxlines WHERE receipt = '${id}'`);
      const paid = await num(d, `SELECT SUM(total) AS V FROM payments WHERE receipt = '${id}'`);
      expect(lines).toBeGreaterThan(0);
      expect(Math.abs(lines + taxes - paid)).toBeLessThan(0.005);
    },
  },
  {
    profile: 'ospos', schema: OSPOS_SCHEMA_MYSQL, load: (d) => loadOsposFixture(d), skus: ['MUG-1', 'TS-NAVY-M'],
    sales: async (d) => (await d.query('SELECT invoice_number AS NO, comment AS REF FROM ospos_sales ORDER BY sale_id')).map((r) => [String(r.NO), String(r.REF).replace(/^Web order /, '').split('\n')[0]!]),
    onHand: (d) => num(d, 'SELECT COALESCE(SUM(quantity), 0) AS V FROM ospos_item_quantities WHERE item_id = 12 AND location_id = 1'),
    async addsUp(d, invoice) {
      const id = Number((await d.query(`SELECT sale_id FROM ospos_sales WHERE invoice_number = '${invoice}'`))[0]!.SALE_ID);
      const items = await num(d, `SELECT SUM(quantity_purchased * item_unit_price - quantity_purchased * discount) AS V FROM ospos_sales_items WHERE sale_id = ${id}`);
      const taxes = await num(d, `SELECT SUM(sale_tax_amount) AS V FROM ospos_sales_taxes WHERE sale_id = ${id}`);
      const paid = await num(d, `SELECT SUM(payment_amount) AS V FROM ospos_sales_payments WHERE sale_id = ${id}`);
      expect(items).toBeGreaterThan(0);
      expect(Math.abs(items + taxes - paid)).toBeLessThan(0.005);
    },
  },
];

let f: OrderFixture | undefined;
let db: TestMariadbDatabase | undefined;
const closers: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await f?.close();
  await Promise.all(closers.splice(0).map((c) => c.close()));
  await db?.drop();
  f = undefined;
  db = undefined;
});

describe.each(CASES)('web orders into $profile on MariaDB', (c) => {
  it('allocates the open order, books the completed one once (resend and pull again find it), then books the first when it completes', async () => {
    db = await createTestMariadbDatabase(`orders_${c.profile}`, c.schema);
    const till = db.driver();
    await c.load(till);
    const port = new ProfilePosOrderPort(builtInProfile(c.profile), db.driver());
    closers.push(port);
    f = await OrderFixture.open({ wrapPos: () => port });
    const [a, b] = c.skus;
    await f.product(a, 50, '19.99');
    await f.product(b, 50, '59.99');
    await f.side.cycle();
    const stockBefore = await c.onHand(till);

    const open = await f.order({ status: 'processing', lines: [{ sku: a, quantity: 2 }], email: 'Open.Buyer@example.com' });
    const done = await f.order({
      status: 'completed', lines: [{ sku: a, quantity: 1 }, { sku: b, quantity: 1 }], email: 'done.buyer@example.com',
      extra: { shipping_lines: [{ method_id: 'flat_rate', method_title: 'Flat rate', total: '4.00' }] },
    });
    const first = await f.side.cycle();
    expect(first.export).toMatchObject({ exported: 1, marked: 1, failed: 0 });
    // The open order is allocated (the POS does not know it yet); the exported one no longer is.
    expect(f.allocation.allocatedBySku().get(a.toLowerCase())).toBe(2);
    expect(f.allocation.allocatedBySku().get(b.toLowerCase())).toBeUndefined();

    const reference = f.side.journal.get(done.id)!.reference!;
    const sales = await c.sales(till);
    expect(sales).toHaveLength(1);
    const [invoice, ref] = sales[0]!;
    expect(ref).toBe(reference);
    expect(f.side.journal.get(done.id)).toMatchObject({ state: 'marked', invoice });
    expect((await f.notes(done.id)).map((n: { note: string }) => n.note)).toContain(`Tillbridge: booked in the POS as invoice ${invoice}.`);
    await c.addsUp(till, invoice);
    expect(await c.onHand(till)).toBe(stockBefore - 1);

    // Exactly once: a resend and a pull again find the booked sale.
    expect(await f.side.exporter.resend(done.number)).toMatchObject({ kind: 'already-in-pos', invoice });
    f.advance(600);
    await f.side.poller.pullSince('2026-11-01T00:00:00');
    await f.side.cycle();
    expect(await c.sales(till)).toHaveLength(1);
    expect(await c.onHand(till)).toBe(stockBefore - 1);

    await f.setStatus(open.id, 'completed');
    f.advance(600);
    const second = await f.side.cycle();
    expect(second.export).toMatchObject({ exported: 1, failed: 0 });
    expect(await c.sales(till)).toHaveLength(2);
    expect(f.allocation.allocatedBySku().size).toBe(0);
    expect(await c.onHand(till)).toBe(stockBefore - 3);
  });
});
