import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosItem } from '../../../../connectors/core/pos-items-port';
import { LinkStore } from '../../../../electron/engine/links/link-store';
import { ProductSync, type ProductSyncOptions } from '../../../../electron/engine/products/product-sync';
import { ErrorLog } from '../../../../electron/engine/state/error-log';
import { openPracticeStore, type PracticeStore } from '../../../helpers/practice-store';

function pos(sku: string, over: Partial<PosItem> = {}): PosItem {
  return { posId: `P-${sku}`, sku, name: `Item ${sku}`, regularPrice: '10.00', salePrice: null, saleFrom: null, saleTo: null, onHand: 5,
    onWeb: true, parentSku: null, parentPosId: null, isParent: false, attributes: {}, description: null, category: null, weight: null, barcode: null, ...over };
}

let store: PracticeStore;
let sync: ProductSync;
let links: LinkStore;
let errors: ErrorLog;
const opts: ProductSyncOptions = { complete: true, safetyBuffer: 0 };
const incremental: ProductSyncOptions = { complete: false, safetyBuffer: 0 };

beforeEach(async () => {
  store = await openPracticeStore();
  links = new LinkStore(store.db);
  errors = new ErrorLog(store.db);
  sync = new ProductSync(store.catalog, links, errors);
});
afterEach(async () => { await store.close(); });

async function storeProducts(): Promise<Record<string, any>[]> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return (await store.call('GET', 'products?per_page=100&orderby=id&order=asc')).body;
}
async function bySku(sku: string) {
  const found = (await store.call('GET', `products?sku=${encodeURIComponent(sku)}`)).body;
  expect(found, `store products with SKU ${sku}`).toHaveLength(1);
  return found[0];
}

describe('product flow against the practice store', () => {
  it('creates new items as drafts with SKU, prices and managed stock', async () => {
    const r = await sync.run([pos('CUP-1', { salePrice: '8.50', description: 'Porcelain', weight: '0.25' }), pos('CUP-2')], opts);
    expect(r).toMatchObject({ created: 2, failed: 0 });
    const p = await bySku('CUP-1');
    expect(p).toMatchObject({ status: 'draft', type: 'simple', name: 'Item CUP-1', regular_price: '10.00', sale_price: '8.50', manage_stock: true, stock_quantity: 5, weight: '0.25' });
    expect(links.link('cup-1')).toMatchObject({ storeId: p.id, state: 'linked', createdByUs: true });
  });

  it('sends no writes at all when nothing changed', async () => {
    const items = [pos('A'), pos('B', { salePrice: '7.00' }), pos('C', { onHand: 0 })];
    await sync.run(items, opts);
    const again = await sync.run(items, opts);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, requests: 0 });
  });

  it('updates only price and stock, sale with regular, and never touches merchant fields', async () => {
    await sync.run([pos('M', { salePrice: '8.00' })], opts);
    const p = await bySku('M');
    await store.call('PUT', `products/${p.id}`, { name: 'Beautiful mug', description: 'Merchant copy', status: 'publish', weight: '2', tags: [] });
    const before = await bySku('M');
    const r = await sync.run([pos('M', { regularPrice: '12.00', salePrice: null, onHand: 9, name: 'POS NAME', weight: '5' })], opts);
    expect(r.updated).toBe(1);
    const after = await bySku('M');
    expect(after).toMatchObject({ name: 'Beautiful mug', status: 'publish', regular_price: '12.00', sale_price: '', stock_quantity: 9 });
    const owned = new Set(['regular_price', 'sale_price', 'price', 'price_html', 'on_sale', 'stock_quantity', 'stock_status',
      'related_ids', 'date_modified', 'date_modified_gmt', 'date_on_sale_from', 'date_on_sale_from_gmt', 'date_on_sale_to', 'date_on_sale_to_gmt']);
    for (const key of Object.keys(before)) if (!owned.has(key)) expect(after[key], key).toEqual(before[key]);
  });

  it('adopts a product and a variation the merchant made by hand instead of duplicating them', async () => {
    const hand = (await store.call('POST', 'products', { name: 'Hand made', sku: 'HAND-1', status: 'publish', regular_price: '3.00' })).body;
    const parent = (await store.call('POST', 'products', { name: 'Tee', type: 'variable', sku: 'TEE', status: 'publish',
      attributes: [{ name: 'Size', options: ['S', 'M'], variation: true, visible: true }] })).body;
    const variation = (await store.call('POST', `products/${parent.id}/variations`, { sku: 'TEE-S', regular_price: '20.00', attributes: [{ name: 'Size', option: 'S' }] })).body;

    const r = await sync.run([pos('hand-1', { regularPrice: '4.00', onHand: 7 }), pos('TEE-S', { regularPrice: '22.00', onHand: 3 })], opts);
    expect(r.failed).toBe(0);
    const products = await storeProducts();
    expect(products.map((p) => p.sku).sort()).toEqual(['HAND-1', 'TEE']);
    expect(await bySku('HAND-1')).toMatchObject({ id: hand.id, name: 'Hand made', status: 'publish', regular_price: '4.00', stock_quantity: 7, manage_stock: true });
    const v = (await store.call('GET', `products/${parent.id}/variations/${variation.id}`)).body;
    expect(v).toMatchObject({ regular_price: '22.00', stock_quantity: 3, manage_stock: true });
    expect(links.link('tee-s')).toMatchObject({ kind: 'variation', parentId: parent.id, storeId: variation.id });

    // and the next price change goes through the variation endpoint
    const r2 = await sync.run([pos('hand-1', { regularPrice: '4.00', onHand: 7 }), pos('TEE-S', { regularPrice: '21.00', onHand: 3 })], opts);
    expect(r2).toMatchObject({ updated: 1, failed: 0 });
    expect((await store.call('GET', `products/${parent.id}/variations/${variation.id}`)).body.regular_price).toBe('21.00');
  });

  it('recovers a create whose answer was lost without making a duplicate', async () => {
    store.emulator.faults.add({ method: 'POST', path: '/wp-json/wc/v3/products/batch', drop: 'after', times: 1 });
    const r = await sync.run([pos('LOST-1'), pos('LOST-2', { onHand: 2 })], opts);
    expect(r.failed).toBe(0);
    const products = await storeProducts();
    expect(products.map((p) => p.sku).sort()).toEqual(['LOST-1', 'LOST-2']);
    expect(links.link('lost-2')).toMatchObject({ state: 'linked', storeId: (await bySku('LOST-2')).id });
    expect((await bySku('LOST-2')).stock_quantity).toBe(2);
    const again = await sync.run([pos('LOST-1'), pos('LOST-2', { onHand: 2 })], opts);
    expect(again.requests).toBe(0);
  });

  it('reports a SKU edited in the store as a broken link and never creates a duplicate', async () => {
    await sync.run([pos('GLUE')], opts);
    const p = await bySku('GLUE');
    await store.call('PUT', `products/${p.id}`, { sku: 'GLUE-RENAMED' });
    const r = await sync.run([pos('GLUE', { onHand: 1 })], opts);
    expect(r.failed).toBe(1);
    expect(links.link('glue')!.state).toBe('broken');
    expect(errors.open('product')).toEqual(expect.arrayContaining([expect.objectContaining({ itemKey: 'GLUE', code: 'link-broken' })]));
    const r2 = await sync.run([pos('GLUE', { onHand: 4 })], opts);
    expect(r2.created).toBe(0);
    expect((await storeProducts()).map((x) => x.sku)).toEqual(['GLUE-RENAMED']);
    // putting the SKU back heals the link
    await store.call('PUT', `products/${p.id}`, { sku: 'GLUE' });
    const r3 = await sync.run([pos('GLUE', { onHand: 4 })], opts);
    expect(r3.failed).toBe(0);
    expect(links.link('glue')!.state).toBe('linked');
    expect((await bySku('GLUE')).stock_quantity).toBe(4);
  });

  it('a full resync creates a new draft for a broken link when no store product carries the SKU any more, as its hint says', async () => {
    await sync.run([pos('TAPE')], opts);
    const p = await bySku('TAPE');
    await store.call('PUT', `products/${p.id}`, { sku: 'TAPE-OLD' });
    await sync.run([pos('TAPE', { onHand: 2 })], opts); // the write finds the SKU gone
    expect(links.link('tape')!.state).toBe('broken');
    expect(errors.open('product').find((e) => e.code === 'link-broken')?.hint).toContain('run a full resync to create a new draft');
    const r = await sync.run([pos('TAPE', { onHand: 3 })], { ...opts, force: true });
    expect(r).toMatchObject({ created: 1, failed: 0 });
    const fresh = await bySku('TAPE');
    expect(fresh.id).not.toBe(p.id);
    expect(fresh).toMatchObject({ status: 'draft', stock_quantity: 3 });
    expect(links.link('tape')).toMatchObject({ state: 'linked', storeId: fresh.id });
    expect(errors.open('product').filter((e) => e.code === 'link-broken')).toEqual([]);
    expect((await storeProducts()).map((x) => x.sku).sort()).toEqual(['TAPE', 'TAPE-OLD']);
  });

  it('sets web stock to 0 for items that leave the web selection or are deleted in the POS, and says why', async () => {
    await sync.run([pos('STAY'), pos('LEAVE'), pos('GONE')], opts);
    const r = await sync.run([pos('STAY'), pos('LEAVE', { onWeb: false })], opts);
    expect(r.updated).toBe(2);
    expect((await bySku('LEAVE')).stock_quantity).toBe(0);
    expect((await bySku('GONE')).stock_quantity).toBe(0);
    expect(links.link('leave')!.note).toMatch(/left the web selection/);
    expect(links.link('gone')!.note).toMatch(/deleted in the POS/);
    expect((await storeProducts()).every((p) => p.status === 'draft')).toBe(true);
  });

  it('lets one bad item fail alone while the rest of the run goes on', async () => {
    const r = await sync.run([pos('OK-1'), pos('BAD', { regularPrice: 'twelve' }), pos(''), pos('OK-2')], opts);
    expect(r.created).toBe(2);
    expect(errors.open('product').map((e) => e.code).sort()).toEqual(['price-invalid', 'sku-invalid']);
  });

  it('creates matrix items as a variable draft with variations', async () => {
    const items = [
      pos('SHIRT', { isParent: true, regularPrice: null, onHand: 0, name: 'Linen shirt' }),
      pos('SHIRT-S', { parentSku: 'SHIRT', attributes: { Size: 'S' }, onHand: 3 }),
      pos('SHIRT-M', { parentSku: 'SHIRT', attributes: { Size: 'M' }, salePrice: '9.00', onHand: 4 }),
    ];
    const r = await sync.run(items, opts);
    expect(r).toMatchObject({ created: 3, failed: 0 });
    const parent = await bySku('SHIRT');
    expect(parent).toMatchObject({ type: 'variable', status: 'draft' });
    const vars = (await store.call('GET', `products/${parent.id}/variations?orderby=id&order=asc`)).body;
    expect(vars.map((v: { sku: string; stock_quantity: number }) => [v.sku, v.stock_quantity])).toEqual([['SHIRT-S', 3], ['SHIRT-M', 4]]);
    expect((await sync.run(items, opts)).requests).toBe(0);
  });

  it('does not recreate a product deleted in the store until a full resync', async () => {
    await sync.run([pos('DEL')], opts);
    const p = await bySku('DEL');
    await store.call('DELETE', `products/${p.id}?force=true`);
    const r = await sync.run([pos('DEL', { onHand: 2 })], opts);
    expect(r.failed).toBe(1);
    expect(links.link('del')!.state).toBe('missing');
    expect((await sync.run([pos('DEL', { onHand: 2 })], opts)).requests).toBe(0);
    const full = await sync.run([pos('DEL', { onHand: 2 })], { ...opts, force: true });
    expect(full.created).toBe(1);
    expect((await bySku('DEL')).stock_quantity).toBe(2);
  });

  it('says so when a product in the store\'s trash still holds the SKU, and adopts it once restored', async () => {
    const trashed = (await store.call('POST', 'products', { name: 'Old', sku: 'TRASH-1', status: 'publish', regular_price: '3.00' })).body;
    await store.call('DELETE', `products/${trashed.id}`);
    const r = await sync.run([pos('TRASH-1')], opts); // a complete pass: its error must outlive the pass's clean-up
    expect(r).toMatchObject({ created: 0, failed: 1 });
    expect(errors.open('product')).toMatchObject([{ itemKey: 'TRASH-1', code: 'sku-in-trash', message: expect.stringMatching(/trash/) }]);
    expect(links.link('trash-1')).toBeNull();
    await store.call('PUT', `products/${trashed.id}`, { status: 'draft' }); // restored by the merchant
    expect(await sync.run([pos('TRASH-1')], incremental)).toMatchObject({ created: 0, failed: 0 });
    expect(links.link('trash-1')).toMatchObject({ storeId: trashed.id, state: 'linked', createdByUs: false });
    expect(errors.open('product')).toEqual([]);
  });

  it('does not adopt another product because it has the same barcode', async () => {
    const other = (await store.call('POST', 'products', { name: 'Other', sku: 'OTHER-1', status: 'publish', global_unique_id: '4006381333931' })).body;
    const r = await sync.run([pos('BAR-1', { barcode: '4006381333931' })], opts);
    expect(r).toMatchObject({ created: 0, failed: 1 });
    expect(links.link('bar-1')).toBeNull();
    expect(errors.open('product')).toMatchObject([{ itemKey: 'BAR-1', code: 'create-product_invalid_global_unique_id' }]);
    expect((await store.call('GET', `products/${other.id}`)).body).toMatchObject({ sku: 'OTHER-1', stock_quantity: null });
  });
});
