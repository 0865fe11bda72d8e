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
  /** Published non-variation products, in id order. */
  published: ProductRecord[];
  /** Products count when last in step; `stale` or a different count means rebuild. */
  size: number;
  stale: boolean;
}

const catalogSlot = defineStateSlot<CatalogCache>('product-catalog-cache', () => ({ published: [], size: -1, stale: true }));

/** Marks the product catalog as changed behind the indexes' back (trash, deletes, the sales job): rebuilt on next use. */
export function touchCatalog(state: EmuState): void {
  catalogSlot(state).stale = true;
}

/**
 * Published, non-variation products in id order — what related-product lists draw from. Kept up
 * to date by every stored write (`noteProduct`), so rendering a product after a write does not
 * walk the catalogue; rebuilt after changes made some other way.
 */
export function publishedProducts(state: EmuState): ProductRecord[] {
  const cache = catalogSlot(state);
  if (cache.stale || cache.size !== state.products.size) {
    cache.published = [...state.products.values()].filter(listed).sort((a, b) => a.id - b.id);
    cache.size = state.products.size;
    cache.stale = false;
  }
  return cache.published;
}

function notePublished(state: EmuState, p: ProductRecord): void {
  const cache = catalogSlot(state);
  if (cache.stale || (cache.size !== state.products.size - 1 && cache.size !== state.products.size)) {
    cache.stale = true;
    return;
  }
  const list = cache.published;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.id < p.id) lo = mid + 1; else hi = mid;
  }
  const present = list[lo]?.id === p.id;
  if (listed(p)) {
    if (present) list[lo] = p; else list.splice(lo, 0, p);
  } else if (present) list.splice(lo, 1);
  cache.size = state.products.size;
}

function listed(p: ProductRecord): boolean {
  return p.status === 'publish' && p.type !== 'variation';
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

type FieldKey = string | number;

interface FieldIndex {
  byKey: Map<FieldKey, Set<number>>;
  size: number;
}

/**
 * An index of records by one field (slug, GTIN, parent), kept like the SKU index: `note` after a
 * record is stored, rebuilt when the number of records changed some other way. Entries are checked
 * against the record on every look-up, so a field changed later leaves no wrong answer behind.
 */
function defineFieldIndex(name: string, keyOf: (p: ProductRecord) => FieldKey | null) {
  const slot = defineStateSlot<FieldIndex>(name, () => ({ byKey: new Map(), size: -1 }));
  const add = (index: FieldIndex, p: ProductRecord) => {
    const key = keyOf(p);
    if (key === null) return;
    const ids = index.byKey.get(key) ?? new Set<number>();
    ids.add(p.id);
    index.byKey.set(key, ids);
  };
  const rebuild = (state: EmuState, index: FieldIndex) => {
    index.byKey.clear();
    for (const p of state.products.values()) add(index, p);
    index.size = state.products.size;
  };
  return {
    /** Records whose field holds `key` now, in id order. */
    holders(state: EmuState, key: FieldKey): ProductRecord[] {
      const index = slot(state);
      if (index.size !== state.products.size) rebuild(state, index);
      const out: ProductRecord[] = [];
      for (const id of index.byKey.get(key) ?? []) {
        const p = state.products.get(id);
        if (p && keyOf(p) === key) out.push(p);
      }
      return out.sort((a, b) => a.id - b.id);
    },
    note(state: EmuState, p: ProductRecord): void {
      const index = slot(state);
      if (index.size !== state.products.size - 1 && index.size !== state.products.size) return rebuild(state, index);
      add(index, p);
      index.size = state.products.size;
    },
  };
}

const slugIndex = defineFieldIndex('product-slug-index', (p) => (p.slug === '' ? null : p.slug));
const gtinIndex = defineFieldIndex('product-gtin-index', (p) => (p.globalUniqueId === '' ? null : p.globalUniqueId));
const childIndex = defineFieldIndex('product-child-index', (p) => (p.type === 'variation' ? p.parentId : null));

/** Records (trashed ones too) holding this slug: WordPress keeps slugs unique among all of them. */
export function slugHolders(state: EmuState, slug: string): ProductRecord[] {
  return slug === '' ? [] : slugIndex.holders(state, slug);
}

/** Records holding this GTIN/UPC/EAN/ISBN. */
export function gtinHolders(state: EmuState, gtin: string): ProductRecord[] {
  return gtin === '' ? [] : gtinIndex.holders(state, gtin);
}

/** Every variation of this parent, whatever its status, in id order. */
export function variationsOf(state: EmuState, parentId: number): ProductRecord[] {
  return childIndex.holders(state, parentId);
}

/** Records a stored product in every index (call after storing it), so writes cost the same at any catalogue size. */
export function noteProduct(state: EmuState, p: ProductRecord): void {
  noteSku(state, p);
  slugIndex.note(state, p);
  gtinIndex.note(state, p);
  childIndex.note(state, p);
  notePublished(state, p);
}
