/**
 * The product list (GET /products and the variations list): WP_Query-like filtering, ordering
 * and paging over the stored products, with the paging headers WordPress sends. SKU lookups
 * include variations; everything else lists products only, as WooCommerce does.
 */
import { parseWcDate } from './clock';
import { wcClean } from './php-values';
import { skuHolders, skuKey, variationsOf } from './product-index';
import { isOnSale, type ProductRecord } from './product-model';
import { pagingHeaders, type EmuRequest, type EmuResponse } from './router';
import type { EmuState } from './state';
import { POST_COLLECTION_ARGS, type ArgSchemas } from './wp-args';
import { phpCompareStrings } from './wp-text';

const ORDERBY = [
  'date', 'id', 'include', 'title', 'slug', 'modified', 'popularity', 'rating', 'post__in', 'price', 'sales', 'menu_order',
  'random', 'popularity', 'rating', 'menu_order', 'price', 'popularity', 'rating',
] as const;

/** Collection arguments of /products (their checks produce the recorded rest_invalid_param answers). */
export const PRODUCT_LIST_ARGS: ArgSchemas = {
  ...POST_COLLECTION_ARGS,
  orderby: { type: 'string', enum: ORDERBY },
  parent: { type: 'array', items: { type: 'integer' } },
  parent_exclude: { type: 'array', items: { type: 'integer' } },
  slug: { type: 'string' },
  status: { type: 'string', enum: ['any', 'future', 'trash', 'draft', 'pending', 'private', 'publish'] },
  include_status: { type: 'array' },
  exclude_status: { type: 'array' },
  type: { type: 'string', enum: ['simple', 'grouped', 'external', 'variable'] },
  sku: { type: 'string' },
  featured: { type: 'boolean' },
  category: { type: 'string' },
  tag: { type: 'string' },
  on_sale: { type: 'boolean' },
  min_price: { type: 'string' },
  max_price: { type: 'string' },
  stock_status: { type: 'string', enum: ['instock', 'outofstock', 'onbackorder'] },
  virtual: { type: 'boolean' },
  downloadable: { type: 'boolean' },
  search_sku: { type: 'string' },
};

/** The variations list takes the same paging and ordering, plus its own few filters. */
export const VARIATION_LIST_ARGS: ArgSchemas = {
  context: PRODUCT_LIST_ARGS.context!,
  page: PRODUCT_LIST_ARGS.page!,
  per_page: PRODUCT_LIST_ARGS.per_page!,
  search: PRODUCT_LIST_ARGS.search!,
  after: PRODUCT_LIST_ARGS.after!,
  before: PRODUCT_LIST_ARGS.before!,
  modified_after: PRODUCT_LIST_ARGS.modified_after!,
  modified_before: PRODUCT_LIST_ARGS.modified_before!,
  exclude: PRODUCT_LIST_ARGS.exclude!,
  include: PRODUCT_LIST_ARGS.include!,
  offset: PRODUCT_LIST_ARGS.offset!,
  order: PRODUCT_LIST_ARGS.order!,
  orderby: { type: 'string', enum: ['date', 'id', 'include', 'title', 'slug', 'modified', 'menu_order'] },
  parent: PRODUCT_LIST_ARGS.parent!,
  parent_exclude: PRODUCT_LIST_ARGS.parent_exclude!,
  slug: PRODUCT_LIST_ARGS.slug!,
  status: PRODUCT_LIST_ARGS.status!,
  sku: PRODUCT_LIST_ARGS.sku!,
  on_sale: PRODUCT_LIST_ARGS.on_sale!,
  min_price: PRODUCT_LIST_ARGS.min_price!,
  max_price: PRODUCT_LIST_ARGS.max_price!,
  stock_status: PRODUCT_LIST_ARGS.stock_status!,
};

/** Which records a list starts from, before the request's filters. */
export type ListScope = { kind: 'products' } | { kind: 'variations'; parentId: number };

/** Filters, orders and pages; `render` turns each record into its JSON shape. */
export function listProducts(state: EmuState, req: EmuRequest, scope: ListScope, render: (p: ProductRecord) => unknown): EmuResponse {
  const a = req.args;
  // The `sku` parameter is sanitized (sanitize_text_field: trimmed, inner runs of spaces made one),
  // then split on commas without trimming the parts, and the whole string is tried too (a SKU may
  // hold a comma). The database compares case- and accent-blind and ignores trailing spaces only.
  const skuParam = typeof a.sku === 'string' ? wcClean(a.sku) : '';
  const skuParts = skuParam !== '' ? skuParam.split(',') : null;
  const skus = skuParts && skuParts.length > 1 ? [...skuParts, skuParam] : skuParts;
  let rows = candidates(state, scope, skus, a.include).filter((p) => {
    if (scope.kind === 'variations') return p.type === 'variation' && p.parentId === scope.parentId;
    return p.type !== 'variation' || skus !== null;
  });

  const status = typeof a.status === 'string' ? a.status : 'any';
  rows = rows.filter((p) => (status === 'any' ? p.status !== 'trash' && p.status !== 'auto-draft' : p.status === status));
  if (skus) {
    const wanted = new Set(skus.filter((s) => s !== '').map(skuKey));
    rows = rows.filter((p) => p.sku !== '' && wanted.has(skuKey(p.sku)));
  }
  if (typeof a.type === 'string') rows = rows.filter((p) => p.type === a.type);
  if (Array.isArray(a.include) && a.include.length > 0) rows = rows.filter((p) => (a.include as number[]).includes(p.id));
  if (Array.isArray(a.exclude)) rows = rows.filter((p) => !(a.exclude as number[]).includes(p.id));
  if (Array.isArray(a.parent) && a.parent.length > 0) rows = rows.filter((p) => (a.parent as number[]).includes(p.parentId));
  if (Array.isArray(a.parent_exclude)) rows = rows.filter((p) => !(a.parent_exclude as number[]).includes(p.parentId));
  if (typeof a.slug === 'string') rows = rows.filter((p) => p.slug === a.slug);
  if (typeof a.featured === 'boolean') rows = rows.filter((p) => p.featured === a.featured);
  if (typeof a.virtual === 'boolean') rows = rows.filter((p) => p.virtual === a.virtual);
  if (typeof a.downloadable === 'boolean') rows = rows.filter((p) => p.downloadable === a.downloadable);
  if (typeof a.on_sale === 'boolean') rows = rows.filter((p) => isOnSale(state, p) === a.on_sale);
  if (typeof a.stock_status === 'string') rows = rows.filter((p) => p.stockStatus === a.stock_status);
  if (typeof a.category === 'string') {
    const ids = a.category.split(',').map(Number);
    rows = rows.filter((p) => p.categoryIds.some((id) => ids.includes(id)));
  }
  if (typeof a.min_price === 'string' && a.min_price !== '') rows = rows.filter((p) => p.price !== '' && Number(p.price) >= Number(a.min_price));
  if (typeof a.max_price === 'string' && a.max_price !== '') rows = rows.filter((p) => p.price !== '' && Number(p.price) <= Number(a.max_price));
  if (typeof a.search === 'string' && a.search !== '') {
    const needle = a.search.toLowerCase();
    rows = rows.filter((p) => [p.name, p.description, p.shortDescription].some((t) => t.toLowerCase().includes(needle)));
  }
  const searchSku = typeof a.search_sku === 'string' ? wcClean(a.search_sku) : '';
  if (searchSku !== '') {
    const needle = searchSku.toLowerCase();
    rows = rows.filter((p) => p.sku.toLowerCase().includes(needle));
  }
  rows = filterDates(rows, a);
  rows = order(rows, a);

  const perPage = typeof a.per_page === 'number' ? a.per_page : 10;
  const page = typeof a.page === 'number' ? a.page : 1;
  const offset = typeof a.offset === 'number' ? Math.max(0, a.offset) : (page - 1) * perPage;
  const total = rows.length;
  const totalPages = Math.ceil(total / perPage);
  const pageRows = rows.slice(offset, offset + perPage);
  return { status: 200, body: pageRows.map(render), headers: pagingHeaders(req, total, page, totalPages) };
}

/**
 * The records a list can return, found through the indexes when the request names them (a
 * parent's variations, SKUs, ids): a look-up of ten SKUs or ids does not walk 50,000 products.
 * The filters below still decide; without such a key, every record.
 */
function candidates(state: EmuState, scope: ListScope, skus: string[] | null, include: unknown): ProductRecord[] {
  if (scope.kind === 'variations') return variationsOf(state, scope.parentId);
  let found: ProductRecord[] | null = null;
  if (skus) found = skus.filter((s) => s !== '').flatMap((s) => skuHolders(state, s));
  else if (Array.isArray(include) && include.length > 0) found = include.flatMap((id) => state.products.get(id as number) ?? []);
  if (found === null) return [...state.products.values()];
  return [...new Set(found)].sort((x, y) => x.id - y.id);
}

/** after/before compare creation dates, modified_* modification dates; all strict, whole seconds. */
function filterDates(rows: ProductRecord[], a: Record<string, unknown>): ProductRecord[] {
  const bound = (key: string): number | null => (typeof a[key] === 'string' ? parseWcDate(a[key] as string) : null);
  const after = bound('after');
  const before = bound('before');
  const mAfter = bound('modified_after');
  const mBefore = bound('modified_before');
  return rows.filter(
    (p) =>
      (after === null || p.dateCreated > after) &&
      (before === null || p.dateCreated < before) &&
      (mAfter === null || p.dateModified > mAfter) &&
      (mBefore === null || p.dateModified < mBefore),
  );
}

function order(rows: ProductRecord[], a: Record<string, unknown>): ProductRecord[] {
  const by = typeof a.orderby === 'string' ? a.orderby : 'date';
  const dir = a.order === 'asc' ? 1 : -1;
  const include = Array.isArray(a.include) ? (a.include as number[]) : [];
  const key = (p: ProductRecord): [number | string, number] => {
    switch (by) {
      case 'id':
        return [p.id, 0];
      case 'title':
        return [p.name.toLowerCase(), p.id];
      case 'slug':
        return [p.slug, p.id];
      case 'modified':
        return [p.dateModified, p.id];
      case 'menu_order':
        return [p.menuOrder, p.id];
      case 'price':
        return [p.price === '' ? 0 : Number(p.price), p.id];
      case 'popularity':
      case 'sales':
        return [p.totalSales, p.id];
      case 'include':
      case 'post__in':
        return [include.indexOf(p.id), 0];
      default:
        return [p.dateCreated, p.id];
    }
  };
  const sorted = [...rows];
  if (by === 'random') return sorted.sort(() => Math.random() - 0.5);
  const fixedDir = by === 'include' || by === 'post__in' ? 1 : dir;
  return sorted.sort((x, y) => {
    const [kx, tx] = key(x);
    const [ky, ty] = key(y);
    const primary = typeof kx === 'string' || typeof ky === 'string' ? phpCompareStrings(String(kx), String(ky)) : kx - (ky as number);
    return (primary || tx - ty) * fixedDir;
  });
}
