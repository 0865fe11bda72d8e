/**
 * Who oversold: the store itself, or Tillbridge? Decided from outside the engine, so it works on a
 * real store (pure: the suite feeds it what it read through the REST API and the POS).
 *
 * - A checkout round: the SKU's stock S0 is read just before the simultaneous checkouts fire and
 *   `accepted` of them go through. The POS does not change during a round, so Tillbridge can only
 *   lower or keep the store's stock; whatever was accepted beyond max(0, S0) the store sold on
 *   its own (WooCommerce's checkout race): max(0, accepted − max(0, S0)).
 * - Per SKU: excess = web units sold (orders pending, processing, on-hold or completed) − what the
 *   POS had for the web (on-hand before those orders − safety buffer). What the store's own
 *   rounds do not explain was added by Tillbridge: max(0, excess − the store's own).
 * - Detected: Tillbridge opened an `oversold` problem naming the SKU (at any time in the run).
 */

export interface CheckoutRound {
  round: number;
  sku: string;
  /** The store's stock_quantity read just before the checkouts fired. */
  s0: number;
  attempted: number;
  accepted: number;
}

export interface SkuBooks {
  sku: string;
  /** Units in the SKU's web orders in pending, processing, on-hold or completed. */
  webSold: number;
  /** POS on-hand before those orders (none of them is in the POS yet). */
  onHandBeforeOrders: number;
  safetyBuffer: number;
  /** Tillbridge opened an `oversold` problem for the SKU. */
  detected: boolean;
}

export interface SkuVerdict {
  sku: string;
  excess: number;
  byStore: number;
  byTillbridge: number;
  detected: boolean;
  /** Oversold (excess > 0) and not detected. */
  undetected: boolean;
}

/** Units the store sold beyond what it showed in one round. */
export function storeOversold(r: Pick<CheckoutRound, 's0' | 'accepted'>): number {
  return Math.max(0, r.accepted - Math.max(0, r.s0));
}

/** The verdict for one SKU, from its books and the rounds fired at it. */
export function judgeSku(books: SkuBooks, rounds: readonly CheckoutRound[]): SkuVerdict {
  const forWeb = books.onHandBeforeOrders - books.safetyBuffer;
  const excess = books.webSold - forWeb;
  const byStore = rounds.filter((r) => r.sku === books.sku).reduce((n, r) => n + storeOversold(r), 0);
  const byTillbridge = Math.max(0, excess - byStore);
  return { sku: books.sku, excess, byStore, byTillbridge, detected: books.detected, undetected: excess > 0 && !books.detected };
}
