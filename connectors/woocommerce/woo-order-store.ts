/**
 * The engine's StoreOrdersPort over the WooCommerce adapter: the order flow speaks in StoreOrder
 * shapes, this file turns them into order lists, reads, meta writes and notes, maps WooCommerce's
 * snake_case answers into engine terms and counts the requests they cost.
 */
import type { OrderPage, StoreOrdersPort } from '../core/store-orders-port';
import { emptyAddress, type StoreAddress, type StoreOrder, type StoreOrderNote } from '../core/store-order';
import type { WooClient } from './woo-client';
import { StoreError } from './woo-errors';
import { type WooAddress, type WooOrder, type WooOrderNote, parseOrder } from './woo-order-types';
import { orderParams, type WooOrders } from './woo-orders';

/** The order fields the export and the allocation read (the rest, `_links` above all, is left at the store). */
export const ORDER_FIELDS = [
  'id', 'number', 'status', 'currency', 'prices_include_tax', 'date_created_gmt', 'date_modified_gmt', 'date_paid_gmt',
  'date_completed_gmt', 'customer_id', 'customer_note', 'billing', 'shipping', 'payment_method', 'payment_method_title',
  'transaction_id', 'created_via', 'order_key', 'discount_total', 'discount_tax', 'shipping_total', 'shipping_tax', 'cart_tax', 'total', 'total_tax',
  'line_items', 'shipping_lines', 'fee_lines', 'coupon_lines', 'tax_lines', 'refunds', 'meta_data',
] as const;

export class WooOrderStore implements StoreOrdersPort {
  #requests = 0;

  constructor(private readonly client: WooClient, private readonly orders: WooOrders) {}

  async listModifiedAfter(since: string | null, offset: number, limit: number): Promise<OrderPage> {
    this.#requests++;
    const res = await this.client.request<unknown>('GET', 'orders', undefined, {
      params: { ...orderParams({ modifiedAfter: since ?? undefined, orderBy: 'id', order: 'asc' }), per_page: clamp(limit), offset },
      fields: ORDER_FIELDS,
    });
    const orders = asList(res.body, 'orders').map(toStoreOrder);
    const total = res.headers['x-wp-total'];
    return { orders, total: total !== undefined && /^\d+$/.test(total) ? Number(total) : undefined };
  }

  async latestModified(): Promise<string | null> {
    this.#requests++;
    const body = await this.client.get<unknown>('orders', { params: { orderby: 'modified', order: 'desc', per_page: 1 }, fields: ['id', 'date_modified_gmt'] });
    const first = asList(body, 'orders')[0] as { date_modified_gmt?: unknown } | undefined;
    return typeof first?.date_modified_gmt === 'string' ? first.date_modified_gmt : null;
  }

  async listIdsInStatuses(statuses: readonly string[]): Promise<number[]> {
    if (statuses.length === 0) return [];
    const ids = new Set<number>();
    for await (const page of this.client.pages<{ id: number }>('orders', { params: orderParams({ status: statuses }), fields: ['id'], perPage: 100 })) {
      this.#requests++;
      for (const o of page.items) ids.add(o.id);
    }
    return [...ids];
  }

  async getOrders(ids: readonly number[]): Promise<StoreOrder[]> {
    const out: StoreOrder[] = [];
    for (let i = 0; i < ids.length; i += 100) {
      this.#requests++;
      const chunk = ids.slice(i, i + 100);
      const body = await this.client.get<unknown>('orders', { params: { ...orderParams({ include: chunk }), per_page: 100 }, fields: ORDER_FIELDS });
      out.push(...asList(body, 'orders').map(toStoreOrder));
    }
    return out;
  }

  async getOrder(id: number): Promise<StoreOrder | null> {
    this.#requests++;
    try {
      return toStoreOrder(await this.orders.getOrder(id));
    } catch (e) {
      if (e instanceof StoreError && (e.status === 404 || e.code === 'woocommerce_rest_shop_order_invalid_id')) return null;
      throw e;
    }
  }

  async setOrderMeta(id: number, entries: readonly { key: string; value: string }[]): Promise<void> {
    this.#requests++;
    await this.orders.updateOrderMeta(id, entries);
  }

  async listNotes(id: number): Promise<StoreOrderNote[]> {
    this.#requests++;
    return (await this.orders.listNotes(id, 'any')).map(toNote);
  }

  async addPrivateNote(id: number, text: string): Promise<StoreOrderNote> {
    this.#requests++;
    return toNote(await this.orders.addPrivateNote(id, text));
  }

  requestCount(): number {
    return this.#requests;
  }
}

/** WooCommerce's order (raw JSON or already parsed) → the engine's StoreOrder. */
export function toStoreOrder(raw: unknown): StoreOrder {
  const o: WooOrder = parseOrder(raw);
  const extra = o as WooOrder & { transaction_id?: unknown; created_via?: unknown; order_key?: unknown; cart_tax?: unknown; tax_lines?: unknown; refunds?: unknown };
  return {
    id: o.id,
    number: o.number,
    status: o.status,
    currency: o.currency,
    pricesIncludeTax: o.prices_include_tax,
    dateCreatedGmt: o.date_created_gmt,
    dateModifiedGmt: o.date_modified_gmt,
    datePaidGmt: o.date_paid_gmt,
    dateCompletedGmt: o.date_completed_gmt,
    customerId: o.customer_id,
    customerNote: o.customer_note,
    billing: address(o.billing),
    shipping: address(o.shipping),
    paymentMethod: o.payment_method,
    paymentMethodTitle: o.payment_method_title,
    transactionId: str(extra.transaction_id),
    createdVia: str(extra.created_via),
    orderKey: str(extra.order_key),
    lines: o.line_items.map((l) => ({
      id: l.id, name: l.name, sku: l.sku ?? '', productId: l.product_id, variationId: l.variation_id, quantity: l.quantity,
      subtotal: l.subtotal, subtotalTax: l.subtotal_tax, total: l.total, totalTax: l.total_tax,
    })),
    shippingLines: o.shipping_lines.map((s) => ({ id: s.id, methodId: s.method_id, methodTitle: s.method_title, total: s.total, totalTax: s.total_tax })),
    feeLines: o.fee_lines.map((f) => ({ id: f.id, name: f.name, total: f.total, totalTax: f.total_tax })),
    couponLines: o.coupon_lines.map((c) => ({ id: c.id, code: c.code, discount: c.discount, discountTax: c.discount_tax })),
    taxLines: records(extra.tax_lines).map((t) => ({
      id: num(t.id), rateCode: str(t.rate_code), label: str(t.label), taxTotal: str(t.tax_total), shippingTaxTotal: str(t.shipping_tax_total),
    })),
    refunds: records(extra.refunds).map((r) => ({ id: num(r.id), total: str(r.total), reason: str(r.reason) })),
    totals: {
      discountTotal: o.discount_total, discountTax: o.discount_tax, shippingTotal: o.shipping_total, shippingTax: o.shipping_tax,
      cartTax: str(extra.cart_tax), total: o.total, totalTax: o.total_tax,
    },
    meta: o.meta_data.map((m) => ({ key: m.key, value: m.value })),
  };
}

function toNote(n: WooOrderNote): StoreOrderNote {
  return { id: n.id, note: n.note, customerNote: n.customer_note, dateCreatedGmt: n.date_created_gmt };
}

function address(a: WooAddress): StoreAddress {
  const base = emptyAddress();
  return {
    firstName: a.first_name ?? base.firstName, lastName: a.last_name ?? base.lastName, company: a.company ?? base.company,
    address1: a.address_1 ?? base.address1, address2: a.address_2 ?? base.address2, city: a.city ?? base.city, state: a.state ?? base.state,
    postcode: a.postcode ?? base.postcode, country: a.country ?? base.country, phone: a.phone ?? base.phone, email: a.email ?? base.email,
  };
}

function asList(body: unknown, what: string): unknown[] {
  if (!Array.isArray(body)) {
    throw new StoreError({
      summary: `the store's answer for ${what} was not a list.`, hint: 'A plugin may be changing REST API answers; check recently installed plugins.',
      retryable: false, code: 'tillbridge_invalid_response', request: { method: 'GET', path: what },
    });
  }
  return body;
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null) : [];
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value) || 0;
}

function clamp(limit: number): number {
  return Math.min(100, Math.max(1, Math.floor(limit)));
}
