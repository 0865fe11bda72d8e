import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosItem } from '../../../../connectors/core/pos-items-port';
import { LinkStore } from '../../../../electron/engine/links/link-store';
import { ProductSync, type ProductSyncOptions } from '../../../../electron/engine/products/product-sync';
import { ErrorLog } from '../../../../electron/engine/state/error-log';
import { buildLinkReport } from '../../../../electron/engine/products/link-report';
import { openPracticeStore, type PracticeStore } from '../../../helpers/practice-store';

function pos(posId: string, sku: string, over: Partial<PosItem> = {}): PosItem {
  return { posId, sku, name: `Item ${posId}`, regularPrice: '10.00', salePrice: null, saleFrom: null, saleTo: null, onHand: 5,
    onWeb: true, parentSku: null, parentPosId: null, isParent: false, attributes: {}, description: null, category: null, weight: null, barcode: null, ...over };
}

let store: PracticeStore;
let sync: ProductSync;
let links: LinkStore;
let errors: ErrorLog;
const full: ProductSyncOptions = { complete: true, safetyBuffer: 0 };
const incremental: ProductSyncOptions = { complete: false, safetyBuffer: 0 };

beforeEach(async () => {
  store = await openPracticeStore();
  links = new LinkStore(store.db);
  errors = new ErrorLog(store.db);
  sync = new ProductSync(store.catalog, links, errors);
});
afterEach(async () => { await store.close(); });

async function stockOf(sku: string): Promise<number> {
  const found = (await store.call('GET', `products?sku=${encodeURIComponent(sku)}`)).body as { stock_quantity: number }[];
  expect(found).toHaveLength(1);
  return found[0]!.stock_quantity;
}

describe('a second POS item takes a linked SKU', () => {
  it('stops only the new item, names both, and the linked product keeps following its own POS item', async () => {
    await sync.run([pos('101', 'MUG-1', { onHand: 82 })], full);
    expect(await stockOf('MUG-1')).toBe(82);

    // The till sold 80; someone gave a new item the same SKU (another letter case, a stray space).
    const items = [pos('101', 'MUG-1', { onHand: 2 }), pos('207', 'mug-1 ', { onHand: 40, name: 'Mug, blue' })];
    for (const opts of [full, incremental]) {
      const r = await sync.run(items, opts);
      expect(r.failed).toBe(1);
      expect(await stockOf('MUG-1')).toBe(2);
    }
    const open = errors.open('product').filter((e) => e.code === 'sku-duplicate-pos');
    expect(open).toHaveLength(1);
    expect(open[0]!.message).toMatch(/POS item 207/);
    expect(open[0]!.message).toMatch(/POS item 101/);
    expect(open[0]!.message).toMatch(/not sent/);
    expect(open[0]!.hint).toMatch(/207/);
    expect(links.link('mug-1')).toMatchObject({ posId: '101', state: 'linked' });
    // The link report says the same: the linked item stays linked, the newcomer is the duplicate.
    const report = await buildLinkReport(items, links.allLinks(), store.catalog);
    expect(report.map((r) => [r.posId, r.category])).toEqual([['207', 'duplicate-in-pos'], ['101', 'linked']]);

    // Fixed in the POS: the new item gets its own SKU and the problem goes.
    const fixed = await sync.run([pos('101', 'MUG-1', { onHand: 2 }), pos('207', 'MUG-2', { onHand: 40 })], full);
    expect(fixed.failed).toBe(0);
    expect(errors.open('product')).toEqual([]);
    expect(await stockOf('MUG-2')).toBe(40);
  });

  it('when the linked POS item is not among them, the web stock drops to the lowest of theirs instead of freezing', async () => {
    await sync.run([pos('101', 'CUP-1', { onHand: 82 })], full);
    // Item 101 is gone; two other items both carry the SKU now.
    const r = await sync.run([pos('300', 'CUP-1', { onHand: 9 }), pos('301', 'CUP-1', { onHand: 3 })], full);
    expect(r.failed).toBe(1);
    expect(await stockOf('CUP-1')).toBe(3);
    const open = errors.open('product');
    expect(open.map((e) => e.code)).toEqual(['sku-duplicate-pos']);
    expect(open[0]!.message).toMatch(/POS item 300.*POS item 301.*lowest of their stock \(3\)/);
    // Prices are not taken from either of them.
    await sync.run([pos('300', 'CUP-1', { onHand: 9, regularPrice: '99.00' }), pos('301', 'CUP-1', { onHand: 3 })], full);
    const p = (await store.call('GET', 'products?sku=CUP-1')).body[0];
    expect(p.regular_price).toBe('10.00');
  });

  it('two new items sharing a SKU: neither is created', async () => {
    const r = await sync.run([pos('1', 'NEW-1'), pos('2', 'NEW-1')], full);
    expect(r.created).toBe(0);
    const open = errors.open('product').filter((e) => e.code === 'sku-duplicate-pos');
    expect(open).toHaveLength(1);
    expect(open[0]!.message).toMatch(/POS item 1 .*POS item 2 /);
  });

  it('a linked item stopped by its own bad data still keeps its SKU from a newcomer', async () => {
    await sync.run([pos('101', 'PEN-1', { onHand: 7 })], full);
    const r = await sync.run([pos('101', 'PEN-1', { regularPrice: 'oops' }), pos('555', 'PEN-1', { onHand: 70, regularPrice: '1.00' })], full);
    expect(r.updated).toBe(0);
    expect(await stockOf('PEN-1')).toBe(7);
    expect(errors.open('product').map((e) => e.code).sort()).toEqual(['price-invalid', 'sku-duplicate-pos']);
  });
});
