/**
 * Customers: WordPress users with the `customer` role, plus the administrator every store has
 * (listed with `role=all`). Guests who order are never users. E-mail addresses are unique without
 * regard to letter case, as WordPress's email_exists() compares them.
 */
import { createHash } from 'node:crypto';
import { formatWcDate } from './clock';
import { blankBilling, blankShipping, type BillingAddress, type OrderMeta, type ShippingAddress } from './order-model';
import { defineStateSlot, type EmuState } from './state';

export interface CustomerRecord {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  role: string;
  username: string;
  billing: BillingAddress;
  shipping: ShippingAddress;
  isPayingCustomer: boolean;
  meta: OrderMeta[];
  dateCreated: number;
  /** WooCommerce's `last_update`: null for a user WooCommerce never saved (the administrator). */
  dateModified: number | null;
}

interface CustomerStore {
  customers: Map<number, CustomerRecord>;
  /** The administrator as a user record, made on first use so reset() brings it back fresh. */
  admin: CustomerRecord | null;
}

const customerStore = defineStateSlot<CustomerStore>('customers', () => ({ customers: new Map(), admin: null }));

/** The administrator's user record (WordPress user 1 in the empty store). */
export function adminRecord(state: EmuState): CustomerRecord {
  const store = customerStore(state);
  if (!store.admin) {
    const now = state.now();
    store.admin = {
      id: state.admin.id,
      email: state.admin.email,
      firstName: '',
      lastName: '',
      role: state.admin.role,
      username: state.admin.username,
      billing: blankBilling(),
      shipping: blankShipping(),
      isPayingCustomer: false,
      meta: [],
      dateCreated: now,
      dateModified: null,
    };
  }
  return store.admin;
}

/** Every user the store has, administrator first, in id order. */
export function allUsers(state: EmuState): CustomerRecord[] {
  return [adminRecord(state), ...[...customerStore(state).customers.values()].sort((a, b) => a.id - b.id)];
}

/** The user with this id (the administrator included), if any. */
export function findUser(state: EmuState, id: number): CustomerRecord | undefined {
  if (id === state.admin.id) return adminRecord(state);
  return customerStore(state).customers.get(id);
}

/** The user whose account e-mail equals this one in any letter case, other than `exceptId`. */
export function findUserByEmail(state: EmuState, email: string, exceptId = 0): CustomerRecord | undefined {
  const wanted = email.trim().toLowerCase();
  return allUsers(state).find((u) => u.id !== exceptId && u.email.toLowerCase() === wanted);
}

/** The user with this login name (case-insensitive, like MySQL's default collation). */
export function findUserByUsername(state: EmuState, username: string): CustomerRecord | undefined {
  const wanted = username.toLowerCase();
  return allUsers(state).find((u) => u.username.toLowerCase() === wanted);
}

/** Stores a new customer under a fresh user id and returns it. */
export function insertCustomer(state: EmuState, customer: Omit<CustomerRecord, 'id'>): CustomerRecord {
  const record: CustomerRecord = { ...customer, id: state.nextId('user') };
  customerStore(state).customers.set(record.id, record);
  return record;
}

/** Deletes a customer for good (the administrator cannot be deleted this way). */
export function removeCustomer(state: EmuState, id: number): boolean {
  return customerStore(state).customers.delete(id);
}

/**
 * wc_paying_customer: after a payment or a completed order, the order's registered customer is
 * marked as paying (once; the user record is saved then).
 */
export function markPayingCustomer(state: EmuState, customerId: number): void {
  const user = customerId > 0 ? findUser(state, customerId) : undefined;
  if (!user || user.isPayingCustomer) return;
  user.isPayingCustomer = true;
  user.dateModified = state.now();
}

/**
 * The username WooCommerce derives from an e-mail when none is given (wc_create_new_customer_username
 * without names): the local part, sanitised and lower-cased; the domain for generic local parts;
 * a numeric suffix while taken.
 */
export function usernameFromEmail(state: EmuState, email: string): string {
  const [local = '', domain = ''] = email.split('@');
  const generic = ['sales', 'hello', 'mail', 'contact', 'info'];
  const source = generic.includes(local.toLowerCase()) ? domain : local;
  const base = sanitizeUser(source).toLowerCase() || 'user';
  let candidate = base;
  for (let n = 1; findUserByUsername(state, candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

/** sanitize_user in strict mode: only letters, digits, space and `_ . - @` survive. */
export function sanitizeUser(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/[^a-zA-Z0-9 _.\-@]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Gravatar address for an e-mail (presentation only; WordPress hashes the trimmed lower-case address). */
export function avatarUrl(email: string): string {
  const hash = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
  return `https://secure.gravatar.com/avatar/${hash}?s=96&d=mm&r=g`;
}

/** The REST shape of a customer (wc/v3), with its links. */
export function customerView(c: CustomerRecord, base: string): Record<string, unknown> {
  const b = c.billing;
  const s = c.shipping;
  return {
    id: c.id,
    date_created: formatWcDate(c.dateCreated),
    date_created_gmt: formatWcDate(c.dateCreated),
    date_modified: c.dateModified === null ? null : formatWcDate(c.dateModified),
    date_modified_gmt: c.dateModified === null ? null : formatWcDate(c.dateModified),
    email: c.email,
    first_name: c.firstName,
    last_name: c.lastName,
    role: c.role,
    username: c.username,
    billing: {
      first_name: b.first_name,
      last_name: b.last_name,
      company: b.company,
      address_1: b.address_1,
      address_2: b.address_2,
      city: b.city,
      postcode: b.postcode,
      country: b.country,
      state: b.state,
      email: b.email,
      phone: b.phone,
    },
    shipping: {
      first_name: s.first_name,
      last_name: s.last_name,
      company: s.company,
      address_1: s.address_1,
      address_2: s.address_2,
      city: s.city,
      postcode: s.postcode,
      country: s.country,
      state: s.state,
      phone: s.phone,
    },
    is_paying_customer: c.isPayingCustomer,
    avatar_url: avatarUrl(c.email),
    meta_data: c.meta.map((m) => ({ id: m.id, key: m.key, value: m.value })),
    _links: {
      self: [
        {
          href: `${base}/wp-json/wc/v3/customers/${c.id}`,
          targetHints: { allow: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
        },
      ],
      collection: [{ href: `${base}/wp-json/wc/v3/customers` }],
    },
  };
}
