/**
 * Creating and updating customers with WooCommerce's checks, in its order: the account e-mail's
 * format (customer_invalid_email), then registration rules — an e-mail already used by any user in
 * any letter case (registration-error-email-exists), a taken username — and for updates the REST
 * controller's own rules (another user's e-mail → woocommerce_rest_customer_invalid_email,
 * usernames are not editable).
 */
import {
  findUserByEmail,
  findUserByUsername,
  insertCustomer,
  sanitizeUser,
  usernameFromEmail,
  type CustomerRecord,
} from './customer-model';
import { isEmail, isObject } from './order-input';
import { blankBilling, blankShipping, setMeta } from './order-model';
import { invalidParams, restError, type EmuResponse } from './router';
import type { EmuState } from './state';

export type CustomerResult = { ok: true; customer: CustomerRecord } | { ok: false; response: EmuResponse };

const ADDRESS_KEYS = ['first_name', 'last_name', 'company', 'address_1', 'address_2', 'city', 'state', 'postcode', 'country', 'phone'];

/** Schema checks on the nested addresses (billing e-mail format), as WordPress runs them first. */
export function checkCustomerAddresses(input: Record<string, unknown>): EmuResponse | null {
  const billing = input.billing;
  if (isObject(billing) && typeof billing.email === 'string' && billing.email !== '' && !isEmail(billing.email)) {
    return invalidParams({ billing: { code: 'rest_invalid_email', message: 'Invalid email address.' } });
  }
  return null;
}

/** POST /customers (the `email` argument is known to be present). */
export function createCustomer(state: EmuState, input: Record<string, unknown>): CustomerResult {
  const email = String(input.email ?? '').trim();
  if (email !== '' && !isEmail(email)) return refuse('customer_invalid_email', 'Invalid email address');
  if (email === '' || !isEmail(email)) return refuse('registration-error-invalid-email', 'Please provide a valid email address.');
  if (findUserByEmail(state, email)) {
    return refuse('registration-error-email-exists', `An account is already registered with ${email}. Please log in or use a different email address.`);
  }
  let username: string;
  if (typeof input.username === 'string' && input.username.trim() !== '') {
    username = sanitizeUser(input.username);
    if (username === '') return refuse('registration-error-invalid-username', 'Please enter a valid account username.');
    if (findUserByUsername(state, username)) {
      return refuse('registration-error-username-exists', 'An account is already registered with that username. Please choose another.');
    }
  } else username = usernameFromEmail(state, email);
  const now = state.now();
  const customer = insertCustomer(state, {
    email,
    firstName: '',
    lastName: '',
    role: 'customer',
    username,
    billing: blankBilling(),
    shipping: blankShipping(),
    isPayingCustomer: false,
    meta: [],
    dateCreated: now,
    dateModified: now,
  });
  const passwordGiven = typeof input.password === 'string' && input.password !== '';
  if (!passwordGiven) setMeta(state, customer.meta, 'customer_meta', 'default_password_nag', '1');
  applyFields(state, customer, input);
  return { ok: true, customer };
}

/** PUT/POST/PATCH /customers/{id} on an existing user. */
export function updateCustomer(state: EmuState, customer: CustomerRecord, input: Record<string, unknown>): CustomerResult {
  const email = typeof input.email === 'string' ? input.email : '';
  if (email !== '' && findUserByEmail(state, email) && email !== customer.email) {
    return refuse('woocommerce_rest_customer_invalid_email', 'Email address is invalid.');
  }
  if (typeof input.username === 'string' && input.username !== '' && input.username !== customer.username) {
    return refuse('woocommerce_rest_customer_invalid_argument', "Username isn't editable.");
  }
  if (email !== '') {
    if (!isEmail(email)) return refuse('customer_invalid_email', 'Invalid email address');
    customer.email = email;
  }
  applyFields(state, customer, input);
  customer.dateModified = state.now();
  return { ok: true, customer };
}

/** Names, addresses (only the keys sent; the rest stay) and meta. */
function applyFields(state: EmuState, c: CustomerRecord, input: Record<string, unknown>): void {
  if (typeof input.first_name === 'string') c.firstName = input.first_name;
  if (typeof input.last_name === 'string') c.lastName = input.last_name;
  if (isObject(input.billing)) {
    for (const key of [...ADDRESS_KEYS, 'email']) if (typeof input.billing[key] === 'string') (c.billing as unknown as Record<string, string>)[key] = input.billing[key];
  }
  if (isObject(input.shipping)) {
    for (const key of ADDRESS_KEYS) if (typeof input.shipping[key] === 'string') (c.shipping as unknown as Record<string, string>)[key] = input.shipping[key];
  }
  if (Array.isArray(input.meta_data)) {
    for (const m of input.meta_data) {
      if (!isObject(m) || typeof m.key !== 'string') continue;
      setMeta(state, c.meta, 'customer_meta', m.key, m.value === undefined ? null : m.value, typeof m.id === 'number' ? m.id : undefined);
    }
  }
}

function refuse(code: string, message: string): CustomerResult {
  return { ok: false, response: restError(code, message, 400) };
}
