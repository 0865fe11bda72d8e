import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatWallClock } from '../../../../connectors/pos/drivers/wall-clock';
import { PosError } from '../../../../connectors/core/pos-errors';
import { builtInProfile } from '../../../../connectors/pos/profile-loader';
import { ProfilePosOrderPort } from '../../../../connectors/pos/profile-order-port';
import type { SqlDriver } from '../../../../connectors/pos/drivers/sql-driver';
import { UNICENTA_OPEN_CASH, ucId } from '../../../../connectors/pos/unicenta/unicenta-data';
import { UNICENTA_SCHEMA_MYSQL } from '../../../../connectors/pos/unicenta/unicenta-schema';
import { createTestMariadbDatabase, type TestMariadbDatabase } from '../../../helpers/mariadb';
import { UC, loadUnicentaFixture } from '../fixtures/unicenta-fixture';
import { byEmail, sampleOrder, webAccount } from './order-samples';

const SKUS: [string, string] = ['300002', '300010-M-Navy'];
const UC_CLOTHING = ucId(10, 8);
const NOW = new Date('2026-11-29T10:00:00Z');
const WRITTEN = ['receipts', 'tickets', 'ticketlines', 'payments', 'taxlines', 'stockdiary', 'stockcurrent', 'customers', 'ticketsnum'];

describe('unicenta profile export on MariaDB (ticket counter, cash session, net lines, tax lines, payments, stock)', () => {
  let db: TestMariadbDatabase;
  let till: SqlDriver;
  const open: { close(): Promise<void> }[] = [];
  const port = (profile = builtInProfile('unicenta')) => {
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
  /** uniCenta's own arithmetic: the payments equal the lines (units × net price) plus the tax lines. */
  const ticketAddsUp = async (receipt: string) => {
    const lines = Number((await one(`SELECT SUM(units * price) AS V FROM ticketlines WHERE ticket = '${receipt}'`)).V);
    const taxes = await q(`SELECT base, amount FROM taxlines WHERE receipt = '${receipt}'`);
    const paid = Number((await one(`SELECT SUM(total) AS V FROM payments WHERE receipt = '${receipt}'`)).V);
    const base = taxes.reduce((s, t) => s + Number(t.BASE), 0);
    expect(Math.abs(base - lines)).toBeLessThan(0.005);
    expect(Math.abs(lines + taxes.reduce((s, t) => s + Number(t.AMOUNT), 0) - paid)).toBeLessThan(0.005);
  };

  beforeAll(async () => {
    db = await createTestMariadbDatabase('unicenta_export', UNICENTA_SCHEMA_MYSQL);
    till = db.driver();
  });
  afterAll(async () => { await db?.drop(); });
  beforeEach(async () => { await loadUnicentaFixture(till); });
  afterEach(async () => { await Promise.all(open.splice(0).map((p) => p.close())); });

  it('books the ticket as the till does: counter, receipt in the open cash session, NET lines with taxes.id, tax line, payment, stock diary and stock', async () => {
    const result = await port().exportOrder(sampleOrder({ reference: '1001-ABCDEFGH', skus: SKUS, customer: byEmail('new.buyer@example.net') }));
    expect(result).toEqual({ invoiceNumber: '1001' });
    const now = formatWallClock(NOW);

    expect(await q('SELECT id FROM ticketsnum')).toEqual([{ ID: 1001 }]);
    const customer = await one("SELECT * FROM customers WHERE email = 'new.buyer@example.net'");
    expect(customer).toMatchObject({ SEARCHKEY: 'new.buyer@example.net', NAME: 'Ada Lovelace', FIRSTNAME: 'Ada', LASTNAME: 'Lovelace', ADDRESS: '12 Analytical Row', POSTAL: 'N1 7AA', CITY: 'London', COUNTRY: 'GB', PHONE: '020 7946 0000', MAXDEBT: 0 });
    expect(String(customer.ID)).toMatch(/^[0-9a-f-]{36}$/);
    const receipt = await one('SELECT * FROM receipts');
    expect(receipt).toMatchObject({ MONEY: UNICENTA_OPEN_CASH, DATENEW: now, ATTRIBUTES: null });
    const id = String(receipt.ID);
    expect(await q('SELECT * FROM tickets')).toEqual([{ ID: id, TICKETTYPE: 0, TICKETID: 1001, PERSON: '0', CUSTOMER: customer.ID, STATUS: 0 }]);
    expect(await q('SELECT line, product, attributesetinstance_id, units, price, taxid FROM ticketlines ORDER BY line')).toEqual([
      { LINE: 0, PRODUCT: UC.mug, ATTRIBUTESETINSTANCE_ID: null, UNITS: 2, PRICE: 9, TAXID: '001' },
      { LINE: 1, PRODUCT: UC.jumper, ATTRIBUTESETINSTANCE_ID: UC.navyM, UNITS: 1, PRICE: 15, TAXID: '001' },
      { LINE: 2, PRODUCT: null, ATTRIBUTESETINSTANCE_ID: null, UNITS: 1, PRICE: 4, TAXID: '001' },
      { LINE: 3, PRODUCT: null, ATTRIBUTESETINSTANCE_ID: null, UNITS: 1, PRICE: 1.5, TAXID: '001' },
    ]);
    // Each line carries the Java properties uniCenta keeps with it (the name shown on the ticket, the tax category...).
    const props = (await q('SELECT CAST(attributes AS CHAR) AS P FROM ticketlines ORDER BY line')).map((r) => String(r.P));
    expect(props[1]).toBe([
      '<?xml version="1.0" encoding="UTF-8" standalone="no"?>', '<!DOCTYPE properties SYSTEM "http://java.sun.com/dtd/properties.dtd">', '<properties>',
      '<comment>uniCenta oPOS</comment>', '<entry key="product.name">Merino Jumper</entry>', '<entry key="product.taxcategoryid">001</entry>',
      `<entry key="product.categoryid">${UC_CLOTHING}</entry>`, '<entry key="product.service">false</entry>', '<entry key="product.attsetid">set-size-colour</entry>',
      '<entry key="product.attsetdesc">M, Navy</entry>', '</properties>', '',
    ].join('\n'));
    expect(props[0]).toContain('<entry key="product.name">Enamel Camping Mug 350 ml</entry>');
    expect(props[2]).toContain('<entry key="product.name">Flat rate</entry>\n<entry key="product.taxcategoryid">001</entry>\n</properties>');
    expect(await q('SELECT receipt, taxid, base, amount FROM taxlines')).toEqual([{ RECEIPT: id, TAXID: '001', BASE: 38.5, AMOUNT: 7.7 }]);
    expect(await q('SELECT receipt, payment, total, transid, notes, tendered FROM payments')).toEqual([
      { RECEIPT: id, PAYMENT: 'magcard', TOTAL: 46.2, TRANSID: 'ch_3PqX', NOTES: '1001-ABCDEFGH', TENDERED: 46.2 },
    ]);
    expect(await q('SELECT datenew, reason, location, product, attributesetinstance_id, units, price, appuser FROM stockdiary ORDER BY units')).toEqual([
      { DATENEW: now, REASON: -1, LOCATION: '0', PRODUCT: UC.mug, ATTRIBUTESETINSTANCE_ID: null, UNITS: -2, PRICE: 9, APPUSER: 'Administrator' },
      { DATENEW: now, REASON: -1, LOCATION: '0', PRODUCT: UC.jumper, ATTRIBUTESETINSTANCE_ID: UC.navyM, UNITS: -1, PRICE: 15, APPUSER: 'Administrator' },
    ]);
    // The mug had no stock row at "General" (no row = 0); the jumper's other variants and locations are untouched.
    expect(await q(`SELECT product, location, attributesetinstance_id, units FROM stockcurrent WHERE product IN ('${UC.mug}', '${UC.jumper}') ORDER BY product, location, attributesetinstance_id`)).toEqual([
      { PRODUCT: UC.mug, LOCATION: '0', ATTRIBUTESETINSTANCE_ID: null, UNITS: -2 },
      { PRODUCT: UC.jumper, LOCATION: '0', ATTRIBUTESETINSTANCE_ID: UC.navyM, UNITS: 2 },
      { PRODUCT: UC.jumper, LOCATION: '0', ATTRIBUTESETINSTANCE_ID: UC.navyXl, UNITS: 0 },
      { PRODUCT: UC.jumper, LOCATION: 'WH', ATTRIBUTESETINSTANCE_ID: UC.navyM, UNITS: 1 },
      { PRODUCT: UC.jumper, LOCATION: 'WH', ATTRIBUTESETINSTANCE_ID: UC.navyXl, UNITS: 6 },
      { PRODUCT: UC.jumper, LOCATION: 'WH', ATTRIBUTESETINSTANCE_ID: UC.greenS, UNITS: 2 },
    ]);
    await ticketAddsUp(id);
    expect(await port().findInvoiceByReference('1001-ABCDEFGH')).toBe('1001');
  });

  it('a pack sells its components\' stock; its own diary row names the pack', async () => {
    const sample = sampleOrder({ reference: '1002-ABCDEFGH', skus: ['300020', '300001'] });
    // The loose tea is tax-exempt: no tax on its line (3.00 less in tax and total).
    const order = {
      ...sample, lines: [sample.lines[0]!, { ...sample.lines[1]!, tax: '0.00' }],
      taxes: [{ ...sample.taxes[0]!, amount: '3.90' }], totals: { ...sample.totals, tax: '4.70', total: '43.20' },
    };
    await port().exportOrder(order);
    expect(await q(`SELECT product, location, units FROM stockcurrent WHERE product IN ('${UC.tea}', '${UC.screws}', '${UC.pack}') AND location = '0' ORDER BY product`)).toEqual([
      { PRODUCT: UC.tea, LOCATION: '0', UNITS: 0 }, // 5 − 2 packs × 2 − 1 loose tea
      { PRODUCT: UC.screws, LOCATION: '0', UNITS: 2 }, // 4 − 2 packs × 1
    ]);
    expect(await q('SELECT product, units FROM stockdiary ORDER BY product')).toEqual([{ PRODUCT: UC.tea, UNITS: -1 }, { PRODUCT: UC.pack, UNITS: -2 }]);
    await ticketAddsUp(String((await one('SELECT id FROM receipts')).ID));
  });

  it('matches the customer by e-mail in any letter case and updates it; a guest goes to the WEB account', async () => {
    const p = port();
    await p.exportOrder(sampleOrder({ reference: '2001-ABCDEFGH', skus: SKUS, customer: byEmail('Grace.Hopper@Example.com') }));
    await p.exportOrder(sampleOrder({ reference: '2002-ABCDEFGH', skus: SKUS, customer: byEmail('GRACE.HOPPER@example.com', { firstName: 'Grace', lastName: 'Hopper', city: 'Arlington', country: '' }) }));
    await p.exportOrder(sampleOrder({ reference: '2003-ABCDEFGH', skus: SKUS, customer: webAccount() }));
    const grace = await q("SELECT id, name, city, country FROM customers WHERE LOWER(email) = 'grace.hopper@example.com'");
    expect(grace).toEqual([{ ID: grace[0]!.ID, NAME: 'Grace Hopper', CITY: 'Arlington', COUNTRY: 'GB' }]);
    const web = await one("SELECT id FROM customers WHERE searchkey = 'WEB'");
    expect(await q('SELECT ticketid, customer FROM tickets ORDER BY ticketid')).toEqual([
      { TICKETID: 1001, CUSTOMER: grace[0]!.ID }, { TICKETID: 1002, CUSTOMER: grace[0]!.ID }, { TICKETID: 1003, CUSTOMER: web.ID },
    ]);
  });

  it('exactly once: a second export of the same reference writes nothing, not even a counter bump', async () => {
    const p = port();
    const order = sampleOrder({ reference: '4001-ABCDEFGH', skus: SKUS, customer: byEmail('new.buyer@example.net') });
    const first = await p.exportOrder(order);
    const after = await snapshot();
    expect(await p.exportOrder(order)).toEqual({ invoiceNumber: first.invoiceNumber, alreadyThere: true });
    expect(await port().exportOrder(order)).toEqual({ invoiceNumber: first.invoiceNumber, alreadyThere: true });
    expect(await snapshot()).toEqual(after);
  });

  it('an unknown SKU on the second line rolls back the customer, the counter, the receipt and the first line', async () => {
    const before = await snapshot();
    const err = await port().exportOrder(sampleOrder({ reference: '5001-ABCDEFGH', skus: ['300002', 'NOPE-9'], customer: byEmail('fresh@example.com') })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PosError);
    expect(err).toMatchObject({ code: 'bad-data', retryable: false, statement: 'export.line[0]' });
    expect((err as Error).message).toMatch(/uniCenta has no product or variant with the SKU NOPE-9 .*Nothing was written\.$/);
    expect(await snapshot()).toEqual(before);
    // The store charged tax on the tea, which uniCenta keeps tax-exempt: the order waits rather than book tax on a 0 % line.
    const exempt = await port().exportOrder(sampleOrder({ reference: '5003-ABCDEFGH', skus: ['300002', '300001'] })).catch((e: unknown) => e);
    expect(exempt).toMatchObject({ code: 'bad-data', statement: 'export.line[1]' });
    expect((exempt as Error).message).toMatch(/the web order charged tax on 300001 but its tax in uniCenta \(000\) has no rate/);
    expect(await snapshot()).toEqual(before);
    // A variable product itself is not sellable: only its variants are.
    const parent = await port().exportOrder(sampleOrder({ reference: '5002-ABCDEFGH', skus: ['300010', '300002'] })).catch((e: unknown) => e);
    expect(parent).toMatchObject({ code: 'bad-data', statement: 'export.line[0]' });
  });

  it('without an open cash session on the web till the order waits retryably, then joins the session opened later', async () => {
    await till.transaction((tx) => tx.query("UPDATE closedcash SET dateend = '2026-06-01 18:00:00' WHERE host = 'TILL1' AND dateend IS NULL"), { mode: 'write' });
    const before = await snapshot();
    const err = await port().exportOrder(sampleOrder({ reference: '6001-ABCDEFGH', skus: SKUS })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'not-ready', retryable: true, statement: 'export.order[4]' });
    expect((err as Error).message).toMatch(/the till TILL1 has no open cash session in uniCenta/);
    expect(await snapshot()).toEqual(before);
    await till.transaction((tx) => tx.query("INSERT INTO closedcash (money, host, hostsequence, datestart, dateend, nosales) VALUES ('cash-3', 'TILL1', 3, '2026-06-02 08:00:00', NULL, 0)"), { mode: 'write' });
    await port().exportOrder(sampleOrder({ reference: '6001-ABCDEFGH', skus: SKUS }));
    expect(await q('SELECT money FROM receipts')).toEqual([{ MONEY: 'cash-3' }]);
  });

  it('a till holding the ticket counter makes the export fail retryably within the lock wait, with nothing written', async () => {
    const before = await snapshot();
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => { locked = r; });
    const holder = db.driver().transaction(async (tx) => {
      await tx.query('UPDATE ticketsnum SET id = id + 1');
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
    expect((await port().exportOrder(sampleOrder({ reference: '7001-ABCDEFGH', skus: SKUS }))).invoiceNumber).toBe('1001');
  });
});

describe('unicenta profile export on MariaDB: two exporters of one order at the same moment', () => {
  let db: TestMariadbDatabase;
  let till: SqlDriver;
  beforeAll(async () => {
    db = await createTestMariadbDatabase('unicenta_race', UNICENTA_SCHEMA_MYSQL);
    till = db.driver();
  });
  afterAll(async () => { await db?.drop(); });
  beforeEach(async () => { await loadUnicentaFixture(till); });

  /**
   * Exporter A (written out by hand) holds the ticket counter while exporter B, the profile, has
   * already looked for the order (and found none) and waits for the counter; A books the ticket
   * and commits; B goes on. Returns B's outcome and the tickets carrying the reference.
   */
  async function race(profile: ReturnType<typeof builtInProfile>): Promise<{ b: unknown; tickets: unknown[] }> {
    const reference = '8001-ABCDEFGH';
    const b = new ProfilePosOrderPort(profile, db.driver({ lockTimeoutSeconds: 30 }), { now: () => NOW });
    const watcher = db.driver();
    try {
      let bDone!: Promise<unknown>;
      await db.driver().transaction(async (a) => {
        await a.query('UPDATE ticketsnum SET id = id + 1');
        bDone = b.exportOrder(sampleOrder({ reference, skus: SKUS, customer: webAccount() })).catch((e: unknown) => e);
        // Wait until B is inside its transaction, queued behind A's counter lock (the server says so).
        for (let i = 0; ; i++) {
          const [w] = await watcher.query("SELECT COUNT(*) AS N FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND INFO LIKE 'UPDATE ticketsnum%'");
          if (Number(w!.N) > 0) break;
          if (i === 1000) throw new Error('exporter B never queued behind the ticket counter');
          await new Promise((r) => setTimeout(r, 20));
        }
        await a.query("INSERT INTO receipts (id, money, datenew) VALUES ('rcpt-a', :money, '2026-11-29 09:59:00')", { money: UNICENTA_OPEN_CASH });
        await a.query("INSERT INTO tickets (id, tickettype, ticketid, person, customer, status) SELECT 'rcpt-a', 0, id, '0', NULL, 0 FROM ticketsnum");
        await a.query("INSERT INTO payments (id, receipt, payment, total, notes) VALUES ('pay-a', 'rcpt-a', 'magcard', 46.2, :reference)", { reference });
      }, { mode: 'write' });
      const outcome = await bDone;
      const tickets = await till.query(`SELECT t.ticketid FROM payments pm JOIN tickets t ON t.id = pm.receipt WHERE pm.notes = '${reference}' ORDER BY t.ticketid`);
      return { b: outcome, tickets };
    } finally {
      await b.close();
      await watcher.close();
    }
  }

  it('the one that waited looks again past its snapshot, steps back retryably, and its retry finds the other\'s ticket', async () => {
    const { b, tickets } = await race(builtInProfile('unicenta'));
    expect(b).toMatchObject({ code: 'not-ready', retryable: true, statement: 'export.order[3]' });
    expect((b as Error).message).toMatch(/another exporter booked this order a moment ago/);
    expect(tickets).toEqual([{ TICKETID: 1001 }]);
    const again = new ProfilePosOrderPort(builtInProfile('unicenta'), db.driver(), { now: () => NOW });
    try {
      expect(await again.exportOrder(sampleOrder({ reference: '8001-ABCDEFGH', skus: SKUS, customer: webAccount() }))).toEqual({ invoiceNumber: '1001', alreadyThere: true });
    } finally {
      await again.close();
    }
  });

  it('control: without that second look, InnoDB\'s snapshot hides the other ticket and the order is booked twice', async () => {
    const profile = builtInProfile('unicenta');
    profile.export!.order.splice(2, 2);
    const { b, tickets } = await race(profile);
    expect(b).toEqual({ invoiceNumber: '1002' });
    expect(tickets).toEqual([{ TICKETID: 1001 }, { TICKETID: 1002 }]);
  });
});
