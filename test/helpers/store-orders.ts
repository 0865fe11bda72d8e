/** Hand-built store orders for pure tests (the integration tests read real ones from the emulator). */
import { emptyAddress, type StoreOrder, type StoreOrderLine } from '../../connectors/core/store-order';

let nextId = 100;

export function storeLine(sku: string, quantity: number, subtotal: string, total = subtotal, extra: Partial<StoreOrderLine> = {}): StoreOrderLine {
  return { id: nextId++, name: `Item ${sku}`, sku, productId: 0, variationId: 0, quantity, subtotal, subtotalTax: '0.00', total, totalTax: '0.00', ...extra };
}

export function storeOrder(extra: Partial<StoreOrder> = {}): StoreOrder {
  const id = extra.id ?? nextId++;
  return {
    id, number: String(id), status: 'completed', currency: 'USD', pricesIncludeTax: false,
    dateCreatedGmt: '2026-11-28T10:00:00', dateModifiedGmt: '2026-11-28T10:05:00', datePaidGmt: '2026-11-28T10:01:00', dateCompletedGmt: '2026-11-28T10:05:00',
    customerId: 0, customerNote: '',
    billing: { ...emptyAddress(), firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
    shipping: emptyAddress(),
    paymentMethod: 'bacs', paymentMethodTitle: 'Direct bank transfer', transactionId: '',
    lines: [storeLine('A-1', 2, '20.00')],
    shippingLines: [], feeLines: [], couponLines: [], taxLines: [], refunds: [],
    totals: { discountTotal: '0.00', discountTax: '0.00', shippingTotal: '0.00', shippingTax: '0.00', cartTax: '0.00', total: '20.00', totalTax: '0.00' },
    meta: [],
    ...extra,
  };
}
