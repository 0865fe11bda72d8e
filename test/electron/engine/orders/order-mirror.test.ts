import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { bareResolver } from '../../../../electron/engine/links/line-keys';
import { openDatabase } from '../../../../electron/engine/db/database';
import { ExportJournal } from '../../../../electron/engine/orders/export-journal';
import { posUnavailable } from '../../../../electron/engine/orders/order-problems';
import { OrderMirror } from '../../../../electron/engine/orders/order-mirror';
import { storeLine, storeOrder } from '../../../helpers/store-orders';

let dir: string;
let db: Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tb-mirror-'));
  db = openDatabase(join(dir, 'state.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const ctx = { resolver: bareResolver(), newIfCreatedAfter: '2026-11-28T09:00:00', now: '2026-11-28T12:00:00.000Z' };

describe('order mirror (local SQLite)', () => {
  it('keeps the newest version: a late, older answer never overwrites a newer one', () => {
    const m = new OrderMirror(db);
    const newer = storeOrder({ id: 1, status: 'on-hold', dateModifiedGmt: '2026-11-28T10:10:00' });
    expect(m.upsert(newer, ctx).kind).toBe('new');
    expect(m.upsert({ ...newer, status: 'processing', dateModifiedGmt: '2026-11-28T10:09:59' }, ctx).kind).toBe('stale');
    expect(m.get(1)?.order.status).toBe('on-hold');
    expect(m.upsert(newer, ctx).kind).toBe('unchanged');
    expect(m.upsert({ ...newer, status: 'completed' }, ctx)).toEqual({ kind: 'updated', previousStatus: 'on-hold', previousRefunds: 0 });
    expect(m.get(1)?.order).toEqual({ ...newer, status: 'completed' });
  });

  it("counts WooCommerce's taken units for new orders, but not for old orders seen for the first time", () => {
    const m = new OrderMirror(db);
    m.upsert(storeOrder({ id: 1, status: 'processing', dateCreatedGmt: '2026-11-28T09:30:00', lines: [storeLine('A', 3, '3.00')] }), ctx);
    m.upsert(storeOrder({ id: 2, status: 'processing', dateCreatedGmt: '2026-11-01T09:30:00', lines: [storeLine('A', 5, '5.00')] }), ctx);
    expect(m.storeTaken(['a']).get('a')).toBe(3);
    m.upsert(storeOrder({ id: 2, status: 'cancelled', dateCreatedGmt: '2026-11-01T09:30:00', dateModifiedGmt: '2026-11-28T11:00:00', lines: [storeLine('A', 5, '5.00')] }), ctx);
    expect(m.storeTaken(['a', 'b']).get('a')).toBe(-2);
    expect(m.storeTaken(['b']).get('b')).toBe(0);
  });

  it('prunes old finished orders but keeps open ones and those with export work pending', () => {
    const m = new OrderMirror(db);
    const j = new ExportJournal(db);
    m.upsert(storeOrder({ id: 1, status: 'completed' }), ctx);
    m.upsert(storeOrder({ id: 2, status: 'completed' }), ctx);
    m.upsert(storeOrder({ id: 3, status: 'processing' }), ctx);
    m.upsert(storeOrder({ id: 4, status: 'cancelled', dateModifiedGmt: '2026-11-28T11:00:00' }), ctx);
    j.enter(2, '2', ctx.now);
    expect(m.prune('2026-11-28T10:30:00', ['pending', 'processing', 'on-hold'])).toBe(1);
    expect([1, 2, 3, 4].map((id) => m.get(id) !== null)).toEqual([false, true, true, true]);
  });
});

describe('export journal (local SQLite)', () => {
  it('moves forward only, and says what it expected when asked to do otherwise', () => {
    const j = new ExportJournal(db);
    j.enter(7, '1007', ctx.now);
    expect(() => j.marked(7, ctx.now)).toThrow(/'waiting', expected exported/);
    j.startExport(7, '1007-TESTREF1', ctx.now);
    expect(j.get(7)).toMatchObject({ state: 'exporting', reference: '1007-TESTREF1' });
    j.exported(7, 'INV-1', ctx.now);
    j.enter(7, '1007', ctx.now);
    expect(j.get(7)?.state).toBe('exported');
    j.marked(7, ctx.now);
    expect(j.get(7)).toMatchObject({ state: 'marked', reference: '1007-TESTREF1', invoice: 'INV-1', failures: 0 });
    expect(j.due('2100-01-01')).toEqual([]);
  });

  it('counts failures for the backoff and keeps rows out of the due list until their time', () => {
    const j = new ExportJournal(db);
    j.enter(8, '1008', ctx.now);
    const at = (n: number) => `2026-11-28T12:0${n}:00.000Z`;
    expect(j.failed(8, posUnavailable('1008', 'down'), at, ctx.now)).toBe(1);
    expect(j.failed(8, posUnavailable('1008', 'down'), at, ctx.now)).toBe(2);
    expect(j.get(8)).toMatchObject({ failures: 2, nextAttemptAt: at(2), errorCode: 'pos-unavailable' });
    expect(j.due('2026-11-28T12:01:59.000Z')).toEqual([]);
    expect(j.due(at(2)).map((e) => e.orderId)).toEqual([8]);
    j.retryNow(8, ctx.now);
    expect(j.due('2000-01-01').map((e) => e.orderId)).toEqual([8]);
  });
});
