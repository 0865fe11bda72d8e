import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatWallClock } from '../../../../connectors/pos/drivers/wall-clock';
import { insertRow } from '../../../../connectors/pos/generators/bulk-insert';
import { matrixRetailSalesData } from '../../../../connectors/pos/matrix-retail/matrix-retail-sales-data';
import { MATRIX_RETAIL_SCHEMA_FIREBIRD } from '../../../../connectors/pos/matrix-retail/matrix-retail-schema';
import { PosError } from '../../../../connectors/core/pos-errors';
import { ProfileConnector } from '../../../../connectors/pos/profile-connector';
import { builtInProfile } from '../../../../connectors/pos/profile-loader';
import { ProfilePosOrderPort } from '../../../../connectors/pos/profile-order-port';
import type { SqlDriver } from '../../../../connectors/pos/drivers/sql-driver';
import { createTestFirebirdDatabase, type TestFirebirdDatabase } from '../../../helpers/firebird';
import { loadMatrixRetailFixture } from '../fixtures/matrix-retail-fixture';
import { byEmail, decRow, sampleOrder, webAccount } from './order-samples';

const SALES_TABLES = ['SALE_PAYMENTS', 'SALE_TAXES', 'SALE_PROMOTIONS', 'SALE_LINES', 'SALES', 'STOCK_MOVEMENTS', 'CUSTOMERS', 'REGISTER_SESSIONS', 'REGISTERS', 'TENDER_TYPES', 'DOC_COUNTERS'];
const SKUS: [string, string] = ['100002', '200010-NAVY-M'];
const NOW = new Date('2026-11-29T10:00:00Z');

describe('matrix-retail profile export on Firebird (counter, till session, lines, payments, taxes, stock)', () => {
  let db: TestFirebirdDatabase;
  let till: SqlDriver;
  const open: { close(): Promise<void> }[] = [];
  const port = (profile = builtInProfile('matrix-retail')) => {
    const p = new ProfilePosOrderPort(profile, db.driver({ lockTimeoutSeconds: 1 }), { now: () => NOW });
    open.push(p);
    return p;
  };
  const q = (sql: string) => till.query(sql);
  const one = async (sql: string) => (await q(sql))[0]!;
  /** Every table an export writes, to prove "nothing at all" after a failure. */
  const snapshot = async () => {
    const out: Record<string, unknown[]> = {};
    for (const t of [...SALES_TABLES, 'STOCK_LEVELS']) out[t] = (await q(`SELECT * FROM ${t}`)).map(decRow).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    return out;
  };

  beforeAll(async () => {
    db = await createTestFirebirdDatabase('matrix-export', MATRIX_RETAIL_SCHEMA_FIREBIRD);
    till = db.driver();
  });
  afterAll(async () => { await db?.drop(); });
  beforeEach(async () => {
    await till.transaction(async (tx) => { for (const t of SALES_TABLES) await tx.query(`DELETE FROM ${t}`); }, { mode: 'write' });
    await loadMatrixRetailFixture(till);
    await till.transaction(async (tx) => {
      for (const [table, rows] of matrixRetailSalesData({ customers: 3 })) for (const row of rows) await insertRow(tx, table, row);
    }, { mode: 'write' });
  });
  afterEach(async () => { await Promise.all(open.splice(0).map((p) => p.close())); });

  it('books header, net lines, service lines, payment, tax line, coupon, stock movements and on-hand as exactly the expected rows', async () => {
    const session = await one('SELECT SESSION_ID FROM REGISTER_SESSIONS WHERE CLOSED_AT IS NULL');
    const result = await port().exportOrder(sampleOrder({ reference: '1001', skus: SKUS, customer: byEmail('new.buyer@example.net') }));
    expect(result).toEqual({ invoiceNumber: 'IN100001' });

    const now = formatWallClock(NOW);
    expect(decRow(await one("SELECT * FROM DOC_COUNTERS WHERE COUNTER_ID = 'INV'"))).toEqual({ COUNTER_ID: 'INV', PREFIX: 'IN', LAST_NO: 100001, MODIFIED: now });
    const customer = await one("SELECT * FROM CUSTOMERS WHERE EMAIL = 'new.buyer@example.net'");
    expect(decRow(customer)).toEqual({
      CUSTOMER_ID: customer.CUSTOMER_ID, ACCOUNT_CODE: 'C4', NAME: 'Ada Lovelace', COMPANY: '', EMAIL: 'new.buyer@example.net', STREET: '12 Analytical Row',
      TOWN: 'London', POSTCODE: 'N1 7AA', COUNTRY: 'GB', PHONE: '020 7946 0000', PRICE_LEVEL: 'RTL', CREDIT_LIMIT: '0', CREATED_AT: now, MODIFIED: now,
    });
    const sale = await one('SELECT * FROM SALES');
    expect(decRow(sale)).toEqual({
      SALE_ID: sale.SALE_ID, DOC_NO: 'IN100001', DOC_TYPE: 'IN', WEB_ORDER_REF: '1001', CUSTOMER_ID: customer.CUSTOMER_ID, SESSION_ID: session.SESSION_ID,
      BRANCH_CODE: 'SHOP', SALE_DATE: formatWallClock(new Date('2026-11-28T14:05:00Z')), STAFF_ID: 'WEB', NET_TOTAL: '38.5', TAX_TOTAL: '7.7',
      GROSS_TOTAL: '46.2', DISCOUNT_TOTAL: '3.67', STATUS: 'C', NOTE: 'Please gift wrap', MODIFIED: now,
    });
    const lines = (await q('SELECT LINE_NO, LINE_TYPE, PRODUCT_ID, DESCRIPTION, QTY, UNIT_NET, DISCOUNT_NET, LINE_NET, TAX_CODE, TAX_AMOUNT FROM SALE_LINES ORDER BY LINE_NO')).map(decRow);
    expect(lines).toEqual([
      { LINE_NO: 1, LINE_TYPE: 'I', PRODUCT_ID: 2, DESCRIPTION: 'Enamel Camping Mug 350 ml', QTY: '2', UNIT_NET: '10', DISCOUNT_NET: '2', LINE_NET: '18', TAX_CODE: 'S', TAX_AMOUNT: '3.6' },
      { LINE_NO: 2, LINE_TYPE: 'I', PRODUCT_ID: 11, DESCRIPTION: 'Merino Jumper Navy M', QTY: '1', UNIT_NET: '16.67', DISCOUNT_NET: '1.67', LINE_NET: '15', TAX_CODE: 'S', TAX_AMOUNT: '3' },
      { LINE_NO: 3, LINE_TYPE: 'S', PRODUCT_ID: null, DESCRIPTION: 'Flat rate', QTY: '1', UNIT_NET: '4', DISCOUNT_NET: '0', LINE_NET: '4', TAX_CODE: 'S', TAX_AMOUNT: '0.8' },
      { LINE_NO: 4, LINE_TYPE: 'F', PRODUCT_ID: null, DESCRIPTION: 'Gift wrap', QTY: '1', UNIT_NET: '1.5', DISCOUNT_NET: '0', LINE_NET: '1.5', TAX_CODE: 'S', TAX_AMOUNT: '0.3' },
    ]);
    // The header agrees with its lines, to the cent.
    expect(decRow(await one(`SELECT SUM(LINE_NET) AS NET, SUM(TAX_AMOUNT) AS TAX FROM SALE_LINES WHERE SALE_ID = ${Number(sale.SALE_ID)}`))).toEqual({ NET: '38.5', TAX: '7.7' });
    expect((await q('SELECT PAYMENT_NO, TENDER_CODE, AMOUNT, REFERENCE, SESSION_ID FROM SALE_PAYMENTS')).map(decRow))
      .toEqual([{ PAYMENT_NO: 1, TENDER_CODE: 'CARD', AMOUNT: '46.2', REFERENCE: 'ch_3PqX', SESSION_ID: session.SESSION_ID }]);
    expect((await q('SELECT SEQ, RATE_CODE, LABEL, ITEMS_TAX, SHIPPING_TAX, TAX_TOTAL FROM SALE_TAXES')).map(decRow))
      .toEqual([{ SEQ: 1, RATE_CODE: 'GB-VAT-1', LABEL: 'VAT', ITEMS_TAX: '6.9', SHIPPING_TAX: '0.8', TAX_TOTAL: '7.7' }]);
    expect((await q('SELECT SEQ, PROMO_CODE, AMOUNT_NET, TAX FROM SALE_PROMOTIONS')).map(decRow)).toEqual([{ SEQ: 1, PROMO_CODE: 'welcome', AMOUNT_NET: '3.67', TAX: '0.73' }]);
    expect((await q('SELECT PRODUCT_ID, BRANCH_CODE, QTY_CHANGE, MOVE_TYPE, DOC_NO, MOVED_AT, STAFF_ID FROM STOCK_MOVEMENTS ORDER BY PRODUCT_ID')).map(decRow)).toEqual([
      { PRODUCT_ID: 2, BRANCH_CODE: 'SHOP', QTY_CHANGE: '-2', MOVE_TYPE: 'SA', DOC_NO: 'IN100001', MOVED_AT: now, STAFF_ID: 'WEB' },
      { PRODUCT_ID: 11, BRANCH_CODE: 'SHOP', QTY_CHANGE: '-1', MOVE_TYPE: 'SA', DOC_NO: 'IN100001', MOVED_AT: now, STAFF_ID: 'WEB' },
    ]);
    // On-hand at the till's branch only; product 2 had no row there (no row = 0).
    expect((await q('SELECT PRODUCT_ID, BRANCH_CODE, QTY FROM STOCK_LEVELS WHERE PRODUCT_ID IN (2, 11) ORDER BY PRODUCT_ID, BRANCH_CODE')).map(decRow)).toEqual([
      { PRODUCT_ID: 2, BRANCH_CODE: 'SHOP', QTY: '-2' },
      { PRODUCT_ID: 11, BRANCH_CODE: 'SHOP', QTY: '2' },
      { PRODUCT_ID: 11, BRANCH_CODE: 'WH1', QTY: '1' },
    ]);
    expect(await port().findInvoiceByReference('1001')).toBe('IN100001');
  });

  it('creates the customer with an account number from its counter, then updates it (same e-mail, other letter case) rather than duplicating it', async () => {
    const p = port();
    await p.exportOrder(sampleOrder({ reference: '2001', skus: SKUS, customer: byEmail('Grace.Hopper@Example.com') }));
    await p.exportOrder(sampleOrder({ reference: '2002', skus: SKUS, customer: byEmail('GRACE.HOPPER@example.com', { firstName: 'Grace', lastName: 'Hopper', city: 'Arlington', country: '' }) }));
    const rows = (await q("SELECT CUSTOMER_ID, ACCOUNT_CODE, NAME, TOWN, COUNTRY FROM CUSTOMERS WHERE UPPER(EMAIL) = 'GRACE.HOPPER@EXAMPLE.COM'"));
    expect(rows).toEqual([{ CUSTOMER_ID: rows[0]!.CUSTOMER_ID, ACCOUNT_CODE: 'C4', NAME: 'Grace Hopper', TOWN: 'Arlington', COUNTRY: 'GB' }]);
    expect((await one("SELECT LAST_NO FROM DOC_COUNTERS WHERE COUNTER_ID = 'CUST'")).LAST_NO).toBe(4);
    expect((await q('SELECT DOC_NO, CUSTOMER_ID FROM SALES ORDER BY DOC_NO'))).toEqual([
      { DOC_NO: 'IN100001', CUSTOMER_ID: rows[0]!.CUSTOMER_ID }, { DOC_NO: 'IN100002', CUSTOMER_ID: rows[0]!.CUSTOMER_ID },
    ]);
  });

  it('books a guest order to the WEB account without touching the customer book', async () => {
    const before = await q('SELECT * FROM CUSTOMERS');
    await port().exportOrder(sampleOrder({ reference: '3001', skus: SKUS, customer: webAccount() }));
    const web = await one("SELECT CUSTOMER_ID FROM CUSTOMERS WHERE ACCOUNT_CODE = 'WEB'");
    expect(await q('SELECT CUSTOMER_ID FROM SALES')).toEqual([{ CUSTOMER_ID: web.CUSTOMER_ID }]);
    expect(await q('SELECT * FROM CUSTOMERS')).toEqual(before);
  });

  it('a second export of the same reference writes nothing (not even a counter bump) and returns the same number', async () => {
    const p = port();
    const order = sampleOrder({ reference: '4001', skus: SKUS, customer: byEmail('new.buyer@example.net') });
    const first = await p.exportOrder(order);
    const after = await snapshot();
    expect(await p.exportOrder(order)).toEqual({ invoiceNumber: first.invoiceNumber, alreadyThere: true });
    expect(await snapshot()).toEqual(after);
  });

  it('an unknown SKU on the second line stops the sale mid-way: the new customer, counter bumps, header and first line are all rolled back', async () => {
    const before = await snapshot();
    const err = await port().exportOrder(sampleOrder({ reference: '5001', skus: ['100002', 'NOPE-9'], customer: byEmail('fresh@example.com') })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PosError);
    expect(err).toMatchObject({ code: 'bad-data', retryable: false, statement: 'export.line[0]' });
    expect((err as Error).message).toBe('Order 5001: the POS profile step export.line[0] ("the product, its tax code and its till description") for line 2 (SKU NOPE-9): the POS has no sellable product with code NOPE-9. Nothing was written.');
    expect(await snapshot()).toEqual(before);
  });

  it('a failing step at the very end (finish) rolls everything back and names the step and the POS\'s own message', async () => {
    const profile = builtInProfile('matrix-retail');
    profile.export!.finish[0]!.sql = profile.export!.finish[0]!.sql.replace('STATUS = ', 'SALE_STATE = ');
    const before = await snapshot();
    const err = await port(profile).exportOrder(sampleOrder({ reference: '5002', skus: SKUS })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'bad-sql', retryable: false, statement: 'export.finish[0]' });
    expect((err as Error).message).toMatch(/^Order 5002: the POS profile step export\.finish\[0\] \("header totals; the sale is complete"\) failed: .*SALE_STATE.*Fix the statement in the POS profile\. Nothing was written\.$/);
    expect(await snapshot()).toEqual(before);
  });

  it('without an open till session the order waits with a retryable error naming the register, then attaches to the session opened later', async () => {
    await till.transaction((tx) => tx.query("UPDATE REGISTER_SESSIONS SET CLOSED_AT = '2026-06-01 18:00:00' WHERE CLOSED_AT IS NULL"), { mode: 'write' });
    const before = await snapshot();
    const err = await port().exportOrder(sampleOrder({ reference: '6001', skus: SKUS })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'not-ready', retryable: true, statement: 'export.order[1]' });
    expect((err as Error).message).toMatch(/register 1 has no open till session .*Open a session on that register in the POS/);
    expect(await snapshot()).toEqual(before);

    await till.transaction((tx) => tx.query("INSERT INTO REGISTER_SESSIONS (REGISTER_ID, OPENED_AT, OPENED_BY) VALUES (1, '2026-06-02 08:00:00', 'BEN')"), { mode: 'write' });
    const session = await one('SELECT SESSION_ID FROM REGISTER_SESSIONS WHERE CLOSED_AT IS NULL');
    await port().exportOrder(sampleOrder({ reference: '6001', skus: SKUS }));
    expect(await q('SELECT SESSION_ID FROM SALES')).toEqual([{ SESSION_ID: session.SESSION_ID }]);
  });

  it('a till holding the invoice counter makes the export fail retryably within the lock wait, with nothing written', async () => {
    const before = await snapshot();
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => { locked = r; });
    const holder = db.driver().transaction(async (tx) => {
      await tx.query("UPDATE DOC_COUNTERS SET LAST_NO = LAST_NO + 1 WHERE COUNTER_ID = 'INV'");
      locked();
      await held;
      throw new Error('the till cancels its sale');
    }, { mode: 'write' }).catch(() => undefined);
    await isLocked;
    // 'lock' (not 'timeout') shows the lock wait ended it, whatever the machine's speed.
    const err = await port().exportOrder(sampleOrder({ reference: '7001', skus: SKUS, customer: byEmail('locked.out@example.com') })).catch((e: unknown) => e);
    release();
    await holder;
    expect(err).toMatchObject({ code: 'lock', retryable: true, statement: 'export.order[0]' });
    expect(await snapshot()).toEqual(before);
    expect((await port().exportOrder(sampleOrder({ reference: '7001', skus: SKUS }))).invoiceNumber).toBe('IN100001');
  });

  it('check() prepares the export statements and names a capture the POS does not return', async () => {
    const ok = await new ProfileConnector(builtInProfile('matrix-retail'), db.driver()).check();
    expect(ok.problems).toEqual([]);
    const bad = builtInProfile('matrix-retail');
    bad.export!.order[2]!.capture = { saleId: 'SALE_IDX' };
    const result = await new ProfileConnector(bad, db.driver()).check();
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{
      code: 'bad-profile', statement: 'export.order[2]',
      message: 'The profile statement "export.order[2]" returns no column SALE_IDX (named by export.order[2].capture.saleId). It returns SALE_ID.',
    }]);
  });
});
