/**
 * Race switches: make the emulator lose the races the real store loses (real-store-facts.md), off
 * by default so the emulator otherwise serialises every write.
 *
 * - `checkout`: a Store API checkout checks stock, then waits `checkoutGapMs` (or the `gate`),
 *   then creates the order and decrements stock atomically (`stock = stock - qty`), so concurrent
 *   checkouts can all pass the check and sell below zero (WooCommerce issue 44273).
 * - `inventoryDelta`: a product/variation write carrying `inventory_delta` reads the stock when the
 *   request starts, waits `deltaGapMs` per item (or the `gate`), then saves read + delta, so a
 *   checkout that commits in between is overwritten (WooCommerce applies the delta in PHP).
 *
 * Set them with `startEmulator({ races })`, `emu.races.set(...)` or `POST /__emulator/races`.
 * Tests pass a `gate`: it is called when a request reaches the race window and the request waits
 * for the promise it returns, so a test orders the events without depending on machine speed.
 */
import { checkCheckout, commitCheckout, type CheckoutOptions, type CheckoutResult } from './order-checkout';
import { stockHolder } from './order-products';
import { heldStock } from './order-reservations';
import { stockGuardPluginOf } from './stock-guard-plugin';
import type { EmuState } from './state';

/** A request reached its race window: a checkout after its stock check, or one item of a delta write after its read. */
export interface RaceEvent {
  kind: 'checkout-checked' | 'delta-read';
  /** Stock records involved (product or variation ids) and the stock read or checked for each. */
  stock: Record<number, number | null>;
}

export interface RaceSettings {
  checkout: boolean;
  inventoryDelta: boolean;
  /** Wait between a checkout's stock check and its order/decrement. */
  checkoutGapMs: number;
  /** Wait between the stock read and the save of a single product/variation write (PUT). */
  deltaGapMs: number;
  /** The same per item of a batch (items are handled one after another, each with its own window). */
  deltaBatchGapMs: number;
  /** In-process only: when set, replaces the timed gaps; the request waits for the returned promise. */
  gate?: (event: RaceEvent) => Promise<void>;
}

/**
 * Default windows, from the real store's measured medians (`test/fixtures/woocommerce-timings.json`,
 * loopback, 2 cores; a test keeps these in step with that file). WooCommerce loads the product at
 * the start of handling an item and saves it at the end, so the window is about the item's cost:
 * a single stock PUT took 88.9 ms, an item of a 100-update batch 29.5 ms. A Store API checkout
 * checks stock, then creates the order with its lines, reserves and takes payment before its SQL
 * decrement: about one order create, 143 ms per order in a 100-order batch create.
 */
export const MEASURED_WINDOWS_MS = { singleWrite: 88.9, batchItem: 29.5, orderCreate: 143 } as const;

export function defaultRaces(): RaceSettings {
  return {
    checkout: false, inventoryDelta: false,
    checkoutGapMs: MEASURED_WINDOWS_MS.orderCreate, deltaGapMs: MEASURED_WINDOWS_MS.singleWrite, deltaBatchGapMs: MEASURED_WINDOWS_MS.batchItem,
  };
}

/** What one item of a delta write saw: the stock at its read and at its save. */
export interface DeltaWindow {
  read: number | null;
  atSave: number | null;
}

/** The race switches of one emulator, and what the races cost so far. */
export class Races {
  private current: RaceSettings;
  /** Units of checkouts a delta write overwrote, by stock record id (the store's read-add-save). */
  private readonly lostUnits = new Map<number, number>();

  constructor(private readonly initial: Partial<RaceSettings> = {}) {
    this.current = { ...defaultRaces(), ...initial };
  }

  get settings(): Readonly<RaceSettings> {
    return this.current;
  }

  /** Changes some switches or timings; returns the settings now in force. */
  set(change: Partial<RaceSettings>): Readonly<RaceSettings> {
    this.current = { ...this.current, ...change };
    return this.current;
  }

  /** Back to the startup settings, counters cleared (what `reset` does). */
  reset(): void {
    this.current = { ...defaultRaces(), ...this.initial };
    this.lostUnits.clear();
  }

  /** Checkout units lost to delta writes so far, by stock record id. */
  lost(): ReadonlyMap<number, number> {
    return this.lostUnits;
  }

  /** The settings as JSON (without the in-process gate), with the units lost so far. */
  toJSON(): Omit<RaceSettings, 'gate'> & { gate: boolean; lost: Record<number, number> } {
    const { gate, ...rest } = this.current;
    return { ...rest, gate: gate !== undefined, lost: Object.fromEntries(this.lostUnits) };
  }

  /** Checks and applies a control body; an error message when it is not acceptable. */
  setFromControl(body: unknown): string | null {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'races takes a JSON object';
    const b = body as Record<string, unknown>;
    const change: Partial<RaceSettings> = {};
    for (const key of ['checkout', 'inventoryDelta'] as const) {
      if (b[key] === undefined) continue;
      if (typeof b[key] !== 'boolean') return `${key} must be true or false`;
      change[key] = b[key];
    }
    for (const key of GAP_KEYS) {
      if (b[key] === undefined) continue;
      const n = b[key];
      if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return `${key} must be a number of milliseconds ≥ 0`;
      change[key] = n;
    }
    const unknown = Object.keys(b).filter((k) => !['checkout', 'inventoryDelta', ...GAP_KEYS].includes(k));
    if (unknown.length > 0) return `unknown race setting(s): ${unknown.join(', ')}`;
    this.set(change);
    return null;
  }

  /** Holds a request in its race window: the gate when set, else the timed gap. */
  async hold(event: RaceEvent, gapMs: number): Promise<void> {
    const gate = this.current.gate;
    if (gate) return gate(event);
    if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
  }

  /**
   * The read-add-save of a write carrying `inventory_delta`, item after item as WooCommerce handles
   * a batch: each item reads its stock, waits its window, and is saved. Returns, per id, what the
   * item read and what stood there at its save; the caller saves read + delta plus whatever
   * changed after the item's save, so only checkouts inside an item's own window are lost
   * (counted in `lost`).
   */
  async deltaWindows(ids: readonly number[], stockOf: (id: number) => number | null, batch: boolean): Promise<Map<number, DeltaWindow>> {
    const windows = new Map<number, DeltaWindow>();
    const gap = batch ? this.current.deltaBatchGapMs : this.current.deltaGapMs;
    for (const id of ids) {
      const read = stockOf(id);
      await this.hold({ kind: 'delta-read', stock: { [id]: read } }, gap);
      const atSave = stockOf(id);
      windows.set(id, { read, atSave });
      if (read !== null && atSave !== null && atSave < read) this.lostUnits.set(id, (this.lostUnits.get(id) ?? 0) + read - atSave);
    }
    return windows;
  }
}

const GAP_KEYS = ['checkoutGapMs', 'deltaGapMs', 'deltaBatchGapMs'] as const;

/** A checkout as the store runs it: the result, and per stock record the units it sold beyond what was available at its decrement. */
export type RacingCheckoutResult = CheckoutResult & { oversold?: Map<number, number> };

/**
 * A shopper's checkout with the checkout race as switched: stock check, then (race on) the window,
 * then the order and the atomic decrement. `oversold` names, per stock record, the units the
 * decrement took beyond what was available (stock − other holds) at that moment: what the store
 * sold by itself that it did not have. Without the race the check and the decrement are one step.
 */
export async function racingCheckout(state: EmuState, races: Races, options: CheckoutOptions): Promise<RacingCheckoutResult> {
  const checked = checkCheckout(state, options);
  if (!checked.ok) return checked;
  // The Stock Guard plugin, on, makes check and decrement one step per product (its lock and conditional decrement).
  if (races.settings.checkout && !stockGuardPluginOf(state)?.active) {
    const stock: Record<number, number | null> = {};
    for (const { product } of checked.lines) {
      const holder = stockHolder(state, product);
      if (holder) stock[holder.id] = holder.stockQuantity;
    }
    await races.hold({ kind: 'checkout-checked', stock }, races.settings.checkoutGapMs);
  }
  const wanted = new Map<number, number>();
  const available = new Map<number, number>();
  for (const { product, quantity } of checked.lines) {
    const holder = stockHolder(state, product);
    if (!holder || holder.backorders !== 'no') continue;
    wanted.set(holder.id, (wanted.get(holder.id) ?? 0) + quantity);
    available.set(holder.id, (holder.stockQuantity ?? 0) - heldStock(state, holder.id));
  }
  const placed = commitCheckout(state, checked.lines, options);
  if (!placed.ok) return placed;
  const oversold = new Map<number, number>();
  for (const [id, quantity] of wanted) {
    const beyond = quantity - Math.max(0, available.get(id) ?? 0);
    if (beyond > 0) oversold.set(id, beyond);
  }
  return oversold.size > 0 ? { ...placed, oversold } : placed;
}
