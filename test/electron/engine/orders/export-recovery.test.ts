/**
 * The export journal's recovery from every point where the process can stop. A crash is
 * simulated in-process: the port call at the crash point never returns (as if the process were
 * killed there, after or before the real work), then the engine is rebuilt on new connections to
 * the same state database and POS files, recovers, and runs on. Each case must end with exactly
 * one POS invoice, one private note, the meta, and the journal 'marked'.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { referenceOrderNumber } from '../../../../electron/engine/orders/export-reference';
import { INVOICE_META_KEY } from '../../../../electron/engine/orders/order-ingest';
import type { StoreOrdersPort } from '../../../../connectors/core/store-orders-port';
import type { PosOrdersPort } from '../../../../connectors/core/pos-orders-port';
import { intercept, never } from '../../../helpers/intercept';
import { OrderFixture } from '../../../helpers/order-fixture';

let f: OrderFixture;
afterEach(async () => { await f?.close(); });

interface CrashPoint {
  name: string;
  wrapStore?: (s: StoreOrdersPort, reached: () => void) => StoreOrdersPort;
  wrapPos?: (p: PosOrdersPort, reached: () => void) => PosOrdersPort;
  journalAtCrash: string;
  invoicesAtCrash: number;
}

const crashPoints: CrashPoint[] = [
  {
    name: 'after the journal says exporting, before the POS is called',
    wrapPos: (p, reached) => intercept(p, { exportOrder: () => { reached(); return never(); } }),
    journalAtCrash: 'exporting', invoicesAtCrash: 0,
  },
  {
    name: 'after the POS committed, before its answer was recorded',
    wrapPos: (p, reached) => intercept(p, { exportOrder: async (o) => { await p.exportOrder(o); reached(); return never(); } }),
    journalAtCrash: 'exporting', invoicesAtCrash: 1,
  },
  {
    name: 'after the journal says exported, before the store is marked',
    wrapStore: (s, reached) => intercept(s, { listNotes: () => { reached(); return never(); } }),
    journalAtCrash: 'exported', invoicesAtCrash: 1,
  },
  {
    name: 'after the meta was written, before the note',
    wrapStore: (s, reached) => intercept(s, { addPrivateNote: () => { reached(); return never(); } }),
    journalAtCrash: 'exported', invoicesAtCrash: 1,
  },
  {
    name: 'after the note was added, before the journal says marked',
    wrapStore: (s, reached) => intercept(s, { addPrivateNote: async (id, text) => { await s.addPrivateNote(id, text); reached(); return never(); } }),
    journalAtCrash: 'exported', invoicesAtCrash: 1,
  },
];

async function setup(): Promise<{ id: number; number: string }> {
  f = await OrderFixture.open();
  await f.product('A-1');
  f.pos.addItem('A-1', 10);
  await f.side.cycle();
  return f.order({ status: 'completed', lines: [{ sku: 'A-1', quantity: 2 }] });
}

async function expectDoneOnce(o: { id: number; number: string }): Promise<void> {
  const invoices = f.pos.invoices().filter((i) => referenceOrderNumber(i.externalRef ?? '') === o.number);
  expect(invoices).toHaveLength(1);
  expect(f.pos.onHand('A-1')).toBe(8);
  const notes = (await f.notes(o.id)).filter((n: { note: string }) => n.note.startsWith('Tillbridge:'));
  expect(notes).toHaveLength(1);
  expect(notes[0].note).toContain(invoices[0]!.number);
  expect(await f.meta(o.id, INVOICE_META_KEY)).toBe(invoices[0]!.number);
  expect(f.side.journal.get(o.id)).toMatchObject({ state: 'marked', invoice: invoices[0]!.number });
}

describe('export recovery after a crash at each step', () => {
  for (const cp of crashPoints) {
    it(`recovers ${cp.name}: one invoice, one note`, async () => {
      const o = await setup();
      let reached!: () => void;
      const atCrash = new Promise<void>((r) => { reached = r; });
      f.restart({
        wrapStore: cp.wrapStore ? (s) => cp.wrapStore!(s, reached) : undefined,
        wrapPos: cp.wrapPos ? (p) => cp.wrapPos!(p, reached) : undefined,
      });
      void f.side.cycle();
      await atCrash;
      expect(f.side.journal.get(o.id)?.state).toBe(cp.journalAtCrash);
      expect(f.pos.invoices()).toHaveLength(cp.invoicesAtCrash);

      f.restart();
      const rec = await f.side.exporter.recover();
      expect(rec.considered).toBe(1);
      await f.side.cycle();
      await expectDoneOnce(o);
      // And a later pass changes nothing.
      f.advance(60);
      await f.side.cycle();
      await expectDoneOnce(o);
    });
  }
});

describe('export recovery after lost answers (no restart)', () => {
  it('the POS committed but the answer was lost: the reference check finds the invoice', async () => {
    const o = await setup();
    f.pos.faults.loseAnswerAfterCommit = true;
    await f.side.cycle();
    expect(f.side.journal.get(o.id)).toMatchObject({ state: 'exporting', errorCode: 'pos-unavailable' });
    expect(f.pos.invoices()).toHaveLength(1);
    f.advance(31);
    const before = f.pos.calls.export;
    await f.side.cycle();
    expect(f.pos.calls.export).toBe(before);
    await expectDoneOnce(o);
  });

  it('the connection dropped before the POS committed: rolled back, sent again once', async () => {
    const o = await setup();
    f.pos.faults.dropBeforeCommit = true;
    await f.side.cycle();
    expect(f.pos.invoices()).toHaveLength(0);
    expect(f.pos.onHand('A-1')).toBe(10);
    f.advance(31);
    await f.side.cycle();
    await expectDoneOnce(o);
  });

  it('the store applied the note but the connection dropped: the note is not added twice', async () => {
    const o = await setup();
    f.emulator.faults.add({ method: 'POST', path: '/wp-json/wc/v3/orders/:id/notes', drop: 'after' });
    const r = await f.side.cycle();
    expect(r.export.failed).toBe(0);
    expect(f.side.journal.get(o.id)).toMatchObject({ state: 'exported', errorCode: 'mark-failed' });
    f.advance(31);
    await f.side.cycle();
    await expectDoneOnce(o);
  });

  it('the store is down while marking: the invoice is kept, marking is retried with backoff', async () => {
    const o = await setup();
    f.emulator.faults.add({ method: 'GET', path: '/wp-json/wc/v3/orders/:id/notes', status: 503, times: 2 });
    await f.side.cycle();
    expect(f.pos.invoices()).toHaveLength(1);
    expect(f.side.errors.open('order')[0]).toMatchObject({ code: 'mark-failed', retryable: true });
    f.advance(31);
    await f.side.cycle();
    await expectDoneOnce(o);
    expect(f.side.errors.open('order')).toEqual([]);
  });
});
