/**
 * Rows the matrix-retail sales side needs before a web order can be booked: the document
 * counters, the registers with one OPEN till session (and an older closed one), the tenders
 * web payment methods map to, and a customer book with the shared WEB account. Ids that the
 * POS generates (customers, sessions) are left to it.
 */
import { people } from '../generators/people';
import type { TableRow } from './matrix-retail-data';

/** The WEB account guest orders are booked to (orders.webCustomerAccount). */
export const MATRIX_RETAIL_WEB_ACCOUNT = 'WEB';

export interface MatrixRetailSalesOptions {
  /** Customers with an e-mail besides the WEB account (default 20). */
  customers?: number;
  seed?: number;
  /** Opening time of the open till session (default "2026-06-01 08:00:00.000"). */
  openedAt?: string;
}

/** Table → rows, in an order that satisfies the foreign keys. */
export function matrixRetailSalesData(opts: MatrixRetailSalesOptions = {}): [string, TableRow[]][] {
  const at = opts.openedAt ?? '2026-06-01 08:00:00.000';
  const customers: TableRow[] = [{
    ACCOUNT_CODE: MATRIX_RETAIL_WEB_ACCOUNT, NAME: 'Web shop sales', COMPANY: null, EMAIL: null, STREET: null, TOWN: null, POSTCODE: null,
    COUNTRY: 'GB', PHONE: null, PRICE_LEVEL: 'RTL', CREDIT_LIMIT: '0.00', CREATED_AT: at, MODIFIED: at,
  }];
  let n = 0;
  for (const p of people(opts.customers ?? 20, (opts.seed ?? 7) + 2000)) {
    n++;
    customers.push({
      ACCOUNT_CODE: `C${n}`, NAME: `${p.firstName} ${p.lastName}`, COMPANY: null, EMAIL: p.email, STREET: p.address1,
      TOWN: p.city, POSTCODE: p.postcode, COUNTRY: p.country, PHONE: p.phone, PRICE_LEVEL: 'RTL', CREDIT_LIMIT: '500.00', CREATED_AT: at, MODIFIED: at,
    });
  }
  return [
    ['DOC_COUNTERS', [
      { COUNTER_ID: 'INV', PREFIX: 'IN', LAST_NO: 100000, MODIFIED: at },
      { COUNTER_ID: 'CUST', PREFIX: 'C', LAST_NO: n, MODIFIED: at },
    ]],
    ['REGISTERS', [
      { REGISTER_ID: 1, BRANCH_CODE: 'SHOP', REGISTER_NAME: 'Till 1 (High Street)' },
      { REGISTER_ID: 2, BRANCH_CODE: 'WH1', REGISTER_NAME: 'Web orders desk (warehouse)' },
    ]],
    ['REGISTER_SESSIONS', [
      { REGISTER_ID: 1, OPENED_AT: '2026-05-31 08:00:00.000', OPENED_BY: 'ANNA', CLOSED_AT: '2026-05-31 18:05:00.000' },
      { REGISTER_ID: 1, OPENED_AT: at, OPENED_BY: 'ANNA', CLOSED_AT: null },
    ]],
    ['TENDER_TYPES', [
      { TENDER_CODE: 'CASH', DESCRIPTION: 'Cash', WEB_METHOD: 'cod' },
      { TENDER_CODE: 'CARD', DESCRIPTION: 'Card', WEB_METHOD: 'stripe' },
      { TENDER_CODE: 'BANK', DESCRIPTION: 'Bank transfer', WEB_METHOD: 'bacs' },
      { TENDER_CODE: 'PPAL', DESCRIPTION: 'PayPal', WEB_METHOD: 'ppcp-gateway' },
      { TENDER_CODE: 'WEB', DESCRIPTION: 'Other web payment', WEB_METHOD: null },
    ]],
    ['CUSTOMERS', customers],
  ];
}
