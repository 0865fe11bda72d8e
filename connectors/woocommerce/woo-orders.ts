/**
 * Orders over the REST API, at adapter level: list by status and dates (paged), read one, write
 * meta, add a private note. Exactly-once export is built above this from these calls; what this
 * file guarantees is that each call is safe to repeat or says when it is not (a note is a POST:
 * a lost connection may have added it — check `listNotes` before adding it again).
 *
 * Date filters are strict (a record at exactly the bound's second is excluded) and whole
 * seconds: a cursor should step back a second and dedupe by id rather than trust the bound.
 */
import type { WooClient } from './woo-client';
import { StoreError } from './woo-errors';
import { type WooMeta, type WooOrder, type WooOrderNote, parseNote, parseOrder } from './woo-order-types';

/** Which orders to list. Dates are UTC: a Date, or 'YYYY-MM-DDTHH:MM:SS' as in `date_modified_gmt`. */
export interface OrderFilter {
  /** Statuses (core: pending, processing, on-hold, completed, cancelled, refunded, failed; plugins add more). Default: all. */
  status?: readonly string[];
  modifiedAfter?: Date | string;
  modifiedBefore?: Date | string;
  /** Created after / before. */
  after?: Date | string;
  before?: Date | string;
  include?: readonly number[];
  /** Default 'id' ascending: stable pages while new orders arrive. */
  orderBy?: 'id' | 'date' | 'modified';
  order?: 'asc' | 'desc';
}

/** The order side of the store adapter. */
export class WooOrders {
  readonly #client: WooClient;

  constructor(client: WooClient) {
    this.#client = client;
  }

  /** Full orders matching the filter, page by page (100 a page). */
  async *iterateOrders(filter: OrderFilter = {}, signal?: AbortSignal): AsyncGenerator<WooOrder> {
    for await (const raw of this.#client.iterate<unknown>('orders', { params: orderParams(filter), perPage: 100, signal })) {
      yield readOrder(raw, 'orders');
    }
  }

  /** Full orders matching the filter, as an array. */
  async listOrders(filter: OrderFilter = {}, signal?: AbortSignal): Promise<WooOrder[]> {
    const out: WooOrder[] = [];
    for await (const o of this.iterateOrders(filter, signal)) out.push(o);
    return out;
  }

  /**
   * Orders trimmed to `fields` (`id` always included): a cheap poll, e.g.
   * `['id', 'status', 'date_modified_gmt', 'line_items']` for the allocation.
   */
  async listOrderFields(filter: OrderFilter, fields: readonly string[], signal?: AbortSignal): Promise<Record<string, unknown>[]> {
    return this.#client.listAll<Record<string, unknown>>('orders', { params: orderParams(filter), fields, perPage: 100, signal });
  }

  /** One order by id. */
  async getOrder(id: number, signal?: AbortSignal): Promise<WooOrder> {
    const raw = await this.#client.get(`orders/${orderId(id)}`, { item: { orderId: id }, signal });
    return readOrder(raw, `orders/${id}`);
  }

  /**
   * Sets meta entries on an order (adds missing keys, overwrites existing ones): an absolute
   * write, so it is retried. Note that it bumps the order's `date_modified`.
   */
  async updateOrderMeta(id: number, entries: readonly { key: string; value: unknown }[], signal?: AbortSignal): Promise<WooMeta[]> {
    const body = { meta_data: entries.map((e) => ({ key: e.key, value: e.value })) };
    const raw = await this.#client.put<{ meta_data?: unknown }>(`orders/${orderId(id)}`, body, {
      fields: ['id', 'meta_data'],
      item: { orderId: id },
      signal,
    });
    if (!Array.isArray(raw.meta_data)) throw badAnswer(`orders/${id}`, 'meta_data');
    return raw.meta_data as WooMeta[];
  }

  /**
   * Adds a private note (staff only). Not repeated after an ambiguous failure: the error then has
   * `writeMayHaveHappened`, and `listNotes` tells whether the note is there.
   */
  async addPrivateNote(id: number, note: string, signal?: AbortSignal): Promise<WooOrderNote> {
    const raw = await this.#client.post(`orders/${orderId(id)}/notes`, { note, customer_note: false }, { item: { orderId: id }, signal });
    return readNote(raw, `orders/${id}/notes`);
  }

  /** The order's notes, newest first (the store does not page notes). */
  async listNotes(id: number, type: 'any' | 'internal' | 'customer' = 'any', signal?: AbortSignal): Promise<WooOrderNote[]> {
    const raw = await this.#client.get<unknown>(`orders/${orderId(id)}/notes`, { params: { type }, item: { orderId: id }, signal });
    if (!Array.isArray(raw)) throw badAnswer(`orders/${id}/notes`, 'a list of notes');
    return raw.map((n) => readNote(n, `orders/${id}/notes`));
  }
}

/** The query for a filter; dates go out as UTC seconds with `dates_are_gmt`. */
export function orderParams(filter: OrderFilter): Record<string, string> {
  const p: Record<string, string> = {
    orderby: filter.orderBy ?? 'id',
    order: filter.order ?? 'asc',
  };
  if (filter.status && filter.status.length > 0) p.status = filter.status.join(',');
  const dates = { modified_after: filter.modifiedAfter, modified_before: filter.modifiedBefore, after: filter.after, before: filter.before };
  for (const [k, v] of Object.entries(dates)) if (v !== undefined) p[k] = wooDate(v);
  if (Object.values(dates).some((v) => v !== undefined)) p.dates_are_gmt = 'true';
  if (filter.include && filter.include.length > 0) p.include = filter.include.join(',');
  return p;
}

/** Date → 'YYYY-MM-DDTHH:MM:SS' in UTC (WooCommerce's own format); strings pass unchanged. */
export function wooDate(value: Date | string): string {
  if (typeof value === 'string') return value;
  if (Number.isNaN(value.getTime())) throw new RangeError('invalid date for an order filter');
  return value.toISOString().slice(0, 19);
}

function orderId(id: number): number {
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new StoreError({
      summary: `${String(id)} is not a valid order id.`,
      hint: 'This is a Tillbridge bug; report it.',
      retryable: false,
      code: 'tillbridge_invalid_value',
    });
  }
  return id;
}

function readOrder(raw: unknown, path: string): WooOrder {
  try {
    return parseOrder(raw);
  } catch {
    const id = (raw as { id?: unknown } | null)?.id;
    throw badAnswer(path, 'an order', typeof id === 'number' ? id : undefined);
  }
}

function readNote(raw: unknown, path: string): WooOrderNote {
  try {
    return parseNote(raw);
  } catch {
    throw badAnswer(path, 'a note');
  }
}

function badAnswer(path: string, expected: string, id?: number): StoreError {
  return new StoreError({
    summary: `the store's answer for ${path} was not ${expected} with the usual fields.`,
    hint: 'A plugin may be changing REST API answers; check recently installed plugins.',
    retryable: false,
    code: 'tillbridge_invalid_response',
    item: id !== undefined ? { orderId: id } : undefined,
    request: { method: 'GET', path },
  });
}
