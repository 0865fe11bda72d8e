/**
 * The demo profile's export, written once and run on SQLite, on real Firebird and on real
 * MariaDB: the same profile must book the same invoice rows on every engine.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { demoCustomers } from '../../../../connectors/pos/demo/demo-data';
import { formatWallClock } from '../../../../connectors/pos/drivers/wall-clock';
import { insertRow } from '../../../../connectors/pos/generators/bulk-insert';
import { PosError } from '../../../../connectors/core/pos-errors';
import { builtInProfile } from '../../../../connectors/pos/profile-loader';
import { ProfilePosOrderPort } from '../../../../connectors/pos/profile-order-port';
import type { SqlDriver } from '../../../../connectors/pos/drivers/sql-driver';
import type { Profile } from '../../../../connectors/pos/profile';
import { loadDemoFixture } from '../fixtures/demo-fixture';
import { byEmail, dec, decRow, sampleOrder, webAccount } from './order-samples';

export interface DemoExportEnv {
  /** A new driver for the port under test, with short lock waits (closed by the scenarios). */
  driver(): SqlDriver;
  /** The till: loads the fixture, holds locks, reads what was booked. */
  till: SqlDriver;
  /** The profile under test (default: the built-in demo); MariaDB runs the demo declared for 'mysql'. */
  profile?(): Profile;
  /** How long a blocked write may take before it must have failed (lock wait plus margin). */
}

const SKUS: [string, string] = ['MUG-1', 'TS-1-NAV-L'];

/** Empties the sales tables, loads the item fixture and a customer book with the WEB account. */
async function loadFixture(till: SqlDriver): Promise<void> {
  await till.transaction(async (tx) => {
    for (const t of ['INVOICE_LINES', 'INVOICES', 'CUSTOMERS']) await tx.query(`DELETE FROM ${t}`);
    for (const c of demoCustomers(3, 5)) await insertRow(tx, 'CUSTOMERS', c);
  }, { mode: 'write', label: 'sales fixture' });
  await loadDemoFixture(till);
}

export function demoExportScenarios(getEnv: () => DemoExportEnv): void {
  const open: ProfilePosOrderPort[] = [];
  const demo = () => getEnv().profile?.() ?? builtInProfile('demo');
  const port = (profile = demo()) => {
    const p = new ProfilePosOrderPort(profile, getEnv().driver(), { now: () => new Date('2026-11-29T10:00:00Z') });
    open.push(p);
    return p;
  };
  const q = (sql: string) => getEnv().till.query(sql);
  const count = async (table: string) => Number((await q(`SELECT COUNT(*) AS N FROM ${table}`))[0]!.N);
  const stock = async (itemId: number, location = 'MAIN') =>
    (await q(`SELECT QTY FROM STOCK WHERE ITEM_ID = ${itemId} AND LOCATION = '${location}'`))[0]?.QTY ?? null;
  /** Everything an export may write, to prove "nothing at all" after a failure. */
  const snapshot = async () => ({
    invoices: await count('INVOICES'), lines: await count('INVOICE_LINES'), customers: await count('CUSTOMERS'),
    stock: (await q('SELECT ITEM_ID, LOCATION, QTY, CHANGED_AT FROM STOCK ORDER BY ITEM_ID, LOCATION')).map(decRow),
    people: await q('SELECT ID, EMAIL, FIRST_NAME, ADDRESS1, CHANGED_AT FROM CUSTOMERS ORDER BY ID'),
  });

  beforeEach(async () => { await loadFixture(getEnv().till); });
  afterEach(async () => { await Promise.all(open.splice(0).map((p) => p.close())); });

  it('books a product line and a variation line with shipping, fee, coupon, tax and payment as exactly the expected rows', async () => {
    const result = await port().exportOrder(sampleOrder({ reference: '1001', skus: SKUS, customer: byEmail('new.buyer@example.net') }));
    expect(result).toEqual({ invoiceNumber: '10001' });

    const [inv, ...more] = await q('SELECT * FROM INVOICES');
    expect(more).toEqual([]);
    const customer = (await q("SELECT * FROM CUSTOMERS WHERE EMAIL = 'new.buyer@example.net'"))[0]!;
    expect(decRow(inv!)).toEqual({
      ID: inv!.ID, INVOICE_NO: 10001, EXTERNAL_REF: '1001', CUSTOMER_ID: customer.ID, LOCATION: 'MAIN',
      INVOICE_DATE: formatWallClock(new Date('2026-11-28T14:05:00Z')), PAYMENT_METHOD: 'Credit card (Stripe)',
      SUBTOTAL: '36.67', DISCOUNT: '3.67', SHIPPING: '4', FEES: '1.5', TAX: '7.7', TOTAL: '46.2', NOTE: 'Please gift wrap',
      CREATED_AT: formatWallClock(new Date('2026-11-29T10:00:00Z')),
    });
    expect((await q('SELECT LINE_NO, ITEM_ID, SKU, DESCRIPTION, QTY, UNIT_PRICE, DISCOUNT, LINE_TOTAL, TAX FROM INVOICE_LINES ORDER BY LINE_NO')).map(decRow)).toEqual([
      { LINE_NO: 1, ITEM_ID: 1, SKU: 'MUG-1', DESCRIPTION: 'Enamel Mug', QTY: 2, UNIT_PRICE: '10', DISCOUNT: '2', LINE_TOTAL: '18', TAX: '3.6' },
      { LINE_NO: 2, ITEM_ID: 7, SKU: 'TS-1-NAV-L', DESCRIPTION: 'Classic T-Shirt - Navy, M', QTY: 1, UNIT_PRICE: '16.67', DISCOUNT: '1.67', LINE_TOTAL: '15', TAX: '3' },
    ]);
    expect(customer).toMatchObject({ FIRST_NAME: 'Ada', LAST_NAME: 'Lovelace', ADDRESS1: '12 Analytical Row', CITY: 'London', POSTCODE: 'N1 7AA', COUNTRY: 'GB', ACCOUNT: null });
    // Stock leaves the sale location only; a location without a row gets one (no row meant 0).
    expect(await stock(1)).toBe(3);
    expect(await stock(1, 'BACK')).toBe(3);
    expect(await stock(7)).toBe(-1);
    expect(await stock(7, 'BACK')).toBe(2);
    expect(await port().findInvoiceByReference('1001')).toBe('10001');
    expect(await port().findInvoiceByReference('1002')).toBeNull();
  });

  it('updates the customer found by e-mail in another letter case instead of creating a second one', async () => {
    const p = port();
    await p.exportOrder(sampleOrder({ reference: '2001', skus: SKUS, customer: byEmail('Grace.Hopper@Example.com') }));
    const before = await count('CUSTOMERS');
    const second = await p.exportOrder(sampleOrder({ reference: '2002', skus: SKUS, customer: byEmail('grace.hopper@EXAMPLE.COM', { address1: '1 Navy Yard', city: 'Arlington' }) }));
    expect(second.invoiceNumber).toBe('10002');
    expect(await count('CUSTOMERS')).toBe(before);
    const rows = await q("SELECT ID, EMAIL, ADDRESS1, CITY FROM CUSTOMERS WHERE UPPER(EMAIL) = 'GRACE.HOPPER@EXAMPLE.COM'");
    expect(rows).toEqual([{ ID: rows[0]!.ID, EMAIL: 'Grace.Hopper@Example.com', ADDRESS1: '1 Navy Yard', CITY: 'Arlington' }]);
    expect((await q('SELECT CUSTOMER_ID FROM INVOICES ORDER BY INVOICE_NO')).map((r) => r.CUSTOMER_ID)).toEqual([rows[0]!.ID, rows[0]!.ID]);
    // A customer the POS already had (from its own customer book) is found the same way.
    const known = (await q('SELECT ID, EMAIL FROM CUSTOMERS WHERE EMAIL IS NOT NULL ORDER BY ID'))[0]!;
    await p.exportOrder(sampleOrder({ reference: '2003', skus: SKUS, customer: byEmail(String(known.EMAIL).toUpperCase()) }));
    expect((await q("SELECT CUSTOMER_ID FROM INVOICES WHERE EXTERNAL_REF = '2003'"))[0]!.CUSTOMER_ID).toBe(known.ID);
    expect(await count('CUSTOMERS')).toBe(before);
  });

  it('books a guest order to the WEB account, and names a missing account', async () => {
    const before = await snapshot();
    await port().exportOrder(sampleOrder({ reference: '3001', skus: SKUS, customer: webAccount('WEB') }));
    const web = (await q("SELECT ID FROM CUSTOMERS WHERE ACCOUNT = 'WEB'"))[0]!;
    expect((await q('SELECT CUSTOMER_ID FROM INVOICES'))).toEqual([{ CUSTOMER_ID: web.ID }]);
    expect(await count('CUSTOMERS')).toBe(before.customers);

    const err = await port().exportOrder(sampleOrder({ reference: '3002', skus: SKUS, customer: webAccount('SHOPWEB') })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PosError);
    expect(err).toMatchObject({ code: 'bad-data', retryable: false, statement: 'export.customer.webAccount' });
    expect((err as Error).message).toMatch(/^Order 3002: .*export\.customer\.webAccount.*no customer account "SHOPWEB".*orders\.webCustomerAccount/);
    expect(await count('INVOICES')).toBe(1);
  });

  it('a second export of the same reference writes nothing and returns the same number', async () => {
    const p = port();
    const order = sampleOrder({ reference: '4001', skus: SKUS });
    const first = await p.exportOrder(order);
    const after = await snapshot();
    const again = await p.exportOrder({ ...order, customer: byEmail('someone.else@example.com') });
    expect(again).toEqual({ invoiceNumber: first.invoiceNumber, alreadyThere: true });
    expect(await snapshot()).toEqual(after);
  });

  it('a line whose SKU the POS lacks breaks a constraint mid-way and leaves no rows at all', async () => {
    const before = await snapshot();
    const order = sampleOrder({ reference: '5001', skus: ['MUG-1', 'NOT-IN-POS'], customer: byEmail('fresh@example.com') });
    const err = await port().exportOrder(order).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PosError);
    expect(err).toMatchObject({ code: 'bad-data', retryable: false, statement: 'export.line[0]' });
    expect((err as Error).message).toMatch(/^Order 5001: the POS profile step export\.line\[0\] \("invoice line.*"\) for line 2 \(SKU NOT-IN-POS\) failed: The POS database refused the data .*ITEM_ID.*Nothing was written\.$/s);
    // The header, line 1, its stock move and the new customer were all rolled back.
    expect(await snapshot()).toEqual(before);
    expect(await port().findInvoiceByReference('5001')).toBeNull();
  });

  it('knows SKUs the way the POS matches them (letter case, surrounding spaces)', async () => {
    const known = await port().knownSkus(['mug-1', 'SPACE-1', 'ts-1-nav-m', 'NOT-IN-POS']);
    expect([...known].sort()).toEqual(['SPACE-1', 'mug-1', 'ts-1-nav-m']);
  });

  it('a POS lock held by another transaction ends the export with a retryable lock error (the lock wait, not a hang), and nothing is written', async () => {
    const env = getEnv();
    const before = await snapshot();
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => { locked = r; });
    const holder = env.till.transaction(async (tx) => {
      await tx.query("UPDATE STOCK SET QTY = QTY WHERE ITEM_ID = 1 AND LOCATION = 'MAIN'");
      locked();
      await held;
    }, { mode: 'write', label: 'till holds a stock row' });
    await isLocked;
    // Bounded by the lock wait, not the clock: a 'lock' error is the lock timeout firing (a stuck
    // statement would end as 'timeout' from the query deadline, a hang as the test's own timeout).
    const err = await port().exportOrder(sampleOrder({ reference: '6001', skus: SKUS })).catch((e: unknown) => e);
    release();
    await holder;
    expect(err).toBeInstanceOf(PosError);
    expect(err).toMatchObject({ code: 'lock', retryable: true });
    expect(await snapshot()).toEqual(before);
    // Once the till lets go, the same order goes through.
    expect((await port().exportOrder(sampleOrder({ reference: '6001', skus: SKUS }))).invoiceNumber).toBe('10001');
  });

  it('binds dates in the profile\'s time zone', async () => {
    const profile = demo();
    profile.export!.timeZone = 'Asia/Tokyo';
    await port(profile).exportOrder(sampleOrder({ reference: '7001', skus: SKUS, createdAt: '2026-11-28T23:30:00Z' }));
    expect((await q('SELECT INVOICE_DATE FROM INVOICES'))[0]!.INVOICE_DATE).toBe('2026-11-29 08:30:00.000');
    expect(dec((await q('SELECT TOTAL FROM INVOICES'))[0]!.TOTAL)).toBe('46.2');
  });
}
