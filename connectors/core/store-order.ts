/**
 * A WooCommerce order in the engine's terms: what the mirror keeps, the export maps to a POS
 * invoice and the allocation counts. Money stays in the store's exact strings; dates are the
 * store's UTC seconds ("YYYY-MM-DDTHH:MM:SS", as in `date_modified_gmt`). The store adapter
 * (connectors/woocommerce/woo-order-store.ts) builds these; nothing here knows about HTTP.
 */

export interface StoreAddress {
  firstName: string;
  lastName: string;
  company: string;
  address1: string;
  address2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  phone: string;
  /** Billing only; '' when the order has none. */
  email: string;
}

/** One product line. `sku` is '' when the product has none (or was deleted). */
export interface StoreOrderLine {
  id: number;
  name: string;
  sku: string;
  productId: number;
  variationId: number;
  /** Whole units as the store sends them (plugins may send fractions: the export refuses those). */
  quantity: number;
  /** Before coupon discounts. */
  subtotal: string;
  subtotalTax: string;
  /** After coupon discounts. */
  total: string;
  totalTax: string;
}

export interface StoreShippingLine { id: number; methodId: string; methodTitle: string; total: string; totalTax: string }
export interface StoreFeeLine { id: number; name: string; total: string; totalTax: string }
export interface StoreCouponLine { id: number; code: string; discount: string; discountTax: string }
export interface StoreTaxLine { id: number; rateCode: string; label: string; taxTotal: string; shippingTaxTotal: string }
export interface StoreRefund { id: number; total: string; reason: string }
export interface StoreMeta { key: string; value: unknown }

export interface StoreOrderTotals {
  discountTotal: string;
  discountTax: string;
  shippingTotal: string;
  shippingTax: string;
  cartTax: string;
  total: string;
  totalTax: string;
}

export interface StoreOrder {
  id: number;
  /** What the shop and its customers call the order (a plugin may make it differ from the id). */
  number: string;
  status: string;
  currency: string;
  pricesIncludeTax: boolean;
  dateCreatedGmt: string;
  dateModifiedGmt: string;
  datePaidGmt: string | null;
  dateCompletedGmt: string | null;
  /** 0 for a guest. */
  customerId: number;
  customerNote: string;
  billing: StoreAddress;
  shipping: StoreAddress;
  paymentMethod: string;
  paymentMethodTitle: string;
  transactionId: string;
  /**
   * Where the order was made ('checkout', 'store-api', 'rest-api', 'admin', …). A pending order
   * from a shopper's checkout is held back by WooCommerce's own stock reservation; the stock race
   * check reads it (electron/engine/stock-guard/held-by-store.ts). Absent in orders mirrored before it was read.
   */
  createdVia?: string;
  /**
   * WooCommerce's `order_key` (`wc_order_…`, random, unique per order): part of the POS reference
   * the order is booked with. Absent in orders mirrored before it was read.
   */
  orderKey?: string;
  lines: StoreOrderLine[];
  shippingLines: StoreShippingLine[];
  feeLines: StoreFeeLine[];
  couponLines: StoreCouponLine[];
  taxLines: StoreTaxLine[];
  refunds: StoreRefund[];
  totals: StoreOrderTotals;
  meta: StoreMeta[];
}

/** An order note as the store lists it. */
export interface StoreOrderNote {
  id: number;
  note: string;
  customerNote: boolean;
  dateCreatedGmt: string;
}

/** An empty address, for orders that carry none. */
export function emptyAddress(): StoreAddress {
  return { firstName: '', lastName: '', company: '', address1: '', address2: '', city: '', state: '', postcode: '', country: '', phone: '', email: '' };
}
