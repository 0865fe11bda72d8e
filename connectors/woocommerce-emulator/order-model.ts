/**
 * The stored shape of an order and its items, kept in a state slot owned by the order modules.
 * Money fields are exact decimal strings (never binary floats); the REST view formats them.
 * Field names follow WooCommerce's own order properties so the view and the rules read like the
 * PHP they imitate.
 */
import { storedMetaValue } from './meta-values';
import { defineStateSlot, type EmuState } from './state';

/** Every status the store knows (wc_get_order_statuses plus WordPress's internal ones). */
export type OrderStatus =
  | 'auto-draft'
  | 'pending'
  | 'processing'
  | 'on-hold'
  | 'completed'
  | 'cancelled'
  | 'refunded'
  | 'failed'
  | 'checkout-draft'
  | 'trash';

/** The statuses the REST schema accepts on write, in the order WooCommerce lists them in errors. */
export const WRITABLE_STATUSES: readonly OrderStatus[] = [
  'auto-draft',
  'pending',
  'processing',
  'on-hold',
  'completed',
  'cancelled',
  'refunded',
  'failed',
  'checkout-draft',
];

/** Human names used in system notes ("Order status changed from Pending payment to Processing."). */
export const STATUS_LABELS: Record<string, string> = {
  pending: 'Pending payment',
  processing: 'Processing',
  'on-hold': 'On hold',
  completed: 'Completed',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
  failed: 'Failed',
  'checkout-draft': 'Draft',
};

/** The label WooCommerce prints for a status; unknown statuses print as their slug. */
export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status;
}

/** One meta entry on an order or an order item. `value` is what the store reads back (strings for scalars). */
export interface OrderMeta {
  id: number;
  key: string;
  value: unknown;
}

export interface BillingAddress {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  email: string;
  phone: string;
}

export type ShippingAddress = Omit<BillingAddress, 'email'>;

/** A product line. `subtotal` is before coupons, `total` after; both exact decimals for the whole line. */
export interface LineItemRecord {
  type: 'line_item';
  id: number;
  name: string;
  productId: number;
  variationId: number;
  quantity: number;
  taxClass: string;
  subtotal: string;
  total: string;
  meta: OrderMeta[];
}

export interface ShippingLineRecord {
  type: 'shipping';
  id: number;
  methodTitle: string;
  methodId: string;
  instanceId: string;
  total: string;
  meta: OrderMeta[];
}

export interface FeeLineRecord {
  type: 'fee';
  id: number;
  name: string;
  taxClass: string;
  taxStatus: string;
  amount: string;
  total: string;
  meta: OrderMeta[];
}

export interface CouponLineRecord {
  type: 'coupon';
  id: number;
  code: string;
  /** Discount granted, as WooCommerce stores it: a decimal without trailing zeros ("5", "1.67"). */
  discount: string;
  meta: OrderMeta[];
}

export type OrderItemRecord = LineItemRecord | ShippingLineRecord | FeeLineRecord | CouponLineRecord;

export interface OrderRecord {
  id: number;
  parentId: number;
  status: OrderStatus;
  /** The status before trashing (WordPress keeps it to untrash). */
  statusBeforeTrash: OrderStatus | null;
  currency: string;
  version: string;
  pricesIncludeTax: boolean;
  dateCreated: number;
  dateModified: number;
  dateCompleted: number | null;
  datePaid: number | null;
  discountTotal: string;
  shippingTotal: string;
  total: string;
  customerId: number;
  orderKey: string;
  billing: BillingAddress;
  shipping: ShippingAddress;
  paymentMethod: string;
  paymentMethodTitle: string;
  transactionId: string;
  customerIpAddress: string;
  customerUserAgent: string;
  createdVia: string;
  customerNote: string;
  cartHash: string;
  meta: OrderMeta[];
  lineItems: LineItemRecord[];
  shippingLines: ShippingLineRecord[];
  feeLines: FeeLineRecord[];
  couponLines: CouponLineRecord[];
  /** WooCommerce's `_order_stock_reduced` flag: set once stock was taken for this order. */
  stockReduced: boolean;
  /** WooCommerce's `_recorded_sales` flag: the lines were counted in the products' total_sales. */
  recordedSales: boolean;
}

/** A refund: its own record (in WooCommerce a child post of the order). */
export interface RefundRecord {
  id: number;
  orderId: number;
  dateCreated: number;
  amount: string;
  reason: string;
  refundedBy: number;
  refundedPayment: boolean;
  /** Refunded lines: copies of the order's lines with negative quantities and totals. */
  lineItems: LineItemRecord[];
}

/** Everything the order side keeps in the store. */
export interface OrderStore {
  orders: Map<number, OrderRecord>;
  refunds: Map<number, RefundRecord>;
}

/** The order slot of the emulator state (created on first use, dropped by reset()). */
export const orderStore = defineStateSlot<OrderStore>('orders', () => ({ orders: new Map(), refunds: new Map() }));

/** The WooCommerce version every order is stamped with (the recorded store). */
export const STORE_VERSION = '10.0.2';

export function blankBilling(): BillingAddress {
  return {
    first_name: '',
    last_name: '',
    company: '',
    address_1: '',
    address_2: '',
    city: '',
    state: '',
    postcode: '',
    country: '',
    email: '',
    phone: '',
  };
}

export function blankShipping(): ShippingAddress {
  const { email: _email, ...rest } = blankBilling();
  return rest;
}

const KEY_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** `wc_order_` + 13 random letters and digits, like wc_generate_order_key(). */
export function generateOrderKey(): string {
  let key = 'wc_order_';
  for (let i = 0; i < 13; i++) key += KEY_CHARS[Math.floor(Math.random() * KEY_CHARS.length)];
  return key;
}

/** A new, unsaved order with WooCommerce's defaults (status is set by the caller). */
export function blankOrder(state: EmuState): OrderRecord {
  const now = state.now();
  return {
    id: 0,
    parentId: 0,
    status: 'pending',
    statusBeforeTrash: null,
    currency: 'USD',
    version: STORE_VERSION,
    pricesIncludeTax: false,
    dateCreated: now,
    dateModified: now,
    dateCompleted: null,
    datePaid: null,
    discountTotal: '0',
    shippingTotal: '0',
    total: '0',
    customerId: 0,
    orderKey: generateOrderKey(),
    billing: blankBilling(),
    shipping: blankShipping(),
    paymentMethod: '',
    paymentMethodTitle: '',
    transactionId: '',
    customerIpAddress: '',
    customerUserAgent: '',
    createdVia: '',
    customerNote: '',
    cartHash: '',
    meta: [],
    lineItems: [],
    shippingLines: [],
    feeLines: [],
    couponLines: [],
    stockReduced: false,
    recordedSales: false,
  };
}

/** The order with this id, trashed ones included; undefined when there is none. */
export function findOrder(state: EmuState, id: number): OrderRecord | undefined {
  return orderStore(state).orders.get(id);
}

/** The item of any kind with this id on this order. */
export function findItem(order: OrderRecord, itemId: number): OrderItemRecord | undefined {
  return (
    order.lineItems.find((i) => i.id === itemId) ??
    order.shippingLines.find((i) => i.id === itemId) ??
    order.feeLines.find((i) => i.id === itemId) ??
    order.couponLines.find((i) => i.id === itemId)
  );
}

/** Reads one meta value of an item or order (the first with that key), undefined when absent. */
export function getMeta(meta: OrderMeta[], key: string): unknown {
  return meta.find((m) => m.key === key)?.value;
}

/** Which id sequence a meta entry draws from (each WordPress meta table has its own). */
export type MetaKind = 'order_meta' | 'item_meta' | 'customer_meta';

/**
 * WC_Data::update_meta_data: with a known id, rewrites that entry; otherwise the first entry with
 * the key takes the value (other entries with the key go), or a new entry is appended with a
 * fresh id. A null value deletes, as saving a null meta value does in WooCommerce. The value is
 * kept as the store reads it back (meta-values.ts: scalars become strings).
 */
export function setMeta(state: EmuState, meta: OrderMeta[], kind: MetaKind, key: string, written: unknown, id?: number): void {
  const value = written === null || written === undefined ? null : storedMetaValue(written, { wpMetaTable: kind !== 'order_meta' });
  let target = id ? meta.find((m) => m.id === id) : undefined;
  if (!target && !id) {
    const matches = meta.filter((m) => m.key === key);
    target = matches[0];
    for (const extra of matches.slice(1)) meta.splice(meta.indexOf(extra), 1);
  }
  if (target) {
    if (value === null) meta.splice(meta.indexOf(target), 1);
    else {
      target.key = key;
      target.value = value;
    }
  } else if (value !== null) {
    deleteMeta(meta, key);
    meta.push({ id: state.nextId(kind), key, value });
  }
}

/** Removes every meta entry with this key. */
export function deleteMeta(meta: OrderMeta[], key: string): void {
  for (let i = meta.length - 1; i >= 0; i--) if (meta[i]!.key === key) meta.splice(i, 1);
}
