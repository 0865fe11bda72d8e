/**
 * A web order as the POS books it: an invoiced sale with a header and lines. Built by
 * pos-order-mapper.ts from a store order; written by a PosOrdersPort implementation through the
 * POS profile's export statements. Money is exact decimal strings (connectors/core/money.ts
 * rules: never a binary float), dates are UTC ISO strings ("2026-11-28T14:05:00Z").
 */

export interface PosAddress {
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
}

/**
 * Who the invoice is for. 'by-email': find the POS customer with this e-mail (any letter case),
 * update its name and address, or create it. 'web-account': book to the configured shared
 * web-customer account (guest orders, when configured so); the buyer's details still travel for
 * the invoice's address block.
 */
export type PosCustomer =
  | { kind: 'by-email'; email: string; storeCustomerId: number | null; name: PosName; billing: PosAddress; shipping: PosAddress }
  | { kind: 'web-account'; account: string; email: string | null; name: PosName; billing: PosAddress; shipping: PosAddress };

export interface PosName {
  firstName: string;
  lastName: string;
  company: string;
}

export interface PosOrderLine {
  /** The POS's SKU for the item (a store line without SKU is resolved through the product links). */
  sku: string;
  name: string;
  quantity: number;
  /** Price of one unit before coupon discounts (subtotal ÷ quantity; up to 4 decimals when it does not divide evenly). */
  unitPrice: string;
  /** quantity × unit price as the store computed it, before discounts. */
  subtotal: string;
  /** Coupon discount spread on this line by the store (subtotal − total). */
  discount: string;
  /** What the customer pays for the line, before tax. */
  lineTotal: string;
  tax: string;
}

export interface PosOrderCharge {
  name: string;
  /** Before tax. */
  total: string;
  tax: string;
}

export interface PosOrderTax {
  code: string;
  label: string;
  /** Tax on the items. */
  amount: string;
  /** Tax on shipping. */
  shippingAmount: string;
}

export interface PosOrder {
  /**
   * The external reference: the WooCommerce order number and a tag naming the store and the order
   * (`247-K3M9QX7A`; see electron/engine/orders/export-reference.ts). The POS must refuse a second
   * invoice with it.
   */
  reference: string;
  storeOrderId: number;
  currency: string;
  pricesIncludeTax: boolean;
  createdAt: string;
  paidAt: string | null;
  completedAt: string | null;
  customer: PosCustomer;
  /** What the customer wrote at checkout. */
  note: string;
  payment: { method: string; title: string; transactionId: string };
  lines: PosOrderLine[];
  shipping: PosOrderCharge[];
  fees: PosOrderCharge[];
  /** Coupons as applied by the store (the amounts are already inside the line totals). */
  discounts: { code: string; amount: string; tax: string }[];
  taxes: PosOrderTax[];
  totals: {
    /** Sum of line subtotals (before discounts). */
    itemsSubtotal: string;
    discount: string;
    shipping: string;
    fees: string;
    tax: string;
    /** What the customer paid, taxes included. */
    total: string;
  };
}
