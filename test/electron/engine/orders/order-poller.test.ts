import { afterEach, describe, expect, it } from 'vitest';
import { referenceOrderNumber } from '../../../../electron/engine/orders/export-reference';
import { EXPORT_FROM_CURSOR } from '../../../../electron/engine/orders/order-ingest';
import { WATERMARK_CURSOR } from '../../../../electron/engine/orders/order-poller';
import type { StoreOrdersPort } from '../../../../connectors/core/store-orders-port';
import { intercept } from '../../../helpers/intercept';
import { OrderFixture } from '../../../helpers/order-fixture';

let f: OrderFixture;
afterEach(async () => { await f?.close(); });

async function storeTimeOf(id: number): Promise<string> {
  return (await f.call('GET', `orders/${id}`)).body.date_modified_gmt as string;
}

describe('order mirror and watermark (against the emulator)', () => {
  it('starts at the newest order: earlier completed orders are not exported, open ones are mirrored', async () => {
    f = await OrderFixture.open();
    await f.product('A-1');
    const old = await f.order({ status: 'completed', lines: [{ sku: 'A-1', quantity: 1 }] });
    const open = await f.order({ status: 'processing', lines: [{ sku: 'A-1', quantity: 2 }] });
    const r = await f.side.cycle();
    expect(r.started).toBe(true);
    expect(r.reconcile?.fetched).toBe(1);
    expect(f.side.cursors.get(WATERMARK_CURSOR)).toBe(await storeTimeOf(open.id));
    expect(f.side.journal.get(old.id)).toBeNull();
    expect(f.side.mirror.get(open.id)?.order.status).toBe('processing');
    expect(f.pos.invoices()).toEqual([]);
  });

  it('mirrors every order modified after the watermark and enters completed ones in the journal in the same pass', async () => {
    f = await OrderFixture.open();
    await f.product('A-1');
    await f.side.cycle();
    const a = await f.order({ status: 'pending', lines: [{ sku: 'A-1', quantity: 1 }] });
    const b = await f.order({ status: 'completed', lines: [{ sku: 'A-1', quantity: 3 }] });
    const poll = await f.side.poller.poll();
    expect(poll.created).toBe(2);
    expect(f.side.mirror.get(a.id)?.order.lines[0]?.quantity).toBe(1);
    expect(f.side.journal.get(b.id)?.state).toBe('waiting');
    expect(f.side.journal.get(a.id)).toBeNull();
    expect(f.side.cursors.get(WATERMARK_CURSOR)).toBe(await storeTimeOf(b.id));
    // Nothing new: the overlap re-reads recent orders, which changes nothing.
    const again = await f.side.poller.poll();
    expect(again.created).toBe(0);
    expect(again.since! < (await storeTimeOf(a.id))).toBe(true);
  });

  it('finds an order changed in the very second of the watermark (strict modified_after + overlap)', async () => {
    f = await OrderFixture.open();
    await f.product('A-1');
    await f.side.cycle();
    const a = await f.order({ status: 'processing', lines: [{ sku: 'A-1', quantity: 1 }] });
    await f.side.poller.poll();
    // Same store second as the watermark: no advance before the change.
    await f.call('PUT', `orders/${a.id}`, { status: 'on-hold' });
    expect(await storeTimeOf(a.id)).toBe(f.side.cursors.get(WATERMARK_CURSOR));
    await f.side.poller.poll();
    expect(f.side.mirror.get(a.id)?.order.status).toBe('on-hold');
  });

  it('walks many pages with overlap and reads each order once', async () => {
    f = await OrderFixture.open({ settings: { pageSize: 5, pageOverlap: 2 } });
    await f.product('A-1');
    await f.side.cycle();
    const ids: number[] = [];
    for (let i = 0; i < 17; i++) ids.push((await f.order({ status: 'processing', lines: [{ sku: 'A-1', quantity: 1 }] })).id);
    const poll = await f.side.poller.poll();
    expect(poll.read).toBe(17);
    expect(poll.pages).toBe(6);
    expect(new Set(poll.orderIds)).toEqual(new Set(ids));
    expect(f.side.mirror.count()).toBe(17);
  });

  it('does not lose an order when an earlier one is trashed between two pages', async () => {
    let trashed = false;
    let victim = 0;
    const wrapStore = (store: StoreOrdersPort): StoreOrdersPort => intercept(store, {
      listModifiedAfter: async (since, offset, limit) => {
        if (offset > 0 && !trashed) {
          trashed = true;
          await f.call('DELETE', `orders/${victim}`);
        }
        return store.listModifiedAfter(since, offset, limit);
      },
    });
    f = await OrderFixture.open({ settings: { pageSize: 4, pageOverlap: 1 }, wrapStore });
    await f.product('A-1');
    await f.side.cycle();
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push((await f.order({ status: 'completed', lines: [{ sku: 'A-1', quantity: 1 }] })).id);
    victim = ids[0]!;
    const poll = await f.side.poller.poll();
    expect(trashed).toBe(true);
    for (const id of ids) expect(f.side.journal.get(id)?.state).toBe('waiting');
    expect(poll.read).toBe(6);
  });

  it('keeps the watermark when a walk fails part way, and the committed pages stay', async () => {
    f = await OrderFixture.open({ settings: { pageSize: 3, pageOverlap: 1 } });
    await f.product('A-1');
    await f.side.cycle();
    const before = f.side.cursors.get(WATERMARK_CURSOR);
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await f.order({ status: 'completed', lines: [{ sku: 'A-1', quantity: 1 }] })).id);
    let calls = 0;
    f.restart({ wrapStore: (s) => intercept(s, {
      listModifiedAfter: async (since, offset, limit) => {
        // The second page meets a store that answers 503 (the client's one retry included).
        if (++calls === 2) f.emulator.faults.add({ method: 'GET', path: '/wp-json/wc/v3/orders', status: 503, times: 2 });
        return s.listModifiedAfter(since, offset, limit);
      },
    }) });
    await expect(f.side.poller.poll()).rejects.toMatchObject({ retryable: true, status: 503 });
    expect(f.side.cursors.get(WATERMARK_CURSOR)).toBe(before);
    expect(f.side.journal.get(ids[0]!)?.state).toBe('waiting');
    expect(f.side.journal.get(ids[4]!)).toBeNull();
    await f.side.poller.poll();
    for (const id of ids) expect(f.side.journal.get(id)?.state).toBe('waiting');
    expect(f.side.cursors.get(WATERMARK_CURSOR)).toBe(await storeTimeOf(ids[4]!));
  });

  it('reconciles open orders: trashed ones are refreshed, deleted ones dropped, missed ones fetched', async () => {
    f = await OrderFixture.open();
    await f.product('A-1');
    await f.side.cycle();
    const a = await f.order({ status: 'processing', lines: [{ sku: 'A-1', quantity: 1 }] });
    const b = await f.order({ status: 'on-hold', lines: [{ sku: 'A-1', quantity: 1 }] });
    await f.side.poller.poll();
    await f.call('DELETE', `orders/${a.id}`);
    await f.call('DELETE', `orders/${b.id}?force=true`);
    // An order the poll never saw (e.g. written while the watermark was ahead of the store clock).
    const c = await f.order({ status: 'pending', lines: [{ sku: 'A-1', quantity: 1 }] });
    const r = await f.side.poller.reconcile();
    expect(r).toEqual({ fetched: 1, refreshed: 1, removed: 1 });
    expect(f.side.mirror.get(a.id)?.order.status).toBe('trash');
    expect(f.side.mirror.get(b.id)).toBeNull();
    expect(f.side.mirror.get(c.id)?.order.status).toBe('pending');
  });

  it('pulls again since a date: older completed orders enter the journal, exported ones are left alone', async () => {
    f = await OrderFixture.open();
    await f.product('A-1');
    f.pos.addItem('A-1', 10);
    const old = await f.order({ status: 'completed', lines: [{ sku: 'A-1', quantity: 1 }] });
    await f.side.cycle();
    expect(f.side.journal.get(old.id)).toBeNull();
    const fresh = await f.order({ status: 'completed', lines: [{ sku: 'A-1', quantity: 1 }] });
    await f.side.cycle();
    expect(f.side.journal.get(fresh.id)?.state).toBe('marked');
    const r = await f.side.poller.pullSince('2026-11-28T00:00:00');
    expect(r.read).toBeGreaterThanOrEqual(2);
    expect(f.side.cursors.get(EXPORT_FROM_CURSOR)).toBe('2026-11-28T00:00:00');
    expect(f.side.journal.get(old.id)?.state).toBe('waiting');
    expect(f.side.journal.get(fresh.id)?.state).toBe('marked');
    await f.side.exporter.exportDue();
    expect(f.pos.invoices().map((i) => referenceOrderNumber(i.externalRef ?? '')).sort()).toEqual([old.number, fresh.number].sort());
  });
});

describe('pull again on a store that had no orders at the first start', () => {
  it('does not narrow what counts for export', async () => {
    f = await OrderFixture.open();
    await f.product('A-1');
    await f.side.cycle();
    expect(f.side.cursors.get(EXPORT_FROM_CURSOR)).toBe('');
    await f.side.poller.pullSince('2026-11-28T12:00:30');
    expect(f.side.cursors.get(EXPORT_FROM_CURSOR)).toBe('');
  });
});
