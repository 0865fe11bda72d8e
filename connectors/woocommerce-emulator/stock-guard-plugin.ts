/**
 * The Tillbridge Stock Guard WordPress plugin (connectors/woocommerce/stock-guard/) as the emulator
 * offers it when told the plugin is installed (`startEmulator({ stockGuardPlugin: true })`,
 * `emu.stockGuardPlugin.set(...)` or `POST /__emulator/stock-guard-plugin`):
 *
 * - `GET /wp-json/wc-tillbridge-stock-guard/v1/status` → `{plugin, version, enabled, …}`;
 * - `POST /wp-json/wc-tillbridge-stock-guard/v1/moves` `{moves: [{id | sku, delta} | {…, set, if_current}]}`
 *   → `{results: [{ok, index, id, stock_quantity, product} | {ok: false, index, id, error}]}`,
 *   each move applied in one step (the emulator's `inventory_delta` race never touches them);
 *   409 `tbsg_disabled` while switched off;
 * - while installed and on, a shopper's checkout checks and takes its stock in one step even with
 *   the checkout race switched on (the plugin's per-product lock and conditional decrement).
 *
 * Without the plugin both routes answer 404 `rest_no_route`, as a store without it does. Both need
 * WooCommerce's API keys (its `wc-` namespace rule); moves, a write, need a read/write key.
 */
import { productJson, variationJson } from './product-view';
import { adjustStock, findBySku, stockOwner, setStock } from './product-model';
import { restError, type EmuRequest, type EmuResponse, type Route, type RouteAccess } from './router';
import { linkBase } from './route-products';
import type { EmuState } from './state';

export const STOCK_GUARD_VERSION = '1.0.0';
const NAMESPACE = '/wc-tillbridge-stock-guard/v1';
const MAX_MOVES = 100;

export interface StockGuardPluginSettings {
  installed: boolean;
  /** The plugin's off switch (WooCommerce → Settings → Products). */
  enabled: boolean;
  version: string;
}

/** The plugin's presence and switch for one emulator; `reset` returns to the startup settings. */
export class StockGuardPlugin {
  private current: StockGuardPluginSettings;
  private readonly initial: StockGuardPluginSettings;

  constructor(initial: boolean | Partial<StockGuardPluginSettings> = false) {
    const given = typeof initial === 'boolean' ? { installed: initial } : initial;
    this.initial = { installed: false, enabled: true, version: STOCK_GUARD_VERSION, ...given };
    this.current = { ...this.initial };
  }

  get settings(): Readonly<StockGuardPluginSettings> {
    return this.current;
  }

  /** Installed and switched on: moves are served and checkouts are atomic. */
  get active(): boolean {
    return this.current.installed && this.current.enabled;
  }

  set(change: Partial<StockGuardPluginSettings>): Readonly<StockGuardPluginSettings> {
    this.current = { ...this.current, ...change };
    return this.current;
  }

  reset(): void {
    this.current = { ...this.initial };
  }

  /** Checks and applies a control body; an error message when it is not acceptable. */
  setFromControl(body: unknown): string | null {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'stock-guard-plugin takes a JSON object';
    const b = body as Record<string, unknown>;
    const change: Partial<StockGuardPluginSettings> = {};
    for (const key of ['installed', 'enabled'] as const) {
      if (b[key] === undefined) continue;
      if (typeof b[key] !== 'boolean') return `${key} must be true or false`;
      change[key] = b[key];
    }
    if (b.version !== undefined) {
      if (typeof b.version !== 'string' || b.version === '') return 'version must be a non-empty string';
      change.version = b.version;
    }
    const unknown = Object.keys(b).filter((k) => !['installed', 'enabled', 'version'].includes(k));
    if (unknown.length > 0) return `unknown stock-guard-plugin setting(s): ${unknown.join(', ')}`;
    this.set(change);
    return null;
  }
}

const plugins = new WeakMap<EmuState, StockGuardPlugin>();

/** Ties a plugin switch to a store (the server does this once). */
export function attachStockGuardPlugin(state: EmuState, plugin: StockGuardPlugin): void {
  plugins.set(state, plugin);
}

/** The store's plugin switch (absent: never installed). */
export function stockGuardPluginOf(state: EmuState): StockGuardPlugin | undefined {
  return plugins.get(state);
}

function noRoute(): EmuResponse {
  return restError('rest_no_route', 'No route was found matching the URL and request method.', 404);
}

/** Without the plugin anyone learns there is no such route; with it, the product edit right is needed. */
function access(_req: EmuRequest, state: EmuState): RouteAccess {
  return stockGuardPluginOf(state)?.settings.installed ? 'edit' : 'public';
}

function status(req: EmuRequest, state: EmuState): EmuResponse {
  const plugin = stockGuardPluginOf(state);
  if (!plugin?.settings.installed) return noRoute();
  const { enabled, version } = plugin.settings;
  return { status: 200, body: { plugin: 'tillbridge-stock-guard', version, enabled, atomic_moves: true, checkout_guard: enabled, max_moves: MAX_MOVES } };
}

function moves(req: EmuRequest, state: EmuState): EmuResponse {
  const plugin = stockGuardPluginOf(state);
  if (!plugin?.settings.installed) return noRoute();
  if (!plugin.settings.enabled) {
    return restError('tbsg_disabled', 'Tillbridge Stock Guard is switched off in WooCommerce → Settings → Products → Tillbridge Stock Guard.', 409);
  }
  const list = (req.body as { moves?: unknown } | undefined)?.moves;
  if (!Array.isArray(list)) return restError('rest_invalid_param', 'moves must be a list of moves.', 400);
  if (list.length > MAX_MOVES) return restError('rest_invalid_param', `At most ${MAX_MOVES} moves a request.`, 413);
  return { status: 200, body: { results: list.map((m, index) => applyMove(req, state, index, m)) } };
}

function itemError(index: number, id: unknown, code: string, message: string, status: number): Record<string, unknown> {
  return { ok: false, index, id: Number.isSafeInteger(id) ? id : null, error: { code, message, data: { status } } };
}

/** One move, all in one synchronous step (the emulator's equivalent of the plugin's conditional UPDATE). */
function applyMove(req: EmuRequest, state: EmuState, index: number, raw: unknown): Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return itemError(index, null, 'tbsg_invalid_move', 'A move must be an object.', 400);
  const m = raw as Record<string, unknown>;
  const id = Number.isSafeInteger(m.id) && (m.id as number) > 0 ? (m.id as number) : 0;
  const sku = typeof m.sku === 'string' && m.sku.trim() !== '' ? m.sku.trim() : '';
  if (!id && !sku) return itemError(index, m.id, 'tbsg_invalid_move', 'A move needs a positive integer id or a non-empty sku.', 400);
  const hasDelta = 'delta' in m;
  if (hasDelta === 'set' in m) return itemError(index, m.id, 'tbsg_invalid_move', 'A move carries either delta, or set with if_current.', 400);
  if (hasDelta && !Number.isSafeInteger(m.delta)) return itemError(index, m.id, 'tbsg_invalid_move', 'delta must be a whole number.', 400);
  if (!hasDelta && (!Number.isSafeInteger(m.set) || !Number.isSafeInteger(m.if_current))) {
    return itemError(index, m.id, 'tbsg_invalid_move', 'set and if_current must both be whole numbers.', 400);
  }
  const product = id ? state.products.get(id) : findBySku(state, sku);
  if (!product || product.status === 'trash') return itemError(index, m.id, 'tbsg_not_found', 'No product or variation has this id or SKU.', 404);
  const owner = stockOwner(state, product.id);
  if (!owner) return itemError(index, product.id, 'tbsg_stock_not_managed', 'The store does not manage this product\'s stock; write an absolute stock_quantity with manage_stock first.', 409);
  if (!hasDelta && (owner.stockQuantity ?? 0) !== m.if_current) {
    return { ...itemError(index, product.id, 'tbsg_stock_changed', 'The stock was no longer the value given in if_current; nothing was changed.', 409), stock_quantity: owner.stockQuantity };
  }
  const stock = hasDelta ? adjustStock(state, owner.id, m.delta as number) : setStock(state, owner.id, m.set as number);
  const at = linkBase(req);
  const json = product.type === 'variation' ? variationJson(state, product, 'edit', at) : productJson(state, product, 'edit', at);
  const fields = ['id', 'parent_id', 'type', 'sku', 'status', 'regular_price', 'sale_price', 'date_on_sale_from_gmt', 'date_on_sale_to_gmt', 'manage_stock', 'stock_quantity'];
  return { ok: true, index, id: product.id, stock_quantity: stock, product: Object.fromEntries(fields.map((f) => [f, json[f]])) };
}

/** The plugin's routes (they answer 404 rest_no_route while the plugin is not installed). */
export const stockGuardRoutes: Route[] = [
  { method: 'GET', pattern: `${NAMESPACE}/status`, handler: status, access },
  { method: 'POST', pattern: `${NAMESPACE}/moves`, handler: moves, access },
];
