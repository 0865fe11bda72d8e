/**
 * "Test connection" for the store settings screen and `tillbridge check`: proves the address, the
 * keys and the write permission with two cheap calls, and says what is wrong in plain words.
 * GET /system_status would tell more but is slow on big stores; a one-id product page and an
 * empty batch (a write that changes nothing, refused for read-only keys) are enough.
 */
import type { WooClient } from './woo-client';
import { StoreError } from './woo-errors';

export interface StoreCheck {
  /** True when Tillbridge can work with this store: reachable, keys accepted, write allowed. */
  ok: boolean;
  /** The WooCommerce REST API answered at this address (even if it refused the keys). */
  reachable: boolean;
  canRead: boolean;
  canWrite: boolean;
  /** Products in the store (all statuses but trash), from X-WP-Total. */
  productCount: number | undefined;
  storeUrl: string;
  authMode: 'basic' | 'query' | 'oauth1';
  /** One or two sentences for a person. */
  message: string;
  hint: string | undefined;
  /** The failure behind a negative answer. */
  error: StoreError | undefined;
}

/** Runs the check. Never throws for store problems: they become the answer. */
export async function checkStore(client: WooClient, signal?: AbortSignal): Promise<StoreCheck> {
  const base = { storeUrl: client.storeUrl, authMode: client.authMode };
  let productCount: number | undefined;
  try {
    const page = await client.listPage<{ id: number }>('products', 1, { perPage: 1, fields: ['id'], maxRetries: 1, signal });
    productCount = page.total;
  } catch (err) {
    const error = asStoreError(err);
    const reachable = error.status !== undefined && error.code !== 'rest_no_route' && error.code !== 'tillbridge_invalid_response';
    return {
      ...base,
      ok: false,
      reachable,
      canRead: false,
      canWrite: false,
      productCount: undefined,
      message: reachable ? `The store answered but refused the connection: ${error.message}` : `Could not reach the WooCommerce REST API: ${error.message}`,
      hint: error.hint,
      error,
    };
  }
  try {
    await client.post('products/batch', { create: [], update: [], delete: [] }, { retry: 'retry', maxRetries: 1, signal });
  } catch (err) {
    const error = asStoreError(err);
    const readOnly = error.status === 401 || error.status === 403;
    return {
      ...base,
      ok: false,
      reachable: true,
      canRead: true,
      canWrite: false,
      productCount,
      message: readOnly
        ? `Connected to ${client.storeUrl}, but the API key is read-only: Tillbridge needs to write prices and stock.`
        : `Connected to ${client.storeUrl} and the key can read, but a test write failed: ${error.message}`,
      hint: readOnly ? "Edit the key in WooCommerce → Settings → Advanced → REST API and set Permissions to 'Read/Write'." : error.hint,
      error,
    };
  }
  const count = productCount === undefined ? '' : ` (${productCount} product${productCount === 1 ? '' : 's'} in the store)`;
  return {
    ...base,
    ok: true,
    reachable: true,
    canRead: true,
    canWrite: true,
    productCount,
    message: `Connected to ${client.storeUrl}: the API key can read and write${count}.`,
    hint: undefined,
    error: undefined,
  };
}

function asStoreError(err: unknown): StoreError {
  if (err instanceof StoreError) return err;
  return new StoreError({
    summary: `unexpected failure while testing the connection (${err instanceof Error ? err.message : String(err)}).`,
    hint: 'Try again; report it if it repeats.',
    retryable: false,
    code: 'tillbridge_unexpected',
  });
}
