/**
 * /products: list, create, read, update (POST/PUT/PATCH), delete (trash or force) and batch, with
 * WooCommerce's status codes: a missing id is 404 on GET/DELETE but 400 on an update, a trashed
 * product answers DELETE with 410, and a variation cannot be written here.
 */
import { itemSchemaBatchArgs, runBatch } from './batch';
import { phpInt } from './php-values';
import { ITEM_ARGS, PRODUCT_WRITE_ARGS } from './product-args';
import { touchCatalog, variationsOf } from './product-index';
import { childrenOf, type ProductRecord } from './product-model';
import { PRODUCT_LIST_ARGS, listProducts } from './product-query';
import { productJson, type LinkBase, type ViewContext } from './product-view';
import { writeProduct, type WriteOptions } from './product-write';
import { editable, restError, type EmuRequest, type EmuResponse, type Route, type RouteAccess } from './router';
import type { EmuState } from './state';

const COLLECTION = '/wc/v3/products';
const ITEM = '/wc/v3/products/:id';

/** Where links should point for this request. */
export function linkBase(req: EmuRequest): LinkBase {
  return { base: req.base, namespace: req.namespace };
}

function invalidId(status: number): EmuResponse {
  return restError('woocommerce_rest_product_invalid_id', 'Invalid ID.', status);
}

function context(req: EmuRequest, fallback: ViewContext): ViewContext {
  return req.args.context === 'edit' || req.args.context === 'view' ? req.args.context : fallback;
}

/** Creates one product from a request body (single route and batch items alike). */
export function createProduct(state: EmuState, req: EmuRequest, input: Record<string, unknown>, options: WriteOptions = {}): EmuResponse {
  if (!isEmpty(input.id)) {
    return restError('woocommerce_rest_product_exists', 'Cannot create existing product.', 400);
  }
  const result = writeProduct(state, input, null, options);
  if (!result.ok) return result.error;
  const at = linkBase(req);
  return {
    status: 201,
    body: productJson(state, result.record, 'edit', at),
    headers: { Location: `${at.base}/wp-json/${at.namespace}/products/${result.record.id}` },
  };
}

/** Updates one product; a missing id is a 400 here (WooCommerce's update_item). */
export function updateProduct(state: EmuState, req: EmuRequest, id: number, input: Record<string, unknown>, options: WriteOptions = {}): EmuResponse {
  const existing = state.products.get(id);
  if (!existing || id === 0) return invalidId(400);
  const result = writeProduct(state, input, existing, options);
  if (!result.ok) return result.error;
  return { status: 200, body: productJson(state, result.record, 'edit', linkBase(req)) };
}

/** Deletes one product: trash by default, permanently with force (variations of a variable go too). */
export function deleteProduct(state: EmuState, req: EmuRequest, id: number, force: boolean): EmuResponse {
  const existing = state.products.get(id);
  if (!existing) return invalidId(404);
  const previous = productJson(state, existing, 'edit', linkBase(req));
  if (force) {
    if (existing.type === 'variable') for (const child of childrenOfAny(state, existing)) state.products.delete(child.id);
    state.products.delete(id);
    return { status: 200, body: previous };
  }
  if (existing.status === 'trash') {
    return restError('woocommerce_rest_already_trashed', 'The product has already been deleted.', 410);
  }
  // wp_trash_post on a product makes WooCommerce trash its variations too.
  const now = state.now();
  for (const target of existing.type === 'variable' ? [existing, ...childrenOfAny(state, existing)] : [existing]) {
    if (target.status === 'trash') continue;
    target.statusBeforeTrash = target.status;
    target.status = 'trash';
    target.dateModified = now;
  }
  touchCatalog(state);
  return { status: 200, body: previous };
}

function childrenOfAny(state: EmuState, parent: ProductRecord): ProductRecord[] {
  const live = childrenOf(state, parent.id);
  for (const p of variationsOf(state, parent.id)) if (!live.includes(p)) live.push(p);
  return live;
}

/** PHP's empty(): null, '', '0', 0, false and [] are empty. */
export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || value === '0' || value === 0 || value === false || (Array.isArray(value) && value.length === 0);
}

function bodyOf(req: EmuRequest): Record<string, unknown> {
  return req.args;
}

/**
 * The id WooCommerce acts on: `$request['id']`, where JSON and query parameters outrank the URL
 * (WordPress's parameter order), so `PUT /products/5 {"id": 7}` updates 7.
 */
export function requestId(req: EmuRequest): number {
  return phpInt(req.args.id ?? req.params.id);
}

/** Item permissions: anyone may learn that an id does not exist (WooCommerce checks rights only on existing items). */
function itemAccess(action: RouteAccess): (req: EmuRequest, state: EmuState) => RouteAccess {
  return (req, state) => (state.products.has(requestId(req)) ? action : 'public');
}

export const productRoutes: Route[] = [
  {
    method: 'GET',
    pattern: COLLECTION,
    args: PRODUCT_LIST_ARGS,
    handler: (req, state) => {
      const ctx = context(req, 'view');
      return listProducts(state, req, { kind: 'products' }, (p) => productJson(state, p, ctx, linkBase(req)));
    },
  },
  {
    method: 'POST',
    pattern: COLLECTION,
    args: PRODUCT_WRITE_ARGS,
    handler: (req, state) => createProduct(state, req, bodyOf(req)),
  },
  ...editable(`${COLLECTION}/batch`, (req, state) =>
    runBatch(req, {
      create: (item) => createProduct(state, req, item, { batch: true }),
      update: (item) => updateProduct(state, req, phpInt(item.id), item, { batch: true }),
      delete: (id) => deleteProduct(state, req, id, true),
    }), { args: itemSchemaBatchArgs(PRODUCT_WRITE_ARGS) }),
  {
    method: 'GET',
    pattern: ITEM,
    args: ITEM_ARGS,
    access: itemAccess('read'),
    handler: (req, state) => {
      const p = state.products.get(requestId(req));
      if (!p) return invalidId(404);
      return { status: 200, body: productJson(state, p, context(req, 'view'), linkBase(req)) };
    },
  },
  ...editable(ITEM, (req, state) => updateProduct(state, req, requestId(req), bodyOf(req)), {
    args: { ...PRODUCT_WRITE_ARGS, ...ITEM_ARGS },
    access: itemAccess('edit'),
  }),
  {
    method: 'DELETE',
    pattern: ITEM,
    args: ITEM_ARGS,
    access: itemAccess('delete'),
    handler: (req, state) => deleteProduct(state, req, requestId(req), req.args.force === true),
  },
];
