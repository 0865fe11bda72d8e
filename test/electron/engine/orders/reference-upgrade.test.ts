/**
 * Upgrading a state made before references named the store (schema 2): orders already in the
 * POS keep their invoice, an export in flight at the upgrade is settled by the reference it was
 * sent with (the order number alone), and everything sent from now on carries the new reference.
 */
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { bareResolver } from '../../../../electron/engine/links/line-keys';
import { openDatabase } from '../../../../electron/engine/db/database';
import { migrations } from '../../../../electron/engine/db/migrations/index';
import { exportReference } from '../../../../electron/engine/orders/export-reference';
import { EXPORTED_AT_META_KEY, INVOICE_META_KEY, REFERENCE_META_KEY } from '../../../../electron/engine/orders/order-ingest';
import { WATERMARK_CURSOR } from '../../../../electron/engine/orders/order-poller';
import { OrderSide } from '../../../../electron/engine/orders/order-side';
import { toPosOrder } from '../../../../electron/engine/orders/pos-order-mapper';
import { ensureStoreIdentity, readStoreIdentity } from '../../../../electron/engine/store-identity';
import { OrderFixture } from '../../../helpers/order-fixture';

let f: OrderFixture | undefined;
let db: Database | undefined;
afterEach(async () => {
  db?.close();
  db = undefined;
  await f?.close();
  f = undefined;
});

describe('upgrading a state whose references were the order number alone', () => {
  it('keeps exported orders, settles in-flight ones by their legacy reference, and sends the rest with the new one', async () => {
    f = await OrderFixture.open();
    const fx = f;
    await fx.product('A-1', 50, '10.00');
    fx.pos.addItem('A-1', 20);
    const completed = () => fx.order({ status: 'completed', lines: [{ sku: 'A-1', quantity: 1 }] });
    const inFlightBooked = await completed();   // 'exporting': the POS committed, the answer never came back
    const inFlightLost = await completed();     // 'exporting': the POS never got it
    const exportedOnly = await completed();     // 'exported': booked, the store not marked yet
    const done = await completed();             // 'marked'
    const waiting = await completed();          // 'waiting': never sent

    // What the previous version left: its state at schema 2, and its invoices under the bare number.
    const file = join(fx.dir, 'previous-state.sqlite');
    const old = openDatabase(file, migrations.filter((m) => m.version <= 2));
    const now = '2026-11-28T12:00:10.000Z';
    const bookLegacy = async (o: { id: number; number: string }) => {
      const order = (await fx.store.getOrder(o.id))!;
      const mapped = toPosOrder(order, fx.settings, bareResolver(), order.number);
      if (!mapped.ok) throw new Error(mapped.problem.message);
      return (await fx.pos.exportOrder(mapped.order)).invoiceNumber;
    };
    const journal = old.prepare(`INSERT INTO export_journal (order_id, number, state, invoice, entered_at, exported_at, marked_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    journal.run(inFlightBooked.id, inFlightBooked.number, 'exporting', null, now, null, null, now);
    await bookLegacy(inFlightBooked);
    journal.run(inFlightLost.id, inFlightLost.number, 'exporting', null, now, null, null, now);
    const exportedInvoice = await bookLegacy(exportedOnly);
    journal.run(exportedOnly.id, exportedOnly.number, 'exported', exportedInvoice, now, now, null, now);
    const doneInvoice = await bookLegacy(done);
    await fx.call('PUT', `orders/${done.id}`, { meta_data: [{ key: INVOICE_META_KEY, value: doneInvoice }, { key: EXPORTED_AT_META_KEY, value: now }] });
    journal.run(done.id, done.number, 'marked', doneInvoice, now, now, now, now);
    journal.run(waiting.id, waiting.number, 'waiting', null, now, null, null, now);
    const cursor = old.prepare('INSERT INTO cursors (name, value, updated_at) VALUES (?, ?, ?)');
    cursor.run('orders.export-from', '2026-11-28T00:00:00', now);
    cursor.run(WATERMARK_CURSOR, (await fx.call('GET', `orders/${waiting.id}`)).body.date_modified_gmt, now);
    old.close();
    expect(fx.pos.invoices().map((i) => i.externalRef)).toEqual([inFlightBooked.number, exportedOnly.number, done.number]);

    // The upgrade: migration 003 gives every row that may be in the POS its legacy reference.
    db = openDatabase(file);
    const refs = new Map((db.prepare('SELECT order_id, reference FROM export_journal').all() as { order_id: number; reference: string | null }[])
      .map((r) => [r.order_id, r.reference]));
    expect(refs).toEqual(new Map([[inFlightBooked.id, inFlightBooked.number], [inFlightLost.id, inFlightLost.number],
      [exportedOnly.id, exportedOnly.number], [done.id, done.number], [waiting.id, null]]));
    expect(readStoreIdentity(db)).toBeNull();
    expect(ensureStoreIdentity(db, fx.emulator.url).url).toBe(fx.emulator.url);

    const side = new OrderSide({ db, store: fx.store, pos: fx.pos, settings: fx.settings, now: () => fx.engineNow });
    await side.exporter.recover();
    fx.advance(5);
    const later = await completed();            // an order completed after the upgrade
    await side.cycle();

    const newRef = async (o: { id: number; number: string }) =>
      exportReference(fx.emulator.url, { number: o.number, orderKey: (await fx.call('GET', `orders/${o.id}`)).body.order_key as string });
    const byRef = new Map(fx.pos.invoices().map((i) => [i.externalRef, i.number]));
    // Booked before the upgrade: found by the number it was sent with, recorded, never booked again.
    expect(side.journal.get(inFlightBooked.id)).toMatchObject({ state: 'marked', reference: inFlightBooked.number, invoice: byRef.get(inFlightBooked.number) });
    expect(side.journal.get(exportedOnly.id)).toMatchObject({ state: 'marked', reference: exportedOnly.number, invoice: exportedInvoice });
    expect(side.journal.get(done.id)).toMatchObject({ state: 'marked', reference: done.number, invoice: doneInvoice });
    expect(await fx.meta(inFlightBooked.id, REFERENCE_META_KEY)).toBe(inFlightBooked.number);
    expect(await fx.meta(exportedOnly.id, INVOICE_META_KEY)).toBe(exportedInvoice);
    // Not in the POS under its legacy reference: sent now, with the new one; so are the waiting and the new order.
    for (const o of [inFlightLost, waiting, later]) {
      const ref = await newRef(o);
      expect(ref).not.toBe(o.number);
      expect(side.journal.get(o.id), `order ${o.number}`).toMatchObject({ state: 'marked', reference: ref, invoice: byRef.get(ref) });
      expect(await fx.meta(o.id, INVOICE_META_KEY)).toBe(byRef.get(ref));
    }
    expect(fx.pos.invoices()).toHaveLength(6);
    expect(fx.pos.onHand('A-1')).toBe(20 - 6);
    // A resend of an order exported before the upgrade asks for its legacy reference, and sends nothing.
    expect(await side.exporter.resend(done.number)).toMatchObject({ kind: 'already-in-pos', invoice: doneInvoice });
    expect(fx.pos.invoices()).toHaveLength(6);
  });
});
