/**
 * Oversell detection (pure). Whatever the cause — WooCommerce's own checkout race, a write race,
 * a till sale the POS had not reported yet, an order written through REST — a SKU is oversold when
 *   (a) the store's stock was read below zero: the store sold units it did not have; or
 *   (b) the units held by outstanding web orders (allocation: open, or not yet in the POS) exceed
 *       what the POS had for the web, max(0, on-hand − safety buffer): the web sold more than
 *       the POS had for it. Once the orders are exported the POS books them (its on-hand may go
 *       below 0, which the product flow reads as 0) and the oversell is the POS's to see.
 * The shortfall is the larger of the two: −store stock, and allocated − available. The orders
 * involved are the outstanding orders holding the SKU, newest last (allocation lists them in the
 * order the store created them). oversell-report.ts turns what this decides into one problem per
 * SKU (code `oversold`); its message depends only on the SKU, the shortfall and the orders, so the
 * same situation repeated on every pass stays one problem, and an acknowledged one stays closed.
 */
import type { AllocationEntry } from '../allocation/allocation';

export const OVERSOLD_CODE = 'oversold';

export interface OversellInput {
  /** The SKU as the POS spells it (the problem's item key). */
  sku: string;
  /** POS on-hand in the selected locations; null when not known in this pass. */
  onHand: number | null;
  safetyBuffer: number;
  /** Outstanding web orders holding the SKU (the allocation). */
  allocation: AllocationEntry;
  /** The lowest store stock read for the SKU in this pass; null when it was not read. */
  storeStock: number | null;
}

export interface Oversell {
  sku: string;
  /** Units missing: sold on the web without the POS having them for the web. */
  shortfall: number;
  /** Numbers of the outstanding orders holding the SKU, newest last. */
  orders: string[];
  /** What the POS had for the web (null when on-hand was not known). */
  available: number | null;
  allocated: number;
  storeStock: number | null;
}

/** The oversell of one SKU, or null when there is none. */
export function detectOversell(input: OversellInput): Oversell | null {
  const allocated = wholeUnits(input.allocation.allocated);
  const available = input.onHand === null || !Number.isFinite(input.onHand) ? null : forWeb(Math.floor(input.onHand), Math.max(0, Math.floor(input.safetyBuffer)));
  const overAllocated = available === null ? 0 : allocated - available;
  const belowZero = input.storeStock === null || !Number.isFinite(input.storeStock) ? 0 : -Math.ceil(input.storeStock);
  const shortfall = Math.max(0, overAllocated, belowZero);
  if (shortfall === 0) return null;
  const orders = [...new Set(input.allocation.orders.map((o) => o.number))];
  return { sku: input.sku, shortfall, orders, available, allocated, storeStock: input.storeStock };
}

/** The problem's words: stable for the same situation (no times, no store value that moves by itself). */
export function oversellProblem(o: Oversell): { code: string; message: string; hint: string } {
  const units = o.shortfall === 1 ? '1 unit' : `${o.shortfall} units`;
  const orders = o.orders.map((n) => `#${n}`);
  const held = orders.length === 0 ? 'no open web order holds it any more'
    : `order${orders.length === 1 ? '' : 's'} ${orders.join(', ')} hold${orders.length === 1 ? 's' : ''} it`;
  const last = orders.at(-1);
  return {
    code: OVERSOLD_CODE,
    message: `${o.sku} is oversold by ${units}: more was sold on the web than the POS had for the web (${held}).`,
    hint: `Check the shelf for ${o.sku}. If the goods are not there, contact the customer of ${last ? `the last order (${last})` : 'the last order'}` +
      ' and adjust the stock in the POS; then press Ignore to acknowledge this problem.',
  };
}

/** What the POS has for the web: on-hand − buffer, never below 0 (negative POS stock is the POS's own matter: nothing to sell online). */
function forWeb(onHand: number, buffer: number): number {
  return Math.max(0, onHand - buffer);
}

function wholeUnits(n: number): number {
  return Number.isFinite(n) ? Math.max(0, Math.round(n)) : 0;
}
