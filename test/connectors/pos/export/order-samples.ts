/**
 * PosOrders for the export tests, built by hand so every expected row is known: two product
 * lines (a simple item and a variation) with a coupon spread over them, shipping, a fee, one tax
 * rate and a card payment. Prices are net, tax 20 %:
 *   line 1: 2 × 10.00 = 20.00, coupon −2.00 → 18.00, tax 3.60
 *   line 2: 1 × 16.67 = 16.67, coupon −1.67 → 15.00, tax 3.00
 *   shipping 4.00 (tax 0.80), fee 1.50 (tax 0.30); coupon WELCOME 3.67 (tax 0.73)
 *   tax 7.70 (items and fee 6.90, shipping 0.80); total 46.20; net 38.50.
 */
import type { PosAddress, PosCustomer, PosOrder } from '../../../../connectors/core/pos-order';

const ADDRESS: PosAddress = {
  firstName: 'Ada', lastName: 'Lovelace', company: '', address1: '12 Analytical Row', address2: '', city: 'London',
  state: '', postcode: 'N1 7AA', country: 'GB', phone: '020 7946 0000',
};

/** A customer matched by e-mail, with an address that can be varied. */
export function byEmail(email: string, address: Partial<PosAddress> = {}): PosCustomer {
  const billing = { ...ADDRESS, ...address };
  return { kind: 'by-email', email, storeCustomerId: 7, name: { firstName: billing.firstName, lastName: billing.lastName, company: billing.company }, billing, shipping: billing };
}

/** A guest booked to the shared web-customer account. */
export function webAccount(account = 'WEB'): PosCustomer {
  return { kind: 'web-account', account, email: 'guest@example.org', name: { firstName: 'Gus', lastName: 'Guest', company: '' }, billing: ADDRESS, shipping: ADDRESS };
}

export interface SampleOptions {
  reference: string;
  /** SKUs of the product line and the variation line, as the POS spells them. */
  skus: [string, string];
  customer?: PosCustomer;
  createdAt?: string;
}

/** The sample order described in the file comment. */
export function sampleOrder(o: SampleOptions): PosOrder {
  return {
    reference: o.reference,
    storeOrderId: Number(o.reference.replace(/\D/g, '')) || 1,
    currency: 'GBP',
    pricesIncludeTax: false,
    createdAt: o.createdAt ?? '2026-11-28T14:05:00Z',
    paidAt: '2026-11-28T14:06:00Z',
    completedAt: '2026-11-29T09:30:00Z',
    customer: o.customer ?? byEmail('ada@example.com'),
    note: 'Please gift wrap',
    payment: { method: 'stripe', title: 'Credit card (Stripe)', transactionId: 'ch_3PqX' },
    lines: [
      { sku: o.skus[0], name: 'Enamel Mug', quantity: 2, unitPrice: '10.00', subtotal: '20.00', discount: '2.00', lineTotal: '18.00', tax: '3.60' },
      { sku: o.skus[1], name: 'Classic T-Shirt - Navy, M', quantity: 1, unitPrice: '16.67', subtotal: '16.67', discount: '1.67', lineTotal: '15.00', tax: '3.00' },
    ],
    shipping: [{ name: 'Flat rate', total: '4.00', tax: '0.80' }],
    fees: [{ name: 'Gift wrap', total: '1.50', tax: '0.30' }],
    discounts: [{ code: 'welcome', amount: '3.67', tax: '0.73' }],
    taxes: [{ code: 'GB-VAT-1', label: 'VAT', amount: '6.90', shippingAmount: '0.80' }],
    totals: { itemsSubtotal: '36.67', discount: '3.67', shipping: '4.00', fees: '1.50', tax: '7.70', total: '46.20' },
  };
}

/** "18.0000", "18.00" and "18" are the same amount: compare money without trailing zeros. */
export function dec(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** Every value of a row through dec() where it looks like a number, for compact expectations. */
export function decRow(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' && /^-?\d+\.\d+$/.test(v) ? dec(v) : v]));
}
