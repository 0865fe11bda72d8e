/**
 * WooCommerce's batch envelope (`{create: [], update: [], delete: []}`), shared by every /batch
 * route: more than 100 items in total is a 413 before anything runs; otherwise creates, then
 * updates, then deletes run one by one, each failure reported in its own slot inside a 200.
 * Lists that were empty are left out, so an empty batch answers `[]`.
 */
import { phpInt } from './php-values';
import { restError, type EmuRequest, type EmuResponse } from './router';
import type { ArgSchemas } from './wp-args';

/** WooCommerce's default `woocommerce_rest_batch_items_limit`. */
export const BATCH_LIMIT = 100;

/**
 * WooCommerce registers a batch route with the item schema's arguments
 * (get_endpoint_args_for_item_schema), not with the envelope's: the `create`/`update`/`delete`
 * lists are not checked at all, the items inside them neither (WC_REST_Controller::batch_items calls
 * the handlers directly), but an item field sent at the top level of the batch body is, so
 * `{"update": [...], "status": "bogus"}` is a 400 rest_invalid_param for the whole batch.
 * Products and variations use this; the other batch routes still check the envelope (BATCH_ARGS).
 */
export function itemSchemaBatchArgs(itemArgs: ArgSchemas): ArgSchemas {
  return itemArgs;
}

/** Schema of the envelope itself; the items' fields are not validated (WooCommerce calls the handlers directly). */
export const BATCH_ARGS: ArgSchemas = {
  create: { type: 'array', items: { type: 'object' } },
  update: { type: 'array', items: { type: 'object' } },
  delete: { type: 'array', items: { type: 'integer' } },
};

/** The per-item operations a batch route provides; each answers like the single route would. */
export interface BatchOps {
  create(item: Record<string, unknown>): EmuResponse;
  update(item: Record<string, unknown>): EmuResponse;
  delete(id: number): EmuResponse;
}

/** Runs a batch request; see the file comment for the rules. */
export function runBatch(req: EmuRequest, ops: BatchOps): EmuResponse {
  const create = asList(req.args.create);
  const update = asList(req.args.update);
  const remove = asList(req.args.delete);
  if (create.length + update.length + remove.length > BATCH_LIMIT) {
    return restError('woocommerce_rest_request_entity_too_large', `Unable to accept more than ${BATCH_LIMIT} items for this request.`, 413);
  }
  const body: Record<string, unknown[]> = {};
  if (create.length > 0) {
    body.create = create.map((item) => outcome(ops.create(asObject(item)), 0));
  }
  if (update.length > 0) {
    body.update = update.map((item) => {
      const o = asObject(item);
      return outcome(ops.update(o), o.id ?? null);
    });
  }
  if (remove.length > 0) {
    const ids = remove.map((x) => phpInt(x !== null && typeof x === 'object' ? (x as Record<string, unknown>).id : x)).filter((id) => id !== 0);
    body.delete = ids.map((id) => outcome(ops.delete(id), id));
  }
  return { status: 200, body: Object.keys(body).length === 0 ? [] : body };
}

function outcome(res: EmuResponse, failedId: unknown): unknown {
  if (res.status < 400) return res.body;
  const err = res.body as { code: string; message: string; data: unknown };
  return { id: failedId, error: { code: err.code, message: err.message, data: err.data } };
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
