/**
 * Checks an order write (POST/PUT /orders) the way WordPress validates it against the orders
 * schema before WooCommerce sees it: wrong types, unknown statuses and malformed e-mails become
 * `400 rest_invalid_param` naming the parameter; integers given as strings are coerced. Batch items
 * skip these checks in WooCommerce, so callers can ask for the loose reading instead.
 */
import { invalidParams, type EmuResponse } from './router';
import { WRITABLE_STATUSES } from './order-model';
import { checkArgs, type ArgSchemas } from './wp-args';
import { isNumericString } from './wp-text';

/** The top-level writable properties of an order, as the schema types them (route `args`). */
export const ORDER_WRITE_ARGS: ArgSchemas = {
  parent_id: { type: 'integer' },
  created_via: { type: 'string' },
  status: { type: 'string', enum: WRITABLE_STATUSES },
  currency: { type: 'string' },
  customer_id: { type: 'integer' },
  customer_note: { type: 'string' },
  billing: { type: 'object' },
  shipping: { type: 'object' },
  payment_method: { type: 'string' },
  payment_method_title: { type: 'string' },
  transaction_id: { type: 'string' },
  meta_data: { type: 'array' },
  line_items: { type: 'array' },
  shipping_lines: { type: 'array' },
  fee_lines: { type: 'array' },
  coupon_lines: { type: 'array' },
  set_paid: { type: 'boolean' },
  manual_update: { type: 'boolean' },
};

type FieldType = 'string' | 'integer' | 'null' | 'array';

/**
 * Property types inside the nested objects WordPress also checks (names, product ids and shipping
 * methods are typed "mixed" in WooCommerce's schema, so anything goes there).
 */
const ADDRESS_FIELDS = ['first_name', 'last_name', 'company', 'address_1', 'address_2', 'city', 'state', 'postcode', 'country', 'phone'];
const LINE_FIELDS: Record<string, FieldType[]> = {
  id: ['integer'],
  variation_id: ['integer'],
  quantity: ['integer'],
  tax_class: ['string'],
  subtotal: ['string'],
  total: ['string'],
  sku: ['string'],
  meta_data: ['array'],
};
const SHIPPING_FIELDS: Record<string, FieldType[]> = {
  id: ['integer'],
  instance_id: ['string'],
  total: ['string'],
  meta_data: ['array'],
};
const FEE_FIELDS: Record<string, FieldType[]> = {
  id: ['integer'],
  tax_class: ['string'],
  tax_status: ['string'],
  total: ['string'],
  meta_data: ['array'],
};
const COUPON_FIELDS: Record<string, FieldType[]> = { id: ['integer'], meta_data: ['array'] };

interface Problem {
  code: string;
  message: string;
}

export type OrderBody = Record<string, unknown>;

/**
 * Validates and coerces a JSON order body. `body` that is not an object reads as empty (WordPress
 * ignores a body it cannot use). Returns the coerced values or the 400 answer.
 */
export function validateOrderBody(body: unknown): { ok: true; values: OrderBody } | { ok: false; response: EmuResponse } {
  const input = isObject(body) ? body : {};
  const checked = checkArgs(ORDER_WRITE_ARGS, input);
  if (!checked.ok) return checked;
  const values = checked.values;
  const problems: Record<string, Problem> = {};
  for (const key of ['billing', 'shipping'] as const) {
    if (!isObject(values[key])) continue;
    const p = checkAddress(values[key], key);
    if (p) problems[key] = p;
  }
  const lists: [string, Record<string, FieldType[]>][] = [
    ['line_items', LINE_FIELDS],
    ['shipping_lines', SHIPPING_FIELDS],
    ['fee_lines', FEE_FIELDS],
    ['coupon_lines', COUPON_FIELDS],
  ];
  for (const [key, fields] of lists) {
    if (!Array.isArray(values[key])) continue;
    const p = checkList(values[key], key, fields) ?? (key === 'fee_lines' ? checkFeeTaxStatus(values[key]) : null);
    if (p) problems[key] = p;
  }
  if (Array.isArray(values.meta_data)) {
    const p = checkList(values.meta_data, 'meta_data', { id: ['integer'], key: ['string'] });
    if (p) problems.meta_data = p;
  }
  if (Object.keys(problems).length > 0) return { ok: false, response: invalidParams(problems) };
  return { ok: true, values };
}

/** What a batch item gets instead: no checks, only the object shape. */
export function looseOrderBody(body: unknown): OrderBody {
  return isObject(body) ? { ...body } : {};
}

function checkAddress(address: Record<string, unknown>, name: string): Problem | null {
  for (const field of ADDRESS_FIELDS) {
    const v = address[field];
    if (v !== undefined && v !== null && typeof v !== 'string') {
      return { code: 'rest_invalid_type', message: `${name}[${field}] is not of type string.` };
    }
  }
  if (name === 'billing' && 'email' in address && address.email !== null) {
    const email = address.email;
    if (typeof email !== 'string') return { code: 'rest_invalid_type', message: `${name}[email] is not of type string,null.` };
    if (!isEmail(email)) return { code: 'rest_invalid_email', message: 'Invalid email address.' };
  }
  return null;
}

function checkList(list: unknown[], name: string, fields: Record<string, FieldType[]>): Problem | null {
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!isObject(item)) return { code: 'rest_invalid_type', message: `${name}[${i}] is not of type object.` };
    for (const [field, types] of Object.entries(fields)) {
      if (!(field in item)) continue;
      const coerced = coerceField(item[field], types);
      if (coerced === INVALID) {
        return { code: 'rest_invalid_type', message: `${name}[${i}][${field}] is not of type ${types.join(',')}.` };
      }
      item[field] = coerced;
    }
  }
  return null;
}

function checkFeeTaxStatus(list: unknown[]): Problem | null {
  for (let i = 0; i < list.length; i++) {
    const status = (list[i] as Record<string, unknown>).tax_status;
    if (typeof status === 'string' && status !== 'taxable' && status !== 'none') {
      return { code: 'rest_not_in_enum', message: `fee_lines[${i}][tax_status] is not one of taxable and none.` };
    }
  }
  return null;
}

const INVALID = Symbol('invalid');

function coerceField(value: unknown, types: FieldType[]): unknown {
  for (const type of types) {
    if (type === 'null' && value === null) return null;
    if (type === 'string' && typeof value === 'string') return value;
    if (type === 'array' && Array.isArray(value)) return value;
    if (type === 'integer') {
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      if (typeof value === 'string' && isNumericString(value) && Number.isInteger(Number(value))) return Math.trunc(Number(value));
    }
  }
  return INVALID;
}

/** WordPress's is_email, closely enough: local@domain with a dotted domain of letters, digits, dashes. */
export function isEmail(text: string): boolean {
  if (text.length < 6 || !text.includes('@')) return false;
  const at = text.lastIndexOf('@');
  const local = text.slice(0, at);
  const domain = text.slice(at + 1);
  if (!/^[a-zA-Z0-9!#$%&'*+/=?^_`{|}~.-]+$/.test(local)) return false;
  if (domain.includes('..') || /^[.]|[.]$/.test(domain)) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  return labels.every((l) => /^[a-zA-Z0-9-]+$/.test(l) && !l.startsWith('-') && !l.endsWith('-'));
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
