import { afterEach, beforeEach, expect, it } from 'vitest';
import type { PosItem } from '../../../../connectors/core/pos-items-port';
import { LinkStore } from '../../../../electron/engine/links/link-store';
import { ProductSync } from '../../../../electron/engine/products/product-sync';
import { ErrorLog } from '../../../../electron/engine/state/error-log';
import { openPracticeStore, type PracticeStore } from '../../../helpers/practice-store';

function pos(sku: string): PosItem {
  return { posId: `P-${sku}`, sku, name: `Item ${sku}`, regularPrice: '10.00', salePrice: null, saleFrom: null, saleTo: null, onHand: 5,
    onWeb: true, parentSku: null, parentPosId: null, isParent: false, attributes: {}, description: null, category: null, weight: null, barcode: null };
}

let store: PracticeStore;
beforeEach(async () => { store = await openPracticeStore(); });
afterEach(async () => { await store.close(); });

it('a fresh data folder adopting the store\'s products says so, and its progress never passes 100 %', async () => {
  // The store already has 6 of the 8 SKUs (made by hand, or by an earlier install).
  for (let i = 1; i <= 6; i++) await store.call('POST', 'products', { name: `Hand made ${i}`, sku: `ADOPT-${i}`, regular_price: '9.00' });
  const events: { done: number; total: number; phase: string }[] = [];
  const sync = new ProductSync(store.catalog, new LinkStore(store.db), new ErrorLog(store.db));
  const items = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => pos(`ADOPT-${i}`));
  const r = await sync.run(items, { complete: true, safetyBuffer: 0, onProgress: (done, total, phase) => events.push({ done, total, phase }) });
  expect(r.created).toBe(2);
  expect(events.length).toBeGreaterThan(0);
  for (const e of events) expect(e.done, `${e.phase} ${e.done}/${e.total}`).toBeLessThanOrEqual(e.total);
  expect(events.at(-1)!.done).toBe(events.at(-1)!.total);
  for (let i = 1; i < events.length; i++) expect(events[i]!.done / events[i]!.total).toBeGreaterThanOrEqual(events[i - 1]!.done / events[i - 1]!.total);
  expect(events.map((e) => e.phase).join(' | ')).toMatch(/adopt/);
  expect(events.find((e) => e.phase.includes('creating drafts'))?.phase).toMatch(/2 drafts created, 6 .*adopted|adopt/);

  // All adopted: no word of creating drafts.
  const again: string[] = [];
  const store2 = await openPracticeStore();
  try {
    for (let i = 1; i <= 3; i++) await store2.call('POST', 'products', { name: `Hand made ${i}`, sku: `ONLY-${i}`, regular_price: '9.00' });
    const sync2 = new ProductSync(store2.catalog, new LinkStore(store2.db), new ErrorLog(store2.db));
    const r2 = await sync2.run([1, 2, 3].map((i) => pos(`ONLY-${i}`)), { complete: true, safetyBuffer: 0, onProgress: (d, t, phase) => again.push(`${phase} ${d}/${t}`) });
    expect(r2.created).toBe(0);
    expect(again.join(' | ')).not.toMatch(/creating drafts/);
    expect(again.join(' | ')).toMatch(/adopt/);
  } finally {
    await store2.close();
  }
});
