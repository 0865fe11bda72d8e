/**
 * The link report's warnings against the practice store: a POS name with a backslash, which
 * WooCommerce drops on save, is named with what the store shows, and the product flow does not
 * keep rewriting it (names go only into creates).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosItem } from '../../../../connectors/core/pos-items-port';
import { LinkStore } from '../../../../electron/engine/links/link-store';
import { buildLinkReport } from '../../../../electron/engine/products/link-report';
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
const opts: ProductSyncOptions = { complete: true, safetyBuffer: 0 };

beforeEach(async () => {
  store = await openPracticeStore();
  links = new LinkStore(store.db);
  sync = new ProductSync(store.catalog, links, new ErrorLog(store.db));
});
afterEach(async () => { await store.close(); });

describe('link report warnings', () => {
  it('names an item whose name holds a backslash and says what the store shows, before and after the create', async () => {
    const items = [pos('BOLT-1', { name: '1,5–10 mm \\ métricas' }), pos('NUT-1')];
    const before = await buildLinkReport(items, links.allLinks(), store.catalog);
    const bolt = before.find((r) => r.sku === 'BOLT-1')!;
    expect(bolt.category).toBe('new');
    expect(bolt.warnings).toEqual(['POS item P-BOLT-1 "1,5–10 mm \\ métricas" has a backslash in its name, which the store drops when it saves the product: it will show "1,5–10 mm  métricas".']);
    expect(before.find((r) => r.sku === 'NUT-1')!.warnings).toEqual([]);

    await sync.run(items, opts);
    const stored = (await store.call('GET', 'products?sku=BOLT-1')).body[0];
    expect(stored.name).toBe('1,5–10 mm  métricas');
    const after = await buildLinkReport(items, links.allLinks(), store.catalog);
    expect(after.find((r) => r.sku === 'BOLT-1')).toMatchObject({ category: 'linked', warnings: bolt.warnings });
  });

  it('does not warn for a variation, whose store title comes from its parent', async () => {
    const parent = pos('TEE', { name: 'Tee', isParent: true, onHand: 0 });
    const child = pos('TEE-M', { name: 'Tee \\ M', parentSku: 'TEE', attributes: { Size: 'M' } });
    const rows = await buildLinkReport([parent, child], links.allLinks(), store.catalog);
    expect(rows.find((r) => r.sku === 'TEE-M')?.warnings).toEqual([]);
  });

  it('costs no writes on later passes: the name the store changed is never compared', async () => {
    const items = [pos('BOLT-2', { name: 'Tornillo \\ M6' })];
    expect(await sync.run(items, opts)).toMatchObject({ created: 1, failed: 0 });
    expect(await sync.run(items, opts)).toMatchObject({ created: 0, updated: 0, unchanged: 1, requests: 0 });
    expect(await sync.run(items, { ...opts, complete: false })).toMatchObject({ created: 0, updated: 0, requests: 0 });
  });
});
