/**
 * A store with taxes on, and coupons spread over lines of several units: what WooCommerce
 * computes (line subtotal and total before tax, each line's tax, the coupon's share per line)
 * goes through the engine's mapper and the matrix-retail profile onto a real Firebird POS, and
 * the POS's own totals still add up to the order's: lines to the header, tax lines to the tax
 * total, the payment to what the customer paid. The orders are the worked examples of PROFILES.md
 * ("Taxes and coupons: the totals add up").
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoreOrder } from '../../../../connectors/core/store-order';
import { insertRow } from '../../../../connectors/pos/generators/bulk-insert';
import { matrixRetailSalesData } from '../../../../connectors/pos/matrix-retail/matrix-retail-sales-data';
import { MATRIX_RETAIL_SCHEMA_FIREBIRD } from '../../../../connectors/pos/matrix-retail/matrix-retail-schema';
import { builtInProfile } from '../../../../connectors/pos/profile-loader';
import { ProfilePosOrderPort } from '../../../../connectors/pos/profile-order-port';
import { bareResolver } from '../../../../electron/engine/links/line-keys';
import { DEFAULT_ORDER_SETTINGS } from '../../../../electron/engine/orders/order-settings';
import { toPosOrder } from '../../../../electron/engine/orders/pos-order-mapper';
import { createTestFirebirdDatabase, type TestFirebirdDatabase } from '../../../helpers/firebird';
import { storeLine, storeOrder } from '../../../helpers/store-orders';
import { loadMatrixRetailFixture } from '../../../connectors/pos/fixtures/matrix-retail-fixture';

const SALES_TABLES = ['SALE_PAYMENTS', 'SALE_TAXES', 'SALE_PROMOTIONS', 'SALE_LINES', 'SALES', 'STOCK_MOVEMENTS', 'CUSTOMERS', 'REGISTER_SESSIONS', 'REGISTERS', 'TENDER_TYPES', 'DOC_COUNTERS'];

/** Prices without tax, VAT 20 %, a 10 % coupon spread over 3 × 3.33 and 1 × 16.67, shipping 4.00. */
function taxesExcluded(): StoreOrder {
  return storeOrder({
    number: '5101', pricesIncludeTax: false, currency: 'GBP',
    lines: [
      storeLine('100002', 3, '9.99', '8.99', { subtotalTax: '2.00', totalTax: '1.80' }),
      storeLine('200010-NAVY-M', 1, '16.67', '15.00', { subtotalTax: '3.33', totalTax: '3.00' }),
    ],
    shippingLines: [{ id: 1, methodId: 'flat_rate', methodTitle: 'Flat rate', total: '4.00', totalTax: '0.80' }],
    couponLines: [{ id: 2, code: 'ten', discount: '2.67', discountTax: '0.53' }],
    taxLines: [{ id: 3, rateCode: 'GB-VAT-1', label: 'VAT', taxTotal: '4.80', shippingTaxTotal: '0.80' }],
    totals: { discountTotal: '2.67', discountTax: '0.53', shippingTotal: '4.00', shippingTax: '0.80', cartTax: '4.80', total: '33.59', totalTax: '5.60' },
  });
}

/**
 * Prices with tax (4.00 and 7.00 gross), VAT 20 %: the store keeps lines net of tax. A coupon of
 * 1.20 off the 3-unit line: net 1.00 + tax 0.20. 3 × 4.00 gross is 10.00 net, 3.3333 a unit.
 */
function taxesIncluded(): StoreOrder {
  return storeOrder({
    number: '5102', pricesIncludeTax: true, currency: 'GBP',
    lines: [
      storeLine('100002', 3, '10.00', '9.00', { subtotalTax: '2.00', totalTax: '1.80' }),
      storeLine('200010-NAVY-M', 1, '5.83', '5.83', { subtotalTax: '1.17', totalTax: '1.17' }),
    ],
    couponLines: [{ id: 4, code: 'mug-deal', discount: '1.00', discountTax: '0.20' }],
    taxLines: [{ id: 5, rateCode: 'GB-VAT-1', label: 'VAT', taxTotal: '2.97', shippingTaxTotal: '0.00' }],
    totals: { discountTotal: '1.00', discountTax: '0.20', shippingTotal: '0.00', shippingTax: '0.00', cartTax: '2.97', total: '17.80', totalTax: '2.97' },
  });
}

/** Whole cents of an amount (the POS returns NUMERIC as exact text; line amounts have 2 decimals). */
function cents(v: unknown): number {
  return Math.round(Number(String(v)) * 100);
}

describe('taxes on, coupons over multi-unit lines: the POS totals add up (matrix-retail on Firebird)', () => {
  let db: TestFirebirdDatabase;
  let port: ProfilePosOrderPort;
  const q = (sql: string) => db.driver().query(sql);

  beforeAll(async () => {
    db = await createTestFirebirdDatabase('totals-add-up', MATRIX_RETAIL_SCHEMA_FIREBIRD);
    port = new ProfilePosOrderPort(builtInProfile('matrix-retail'), db.driver({ lockTimeoutSeconds: 1 }), { now: () => new Date('2026-11-29T10:00:00Z') });
  }, 60_000);
  afterAll(async () => {
    await port?.close();
    await db?.drop();
  });
  beforeEach(async () => {
    const till = db.driver();
    await till.transaction(async (tx) => { for (const t of SALES_TABLES) await tx.query(`DELETE FROM ${t}`); }, { mode: 'write' });
    await loadMatrixRetailFixture(till);
    await till.transaction(async (tx) => {
      for (const [table, rows] of matrixRetailSalesData({ customers: 2 })) for (const row of rows) await insertRow(tx, table, row);
    }, { mode: 'write' });
  });

  for (const [label, make, expected] of [
    ['prices without tax', taxesExcluded, { net: 2799, tax: 560, gross: 3359, discount: 267 }],
    ['prices with tax', taxesIncluded, { net: 1483, tax: 297, gross: 1780, discount: 100 }],
  ] as const) {
    it(`${label}: lines add up to the header, the tax lines to the tax, the payment to the order total`, async () => {
      const store = make();
      const mapped = toPosOrder(store, DEFAULT_ORDER_SETTINGS, bareResolver(), `${store.number}-TESTTAG1`);
      if (!mapped.ok) throw new Error(mapped.problem.message);
      const { invoiceNumber } = await port.exportOrder(mapped.order);

      const sale = (await q(`SELECT SALE_ID, NET_TOTAL, TAX_TOTAL, GROSS_TOTAL, DISCOUNT_TOTAL FROM SALES WHERE DOC_NO = '${invoiceNumber}'`))[0]!;
      const id = Number(sale.SALE_ID);
      const lines = await q(`SELECT LINE_TYPE, QTY, UNIT_NET, DISCOUNT_NET, LINE_NET, TAX_AMOUNT FROM SALE_LINES WHERE SALE_ID = ${id} ORDER BY LINE_NO`);
      const sum = (rows: Record<string, unknown>[], col: string) => rows.reduce((n, r) => n + cents(r[col]), 0);

      expect(cents(sale.GROSS_TOTAL)).toBe(expected.gross);
      expect(cents(sale.GROSS_TOTAL)).toBe(cents(store.totals.total));
      expect(cents(sale.NET_TOTAL)).toBe(expected.net);
      expect(cents(sale.TAX_TOTAL)).toBe(expected.tax);
      expect(cents(sale.NET_TOTAL) + cents(sale.TAX_TOTAL)).toBe(cents(sale.GROSS_TOTAL));
      // Product and service lines: their net amounts and their tax add up to the header.
      expect(sum(lines, 'LINE_NET')).toBe(cents(sale.NET_TOTAL));
      expect(sum(lines, 'TAX_AMOUNT')).toBe(cents(sale.TAX_TOTAL));
      // The coupon: the lines' shares, the promotion rows and the header agree.
      const products = lines.filter((l) => String(l.LINE_TYPE).trim() === 'I');
      expect(sum(products, 'DISCOUNT_NET')).toBe(expected.discount);
      expect(sum(await q(`SELECT AMOUNT_NET FROM SALE_PROMOTIONS WHERE SALE_ID = ${id}`), 'AMOUNT_NET')).toBe(expected.discount);
      expect(cents(sale.DISCOUNT_TOTAL)).toBe(expected.discount);
      // Tax lines and payments.
      expect(sum(await q(`SELECT TAX_TOTAL FROM SALE_TAXES WHERE SALE_ID = ${id}`), 'TAX_TOTAL')).toBe(cents(sale.TAX_TOTAL));
      expect(sum(await q(`SELECT AMOUNT FROM SALE_PAYMENTS WHERE SALE_ID = ${id}`), 'AMOUNT')).toBe(cents(sale.GROSS_TOTAL));
      // Per line, quantity × unit price − discount is the line amount within the unit price's
      // 4 decimals (3 × 3.3333 = 9.9999 for a 10.00 subtotal): the line amount is the store's own.
      for (const l of products) {
        const recomputed = Number(String(l.QTY)) * Number(String(l.UNIT_NET)) - Number(String(l.DISCOUNT_NET));
        expect(Math.abs(recomputed - Number(String(l.LINE_NET)))).toBeLessThan(0.0001 * Number(String(l.QTY)) + 1e-9);
      }
    });
  }
});
