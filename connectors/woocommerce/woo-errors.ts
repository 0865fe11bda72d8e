/**
 * The one error type the WooCommerce adapter throws or returns. Everything above the adapter
 * (sync, export, dashboard) decides from it alone: `retryable` says whether waiting and trying
 * again can help, `writeMayHaveHappened` says whether a failed write must be looked up before it
 * is repeated, and `message` + `hint` are what a person reads on the dashboard.
 *
 * Secrets never enter a StoreError: it keeps no raw HTTP error (axios errors carry the request
 * config, Basic credentials included), only codes, statuses and texts.
 */

/** What a failure concerns, so the message can name it (a SKU, a product id, an order number). */
export interface StoreItemRef {
  sku?: string;
  productId?: number;
  /** For variations: the variable product they belong to. */
  parentId?: number;
  orderId?: number;
  orderNumber?: string;
  email?: string;
  customerId?: number;
}

export interface StoreErrorInit {
  /** Plain words: what failed, without naming the item (the message adds that in front). */
  summary: string;
  /** Plain words: what a person can do about it. */
  hint: string;
  retryable: boolean;
  /** WooCommerce's error code (`product_invalid_sku`), a network code (`ECONNRESET`) or a `tillbridge_*` code. */
  code: string;
  /** HTTP status; undefined when no answer arrived. */
  status?: number;
  item?: StoreItemRef;
  /** How long the store asked us to wait (Retry-After), in milliseconds. */
  retryAfterMs?: number;
  /** True when a non-idempotent write failed in a way that hides whether the store applied it. */
  writeMayHaveHappened?: boolean;
  /** The existing product a duplicate-SKU create points at (`data.resource_id`). */
  resourceId?: number;
  /** The call, without credentials: `POST products/batch`. */
  request?: { method: string; path: string };
  /** The store's own message text, entities decoded. */
  storeMessage?: string;
  /** `data.params` of a validation error: parameter → what was wrong. */
  params?: Record<string, string>;
}

/** A failure talking to the store, classified once at the adapter (retryable or permanent). */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly summary: string;
  readonly hint: string;
  readonly retryable: boolean;
  readonly code: string;
  readonly status: number | undefined;
  readonly item: StoreItemRef | undefined;
  readonly retryAfterMs: number | undefined;
  readonly writeMayHaveHappened: boolean;
  readonly resourceId: number | undefined;
  readonly request: { method: string; path: string } | undefined;
  readonly storeMessage: string | undefined;
  readonly params: Record<string, string> | undefined;

  constructor(init: StoreErrorInit) {
    super(composeMessage(init.summary, init.item));
    this.summary = init.summary;
    this.hint = init.hint;
    this.retryable = init.retryable;
    this.code = init.code;
    this.status = init.status;
    this.item = init.item;
    this.retryAfterMs = init.retryAfterMs;
    this.writeMayHaveHappened = init.writeMayHaveHappened ?? false;
    this.resourceId = init.resourceId;
    this.request = init.request;
    this.storeMessage = init.storeMessage;
    this.params = init.params;
  }

  /** The init this error was built from, for copies and for logs (no secrets in it). */
  toInit(): StoreErrorInit {
    return {
      summary: this.summary,
      hint: this.hint,
      retryable: this.retryable,
      code: this.code,
      status: this.status,
      item: this.item,
      retryAfterMs: this.retryAfterMs,
      writeMayHaveHappened: this.writeMayHaveHappened,
      resourceId: this.resourceId,
      request: this.request,
      storeMessage: this.storeMessage,
      params: this.params,
    };
  }

  /** JSON for logs and the dashboard: every field, nothing secret. */
  toJSON(): StoreErrorInit & { name: string; message: string } {
    return { name: this.name, message: this.message, ...this.toInit() };
  }
}

/** "SKU "A-1" (product 12)", "variation 31 of product 30", "order #1001": how messages name an item. */
export function describeItem(item: StoreItemRef | undefined): string {
  if (!item) return '';
  const parts: string[] = [];
  if (item.sku !== undefined) parts.push(`SKU "${item.sku}"`);
  if (item.productId !== undefined) {
    const what = item.parentId ? `variation ${item.productId} of product ${item.parentId}` : `product ${item.productId}`;
    parts.push(parts.length > 0 ? `(${what})` : what);
  }
  if (item.orderNumber !== undefined || item.orderId !== undefined) {
    parts.push(`order #${item.orderNumber ?? String(item.orderId)}`);
  }
  if (item.email !== undefined) parts.push(`customer ${item.email}`);
  else if (item.customerId !== undefined) parts.push(`customer ${item.customerId}`);
  return parts.join(' ');
}

/** The same error about a more precisely named item (a batch error that now knows its SKU). */
export function withItem(error: StoreError, item: StoreItemRef): StoreError {
  return new StoreError({ ...error.toInit(), item: { ...error.item, ...item } });
}

function composeMessage(summary: string, item: StoreItemRef | undefined): string {
  const who = describeItem(item);
  return who === '' ? summary : `${who}: ${summary}`;
}
