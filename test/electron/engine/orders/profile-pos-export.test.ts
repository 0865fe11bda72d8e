/**
 * The order side over the real profile-driven POS port instead of the hand-written test POS:
 * a completed order in the (emulated) store becomes an invoice in the demo POS through the demo
 * profile's export statements, once, and the store order is marked with the invoice number.
 * Invoices another store left in the POS under the same order number never count as this
 * store's export.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { demoCustomers } from '../../../../connectors/pos/demo/demo-data';
import { DEMO_SCHEMA_SQLITE } from '../../../../connectors/pos/demo/demo-schema';
import { SqliteDriver } from '../../../../connectors/pos/drivers/sqlite-driver';
import { applySchema, insertRow } from '../../../../connectors/pos/generators/bulk-insert';
import { builtInProfile } from '../../../../connectors/pos/profile-loader';
import { ProfilePosOrderPort } from '../../../../connectors/pos/profile-order-port';
import { bareResolver } from '../../../../electron/engine/links/line-keys';
import { exportReference } from '../../../../electron/engine/orders/export-reference';
import { INVOICE_META_KEY } from '../../../../electron/engine/orders/order-ingest';
import { DEFAULT_ORDER_SETTINGS } from '../../../../electron/engine/orders/order-settings';
import { toPosOrder } from '../../../../electron/engine/orders/pos-order-mapper';
import { loadDemoFixture } from '../../../connectors/pos/fixtures/demo-fixture';
import { OrderFixture } from '../../../helpers/order-fixture';
import { storeLine, storeOrder } from '../../../helpers/store-orders';

let f: OrderFixture | undefined;
let dir: string | undefined;
const closers: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await f?.close();
  await Promise.all(closers.splice(0).map((c) => c.close()));
  if (dir) rmSync(dir, { recursive: true, force: true });
  f = undefined;
  dir = undefined;
});

/** A demo POS file with the item fixture and a customer book, and a port over it. */
async function demoPos(): Promise<{ till: SqliteDriver; port: ProfilePosOrderPort }> {
  dir = mkdtempSync(join(tmpdir(), 'tb-profile-export-'));
  const file = join(dir, 'demo-pos.sqlite');
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.close();
  const till = new SqliteDriver({ file });
  await applySchema(till, DEMO_SCHEMA_SQLITE);
  await loadDemoFixture(till);
  await till.transaction(async (tx) => { for (const c of demoCustomers(2)) await insertRow(tx, 'CUSTOMERS', c); }, { mode: 'write' });
  const port = new ProfilePosOrderPort(builtInProfile('demo'), new SqliteDriver({ file }));
  closers.push(till, port);
  return { till, port };
}

describe('order export through the demo profile', () => {
  it('books a completed guest order with shipping and a fee once, marks it in the store, and holds back an order with a SKU the POS lacks', async () => {
    const { till, port } = await demoPos();
    f = await OrderFixture.open({ wrapPos: () => port });
    await f.product('MUG-1', 50, '12.50');
    await f.product('TS-1-NAV-M', 50, '20.00');
    await f.product('WEB-ONLY-1', 50, '5.00');
    await f.side.cycle();
    const o = await f.order({
      status: 'completed', lines: [{ sku: 'MUG-1', quantity: 2 }, { sku: 'TS-1-NAV-M', quantity: 1 }],
      extra: { shipping_lines: [{ method_id: 'flat_rate', method_title: 'Flat rate', total: '4.00' }], fee_lines: [{ name: 'Gift wrap', total: '1.50' }] },
    });
    const ghost = await f.order({ status: 'completed', lines: [{ sku: 'WEB-ONLY-1', quantity: 1 }] });

    const run = await f.side.cycle();
    expect(run.export).toMatchObject({ exported: 1, marked: 1, failed: 1 });
    const invoices = await till.query('SELECT INVOICE_NO, EXTERNAL_REF, CUSTOMER_ID, SUBTOTAL, SHIPPING, FEES, TOTAL FROM INVOICES');
    const web = (await till.query("SELECT ID FROM CUSTOMERS WHERE ACCOUNT = 'WEB'"))[0]!;
    const reference = f.side.journal.get(o.id)!.reference!;
    expect(reference).toMatch(new RegExp(`^${o.number}-[0-9A-Z]{8}$`));
    expect(invoices).toEqual([{ INVOICE_NO: 10001, EXTERNAL_REF: reference, CUSTOMER_ID: web.ID, SUBTOTAL: '45.00', SHIPPING: '4.00', FEES: '1.50', TOTAL: '50.50' }]);
    expect(await till.query('SELECT SKU, QTY, UNIT_PRICE, LINE_TOTAL FROM INVOICE_LINES ORDER BY LINE_NO')).toEqual([
      { SKU: 'MUG-1', QTY: 2, UNIT_PRICE: '12.50', LINE_TOTAL: '25.00' },
      { SKU: 'TS-1-NAV-M', QTY: 1, UNIT_PRICE: '20.00', LINE_TOTAL: '20.00' },
    ]);
    expect(await till.query("SELECT ITEM_ID, QTY FROM STOCK WHERE LOCATION = 'MAIN' AND ITEM_ID IN (1, 6) ORDER BY ITEM_ID")).toEqual([{ ITEM_ID: 1, QTY: 3 }, { ITEM_ID: 6, QTY: 3 }]);
    expect((await f.notes(o.id)).map((n: { note: string }) => n.note)).toContain('Tillbridge: booked in the POS as invoice 10001.');
    expect(f.side.journal.get(ghost.id)).toMatchObject({ state: 'waiting' });
    expect(f.side.journal.get(ghost.id)?.errorMessage).toMatch(/the POS does not know the SKU WEB-ONLY-1/);

    f.advance(600);
    await f.side.cycle();
    expect(await till.query('SELECT COUNT(*) AS N FROM INVOICES')).toEqual([{ N: 1 }]);
    expect(await port.findInvoiceByReference(reference)).toBe('10001');
  });

  it('books store order #247 as a NEW invoice although the POS holds invoices of another store\'s order 247 (legacy and new reference)', async () => {
    const { till, port } = await demoPos();
    f = await OrderFixture.open({ wrapPos: () => port });
    await f.product('MUG-1', 50, '12.50');
    await f.side.cycle();
    // Another store (the previous shop, a staging copy, the demo practice store) booked its order 247
    // into this POS: once by a Tillbridge whose reference was the number alone, once with today's reference.
    const otherStore = 'https://old-shop.example.com';
    const legacyRef = '247';
    const otherRef = exportReference(otherStore, { number: '247', orderKey: 'wc_order_OldShop000247' });
    for (const ref of [legacyRef, otherRef]) {
      const foreign = toPosOrder(storeOrder({ number: '247', lines: [storeLine('MUG-1', 1, '12.50')] }), DEFAULT_ORDER_SETTINGS, bareResolver(), ref);
      if (!foreign.ok) throw new Error(foreign.problem.message);
      expect((await port.exportOrder({ ...foreign.order, reference: ref })).alreadyThere).toBeFalsy();
    }
    const foreignInvoices = await till.query('SELECT INVOICE_NO, EXTERNAL_REF FROM INVOICES ORDER BY INVOICE_NO');
    expect(foreignInvoices.map((r) => r.EXTERNAL_REF)).toEqual([legacyRef, otherRef]);
    const stock = async () => Number((await till.query("SELECT QTY FROM STOCK WHERE ITEM_ID = 1 AND LOCATION = 'MAIN'"))[0]!.QTY);
    const before = await stock();

    // This store's order numbers have reached 247 (WordPress's post ids: products and orders share them).
    while (f.emulator.state.nextPostId() < 246) { /* burn ids */ }
    const o = await f.order({ status: 'completed', lines: [{ sku: 'MUG-1', quantity: 2 }] });
    expect(o.number).toBe('247');
    const run = await f.side.cycle();
    expect(run.export).toMatchObject({ exported: 1, marked: 1, failed: 0 });

    const reference = f.side.journal.get(o.id)!.reference!;
    expect(reference).toMatch(/^247-[0-9A-Z]{8}$/);
    expect([legacyRef, otherRef]).not.toContain(reference);
    const invoices = await till.query('SELECT INVOICE_NO, EXTERNAL_REF FROM INVOICES ORDER BY INVOICE_NO');
    expect(invoices).toHaveLength(3);
    const ours = invoices.find((r) => r.EXTERNAL_REF === reference)!;
    expect(foreignInvoices.map((r) => r.INVOICE_NO)).not.toContain(ours.INVOICE_NO);
    expect(f.side.journal.get(o.id)).toMatchObject({ state: 'marked', invoice: String(ours.INVOICE_NO) });
    expect(await f.meta(o.id, INVOICE_META_KEY)).toBe(String(ours.INVOICE_NO));
    expect((await f.notes(o.id)).map((n: { note: string }) => n.note)).toContain(`Tillbridge: booked in the POS as invoice ${ours.INVOICE_NO}.`);
    expect(await stock()).toBe(before - 2);

    // And it stays booked once: later passes and a resend find this store's invoice, not the others.
    f.advance(600);
    await f.side.cycle();
    expect(await f.side.exporter.resend('247')).toMatchObject({ kind: 'already-in-pos', invoice: String(ours.INVOICE_NO) });
    expect(await till.query('SELECT COUNT(*) AS N FROM INVOICES')).toEqual([{ N: 3 }]);
    expect(await stock()).toBe(before - 2);
  });
});
