/**
 * The REST representation of an order (wc/v3), field for field as the recorded store answers:
 * totals as 2-decimal strings, `number` as the id in a string, line `price` as a JSON number,
 * live product data (sku, image, parent name) looked up at read time, and the store's links.
 */
import { formatWcDate } from './clock';
import { couponStore } from './order-coupons';
import { isEditable, needsPayment, needsProcessing } from './order-lifecycle';
import { formatAmount, unitPriceNumber } from './order-money';
import type { CouponLineRecord, FeeLineRecord, LineItemRecord, OrderMeta, OrderRecord, ShippingLineRecord } from './order-model';
import { displaySku, lineProduct, productTitle, variationAttributes } from './order-products';
import { refundsOf, refundSummary } from './order-refunds';
import type { EmuState } from './state';

const ITEM_ALLOW = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Formats amounts with `dp` decimals (the `dp` request parameter; the store default is 2). */
export interface OrderViewOptions {
  base: string;
  dp?: number;
}

function date(seconds: number | null): string | null {
  return seconds === null ? null : formatWcDate(seconds);
}

/** The full order object, `_links` included. */
export function orderView(state: EmuState, o: OrderRecord, options: OrderViewOptions): Record<string, unknown> {
  const dp = options.dp ?? 2;
  const money = (v: string) => formatAmount(v, dp);
  const zero = money('0');
  const links: Record<string, unknown> = {
    self: [{ href: `${options.base}/wp-json/wc/v3/orders/${o.id}`, targetHints: { allow: ITEM_ALLOW } }],
    collection: [{ href: `${options.base}/wp-json/wc/v3/orders` }],
    email_templates: [{ embeddable: true, href: `${options.base}/wp-json/wc/v3/orders/${o.id}/actions/email_templates` }],
  };
  if (o.customerId !== 0) links.customer = [{ href: `${options.base}/wp-json/wc/v3/customers/${o.customerId}` }];
  if (o.parentId !== 0) links.up = [{ href: `${options.base}/wp-json/wc/v3/orders/${o.parentId}` }];
  return {
    id: o.id,
    parent_id: o.parentId,
    status: o.status,
    currency: o.currency,
    version: o.version,
    prices_include_tax: o.pricesIncludeTax,
    date_created: date(o.dateCreated),
    date_modified: date(o.dateModified),
    discount_total: money(o.discountTotal),
    discount_tax: zero,
    shipping_total: money(o.shippingTotal),
    shipping_tax: zero,
    cart_tax: zero,
    total: money(o.total),
    total_tax: zero,
    customer_id: o.customerId,
    order_key: o.orderKey,
    billing: { ...o.billing },
    shipping: { ...o.shipping },
    payment_method: o.paymentMethod,
    payment_method_title: o.paymentMethodTitle,
    transaction_id: o.transactionId,
    customer_ip_address: o.customerIpAddress,
    customer_user_agent: o.customerUserAgent,
    created_via: o.createdVia,
    customer_note: o.customerNote,
    date_completed: date(o.dateCompleted),
    date_paid: date(o.datePaid),
    cart_hash: o.cartHash,
    number: String(o.id),
    meta_data: o.meta.map((m) => ({ id: m.id, key: m.key, value: m.value })),
    line_items: o.lineItems.map((i) => lineItemView(state, i, money)),
    tax_lines: [],
    shipping_lines: o.shippingLines.map((i) => shippingLineView(i, money)),
    fee_lines: o.feeLines.map((i) => feeLineView(i, money)),
    coupon_lines: o.couponLines.map((i) => couponLineView(state, i)),
    refunds: refundsOf(state, o.id).map(refundSummary),
    payment_url: `${options.base}/checkout/order-pay/${o.id}/?pay_for_order=true&key=${o.orderKey}`,
    is_editable: isEditable(o),
    needs_payment: needsPayment(o),
    needs_processing: needsProcessing(state, o),
    date_created_gmt: date(o.dateCreated),
    date_modified_gmt: date(o.dateModified),
    date_completed_gmt: date(o.dateCompleted),
    date_paid_gmt: date(o.datePaid),
    currency_symbol: '$',
    _links: links,
  };
}

/** Item meta with the display key/value WooCommerce adds (attribute labels for variation meta). */
function itemMetaView(meta: OrderMeta[], labels: Map<string, string> = new Map()): Record<string, unknown>[] {
  return meta.map((m) => ({
    id: m.id,
    key: m.key,
    value: m.value,
    display_key: labels.get(m.key) ?? m.key,
    display_value: typeof m.value === 'string' ? m.value : JSON.stringify(m.value),
  }));
}

/** One product line in the REST shape (orders and refunds share it). */
export function lineItemView(state: EmuState, i: LineItemRecord, money: (v: string) => string): Record<string, unknown> {
  const product = lineProduct(state, i);
  const labels = new Map<string, string>();
  if (product?.type === 'variation') for (const a of variationAttributes(product)) labels.set(a.key, a.label);
  // A simple product without an image reports image id "" (its empty _thumbnail_id); variations and
  // missing products report 0.
  const imageId = product && product.type !== 'variation' ? '' : 0;
  return {
    id: i.id,
    name: i.name,
    product_id: i.productId,
    variation_id: i.variationId,
    quantity: i.quantity,
    tax_class: i.taxClass,
    subtotal: money(i.subtotal),
    subtotal_tax: money('0'),
    total: money(i.total),
    total_tax: money('0'),
    taxes: [],
    meta_data: itemMetaView(i.meta, labels),
    sku: product ? displaySku(state, product) : null,
    price: unitPriceNumber(i.total, i.quantity),
    image: { id: imageId, src: '' },
    parent_name: product?.type === 'variation' ? (state.products.get(product.parentId)?.name ?? productTitle(state, product)) : null,
  };
}

function shippingLineView(i: ShippingLineRecord, money: (v: string) => string): Record<string, unknown> {
  return {
    id: i.id,
    method_title: i.methodTitle,
    method_id: i.methodId,
    instance_id: i.instanceId,
    total: money(i.total),
    total_tax: money('0'),
    taxes: [],
    tax_status: 'taxable',
    meta_data: itemMetaView(i.meta),
  };
}

function feeLineView(i: FeeLineRecord, money: (v: string) => string): Record<string, unknown> {
  return {
    id: i.id,
    name: i.name,
    tax_class: i.taxClass,
    tax_status: i.taxStatus,
    amount: i.amount,
    total: money(i.total),
    total_tax: money('0'),
    taxes: [],
    meta_data: itemMetaView(i.meta),
  };
}

function couponLineView(state: EmuState, i: CouponLineRecord): Record<string, unknown> {
  const info = i.meta.find((m) => m.key === 'coupon_info')?.value;
  let type = 'fixed_cart';
  let nominal = 0;
  let freeShipping = false;
  if (typeof info === 'string') {
    try {
      const parsed = JSON.parse(info) as unknown[];
      type = typeof parsed[2] === 'string' ? parsed[2] : 'fixed_cart';
      nominal = Number(parsed[3] ?? 0);
      freeShipping = parsed[4] === true;
    } catch {
      // Unreadable info: fall back to the live coupon below.
    }
  } else {
    const live = [...couponStore(state).values()].find((c) => c.code === i.code);
    if (live) {
      type = live.discountType;
      nominal = Number(live.amount || '0');
      freeShipping = live.freeShipping;
    }
  }
  return {
    id: i.id,
    code: i.code,
    discount: i.discount,
    discount_tax: '0',
    meta_data: itemMetaView(i.meta),
    discount_type: type,
    nominal_amount: nominal,
    free_shipping: freeShipping,
  };
}
