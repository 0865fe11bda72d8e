/**
 * The values an export statement may bind, by scope: every step sees the order's values (plus
 * the profile's parameters and what earlier steps captured); a line step also sees that line's
 * values, a charge step that charge's, and so on. The names here are the documented contract
 * (PROFILES.md lists them); the rules check every :name of a profile against them before a
 * single order is sent. Money stays an exact decimal string, dates become the POS's local
 * wall-clock text, flags become 1/0 so the same SQL works on every engine.
 */
import { addMoney, divideMoney, subtractMoney } from '../core/money';
import type { PosAddress, PosOrder, PosOrderCharge, PosOrderLine, PosOrderTax } from '../core/pos-order';
import type { StepListName } from './profile-export';
import type { SqlParamValue } from './drivers/sql-params';
import { COUNTRY_NAMES } from './country-names';

/** Values by :name; profile parameters may be lists (e.g. locations). */
export type Values = Record<string, SqlParamValue>;

const ADDRESS_FIELDS = ['FirstName', 'LastName', 'Company', 'Address1', 'Address2', 'City', 'State', 'Postcode', 'Country', 'Phone'] as const;

/** Names bound for every statement of an order (customer, header, lines... finish). */
export const ORDER_VALUE_NAMES: readonly string[] = [
  'reference', 'storeOrderId', 'currency', 'pricesIncludeTax',
  'createdAt', 'createdDate', 'paidAt', 'completedAt', 'now', 'today',
  'note', 'paymentMethod', 'paymentTitle', 'transactionId',
  'itemsSubtotal', 'discountTotal', 'shippingTotal', 'feeTotal', 'taxTotal', 'total', 'netTotal',
  'lineCount', 'itemCount', 'couponCodes',
  'customerKind', 'email', 'firstName', 'lastName', 'company', 'fullName', 'webAccount', 'storeCustomerId',
  ...ADDRESS_FIELDS.map((f) => `billing${f}`),
  ...ADDRESS_FIELDS.map((f) => `shipping${f}`),
  'billingCountryCode', 'shippingCountryCode',
];

/** How countries are spelt for the POS (`export.countries`, `export.countryNames`). */
export interface CountryOptions {
  countries: 'code' | 'name';
  countryNames: Readonly<Record<string, string>>;
}

/**
 * A WooCommerce country code as the POS spells it: the profile's own spelling, else (with
 * "name") the built-in English name, else the code as sent. An unknown code stays as it is.
 */
export function countryFor(code: string, opts: CountryOptions): string {
  const key = code.trim().toUpperCase();
  if (key === '') return code;
  const own = Object.prototype.hasOwnProperty.call(opts.countryNames, key) ? opts.countryNames[key] : undefined;
  if (own !== undefined) return own;
  if (opts.countries === 'name') return COUNTRY_NAMES[key] ?? code;
  return code;
}

/** Extra names per repeated step list (order and finish run once and add none). */
export const ITEM_VALUE_NAMES: Readonly<Record<StepListName, readonly string[]>> = {
  order: [],
  finish: [],
  line: ['lineNo', 'sku', 'name', 'quantity', 'unitPrice', 'subtotal', 'discount', 'lineTotal', 'tax', 'lineGross', 'netUnitPrice'],
  charge: ['chargeNo', 'lineNo', 'kind', 'name', 'amount', 'tax', 'gross'],
  discount: ['discountNo', 'code', 'amount', 'tax'],
  tax: ['taxNo', 'code', 'label', 'amount', 'shippingAmount', 'taxAmount'],
  payment: ['paymentNo', 'method', 'title', 'transactionId', 'amount'],
};

/** The statements outside the step lists and the names each binds besides the order's. */
export const LOOKUP_VALUE_NAMES = {
  findInvoice: ['reference'],
  knownSkusList: ['skus', 'upperSkus'],
  knownSkusOne: ['sku', 'upperSku'],
} as const;

/** The name every customer statement list must end up capturing. */
export const CUSTOMER_ID = 'customerId';

/** Values of the order, computed once per export. `now` is the moment of the export. */
export function orderValues(order: PosOrder, now: Date, timeZone: string | undefined,
  countries: CountryOptions = { countries: 'code', countryNames: {} }): Values {
  const c = order.customer;
  const t = order.totals;
  const v: Values = {
    reference: order.reference,
    storeOrderId: order.storeOrderId,
    currency: order.currency,
    pricesIncludeTax: order.pricesIncludeTax ? 1 : 0,
    createdAt: wallClock(order.createdAt, timeZone),
    createdDate: wallClock(order.createdAt, timeZone)?.slice(0, 10) ?? null,
    paidAt: wallClock(order.paidAt, timeZone),
    completedAt: wallClock(order.completedAt, timeZone),
    now: wallClock(now.toISOString(), timeZone),
    today: wallClock(now.toISOString(), timeZone)?.slice(0, 10) ?? null,
    note: order.note,
    paymentMethod: order.payment.method,
    paymentTitle: order.payment.title,
    transactionId: order.payment.transactionId,
    itemsSubtotal: t.itemsSubtotal,
    discountTotal: t.discount,
    shippingTotal: t.shipping,
    feeTotal: t.fees,
    taxTotal: t.tax,
    total: t.total,
    netTotal: subtractMoney(t.total, t.tax),
    lineCount: order.lines.length,
    itemCount: order.lines.reduce((n, l) => n + l.quantity, 0),
    couponCodes: order.discounts.map((d) => d.code).join(', '),
    customerKind: c.kind === 'by-email' ? 'email' : 'web-account',
    email: c.email ?? null,
    firstName: c.name.firstName,
    lastName: c.name.lastName,
    company: c.name.company,
    fullName: [c.name.firstName, c.name.lastName].map((s) => s.trim()).filter(Boolean).join(' ') || c.name.company.trim(),
    webAccount: c.kind === 'web-account' ? c.account : null,
    storeCustomerId: c.kind === 'by-email' ? c.storeCustomerId : null,
  };
  addAddress(v, 'billing', c.billing);
  addAddress(v, 'shipping', c.shipping);
  v.billingCountryCode = c.billing.country;
  v.shippingCountryCode = c.shipping.country;
  v.billingCountry = countryFor(c.billing.country, countries);
  v.shippingCountry = countryFor(c.shipping.country, countries);
  return v;
}

/** One product line; `index` counts from 0. */
export function lineValues(line: PosOrderLine, index: number): Values {
  return {
    lineNo: index + 1,
    sku: line.sku,
    name: line.name,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    subtotal: line.subtotal,
    discount: line.discount,
    lineTotal: line.lineTotal,
    tax: line.tax,
    lineGross: addMoney(line.lineTotal, line.tax),
    netUnitPrice: divideMoney(line.lineTotal, line.quantity),
  };
}

/** Shipping lines first, then fees; :lineNo continues after the product lines. */
export function chargeValues(order: PosOrder): Values[] {
  const all: [string, PosOrderCharge][] = [
    ...order.shipping.map((s): [string, PosOrderCharge] => ['shipping', s]),
    ...order.fees.map((f): [string, PosOrderCharge] => ['fee', f]),
  ];
  return all.map(([kind, ch], i) => ({
    chargeNo: i + 1, lineNo: order.lines.length + i + 1, kind, name: ch.name, amount: ch.total, tax: ch.tax, gross: addMoney(ch.total, ch.tax),
  }));
}

export function discountValues(order: PosOrder): Values[] {
  return order.discounts.map((d, i) => ({ discountNo: i + 1, code: d.code, amount: d.amount, tax: d.tax }));
}

export function taxValues(order: PosOrder): Values[] {
  return order.taxes.map((t: PosOrderTax, i) => ({
    taxNo: i + 1, code: t.code, label: t.label, amount: t.amount, shippingAmount: t.shippingAmount, taxAmount: addMoney(t.amount, t.shippingAmount),
  }));
}

/** A web order is paid once, in full, by its payment method. */
export function paymentValues(order: PosOrder): Values[] {
  return [{ paymentNo: 1, method: order.payment.method, title: order.payment.title, transactionId: order.payment.transactionId, amount: order.totals.total }];
}

/** True when a value counts as present for `when`: not null, not '', not a zero amount. */
export function isPresent(value: SqlParamValue | undefined): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value === null || value === undefined || value === '' || value === false) return false;
  if (typeof value === 'number' || typeof value === 'bigint') return Number(value) !== 0;
  if (typeof value === 'string' && /^\s*[+-]?0*(\.0*)?\s*$/.test(value) && /\d/.test(value)) return false;
  return true;
}

/**
 * A UTC ISO time as the POS's wall clock: "YYYY-MM-DD HH:MM:SS.mmm" in `timeZone` (default:
 * this computer's zone, where the POS usually runs). null stays null.
 */
export function wallClock(iso: string | null, timeZone: string | undefined): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(d).map((p) => [p.type, p.value]));
  const ms = String(d.getUTCMilliseconds()).padStart(3, '0');
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}.${ms}`;
}

function addAddress(v: Values, prefix: 'billing' | 'shipping', a: PosAddress): void {
  for (const f of ADDRESS_FIELDS) {
    const key = (f.charAt(0).toLowerCase() + f.slice(1)) as keyof PosAddress;
    v[`${prefix}${f}`] = a[key];
  }
}
