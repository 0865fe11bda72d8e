import { describe, expect, it } from 'vitest';
import { LineKeyResolver, bareResolver } from '../../../../electron/engine/links/line-keys';
import { DEFAULT_ORDER_SETTINGS } from '../../../../electron/engine/orders/order-settings';
import { toPosOrder } from '../../../../electron/engine/orders/pos-order-mapper';
import type { Link } from '../../../../electron/engine/links/link-store';
import { storeLine, storeOrder } from '../../../helpers/store-orders';

const settings = DEFAULT_ORDER_SETTINGS;
const REF = '1-TESTREF1';

function link(sku: string, displaySku: string, storeId: number): Link {
  return { sku, displaySku, posId: '1', storeId, parentId: null, kind: 'product', state: 'linked', createdByUs: false, note: null, linkedAt: '', updatedAt: '' };
}

describe('store order → POS invoice', () => {
  it('maps header, lines (unit price before discount), shipping, fees, coupons and totals exactly', () => {
    // The recorded full order: 2 × 10.00 + 1 × 12.00 + 3 × 3.99, coupon 5.00 spread, shipping 5.00, fee 1.50.
    const order = storeOrder({
      number: '1042',
      lines: [storeLine('OC-A', 2, '20.00', '18.33'), storeLine('OC-TEE-M', 1, '12.00', '11.16'), storeLine('OC-B', 3, '11.97', '9.48')],
      shippingLines: [{ id: 1, methodId: 'flat_rate', methodTitle: 'Flat rate', total: '5.00', totalTax: '0.00' }],
      feeLines: [{ id: 2, name: 'Handling', total: '1.50', totalTax: '0.00' }],
      couponLines: [{ id: 3, code: 'save5', discount: '5', discountTax: '0' }],
      totals: { discountTotal: '5.00', discountTax: '0.00', shippingTotal: '5.00', shippingTax: '0.00', cartTax: '0.00', total: '45.47', totalTax: '0.00' },
    });
    const r = toPosOrder(order, settings, bareResolver(), '1042-K3M9QX7A');
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.order.reference).toBe('1042-K3M9QX7A');
    expect(r.order.createdAt).toBe('2026-11-28T10:00:00Z');
    expect(r.order.lines.map((l) => [l.sku, l.quantity, l.unitPrice, l.discount, l.lineTotal])).toEqual([
      ['OC-A', 2, '10.00', '1.67', '18.33'], ['OC-TEE-M', 1, '12.00', '0.84', '11.16'], ['OC-B', 3, '3.99', '2.49', '9.48'],
    ]);
    expect(r.order.shipping).toEqual([{ name: 'Flat rate', total: '5.00', tax: '0.00' }]);
    expect(r.order.discounts).toEqual([{ code: 'save5', amount: '5.00', tax: '0.00' }]);
    expect(r.order.totals).toEqual({ itemsSubtotal: '43.97', discount: '5.00', shipping: '5.00', fees: '1.50', tax: '0.00', total: '45.47' });
  });

  it('guests go to the web-customer account when so configured, keeping their e-mail for the invoice', () => {
    const r = toPosOrder(storeOrder(), { ...settings, guests: 'web-customer' }, bareResolver(), REF);
    expect(r.ok && r.order.customer).toMatchObject({ kind: 'web-account', account: 'WEB', email: 'ada@example.com' });
  });

  it('registered customers, and guests when configured so, are matched by e-mail', () => {
    const reg = toPosOrder(storeOrder({ customerId: 7 }), settings, bareResolver(), REF);
    expect(reg.ok && reg.order.customer).toMatchObject({ kind: 'by-email', email: 'ada@example.com', storeCustomerId: 7 });
    const guest = toPosOrder(storeOrder(), { ...settings, guests: 'create' }, bareResolver(), REF);
    expect(guest.ok && guest.order.customer).toMatchObject({ kind: 'by-email', storeCustomerId: null });
  });

  it('no e-mail: an error when required, the web-customer account when not', () => {
    const noMail = storeOrder({ customerId: 7, billing: { ...storeOrder().billing, email: '' } });
    const strict = toPosOrder(noMail, { ...settings, requireEmail: true }, bareResolver(), REF);
    expect(strict.ok).toBe(false);
    expect(!strict.ok && strict.problem.code).toBe('no-email');
    const lenient = toPosOrder(noMail, { ...settings, requireEmail: false }, bareResolver(), REF);
    expect(lenient.ok && lenient.order.customer.kind).toBe('web-account');
  });

  it('uses the POS spelling of a linked SKU, and finds lines without SKU through the links', () => {
    const resolver = new LineKeyResolver(new Map([['ab-1', link('ab-1', 'AB-1', 55)], ['cd-2', link('cd-2', 'CD-2', 66)]]));
    const r = toPosOrder(storeOrder({ lines: [storeLine('ab-1', 1, '1.00'), storeLine('', 1, '2.00', '2.00', { productId: 66 })] }), settings, resolver, REF);
    expect(r.ok && r.order.lines.map((l) => l.sku)).toEqual(['AB-1', 'CD-2']);
  });

  it('a line with neither SKU nor link, a fractional quantity, or junk money stops the order with a plain message', () => {
    const unnamed = toPosOrder(storeOrder({ lines: [storeLine('', 1, '2.00', '2.00', { name: 'Gift wrap' })] }), settings, bareResolver(), REF);
    expect(!unnamed.ok && unnamed.problem).toMatchObject({ code: 'line-without-sku' });
    expect(!unnamed.ok && unnamed.problem.message).toContain('"Gift wrap"');
    const half = toPosOrder(storeOrder({ lines: [storeLine('A', 1.5, '2.00')] }), settings, bareResolver(), REF);
    expect(!half.ok && half.problem.code).toBe('bad-order-data');
    const junk = toPosOrder(storeOrder({ totals: { ...storeOrder().totals, total: 'n/a' } }), settings, bareResolver(), REF);
    expect(!junk.ok && junk.problem.message).toContain('order total');
  });
});
