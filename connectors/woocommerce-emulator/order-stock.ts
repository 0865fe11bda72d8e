/**
 * What orders do to product stock — the part of WooCommerce the allocation flow must agree with.
 *
 * The rules, as WooCommerce 10 core implements them (read in woocommerce/woocommerce:
 * includes/wc-stock-functions.php, includes/class-wc-order.php, includes/admin/wc-admin-functions.php,
 * the wc/v2+v3 orders REST controllers, includes/wc-order-functions.php; issues #26716, #51002,
 * #44085, #51024 and PRs #47784, #50606, #53618 for the REST line-item behaviour):
 *
 * 1. Stock moves only for lines whose product (or variation, or the parent a variation defers to)
 *    manages stock, and only while the store manages stock (the recorded store does). Unmanaged
 *    products never move and never appear in notes.
 * 2. Entering `processing`, `completed` or `on-hold` reduces stock (wc_maybe_reduce_stock_levels on
 *    woocommerce_order_status_{status}), and so does payment completion (`set_paid`). It runs only
 *    when the order's `_order_stock_reduced` flag is unset, then sets the flag — even when nothing
 *    was reducible. Each reduced line records `_reduced_stock` = its quantity and is skipped when it
 *    already carries one. One system note lists the changes: "Stock levels reduced: Name (SKU) 50&rarr;48, …"
 *    (the &rarr; entity is stored literally). This hook runs before the status-change note is written.
 * 3. Entering `cancelled` or `pending` restores stock when the flag is set (wc_maybe_increase_stock_levels):
 *    each line gets back its `_reduced_stock`, the meta is removed, the flag is cleared, and a note
 *    "Stock levels increased: Name (SKU) 48&rarr;50" is written.
 * 4. `refunded` and `failed` do nothing to stock. Setting `refunded` creates a refund for the
 *    remaining total without restocking; the flag stays set, so a later `cancelled` still restores.
 *    `failed` → `processing` reduces (the flag is unset if it never reduced). A refund created
 *    through POST /orders/{id}/refunds with `api_restock` puts the refunded quantities of lines that
 *    took stock back, lowering their `_reduced_stock` (wc_restock_refunded_items, order-refund-write.ts).
 * 5. Trashing or deleting an order never restores stock (WooCommerce issue #26716, kept on purpose).
 * 6. Orders created through REST start as `pending` and hold no stock; a create with a status of
 *    processing/on-hold/completed, or with `set_paid`, transitions from pending and so reduces.
 *    REST orders are never checked against available stock: stock may go negative.
 * 7. Checkout orders (created_via "checkout") are checked against stock minus other checkouts'
 *    reservations and reserve their lines for the hold-stock window (60 minutes in the recorded
 *    store) while pending; the reservation is released when they reach a paid status or are
 *    cancelled, and unpaid ones are cancelled after the window (see order-checkout.ts).
 * 8. Editing line items through REST on an order whose current status is processing, completed or
 *    on-hold adjusts stock by the difference to `_reduced_stock` and notes "Adjusted stock: Item (8&rarr;6)"
 *    (attributed to the API user); removing a line (quantity 0 with its id) gives its reduced stock
 *    back in any status, without a note.
 */
import { addOrderNote } from './note-model';
import { deleteMeta, getMeta, setMeta, type LineItemRecord, type OrderRecord } from './order-model';
import { formattedName, lineProduct, stockHolder } from './order-products';
import { adjustStock } from './product-model';
import type { EmuState } from './state';

/** A stock movement caused by one line: from/to are the stock holder's levels. */
export interface StockChange {
  from: number;
  to: number;
}

/** The `_reduced_stock` quantity a line carries (0 when none), read like wc_stock_amount does. */
export function reducedStockOf(item: LineItemRecord): number {
  return amount(getMeta(item.meta, '_reduced_stock'));
}

function amount(value: unknown): number {
  const n = typeof value === 'number' ? value : parseFloat(String(value ?? ''));
  return Number.isFinite(n) ? n : 0;
}

/** wc_reduce_stock_levels: takes stock for every managed line not yet reduced, with one note. */
export function reduceOrderStock(state: EmuState, order: OrderRecord): void {
  const parts: string[] = [];
  for (const item of order.lineItems) {
    const product = lineProduct(state, item);
    if (!product || reducedStockOf(item) !== 0) continue;
    const holder = stockHolder(state, product);
    if (!holder) continue;
    const qty = item.quantity;
    const to = adjustStock(state, holder.id, -qty);
    if (to === null) continue;
    setMeta(state, item.meta, 'item_meta', '_reduced_stock', String(qty));
    parts.push(`${formattedName(state, product)} ${to + qty}&rarr;${to}`);
  }
  if (parts.length > 0) addOrderNote(state, order.id, `Stock levels reduced: ${parts.join(', ')}`);
}

/** wc_increase_stock_levels: gives back what each line took, with one note. */
export function increaseOrderStock(state: EmuState, order: OrderRecord): void {
  const parts: string[] = [];
  for (const item of order.lineItems) {
    const reduced = reducedStockOf(item);
    const product = lineProduct(state, item);
    if (reduced === 0 || !product) continue;
    const holder = stockHolder(state, product);
    if (!holder) continue;
    const to = adjustStock(state, holder.id, reduced);
    if (to === null) continue;
    deleteMeta(item.meta, '_reduced_stock');
    parts.push(`${formattedName(state, product)} ${to - reduced}&rarr;${to}`);
  }
  if (parts.length > 0) addOrderNote(state, order.id, `Stock levels increased: ${parts.join(', ')}`);
}

/** wc_maybe_reduce_stock_levels: reduce once per order, guarded by `_order_stock_reduced`. */
export function maybeReduceOrderStock(state: EmuState, order: OrderRecord): void {
  if (order.stockReduced) return;
  reduceOrderStock(state, order);
  order.stockReduced = true;
}

/** wc_maybe_increase_stock_levels: restore only what a reduction took, then clear the flag. */
export function maybeIncreaseOrderStock(state: EmuState, order: OrderRecord): void {
  if (!order.stockReduced) return;
  increaseOrderStock(state, order);
  order.stockReduced = false;
}

/**
 * wc_maybe_adjust_line_item_product_stock: brings a line's taken stock in line with its quantity
 * (`quantity` 0 means the line is being removed). Returns the holder's levels, or null when nothing
 * moved.
 */
export function adjustLineStock(state: EmuState, order: OrderRecord, item: LineItemRecord, quantity = -1): StockChange | null {
  const product = lineProduct(state, item);
  const holder = product ? stockHolder(state, product) : undefined;
  if (!holder) return null;
  const qty = quantity >= 0 ? quantity : item.quantity;
  const already = reducedStockOf(item);
  const restocked = amount(getMeta(item.meta, '_restock_refunded_items'));
  const diff = qty === 0 ? -already : qty - restocked - already;
  if (diff === 0) return null;
  const to = adjustStock(state, holder.id, -diff);
  if (to === null) return null;
  setMeta(state, item.meta, 'item_meta', '_reduced_stock', String(qty - restocked));
  if (qty > 0) order.stockReduced = true;
  return { from: to + diff, to };
}
