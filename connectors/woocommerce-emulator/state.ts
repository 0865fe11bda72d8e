/**
 * The emulator's whole store, in memory: clock, id sequences, products (variations included),
 * categories, the administrator, and typed extension slots that other modules (orders, customers,
 * notes) own. One object per emulator; `reset()` empties it in place so every holder of the
 * reference sees the fresh store.
 */
import { type EmuClock, nowSeconds, wallClock } from './clock';
import type { ProductRecord } from './product-model';

/** The API keys the store knows. The read-only key may read but never write. */
export interface EmuKeys {
  ck: string;
  cs: string;
  ckRo: string;
  csRo: string;
}

/** A product category term (the empty store has only "Uncategorized"). */
export interface CategoryRecord {
  id: number;
  name: string;
  slug: string;
}

/** The WordPress administrator every empty store has; API keys belong to this user. */
export interface AdminUser {
  id: number;
  email: string;
  username: string;
  role: 'administrator';
}

/** What the empty store holds before any scenario: WooCommerce's default category and the admin. */
export const UNCATEGORIZED_ID = 15;
export const ADMIN_USER_ID = 1;

export interface EmuState {
  clock: EmuClock;
  keys: EmuKeys;
  /** Products and variations together, by id (both are WordPress posts; variations have parent_id). */
  products: Map<number, ProductRecord>;
  categories: Map<number, CategoryRecord>;
  admin: AdminUser;
  /** Store-wide wall time in whole seconds (the resolution of every WooCommerce date). */
  now(): number;
  /** WordPress's shared post id sequence: products, variations, orders, refunds, coupons. */
  nextPostId(): number;
  /** Independent sequences for everything else ('comment', 'order_item', 'meta', 'user', ...). */
  nextId(kind: string): number;
  /** Empties the store in place (keys and clock kept) and returns it. */
  reset(): EmuState;
  /** Extension storage; use `defineStateSlot` rather than touching this map. */
  readonly slots: Map<symbol, unknown>;
}

export interface CreateStateOptions {
  clock?: EmuClock;
  keys?: Partial<EmuKeys>;
}

/** Default keys, so a demo store and tests can start without configuration. */
export const DEFAULT_KEYS: EmuKeys = {
  ck: 'ck_emulator0000000000000000000000000000rw',
  cs: 'cs_emulator0000000000000000000000000000rw',
  ckRo: 'ck_emulator0000000000000000000000000000ro',
  csRo: 'cs_emulator0000000000000000000000000000ro',
};

const FIRST_POST_ID = 10;

/** Builds an empty store: only category "Uncategorized" and the admin user. */
export function createState(options: CreateStateOptions = {}): EmuState {
  let postSeq = FIRST_POST_ID - 1;
  const sequences = new Map<string, number>();
  const state: EmuState = {
    clock: options.clock ?? wallClock,
    keys: { ...DEFAULT_KEYS, ...options.keys },
    products: new Map(),
    categories: new Map(),
    admin: { id: ADMIN_USER_ID, email: 'admin@example.test', username: 'admin', role: 'administrator' },
    slots: new Map(),
    now: () => nowSeconds(state.clock),
    nextPostId: () => ++postSeq,
    nextId: (kind) => {
      const next = (sequences.get(kind) ?? 0) + 1;
      sequences.set(kind, next);
      return next;
    },
    reset: () => {
      postSeq = FIRST_POST_ID - 1;
      sequences.clear();
      sequences.set('user', ADMIN_USER_ID);
      state.products.clear();
      state.categories.clear();
      state.categories.set(UNCATEGORIZED_ID, { id: UNCATEGORIZED_ID, name: 'Uncategorized', slug: 'uncategorized' });
      state.slots.clear();
      return state;
    },
  };
  return state.reset();
}

/**
 * Declares a typed piece of store state owned by another module (orders, customers, notes):
 * `const orderSlot = defineStateSlot('orders', () => ({ byId: new Map<number, Order>() }))`,
 * then `orderSlot(state).byId`. The slot is created on first use and dropped by `reset()`, so
 * those modules never need to edit this file.
 */
export function defineStateSlot<T>(name: string, init: () => T): (state: EmuState) => T {
  const key = Symbol(name);
  return (state) => {
    if (!state.slots.has(key)) state.slots.set(key, init());
    return state.slots.get(key) as T;
  };
}
