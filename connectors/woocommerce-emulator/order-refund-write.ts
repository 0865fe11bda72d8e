/**
 * POST /orders/{id}/refunds (wc_create_refund behind WooCommerce's REST controller): an amount —
 * given, or the sum of the lines' `refund_total` — no larger than what is left to refund; refunded
 * lines recorded with negative quantities; `api_refund` (default true) asks the payment gateway,
 * which in this store always refuses (bank transfer, cheque and cash on delivery cannot refund),
 * leaving nothing behind; `api_restock` (default true) puts refunded quantities back into stock for
 * lines that took stock ("Item #12 stock increased from 8 to 9."); refunding everything sets the
 * order to `refunded`.
 */
import { addOrderNote } from './note-model';
import { isObject } from './order-input';
import { changeStatus } from './order-lifecycle';
import { getMeta, setMeta, type LineItemRecord, type OrderRecord, type RefundRecord } from './order-model';
import { microsToDecimal, toMicros } from './order-money';
import { lineProduct, stockHolder } from './order-products';
import { createRefund, refundedTotal } from './order-refunds';
import { reducedStockOf } from './order-stock';
import { adjustStock } from './product-model';
import { restError, type EmuResponse } from './router';
import type { EmuState } from './state';
import { isNumericString } from './wp-text';

/** Gateways the recorded store has; none of them can refund money through the API. */
const KNOWN_GATEWAYS = ['bacs', 'cheque', 'cod'];

interface RefundLine {
  qty: number;
  refundTotal: bigint;
}

export type RefundResult = { ok: true; refund: RefundRecord } | { ok: false; response: EmuResponse };

/** Creates a refund as the REST controller does; see the file comment for the rules. */
export function createRefundFromRequest(state: EmuState, order: OrderRecord, input: Record<string, unknown>, userId: number): RefundResult {
  const lines = refundLines(input.line_items);
  let amount: bigint;
  if (input.amount !== undefined && input.amount !== null) amount = toMicros(String(input.amount));
  else amount = [...lines.values()].reduce((sum, l) => sum + l.refundTotal, 0n);
  if (amount < 0n) return fail('woocommerce_rest_invalid_order_refund', 'Refund amount must be greater than zero.', 400);
  const remaining = toMicros(order.total) - refundedTotal(state, order.id);
  if (amount > remaining) return fail('woocommerce_rest_cannot_create_order_refund', 'Invalid refund amount.', 500);
  if (input.api_refund !== false) {
    const message = KNOWN_GATEWAYS.includes(order.paymentMethod)
      ? 'The payment gateway for this order does not support automatic refunds.'
      : 'The payment gateway for this order does not exist.';
    return fail('woocommerce_rest_cannot_create_order_refund', message, 500);
  }
  const reason = typeof input.reason === 'string' ? input.reason : '';
  const refundedBy = typeof input.refunded_by === 'number' && input.refunded_by > 0 ? input.refunded_by : userId;
  const refund = createRefund(state, order, amount, reason, refundedBy);
  for (const item of order.lineItems) {
    const line = lines.get(item.id);
    if (!line || (line.qty === 0 && line.refundTotal === 0n)) continue;
    refund.lineItems.push(refundedLine(state, item, line));
  }
  if (input.api_restock !== false) restock(state, order, lines);
  if (remaining - amount <= 0n) changeStatus(state, order, 'refunded');
  return { ok: true, refund };
}

/** The REST line list `[{id, quantity, refund_total}]` keyed by order item id. */
function refundLines(raw: unknown): Map<number, RefundLine> {
  const out = new Map<number, RefundLine>();
  if (!Array.isArray(raw)) return out;
  for (const entry of raw) {
    if (!isObject(entry)) continue;
    const id = Number(entry.id);
    if (!Number.isInteger(id) || id <= 0) continue;
    const qty = Math.trunc(Number(entry.quantity ?? entry.qty ?? 0)) || 0;
    const total = entry.refund_total;
    const refundTotal = typeof total === 'number' || (typeof total === 'string' && isNumericString(total)) ? toMicros(String(total)) : 0n;
    out.set(id, { qty, refundTotal });
  }
  return out;
}

function refundedLine(state: EmuState, item: LineItemRecord, line: RefundLine): LineItemRecord {
  const negative = microsToDecimal(-line.refundTotal);
  const copy: LineItemRecord = {
    ...item,
    id: state.nextId('order_item'),
    quantity: -line.qty,
    subtotal: negative,
    total: negative,
    meta: item.meta.filter((m) => !m.key.startsWith('_')).map((m) => ({ ...m, id: state.nextId('item_meta') })),
  };
  setMeta(state, copy.meta, 'item_meta', '_refunded_item_id', String(item.id));
  return copy;
}

/** wc_restock_refunded_items: refunded quantities go back for lines that took stock. */
function restock(state: EmuState, order: OrderRecord, lines: Map<number, RefundLine>): void {
  for (const item of order.lineItems) {
    const line = lines.get(item.id);
    const reduced = reducedStockOf(item);
    const product = lineProduct(state, item);
    const holder = product ? stockHolder(state, product) : undefined;
    if (!line || line.qty === 0 || reduced === 0 || !product || !holder) continue;
    const before = holder.stockQuantity ?? 0;
    const after = adjustStock(state, holder.id, line.qty);
    if (after === null) continue;
    const restocked = Number(getMeta(item.meta, '_restock_refunded_items') ?? 0) || 0;
    setMeta(state, item.meta, 'item_meta', '_reduced_stock', String(reduced - line.qty));
    setMeta(state, item.meta, 'item_meta', '_restock_refunded_items', String(restocked + line.qty));
    addOrderNote(state, order.id, `Item #${product.id} stock increased from ${before} to ${after}.`);
  }
}

function fail(code: string, message: string, status: number): RefundResult {
  return { ok: false, response: restError(code, message, status) };
}
