/**
 * Control endpoints for the order side, meant to sit beside the others under /__emulator/ (never
 * reachable through /wp-json): simulate a shopper's checkout, and run the hold-stock cron.
 *
 *   POST /__emulator/checkout       {"lines":[{"sku":"A","quantity":2}],"status":"processing"}
 *        → 201 {"id":…,"status":"processing","total":"20.00"} or 409 {"error":"Not enough units …"}
 *   POST /__emulator/cancel-unpaid  → 200 {"cancelled":[ids]}
 */
import { cancelUnpaidOrders, placeCheckoutOrder, type CheckoutOptions } from './order-checkout';
import { formatAmount } from './order-money';
import type { EmuResponse } from './router';
import type { EmuState } from './state';

/** Answers `POST /__emulator/checkout` and `/cancel-unpaid`; null for any other control route. */
export function handleOrderControl(route: string, body: unknown, state: EmuState): EmuResponse | null {
  if (route === 'POST /__emulator/cancel-unpaid') return { status: 200, body: { cancelled: cancelUnpaidOrders(state) } };
  if (route !== 'POST /__emulator/checkout') return null;
  const options = body as Partial<CheckoutOptions> | null;
  if (!options || !Array.isArray(options.lines) || options.lines.length === 0) {
    return { status: 400, body: { error: 'checkout needs {"lines":[{"sku" or "productId"/"variationId", "quantity"}], "status"?}' } };
  }
  const result = placeCheckoutOrder(state, options as CheckoutOptions);
  if (!result.ok) return { status: 409, body: { error: result.error } };
  const o = result.order;
  return { status: 201, body: { id: o.id, status: o.status, total: formatAmount(o.total), created_via: o.createdVia } };
}
