import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatWallClock } from '../../../../connectors/pos/drivers/wall-clock';
import { PosError } from '../../../../connectors/core/pos-errors';
import { builtInProfile } from '../../../../connectors/pos/profile-loader';
import { ProfilePosOrderPort } from '../../../../connectors/pos/profile-order-port';
import type { SqlDriver } from '../../../../connectors/pos/drivers/sql-driver';
import { OSPOS_SCHEMA_MYSQL } from '../../../../connectors/pos/ospos/ospos-schema';
import { createTestMariadbDatabase, type TestMariadbDatabase } from '../../../helpers/mariadb';
import { loadOsposFixture } from '../fixtures/ospos-fixture';
import { byEmail, sampleOrder, webAccount } from './order-samples';

const SKUS: [string, string] = ['MUG-1', 'TS-NAVY-M'];
const NOW = new Date('2026-11-29T10:00:00Z');
const WRITTEN = ['ospos_sales', 'ospos_sales_items', 'ospos_sales_items_taxes', 'ospos_sales_taxes', 'ospos_sales_payments', 'ospos_inventory', 'ospos_item_quantities', 'ospos_people', 'ospos_customers', 'ospos_app_config'];

describe('ospos profile export on MariaDB (invoice format and counter, items, item and sale taxes, payment, inventory)', () => {
  let db: TestMariadbDatabase;
  let till: SqlDriver;
  const open: { close(): Promise<void> }[] = [];
  const port = (profile = builtInProfile('ospos')) => {
    const p = new ProfilePosOrderPort(profile, db.driver({ lockTimeoutSeconds: 1 }), { now: () => NOW });
    open.push(p);
    return p;
  };
  const q = (sql: string) => till.query(sql);
  const one = async (sql: string) => (await q(sql))[0]!;
  const snapshot = async () => {
    const out: Record<string, unknown[]> = {};
    for (const t of WRITTEN) out[t] = (await q(`SELECT * FROM ${t}`)).map((r) => JSON.stringify(r)).sort();
    return out;
  };
  const config = async (key: string) => (await one(`SELECT value FROM ospos_app_config WHERE \`key\` = '${key}'`)).VALUE;
  /** OSPOS's own arithmetic: items (quantity × price − quantity × fixed discount) plus sale taxes are what was paid. */
  const saleAddsUp = async (saleId: unknown) => {
    const items = Number((await one(`SELECT SUM(quantity_purchased * item_unit_price - quantity_purchased * discount) AS V FROM ospos_sales_items WHERE sale_id = ${Number(saleId)}`)).V);
    const taxes = Number((await one(`SELECT COALESCE(SUM(sale_tax_amount), 0) AS V FROM ospos_sales_taxes WHERE sale_id = ${Number(saleId)}`)).V);
    const itemTaxes = Number((await one(`SELECT COALESCE(SUM(item_tax_amount), 0) AS V FROM ospos_sales_items_taxes WHERE sale_id = ${Number(saleId)}`)).V);
    const paid = Number((await one(`SELECT COALESCE(SUM(payment_amount), 0) AS V FROM ospos_sales_payments WHERE sale_id = ${Number(saleId)}`)).V);
    expect(taxes).toBeCloseTo(itemTaxes, 4);
    expect(items + taxes).toBeCloseTo(paid, 4);
  };

  beforeAll(async () => {
    db = await createTestMariadbDatabase('ospos_export', OSPOS_SCHEMA_MYSQL);
    till = db.driver();
  });
  afterAll(async () => { await db?.drop(); });
  beforeEach(async () => { await loadOsposFixture(till); });
  afterEach(async () => { await Promise.all(open.splice(0).map((p) => p.close())); });

  it('books the invoice as OSPOS does: number from its format and counter, items with a fixed discount, item taxes, sale taxes, payment, quantities and inventory', async () => {
    expect(await port().exportOrder(sampleOrder({ reference: '1001-ABCDEFGH', skus: SKUS, customer: byEmail('new.buyer@example.net') }))).toEqual({ invoiceNumber: '000042' });
    const now = formatWallClock(NOW);
    expect(await config('last_used_invoice_number')).toBe('42');

    const person = await one("SELECT * FROM ospos_people WHERE email = 'new.buyer@example.net'");
    expect(person).toMatchObject({ FIRST_NAME: 'Ada', LAST_NAME: 'Lovelace', PHONE_NUMBER: '020 7946 0000', ADDRESS_1: '12 Analytical Row', CITY: 'London', ZIP: 'N1 7AA', COUNTRY: 'GB' });
    expect(await one(`SELECT person_id, taxable, deleted, employee_id, consent FROM ospos_customers WHERE person_id = ${Number(person.PERSON_ID)}`))
      .toEqual({ PERSON_ID: person.PERSON_ID, TAXABLE: 1, DELETED: 0, EMPLOYEE_ID: 1, CONSENT: 1 });
    const sale = await one('SELECT * FROM ospos_sales');
    expect(sale).toEqual({
      SALE_TIME: now, CUSTOMER_ID: person.PERSON_ID, EMPLOYEE_ID: 1, COMMENT: 'Web order 1001-ABCDEFGH\nPlease gift wrap', INVOICE_NUMBER: '000042',
      QUOTE_NUMBER: null, SALE_ID: sale.SALE_ID, SALE_STATUS: 0, DINNER_TABLE_ID: null, WORK_ORDER_NUMBER: null, SALE_TYPE: 1,
    });
    expect(await q('SELECT item_id, description, line, quantity_purchased, item_cost_price, item_unit_price, discount, discount_type, item_location FROM ospos_sales_items ORDER BY line')).toEqual([
      { ITEM_ID: 12, DESCRIPTION: '', LINE: 1, QUANTITY_PURCHASED: '2.000', ITEM_COST_PRICE: '6.00', ITEM_UNIT_PRICE: '10.00', DISCOUNT: '1.00', DISCOUNT_TYPE: 1, ITEM_LOCATION: 1 },
      { ITEM_ID: 14, DESCRIPTION: '', LINE: 2, QUANTITY_PURCHASED: '1.000', ITEM_COST_PRICE: '20.00', ITEM_UNIT_PRICE: '16.67', DISCOUNT: '1.67', DISCOUNT_TYPE: 1, ITEM_LOCATION: 1 },
      { ITEM_ID: 1, DESCRIPTION: 'Flat rate', LINE: 3, QUANTITY_PURCHASED: '1.000', ITEM_COST_PRICE: '0.00', ITEM_UNIT_PRICE: '4.00', DISCOUNT: '0.00', DISCOUNT_TYPE: 1, ITEM_LOCATION: 1 },
      { ITEM_ID: 1, DESCRIPTION: 'Gift wrap', LINE: 4, QUANTITY_PURCHASED: '1.000', ITEM_COST_PRICE: '0.00', ITEM_UNIT_PRICE: '1.50', DISCOUNT: '0.00', DISCOUNT_TYPE: 1, ITEM_LOCATION: 1 },
    ]);
    expect(await q('SELECT item_id, line, name, percent, tax_type, rounding_code, item_tax_amount FROM ospos_sales_items_taxes ORDER BY line')).toEqual([
      { ITEM_ID: 12, LINE: 1, NAME: 'VAT', PERCENT: '20.0000', TAX_TYPE: 1, ROUNDING_CODE: 1, ITEM_TAX_AMOUNT: '3.6000' },
      { ITEM_ID: 14, LINE: 2, NAME: 'VAT', PERCENT: '20.0000', TAX_TYPE: 1, ROUNDING_CODE: 1, ITEM_TAX_AMOUNT: '3.0000' },
      { ITEM_ID: 1, LINE: 3, NAME: 'VAT', PERCENT: '20.0000', TAX_TYPE: 1, ROUNDING_CODE: 1, ITEM_TAX_AMOUNT: '0.8000' },
      { ITEM_ID: 1, LINE: 4, NAME: 'VAT', PERCENT: '20.0000', TAX_TYPE: 1, ROUNDING_CODE: 1, ITEM_TAX_AMOUNT: '0.3000' },
    ]);
    expect(await q('SELECT tax_type, tax_group, sale_tax_basis, sale_tax_amount, name, tax_rate FROM ospos_sales_taxes')).toEqual([
      { TAX_TYPE: 1, TAX_GROUP: 'VAT', SALE_TAX_BASIS: '38.5000', SALE_TAX_AMOUNT: '7.7000', NAME: 'VAT', TAX_RATE: '20.0000' },
    ]);
    expect(await q('SELECT payment_type, payment_amount, cash_refund, employee_id, payment_time, reference_code FROM ospos_sales_payments')).toEqual([
      { PAYMENT_TYPE: 'Credit Card', PAYMENT_AMOUNT: '46.20', CASH_REFUND: '0.00', EMPLOYEE_ID: 1, PAYMENT_TIME: now, REFERENCE_CODE: 'ch_3PqX' },
    ]);
    expect(await q('SELECT item_id, location_id, quantity FROM ospos_item_quantities WHERE item_id IN (1, 12, 14) ORDER BY item_id, location_id')).toEqual([
      { ITEM_ID: 12, LOCATION_ID: 1, QUANTITY: '-2.000' },
      { ITEM_ID: 14, LOCATION_ID: 1, QUANTITY: '2.000' },
      { ITEM_ID: 14, LOCATION_ID: 2, QUANTITY: '1.000' },
    ]);
    expect(await q('SELECT trans_items, trans_user, trans_date, trans_comment, trans_location, trans_inventory FROM ospos_inventory ORDER BY trans_items')).toEqual([
      { TRANS_ITEMS: 12, TRANS_USER: 1, TRANS_DATE: now, TRANS_COMMENT: `POS ${String(sale.SALE_ID)}`, TRANS_LOCATION: 1, TRANS_INVENTORY: '-2.000' },
      { TRANS_ITEMS: 14, TRANS_USER: 1, TRANS_DATE: now, TRANS_COMMENT: `POS ${String(sale.SALE_ID)}`, TRANS_LOCATION: 1, TRANS_INVENTORY: '-1.000' },
    ]);
    await saleAddsUp(sale.SALE_ID);
    expect(await port().findInvoiceByReference('1001-ABCDEFGH')).toBe('000042');
  });

  it('renders other invoice formats as OSPOS does: {CO} counts the invoices so far and leaves the sequence alone; %y is the year', async () => {
    await loadOsposFixture(till, { invoiceFormat: 'W%y-{CO:4}' });
    const p = port();
    expect(await p.exportOrder(sampleOrder({ reference: '1101-ABCDEFGH', skus: SKUS }))).toEqual({ invoiceNumber: 'W26-0000' });
    expect(await p.exportOrder(sampleOrder({ reference: '1102-ABCDEFGH', skus: SKUS }))).toEqual({ invoiceNumber: 'W26-0001' });
    expect(await config('last_used_invoice_number')).toBe('41');
  });

  it('with "tax included" the items carry gross prices and the taxes are the included part', async () => {
    await loadOsposFixture(till, { taxIncluded: true });
    await port().exportOrder(sampleOrder({ reference: '1201-ABCDEFGH', skus: SKUS }));
    expect(await q('SELECT line, item_unit_price, discount FROM ospos_sales_items ORDER BY line')).toEqual([
      { LINE: 1, ITEM_UNIT_PRICE: '12.00', DISCOUNT: '1.20' },
      { LINE: 2, ITEM_UNIT_PRICE: '20.00', DISCOUNT: '2.00' },
      { LINE: 3, ITEM_UNIT_PRICE: '4.80', DISCOUNT: '0.00' },
      { LINE: 4, ITEM_UNIT_PRICE: '1.80', DISCOUNT: '0.00' },
    ]);
    expect(await q('SELECT DISTINCT tax_type FROM ospos_sales_items_taxes')).toEqual([{ TAX_TYPE: 0 }]);
    // Gross items add up to what was paid; the taxes are inside them.
    const sale = await one('SELECT sale_id FROM ospos_sales');
    expect(Number((await one(`SELECT SUM(quantity_purchased * item_unit_price - quantity_purchased * discount) AS V FROM ospos_sales_items WHERE sale_id = ${Number(sale.SALE_ID)}`)).V)).toBeCloseTo(46.2, 4);
  });

  it('matches the customer by e-mail in any letter case and updates it; a guest goes to the WEB account; cash on delivery is "Cash"', async () => {
    const p = port();
    await p.exportOrder(sampleOrder({ reference: '2001-ABCDEFGH', skus: SKUS, customer: byEmail('Grace.Hopper@Example.com') }));
    await p.exportOrder(sampleOrder({ reference: '2002-ABCDEFGH', skus: SKUS, customer: byEmail('GRACE.HOPPER@example.com', { firstName: 'Grace', lastName: 'Hopper', city: 'Arlington', country: '' }) }));
    await p.exportOrder({ ...sampleOrder({ reference: '2003-ABCDEFGH', skus: SKUS, customer: webAccount() }), payment: { method: 'cod', title: 'Cash on delivery', transactionId: '' } });
    const grace = await q("SELECT person_id, first_name, last_name, city, country FROM ospos_people WHERE LOWER(email) = 'grace.hopper@example.com'");
    expect(grace).toEqual([{ PERSON_ID: grace[0]!.PERSON_ID, FIRST_NAME: 'Grace', LAST_NAME: 'Hopper', CITY: 'Arlington', COUNTRY: 'GB' }]);
    expect(await q('SELECT s.invoice_number, s.customer_id, p.payment_type FROM ospos_sales s JOIN ospos_sales_payments p ON p.sale_id = s.sale_id ORDER BY s.invoice_number')).toEqual([
      { INVOICE_NUMBER: '000042', CUSTOMER_ID: grace[0]!.PERSON_ID, PAYMENT_TYPE: 'Credit Card' },
      { INVOICE_NUMBER: '000043', CUSTOMER_ID: grace[0]!.PERSON_ID, PAYMENT_TYPE: 'Credit Card' },
      { INVOICE_NUMBER: '000044', CUSTOMER_ID: 2, PAYMENT_TYPE: 'Cash' },
    ]);
  });

  it('exactly once: a second export writes nothing; a cancelled sale does not count, so the order can be booked again', async () => {
    const order = sampleOrder({ reference: '4001-ABCDEFGH', skus: SKUS, customer: byEmail('new.buyer@example.net') });
    const first = await port().exportOrder(order);
    const after = await snapshot();
    expect(await port().exportOrder(order)).toEqual({ invoiceNumber: first.invoiceNumber, alreadyThere: true });
    expect(await snapshot()).toEqual(after);
    await till.transaction((tx) => tx.query('UPDATE ospos_sales SET sale_status = 2'), { mode: 'write' });
    expect(await port().exportOrder(order)).toEqual({ invoiceNumber: '000043' });
  });

  it('an unknown SKU rolls everything back; a missing shipping item names the setting', async () => {
    const before = await snapshot();
    const err = await port().exportOrder(sampleOrder({ reference: '5001-ABCDEFGH', skus: ['MUG-1', 'NOPE-9'], customer: byEmail('fresh@example.com') })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PosError);
    expect(err).toMatchObject({ code: 'bad-data', retryable: false, statement: 'export.line[0]' });
    expect((err as Error).message).toMatch(/OSPOS has no item with the barcode NOPE-9 .*Nothing was written\.$/);
    expect(await snapshot()).toEqual(before);
    await till.transaction((tx) => tx.query('DELETE FROM ospos_items_taxes WHERE item_id = 14'), { mode: 'write' });
    const untaxed = await port().exportOrder(sampleOrder({ reference: '5003-ABCDEFGH', skus: SKUS })).catch((e: unknown) => e);
    expect(untaxed).toMatchObject({ code: 'bad-data', statement: 'export.line[1]' });
    expect((untaxed as Error).message).toMatch(/the web order charged tax on TS-NAVY-M but the OSPOS item has no tax/);
    expect(await snapshot()).toEqual(before);
    await till.transaction(async (tx) => {
      await tx.query("INSERT INTO ospos_items_taxes (item_id, name, percent) VALUES (14, 'VAT', '20.000')");
      await tx.query('UPDATE ospos_items SET deleted = 1 WHERE item_id = 1');
    }, { mode: 'write' });
    const noCharge = await port().exportOrder(sampleOrder({ reference: '5002-ABCDEFGH', skus: SKUS })).catch((e: unknown) => e);
    expect(noCharge).toMatchObject({ code: 'bad-data', statement: 'export.charge[0]' });
    expect((noCharge as Error).message).toMatch(/OSPOS has no item with the barcode WEB-CHARGES for shipping and fees/);
  });

  it('a till holding the invoice counter makes the export fail retryably within the lock wait, with nothing written', async () => {
    const before = await snapshot();
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => { locked = r; });
    const holder = db.driver().transaction(async (tx) => {
      await tx.query("UPDATE ospos_app_config SET value = '42' WHERE `key` = 'last_used_invoice_number'");
      locked();
      await held;
      throw new Error('the till cancels its sale');
    }, { mode: 'write' }).catch(() => undefined);
    await isLocked;
    const err = await port().exportOrder(sampleOrder({ reference: '7001-ABCDEFGH', skus: SKUS, customer: byEmail('locked.out@example.com') })).catch((e: unknown) => e);
    release();
    await holder;
    expect(err).toMatchObject({ code: 'lock', retryable: true, statement: 'export.order[0]' });
    expect(await snapshot()).toEqual(before);
    expect((await port().exportOrder(sampleOrder({ reference: '7001-ABCDEFGH', skus: SKUS }))).invoiceNumber).toBe('000042');
  });
});

describe('ospos profile export on MariaDB: two exporters of one order at the same moment', () => {
  let db: TestMariadbDatabase;
  let till: SqlDriver;
  beforeAll(async () => {
    db = await createTestMariadbDatabase('ospos_race', OSPOS_SCHEMA_MYSQL);
    till = db.driver();
  });
  afterAll(async () => { await db?.drop(); });
  beforeEach(async () => { await loadOsposFixture(till); });

  /** Exporter A (by hand) holds the invoice counter while B (the profile) waits for it; A books and commits; B goes on. */
  async function race(profile: ReturnType<typeof builtInProfile>): Promise<{ b: unknown; sales: unknown[] }> {
    const reference = '8001-ABCDEFGH';
    const b = new ProfilePosOrderPort(profile, db.driver({ lockTimeoutSeconds: 30 }), { now: () => NOW });
    const watcher = db.driver();
    try {
      let bDone!: Promise<unknown>;
      await db.driver().transaction(async (a) => {
        await a.query("UPDATE ospos_app_config SET value = '42' WHERE `key` = 'last_used_invoice_number'");
        bDone = b.exportOrder(sampleOrder({ reference, skus: SKUS, customer: webAccount() })).catch((e: unknown) => e);
        for (let i = 0; ; i++) {
          const [w] = await watcher.query("SELECT COUNT(*) AS N FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND INFO LIKE 'SELECT c.value AS LAST_USED%'");
          if (Number(w!.N) > 0) break;
          if (i === 1000) throw new Error('exporter B never queued behind the invoice counter');
          await new Promise((r) => setTimeout(r, 20));
        }
        await a.query("INSERT INTO ospos_sales (sale_time, customer_id, employee_id, comment, invoice_number, sale_status, sale_type) VALUES ('2026-11-29 09:59:00', 2, 1, :comment, '000042', 0, 1)", { comment: `Web order ${reference}` });
      }, { mode: 'write' });
      const outcome = await bDone;
      const sales = await till.query(`SELECT invoice_number FROM ospos_sales WHERE comment LIKE 'Web order ${reference}%' ORDER BY invoice_number`);
      return { b: outcome, sales };
    } finally {
      await b.close();
      await watcher.close();
    }
  }

  it('the one that waited looks again past its snapshot, steps back retryably, and its retry finds the other\'s invoice', async () => {
    const { b, sales } = await race(builtInProfile('ospos'));
    expect(b).toMatchObject({ code: 'not-ready', retryable: true, statement: 'export.order[3]' });
    expect(sales).toEqual([{ INVOICE_NUMBER: '000042' }]);
    const again = new ProfilePosOrderPort(builtInProfile('ospos'), db.driver(), { now: () => NOW });
    try {
      expect(await again.exportOrder(sampleOrder({ reference: '8001-ABCDEFGH', skus: SKUS, customer: webAccount() }))).toEqual({ invoiceNumber: '000042', alreadyThere: true });
    } finally {
      await again.close();
    }
  });

  it('control: without that second look the order is booked twice', async () => {
    const profile = builtInProfile('ospos');
    profile.export!.order.splice(2, 2);
    profile.export!.order[2]!.sql = profile.export!.order[2]!.sql.replace('CAST(:invoiceCount AS CHAR)', "CAST((SELECT COUNT(invoice_number) FROM ospos_sales) AS CHAR)");
    const { b, sales } = await race(profile);
    expect(b).toEqual({ invoiceNumber: '000043' });
    expect(sales).toEqual([{ INVOICE_NUMBER: '000042' }, { INVOICE_NUMBER: '000043' }]);
  });
});
