/**
 * WooCommerce's "hold stock" for checkouts (ReserveStock, table wc_reserved_stock): while a checkout
 * order waits for payment its lines are reserved for the hold-stock window, so other checkouts see
 * less available stock. Reservations never change `stock_quantity`; they only gate checkouts. REST
 * orders never reserve.
 */
import { defineStateSlot, type EmuState } from './state';

/** The recorded store's "Hold stock (minutes)" setting. */
export const HOLD_STOCK_MINUTES = 60;

interface Reservation {
  orderId: number;
  /** The record holding the stock (product, variation, or the parent managing a variation's stock). */
  stockId: number;
  quantity: number;
  expires: number;
}

const reservations = defineStateSlot('stock-reservations', () => [] as Reservation[]);

/** Units of a stock record held by unexpired reservations of orders other than `exceptOrderId`. */
export function heldStock(state: EmuState, stockId: number, exceptOrderId = 0): number {
  const now = state.now();
  return reservations(state)
    .filter((r) => r.stockId === stockId && r.orderId !== exceptOrderId && r.expires > now)
    .reduce((sum, r) => sum + r.quantity, 0);
}

/** Records (or replaces) an order's reservation of one stock record for the hold-stock window. */
export function reserve(state: EmuState, orderId: number, stockId: number, quantity: number): void {
  const list = reservations(state);
  const existing = list.find((r) => r.orderId === orderId && r.stockId === stockId);
  const expires = state.now() + HOLD_STOCK_MINUTES * 60;
  if (existing) {
    existing.quantity += quantity;
    existing.expires = expires;
  } else list.push({ orderId, stockId, quantity, expires });
}

/** wc_release_stock_for_order: drops every reservation of the order (paid, cancelled, or failed checkout). */
export function releaseReservations(state: EmuState, orderId: number): void {
  const list = reservations(state);
  for (let i = list.length - 1; i >= 0; i--) if (list[i]!.orderId === orderId) list.splice(i, 1);
}
