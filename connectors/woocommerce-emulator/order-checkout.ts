/**
 * Live shop checkouts, for tests and the demo store: what happens when a shopper pays in the web
 * store (WC_Checkout + the payment gateway), as opposed to an order written through REST. A checkout
 * checks stock (minus what other pending checkouts hold), refuses to oversell products that do not
 * allow backorders, reserves the units while payment is pending, and then takes the stock through
 * the same status hooks as any order (order-stock.ts). `placeCheckoutOrder` runs in one synchronous
 * step, so concurrent checkouts are serialised; the Store API (store-api.ts) calls its two halves,
 * `checkCheckout` and `commitCheckout`, and with the checkout race on waits between them, so
 * concurrent checkouts can oversell as the real store does (races.ts).
 *
 * Equivalent over REST: `POST /orders` with `set_paid: true` (or a status of processing/on-hold/
 * completed) also takes stock at once, but never checks availability and never reserves.
 */
import { addOrderNote } from './note-model';
import { blankBilling, blankOrder, blankShipping, orderStore, type BillingAddress, type OrderRecord, type ShippingAddress } from './order-model';
import { changeStatus, paymentComplete, saveOrder } from './order-lifecycle';
import { microsToDecimal, toMicros } from './order-money';
import { productTitle, stockHolder, variationAttributes } from './order-products';
import { heldStock, HOLD_STOCK_MINUTES, releaseReservations, reserve } from './order-reservations';
import { calculateTotals } from './order-totals';
import { currentPrice, findBySku, type ProductRecord } from './product-model';
import { setMeta } from './order-model';
import type { EmuState } from './state';

/** One cart line: by SKU, or by product/variation id. */
export interface CheckoutLine {
  sku?: string;
  productId?: number;
  variationId?: number;
  quantity: number;
}

/**
 * What the payment step leaves the order in: `pending` (awaiting payment, units held for the
 * hold-stock window), `on-hold` (bank transfer, cheque), `processing` (paid by card, `completed`
 * when nothing needs shipping; cash on delivery sets `processing` directly, as WC_Gateway_COD does),
 * or `completed`.
 */
export type CheckoutOutcome = 'pending' | 'on-hold' | 'processing' | 'completed';

export interface CheckoutOptions {
  lines: CheckoutLine[];
  status?: CheckoutOutcome;
  paymentMethod?: string;
  billing?: Partial<BillingAddress>;
  customerId?: number;
  shipping?: Partial<ShippingAddress>;
  /** 'checkout' (default, the classic checkout) or 'store-api' (the block checkout, store-api.ts). */
  createdVia?: 'checkout' | 'store-api';
}

export type CheckoutResult = { ok: true; order: OrderRecord } | { ok: false; error: string };

/** Places one checkout order; refuses (nothing created) when a line cannot be bought. */
export function placeCheckoutOrder(state: EmuState, options: CheckoutOptions): CheckoutResult {
  const checked = checkCheckout(state, options);
  return checked.ok ? commitCheckout(state, checked.lines, options) : checked;
}

/** Lines that passed the checkout's checks, ready for `commitCheckout`. */
export type CheckedLines = { product: ProductRecord; quantity: number }[];

/**
 * The first half of a checkout: resolves the lines and runs the cart stock check. Nothing changes.
 * With the checkout race on (races.ts) the Store API waits between this and `commitCheckout`.
 */
export function checkCheckout(state: EmuState, options: CheckoutOptions): { ok: true; lines: CheckedLines } | { ok: false; error: string } {
  const resolved: CheckedLines = [];
  for (const line of options.lines) {
    const product = resolveLine(state, line);
    if (!product) return { ok: false, error: `Checkout refused: no product for line ${JSON.stringify(line)}.` };
    if (product.status !== 'publish' || currentPrice(state, product) === '' || product.type === 'variable') {
      return { ok: false, error: `Checkout refused: "${productTitle(state, product)}" cannot be purchased.` };
    }
    if (!Number.isInteger(line.quantity) || line.quantity < 1) return { ok: false, error: `Checkout refused: quantity ${line.quantity} is not a positive whole number.` };
    resolved.push({ product, quantity: line.quantity });
  }
  const problem = stockProblem(state, resolved);
  if (problem) return { ok: false, error: problem };
  return { ok: true, lines: resolved };
}

/**
 * The second half: creates the order, holds its stock and takes the payment step, which reduces
 * stock atomically (`stock = stock - qty`, as WooCommerce's SQL does) without checking it again.
 */
export function commitCheckout(state: EmuState, resolved: CheckedLines, options: CheckoutOptions): CheckoutResult {
  const order = blankOrder(state);
  order.createdVia = options.createdVia ?? 'checkout';
  order.paymentMethod = options.paymentMethod ?? 'bacs';
  order.customerId = options.customerId ?? 0;
  order.billing = { ...blankBilling(), ...options.billing };
  if (options.shipping) order.shipping = { ...blankShipping(), ...options.shipping };
  for (const { product, quantity } of resolved) {
    const total = microsToDecimal(toMicros(currentPrice(state, product)) * BigInt(quantity));
    const item = {
      type: 'line_item' as const,
      id: state.nextId('order_item'),
      name: productTitle(state, product),
      productId: product.type === 'variation' ? product.parentId : product.id,
      variationId: product.type === 'variation' ? product.id : 0,
      quantity,
      taxClass: '',
      subtotal: total,
      total,
      meta: [],
    };
    if (product.type === 'variation') for (const a of variationAttributes(product)) setMeta(state, item.meta, 'item_meta', a.key, a.value);
    order.lineItems.push(item);
  }
  calculateTotals(order);
  order.id = state.nextPostId();
  saveOrder(state, order, null);
  let held = false;
  for (const { product, quantity } of resolved) {
    const holder = stockHolder(state, product);
    if (holder) {
      reserve(state, order.id, holder.id, quantity);
      held = true;
    }
  }
  // The Store API notes the hold (as the measured store does); the classic checkout does not here.
  if (held && order.createdVia === 'store-api') addOrderNote(state, order.id, `Stock hold of ${HOLD_STOCK_MINUTES} minutes applied`);
  const outcome = options.status ?? 'processing';
  if (outcome === 'on-hold') changeStatus(state, order, 'on-hold');
  else if (outcome === 'processing' && order.paymentMethod === 'cod') {
    // WC_Gateway_COD::process_payment: update_status('processing'), not payment_complete.
    changeStatus(state, order, 'processing', { note: 'Payment to be made upon delivery.' });
  } else if (outcome === 'processing' || outcome === 'completed') {
    paymentComplete(state, order);
    if (outcome === 'completed' && order.status !== 'completed') changeStatus(state, order, 'completed');
  }
  return { ok: true, order };
}

function resolveLine(state: EmuState, line: CheckoutLine): ProductRecord | undefined {
  if (line.sku) return findBySku(state, line.sku);
  const id = line.variationId || line.productId;
  return id ? state.products.get(id) : undefined;
}

/**
 * The cart stock check: managed stock minus units other checkouts hold must cover the whole
 * quantity asked for each stock record, unless backorders are allowed; unmanaged products must
 * not be marked out of stock.
 */
function stockProblem(state: EmuState, lines: { product: ProductRecord; quantity: number }[]): string | null {
  const wanted = new Map<number, { holder: ProductRecord; name: string; quantity: number }>();
  for (const { product, quantity } of lines) {
    const holder = stockHolder(state, product);
    if (!holder) {
      if (product.stockStatus === 'outofstock') return `Sorry, "${productTitle(state, product)}" is not in stock.`;
      continue;
    }
    const entry = wanted.get(holder.id) ?? { holder, name: productTitle(state, product), quantity: 0 };
    entry.quantity += quantity;
    wanted.set(holder.id, entry);
  }
  for (const { holder, name, quantity } of wanted.values()) {
    if (holder.backorders !== 'no') continue;
    const available = (holder.stockQuantity ?? 0) - heldStock(state, holder.id);
    if (quantity > available) {
      return `Not enough units of ${name} are available in stock to fulfil this order (${Math.max(0, available)} available, ${quantity} wanted).`;
    }
  }
  return null;
}

/**
 * wc_cancel_unpaid_orders (WP-Cron, every hold-stock period): checkout orders still pending after
 * the hold-stock window are cancelled, which releases what they held. Returns the cancelled ids.
 */
export function cancelUnpaidOrders(state: EmuState): number[] {
  const cutoff = state.now() - HOLD_STOCK_MINUTES * 60;
  const cancelled: number[] = [];
  for (const order of orderStore(state).orders.values()) {
    if (order.status !== 'pending' || (order.createdVia !== 'checkout' && order.createdVia !== 'store-api') || order.dateModified >= cutoff) continue;
    changeStatus(state, order, 'cancelled', { note: 'Unpaid order cancelled - time limit reached.' });
    releaseReservations(state, order.id);
    cancelled.push(order.id);
  }
  return cancelled;
}
