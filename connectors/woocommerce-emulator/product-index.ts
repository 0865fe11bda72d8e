/**
 * Indexes over the product store that keep a large catalog fast: SKUs compared the way the
 * store's database compares them, and the cached list of published products. Both live in state
 * slots, so a reset drops them, and both rebuild themselves when the store changed behind their back.
 */
import type { ProductRecord } from './product-model';
import { defineStateSlot, type EmuState } from './state';

/**
 * How the store's database compares two SKUs: WordPress 6.8 creates its tables (postmeta, and
 * WooCommerce's product lookup table) with utf8mb4_unicode_520_ci on MariaDB, a PAD SPACE
 * collation: case and accents ignored, "ß" equal to "ss", trailing spaces ignored, leading and
 * inner spaces significant. "abc-1" collides with "ABC-1 " in a real store, not with " abc-1".
 */
export function skuKey(sku: string): string {
  let key = skuKeys.get(sku);
  if (key === undefined) {
    key = sku.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/ß/g, 'ss').replace(/ +$/, '');
    if (skuKeys.size > 200_000) skuKeys.clear();
    skuKeys.set(sku, key);
  }
  return key;
}

/** Memo for skuKey: SKU comparisons run once per stored product on every write and lookup. */
const skuKeys = new Map<string, string>();

/** True when a store would treat the two SKUs as the same (see skuKey). */
export function sameSku(a: string, b: string): boolean {
  return a !== '' && b !== '' && skuKey(a) === skuKey(b);
}

interface SkuIndex {
  byKey: Map<string, Set<number>>;
  /** Products count when the index was last in step; a different count means rebuild. */
  size: number;
}

const skuIndexSlot = defineStateSlot<SkuIndex>('product-sku-index', () => ({ byKey: new Map(), size: -1 }));

/**
 * Every record holding this SKU, in id order. Backed by an index kept by `noteSku` (product
 * writes) and rebuilt whenever the number of records changed some other way (deletes, reset), so
 * a full push of thousands of products does not scan the store per item.
 */
export function skuHolders(state: EmuState, sku: string): ProductRecord[] {
  if (sku === '') return [];
  const index = skuIndexSlot(state);
  if (index.size !== state.products.size) rebuildSkuIndex(state, index);
  const key = skuKey(sku);
  const out: ProductRecord[] = [];
  for (const id of index.byKey.get(key) ?? []) {
    const p = state.products.get(id);
    if (p && p.sku !== '' && skuKey(p.sku) === key) out.push(p);
  }
  return out.sort((a, b) => a.id - b.id);
}

/** Records a product's (possibly new) SKU in the index; call after storing the record. */
export function noteSku(state: EmuState, p: ProductRecord): void {
  const index = skuIndexSlot(state);
  if (index.size !== state.products.size - 1 && index.size !== state.products.size) {
    rebuildSkuIndex(state, index);
    return;
  }
  if (p.sku !== '') {
    const key = skuKey(p.sku);
    const ids = index.byKey.get(key) ?? new Set<number>();
    ids.add(p.id);
    index.byKey.set(key, ids);
  }
  index.size = state.products.size;
}

interface CatalogCache {
  version: number;
  builtAt: number;
  size: number;
  published: ProductRecord[];
}

const catalogSlot = defineStateSlot<CatalogCache>('product-catalog-cache', () => ({ version: 0, builtAt: -1, size: -1, published: [] }));

/** Marks the product catalog as changed (status, categories or records); call after writes and deletes. */
export function touchCatalog(state: EmuState): void {
  catalogSlot(state).version += 1;
}

/**
 * Published, non-variation products in id order — what related-product lists draw from. Cached
 * until the next touchCatalog or a change in the number of records.
 */
export function publishedProducts(state: EmuState): ProductRecord[] {
  const cache = catalogSlot(state);
  if (cache.builtAt !== cache.version || cache.size !== state.products.size) {
    cache.published = [...state.products.values()].filter((p) => p.status === 'publish' && p.type !== 'variation').sort((a, b) => a.id - b.id);
    cache.builtAt = cache.version;
    cache.size = state.products.size;
  }
  return cache.published;
}

function rebuildSkuIndex(state: EmuState, index: SkuIndex): void {
  index.byKey.clear();
  for (const p of state.products.values()) {
    if (p.sku === '') continue;
    const key = skuKey(p.sku);
    const ids = index.byKey.get(key) ?? new Set<number>();
    ids.add(p.id);
    index.byKey.set(key, ids);
  }
  index.size = state.products.size;
}
