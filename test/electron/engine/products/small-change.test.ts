/**
 * Work proportional to the change: a pass over a few changed items reads only their links and
 * pushed values, not the whole table (a spy counts the rows the database hands back), and does
 * exactly what reading everything did.
 */
import type { Database, Statement } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosItem } from '../../../../connectors/core/pos-items-port';
import { AllocationReader } from '../../../../electron/engine/allocation/allocation-reader';
import { LinkStore } from '../../../../electron/engine/links/link-store';
import { ProductSync } from '../../../../electron/engine/products/product-sync';
import { ErrorLog } from '../../../../electron/engine/state/error-log';
import { openPracticeStore, type PracticeStore } from '../../../helpers/practice-store';

function pos(sku: string, over: Partial<PosItem> = {}): PosItem {
  return { posId: `P-${sku}`, sku, name: `Item ${sku}`, regularPrice: '10.00', salePrice: null, saleFrom: null, saleTo: null, onHand: 5,
    onWeb: true, parentSku: null, parentPosId: null, isParent: false, attributes: {}, description: null, category: null, weight: null, barcode: null, ...over };
}

/** Counts rows the database returns from statements on the link and pushed tables. */
function spyRows(db: Database): { rows: number; statements: number } {
  const seen = { rows: 0, statements: 0 };
  const prepare = db.prepare.bind(db);
  (db as { prepare: (sql: string) => Statement }).prepare = (sql: string) => {
    const stmt = prepare(sql);
    if (!/\bFROM (links|pushed)\b/.test(sql)) return stmt;
    const all = stmt.all.bind(stmt);
    const get = stmt.get.bind(stmt);
    stmt.all = ((...args: unknown[]) => { seen.statements++; const r = all(...args); seen.rows += r.length; return r; }) as typeof stmt.all;
    stmt.get = ((...args: unknown[]) => { seen.statements++; const r = get(...args); if (r !== undefined) seen.rows++; return r; }) as typeof stmt.get;
    return stmt;
  };
  return seen;
}

let store: PracticeStore;
beforeEach(async () => { store = await openPracticeStore(); });
afterEach(async () => { await store.close(); });

describe('a small change at catalogue scale', () => {
  it('reads only the changed items\' links and pushed values, and writes what a full read would', async () => {
    const items = Array.from({ length: 400 }, (_, i) => pos(`K-${i}`));
    const seen = spyRows(store.db);
    const links = new LinkStore(store.db);
    const sync = new ProductSync(store.catalog, links, new ErrorLog(store.db), { lanes: 2 });
    await sync.run(items, { complete: true, safetyBuffer: 0 });
    expect(links.counts().linked).toBe(400);

    seen.rows = 0;
    const changed = [pos('K-7', { onHand: 9 }), pos('K-300', { regularPrice: '12.00' }), pos('NEW-1')];
    const r = await sync.run(changed, { complete: false, safetyBuffer: 0 });
    expect(r).toMatchObject({ created: 1, updated: 2, failed: 0 });
    expect(seen.rows).toBeLessThan(20);

    const stock = (await store.call('GET', 'products?sku=K-7')).body[0].stock_quantity;
    const price = (await store.call('GET', 'products?sku=K-300')).body[0].regular_price;
    expect({ stock, price }).toEqual({ stock: 9, price: '12.00' });
    // A complete pass afterwards finds nothing left to do.
    const all = items.map((i) => (i.sku === 'K-7' ? changed[0]! : i.sku === 'K-300' ? changed[1]! : i)).concat(changed[2]!);
    expect(await sync.run(all, { complete: true, safetyBuffer: 0 })).toMatchObject({ created: 0, updated: 0, unchanged: 401, requests: 0 });
  });

  it('allocation and the status counts read only the links the open orders name', async () => {
    const seen = spyRows(store.db);
    const links = new LinkStore(store.db);
    await new ProductSync(store.catalog, links, new ErrorLog(store.db), { lanes: 2 }).run(Array.from({ length: 400 }, (_, i) => pos(`K-${i}`)), { complete: true, safetyBuffer: 0 });
    const noSku = links.link('k-9')!;
    const put = store.db.prepare(`INSERT INTO order_mirror (id, number, status, created_gmt, modified_gmt, store_reduced, lines_json, header_json, seen_at)
      VALUES (?, ?, 'processing', '2026-12-01T10:00:00', '2026-12-01T10:00:00', 1, ?, '{}', '2026-12-01T10:00:00')`);
    put.run(1, '1001', JSON.stringify([{ sku: 'K-1', productId: 0, variationId: 0, quantity: 2 }, { sku: '', productId: noSku.storeId, variationId: 0, quantity: 1 }]));
    put.run(2, '1002', JSON.stringify([{ sku: 'k-1 ', productId: 0, variationId: 0, quantity: 3 }]));
    seen.rows = 0;
    const reader = new AllocationReader(store.db, { openStatuses: ['processing'] });
    expect(reader.allocatedBySku()).toEqual(new Map([['k-1', 5], ['k-9', 1]]));
    expect(reader.summary()).toEqual({ outstandingOrders: 2, allocatedUnits: 6 });
    expect(links.counts()).toEqual({ linked: 400, drafts: 400 });
    expect(seen.rows).toBeLessThan(10);
  });
});
