/**
 * /products/{product_id}/variations: list, create, read, update, delete and batch. A variation
 * reached under a parent it does not belong to is refused (404, at the permission stage), and a
 * created variation's Location header carries WooCommerce's unexpanded route regex, as recorded.
 */
import { itemSchemaBatchArgs, runBatch } from './batch';
import { phpInt } from './php-values';
import { ITEM_ARGS, VARIATION_WRITE_ARGS } from './product-args';
import { touchCatalog } from './product-index';
import type { ProductRecord } from './product-model';
import { VARIATION_LIST_ARGS, listProducts } from './product-query';
import { variationJson, type ViewContext } from './product-view';
import { writeVariation, type WriteOptions } from './product-write';
import { editable, restError, type EmuRequest, type EmuResponse, type Route, type RouteAccess } from './router';
import type { EmuState } from './state';
import { isEmpty, linkBase, requestId } from './route-products';

const COLLECTION = '/wc/v3/products/:product_id/variations';
const ITEM = `${COLLECTION}/:id`;

function invalidVariation(): EmuResponse {
  return restError('woocommerce_rest_product_variation_invalid_id', 'Invalid ID.', 404);
}

function context(req: EmuRequest, fallback: ViewContext): ViewContext {
  return req.args.context === 'edit' || req.args.context === 'view' ? req.args.context : fallback;
}

/** The variation `id` if it exists and belongs to `parentId`. */
function ownVariation(state: EmuState, parentId: number, id: number): ProductRecord | undefined {
  const v = state.products.get(id);
  return v && v.type === 'variation' && v.parentId === parentId ? v : undefined;
}

/** Variation under another parent: refused before the handler (no Allow header), like WooCommerce. */
function wrongParent(req: EmuRequest, state: EmuState): EmuResponse | null {
  const v = state.products.get(requestId(req));
  if (v && (v.type !== 'variation' || v.parentId !== parentOf(req))) return invalidVariation();
  return null;
}

function parentOf(req: EmuRequest): number {
  return phpInt(req.args.product_id ?? req.params.product_id);
}

/** Anyone may learn that a variation id does not exist; rights are checked on existing ones. */
function itemAccess(action: RouteAccess): (req: EmuRequest, state: EmuState) => RouteAccess {
  return (req, state) => (state.products.has(requestId(req)) ? action : 'public');
}

function createVariation(state: EmuState, req: EmuRequest, parentId: number, input: Record<string, unknown>, options: WriteOptions = {}): EmuResponse {
  const parent = state.products.get(parentId);
  if (!parent || parent.type === 'variation') return restError('woocommerce_rest_product_invalid_id', 'Invalid ID.', 404);
  if (!isEmpty(input.id)) {
    return restError('woocommerce_rest_product_variation_exists', 'Cannot create existing product_variation.', 400);
  }
  const result = writeVariation(state, parent, input, null, options);
  if (!result.ok) return result.error;
  const at = linkBase(req);
  return {
    status: 201,
    body: variationJson(state, result.record, 'edit', at),
    // WooCommerce builds this from the route pattern without filling in the parent id.
    headers: { Location: `${at.base}/wp-json/${at.namespace}/products/(?P<product_id>[\\d]+)/variations/${result.record.id}` },
  };
}

function updateVariation(state: EmuState, req: EmuRequest, parentId: number, id: number, input: Record<string, unknown>, options: WriteOptions = {}): EmuResponse {
  const parent = state.products.get(parentId);
  const existing = ownVariation(state, parentId, id);
  if (!parent || !existing) return invalidVariation();
  const result = writeVariation(state, parent, input, existing, options);
  if (!result.ok) return result.error;
  return { status: 200, body: variationJson(state, result.record, 'edit', linkBase(req)) };
}

function deleteVariation(state: EmuState, req: EmuRequest, parentId: number, id: number, force: boolean): EmuResponse {
  const existing = ownVariation(state, parentId, id);
  if (!existing) return invalidVariation();
  const previous = variationJson(state, existing, 'edit', linkBase(req));
  if (force) {
    state.products.delete(id);
    return { status: 200, body: previous };
  }
  if (existing.status === 'trash') {
    return restError('woocommerce_rest_already_trashed', 'The product_variation has already been deleted.', 410);
  }
  existing.statusBeforeTrash = existing.status;
  existing.status = 'trash';
  existing.dateModified = state.now();
  touchCatalog(state);
  return { status: 200, body: previous };
}

export const variationRoutes: Route[] = [
  {
    method: 'GET',
    pattern: COLLECTION,
    args: VARIATION_LIST_ARGS,
    handler: (req, state) => {
      const ctx = context(req, 'view');
      const parentId = Number(req.params.product_id);
      return listProducts(state, req, { kind: 'variations', parentId }, (v) => variationJson(state, v, ctx, linkBase(req)));
    },
  },
  {
    method: 'POST',
    pattern: COLLECTION,
    args: VARIATION_WRITE_ARGS,
    handler: (req, state) => createVariation(state, req, Number(req.params.product_id), req.args),
  },
  ...editable(
    `${COLLECTION}/batch`,
    (req, state) => {
      const parentId = Number(req.params.product_id);
      return runBatch(req, {
        create: (item) => createVariation(state, req, parentId, item, { batch: true }),
        update: (item) => updateVariation(state, req, parentId, phpInt(item.id), item, { batch: true }),
        delete: (id) => deleteVariation(state, req, parentId, id, true),
      });
    },
    { args: itemSchemaBatchArgs(VARIATION_WRITE_ARGS) },
  ),
  {
    method: 'GET',
    pattern: ITEM,
    args: ITEM_ARGS,
    permission: wrongParent,
    access: itemAccess('read'),
    handler: (req, state) => {
      const v = ownVariation(state, parentOf(req), requestId(req));
      if (!v) return invalidVariation();
      return { status: 200, body: variationJson(state, v, context(req, 'view'), linkBase(req)) };
    },
  },
  ...editable(ITEM, (req, state) => updateVariation(state, req, parentOf(req), requestId(req), req.args), {
    args: { ...VARIATION_WRITE_ARGS, ...ITEM_ARGS },
    permission: wrongParent,
    access: itemAccess('edit'),
  }),
  {
    method: 'DELETE',
    pattern: ITEM,
    args: ITEM_ARGS,
    permission: wrongParent,
    access: itemAccess('delete'),
    handler: (req, state) => deleteVariation(state, req, parentOf(req), requestId(req), req.args.force === true),
  },
];
