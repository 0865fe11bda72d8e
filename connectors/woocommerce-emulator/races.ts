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
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A request reached its race window: a checkout after its stock check, or a delta write after its read. */
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
  /** Wait per item between a delta write's stock read and its save. */
  deltaGapMs: number;
  /** In-process only: when set, replaces the timed gaps; the request waits for the returned promise. */
  gate?: (event: RaceEvent) => Promise<void>;
}

/** ~100 ms per product PUT as measured, unless the contract recordings carry their own median. */
export function defaultDeltaGapMs(root = process.cwd()): number {
  const file = join(root, 'test/fixtures/woocommerce-contract/timings.json');
  if (!existsSync(file)) return 100;
  try {
    const timings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    for (const [key, value] of Object.entries(timings)) {
      if (/product/i.test(key) && /put|update/i.test(key) && typeof value === 'number' && value > 0) return value;
    }
  } catch {
    // unreadable timings: keep the measured default
  }
  return 100;
}

/**
 * The checkout gap: the time a Store API checkout spends between its stock check and the stock
 * reduction (creating the order, its items and notes) — about one product write on the measured store.
 */
export const DEFAULT_CHECKOUT_GAP_MS = 100;

export function defaultRaces(): RaceSettings {
  return { checkout: false, inventoryDelta: false, checkoutGapMs: DEFAULT_CHECKOUT_GAP_MS, deltaGapMs: defaultDeltaGapMs() };
}

/** The race switches of one emulator. */
export class Races {
  private current: RaceSettings;

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

  /** Back to the startup settings (what `reset` does). */
  reset(): void {
    this.current = { ...defaultRaces(), ...this.initial };
  }

  /** The settings as JSON (without the in-process gate). */
  toJSON(): Omit<RaceSettings, 'gate'> & { gate: boolean } {
    const { gate, ...rest } = this.current;
    return { ...rest, gate: gate !== undefined };
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
    for (const key of ['checkoutGapMs', 'deltaGapMs'] as const) {
      if (b[key] === undefined) continue;
      const n = b[key];
      if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return `${key} must be a number of milliseconds ≥ 0`;
      change[key] = n;
    }
    const unknown = Object.keys(b).filter((k) => !['checkout', 'inventoryDelta', 'checkoutGapMs', 'deltaGapMs'].includes(k));
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
}
