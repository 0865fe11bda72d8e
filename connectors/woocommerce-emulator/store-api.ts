/**
 * The shopper side of WooCommerce: a small part of the Store API under /wp-json/wc/store/v1, with no
 * REST keys. `GET /cart` answers with `Cart-Token` and `Nonce` headers; with both,
 * `POST /cart/add-item` {id, quantity} fills that cart and `POST /checkout` {billing_address,
 * shipping_address, payment_method} turns it into an order (created_via "store-api") through the
 * same checkout code as everything else (order-checkout.ts: stock check, hold, payment step). With
 * the checkout race on (races.ts) the checkout waits between its stock check and its stock reduction.
 */
import { randomBytes } from 'node:crypto';
import type { CheckoutOptions, CheckoutOutcome } from './order-checkout';
import type { BillingAddress, ShippingAddress } from './order-model';
import { toMicros } from './order-money';
import { productTitle, stockHolder } from './order-products';
import { heldStock } from './order-reservations';
import { currentPrice, type ProductRecord } from './product-model';
import { runDueScheduledSales } from './product-cron';
import { racingCheckout, type Races } from './races';
import { restError, type EmuResponse } from './router';
import { defineStateSlot, type EmuState } from './state';

interface Cart {
  token: string;
  nonce: string;
  /** Product or variation id → quantity, in the order added. */
  items: Map<number, number>;
}

const carts = defineStateSlot('store-api-carts', () => new Map<string, Cart>());

/** Enabled gateways of the measured store and the status each leaves a new order in. */
const GATEWAYS: Record<string, CheckoutOutcome> = { cod: 'processing', cheque: 'on-hold' };

export interface StoreApiRequest {
  method: string;
  /** The route after /wp-json, e.g. `/wc/store/v1/cart`. */
  route: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  base: string;
}

/** True for routes this module answers (the Store API namespace). */
export function isStoreApiRoute(route: string): boolean {
  return /^\/wc\/store\/v1(\/|$)/i.test(route);
}

/** Answers one Store API request (may wait inside the checkout race window). */
export async function handleStoreApi(req: StoreApiRequest, state: EmuState, races: Races): Promise<EmuResponse> {
  // A shopper's request runs due cron work too (WordPress runs it on any request): the daily sales job.
  runDueScheduledSales(state);
  const path = req.route.replace(/\/+$/, '').toLowerCase();
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  const token = header(req.headers, 'cart-token');
  const known = token ? carts(state).get(token) : undefined;
  const cart = known ?? newCart(state);
  const answer = await route(method, path, req, cart, state, races);
  return { ...answer, headers: { ...answer.headers, 'Cart-Token': cart.token, Nonce: cart.nonce } };
}

async function route(method: string, path: string, req: StoreApiRequest, cart: Cart, state: EmuState, races: Races): Promise<EmuResponse> {
  if (method === 'GET' && path === '/wc/store/v1/cart') return { status: 200, body: cartBody(state, cart) };
  const post = method === 'POST';
  if (!(post && (path === '/wc/store/v1/cart/add-item' || path === '/wc/store/v1/checkout'))) {
    return restError('rest_no_route', 'No route was found matching the URL and request method.', 404);
  }
  const nonce = header(req.headers, 'nonce') ?? header(req.headers, 'x-wc-store-api-nonce');
  if (!nonce) return restError('woocommerce_rest_missing_nonce', 'Missing the Nonce header. This endpoint requires a valid nonce.', 401);
  if (nonce !== cart.nonce) return restError('woocommerce_rest_invalid_nonce', 'Nonce is invalid.', 403);
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = req.rawBody.trim() === '' ? {} : JSON.parse(req.rawBody);
    body = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return restError('rest_invalid_json', 'Invalid JSON body passed.', 400);
  }
  return path.endsWith('/add-item') ? addItem(state, cart, body) : checkout(req, state, cart, body, races);
}

function addItem(state: EmuState, cart: Cart, body: Record<string, unknown>): EmuResponse {
  const id = Number(body.id);
  const quantity = body.quantity === undefined ? 1 : Number(body.quantity);
  if (!Number.isInteger(quantity) || quantity < 1) return restError('rest_invalid_param', 'Invalid parameter(s): quantity', 400, { params: { quantity: 'quantity must be a positive whole number.' } });
  const product = Number.isInteger(id) ? state.products.get(id) : undefined;
  if (!product || product.status === 'trash') return restError('woocommerce_rest_cart_invalid_product', 'This product cannot be added to the cart.', 400);
  const name = productTitle(state, product);
  if (product.status !== 'publish' || currentPrice(state, product) === '' || product.type === 'variable' || product.type === 'grouped' || product.type === 'external') {
    return restError('woocommerce_rest_product_not_purchasable', `The &quot;${name}&quot; product cannot be purchased.`, 400);
  }
  const wanted = (cart.items.get(product.id) ?? 0) + quantity;
  const available = availableUnits(state, product);
  if (available !== null && available <= 0) {
    return restError('woocommerce_rest_product_out_of_stock', `You cannot add &quot;${name}&quot; to the cart because the product is out of stock.`, 400);
  }
  if (available !== null && wanted > available) {
    return restError('woocommerce_rest_product_partially_out_of_stock', `You cannot add that amount of &quot;${name}&quot; to the cart because there is not enough stock (${available} remaining).`, 400);
  }
  cart.items.set(product.id, wanted);
  return { status: 201, body: cartBody(state, cart) };
}

/** Units a shopper may still buy (stock minus holds), or null when there is no limit. */
function availableUnits(state: EmuState, product: ProductRecord): number | null {
  const holder = stockHolder(state, product);
  if (!holder) return product.stockStatus === 'outofstock' ? 0 : null;
  if (holder.backorders !== 'no') return null;
  return (holder.stockQuantity ?? 0) - heldStock(state, holder.id);
}

async function checkout(req: StoreApiRequest, state: EmuState, cart: Cart, body: Record<string, unknown>, races: Races): Promise<EmuResponse> {
  if (cart.items.size === 0) return restError('woocommerce_rest_cart_empty', 'Cannot create order from empty cart.', 400);
  const method = typeof body.payment_method === 'string' ? body.payment_method : '';
  const outcome = GATEWAYS[method];
  if (!outcome) return restError('woocommerce_rest_checkout_invalid_payment_method', 'The selected payment method is not available.', 400);
  const billing = addressOf(body.billing_address) as Partial<BillingAddress>;
  const shipping = addressOf(body.shipping_address) as Partial<ShippingAddress>;
  const options: CheckoutOptions = {
    lines: [...cart.items].map(([productId, quantity]) => ({ productId, quantity })),
    status: outcome,
    paymentMethod: method,
    billing,
    shipping,
    createdVia: 'store-api',
  };
  const placed = await racingCheckout(state, races, options);
  if (!placed.ok) return restError('woocommerce_rest_cart_error', placed.error, 409);
  cart.items.clear();
  const o = placed.order;
  return {
    status: 200,
    body: {
      order_id: o.id,
      status: o.status,
      order_key: o.orderKey,
      order_number: String(o.id),
      customer_note: o.customerNote,
      customer_id: o.customerId,
      billing_address: o.billing,
      shipping_address: o.shipping,
      payment_method: o.paymentMethod,
      payment_result: {
        payment_status: 'success',
        payment_details: [],
        redirect_url: `${req.base}/checkout/order-received/${o.id}/?key=${o.orderKey}`,
      },
    },
  };
}

function addressOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (typeof v === 'string') out[k] = v;
  return out;
}

function newCart(state: EmuState): Cart {
  const cart: Cart = { token: `emu_cart_${randomBytes(16).toString('hex')}`, nonce: randomBytes(5).toString('hex'), items: new Map() };
  carts(state).set(cart.token, cart);
  return cart;
}

/** Store API money: a string in minor units (cents for USD). */
function minor(micros: bigint): string {
  return (micros / 10_000n).toString();
}

const CURRENCY = { currency_code: 'USD', currency_symbol: '$', currency_minor_unit: 2 };

function cartBody(state: EmuState, cart: Cart): Record<string, unknown> {
  let totalMicros = 0n;
  let count = 0;
  const items = [...cart.items].flatMap(([id, quantity]) => {
    const p = state.products.get(id);
    if (!p) return [];
    const line = toMicros(currentPrice(state, p)) * BigInt(quantity);
    totalMicros += line;
    count += quantity;
    return [
      {
        key: `emu${id}`,
        id,
        quantity,
        name: productTitle(state, p),
        sku: p.sku,
        prices: { price: minor(toMicros(currentPrice(state, p))), regular_price: minor(toMicros(p.regularPrice)), sale_price: minor(toMicros(currentPrice(state, p))), ...CURRENCY },
        totals: { line_subtotal: minor(line), line_subtotal_tax: '0', line_total: minor(line), line_total_tax: '0', ...CURRENCY },
      },
    ];
  });
  return {
    items,
    items_count: count,
    needs_payment: totalMicros > 0n,
    needs_shipping: items.length > 0,
    totals: { total_items: minor(totalMicros), total_items_tax: '0', total_shipping: '0', total_tax: '0', total_price: minor(totalMicros), ...CURRENCY },
    errors: [],
  };
}

function header(headers: StoreApiRequest['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
