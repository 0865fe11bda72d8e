/**
 * The Tillbridge Stock Guard plugin's routes (connectors/woocommerce/stock-guard/, namespace
 * `wc-tillbridge-stock-guard/v1`, WooCommerce's API keys): whether the store has it, and stock
 * moves applied by it as one conditional SQL statement each, so no checkout that commits meanwhile
 * is overwritten (WooCommerce's `inventory_delta` is read-add-save in PHP: real-store-facts.md).
 *
 * The catalogue (woo-catalog.ts) asks `usable()` before a write; the answer is kept for
 * `recheckMs`, and a moves request the store no longer routes (plugin removed) or refuses as
 * switched off forgets it at once, so the same write falls back to `inventory_delta`.
 */
import type { StoreStockGuardInfo } from '../core/store-stock-guard';
import type { WooClient } from './woo-client';
import { StoreError } from './woo-errors';

/** The plugin's REST namespace; the `wc-` prefix is what lets WooCommerce's API keys authenticate it. */
export const STOCK_GUARD_NAMESPACE = 'wc-tillbridge-stock-guard/v1';

/** One move: add `delta` units to a product's or variation's stock as the store holds it. */
export interface StockMove {
  id: number;
  delta: number;
}

/** What the plugin answered for one move: the stock it left and the item's fields, or the item's error. */
export type StockMoveResult =
  | { ok: true; id: number; stockQuantity: number | null; product: unknown }
  | { ok: false; id: number; error: StoreError };

/** Tests shorten or fake time; the store is asked again after `recheckMs` so switching the plugin on or off takes effect by itself. */
export interface WooStockGuardOptions {
  /** How long a status answer is trusted before asking again (default 5 minutes). */
  recheckMs?: number;
  now?: () => number;
}

/** Detects the plugin and sends moves to it. */
export class WooStockGuard {
  #known: StoreStockGuardInfo | null = null;
  #knownAt = 0;
  #requests = 0;
  readonly #recheckMs: number;
  readonly #now: () => number;

  constructor(private readonly client: WooClient, options: WooStockGuardOptions = {}) {
    this.#recheckMs = options.recheckMs ?? 5 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  /** The last status found, or null before the first look. */
  known(): StoreStockGuardInfo | null {
    return this.#known;
  }

  /** Requests made so far (the catalogue adds them to its count). */
  requestCount(): number {
    return this.#requests;
  }

  /**
   * Asks the store (GET …/status). Never throws: a store without the plugin answers 404
   * `rest_no_route`, and any other failure means "not usable now" in words.
   */
  async status(signal?: AbortSignal): Promise<StoreStockGuardInfo> {
    const checkedAt = new Date(this.#now()).toISOString();
    let info: StoreStockGuardInfo;
    let definite = true;
    try {
      this.#requests++;
      const body = await this.client.get<Record<string, unknown>>('status', { namespace: STOCK_GUARD_NAMESPACE, maxRetries: 1, signal });
      const version = typeof body.version === 'string' ? body.version : null;
      const enabled = body.enabled === true;
      const name = version ? `Tillbridge Stock Guard ${version}` : 'Tillbridge Stock Guard';
      info = {
        installed: true, enabled, version, checkedAt,
        message: enabled
          ? `${name} is installed and on: stock moves are applied atomically and checkouts cannot oversell.`
          : `${name} is installed but switched off (WooCommerce → Settings → Products → Tillbridge Stock Guard); stock moves use WooCommerce's own updates.`,
      };
    } catch (e) {
      const error = e instanceof StoreError ? e : undefined;
      const absent = error !== undefined && (error.code === 'rest_no_route' || error.status === 404);
      definite = absent;
      info = {
        installed: false, enabled: false, version: null, checkedAt,
        message: absent
          ? 'The Tillbridge Stock Guard plugin is not installed (optional): stock moves use WooCommerce\'s own updates, and the store\'s checkouts can oversell under load.'
          : `Could not ask the store about the Tillbridge Stock Guard plugin (${(e as Error).message}); stock moves use WooCommerce's own updates for now.`,
      };
    }
    this.#known = info;
    // Only a clear answer is kept; after a failed question the next write asks again.
    this.#knownAt = definite ? this.#now() : Number.NEGATIVE_INFINITY;
    return info;
  }

  /** True when moves should go through the plugin: asks the store when the last answer is older than `recheckMs`. */
  async usable(): Promise<boolean> {
    if (!this.#known || this.#now() - this.#knownAt >= this.#recheckMs) await this.status();
    return this.#known!.enabled;
  }

  /**
   * Sends moves (at most 100, the plugin's limit) in one request. Returns null when the plugin
   * is gone or switched off (nothing was applied: the caller falls back); throws the StoreError
   * of a failed request otherwise (a lost answer has `writeMayHaveHappened`).
   */
  async applyMoves(moves: readonly StockMove[], signal?: AbortSignal): Promise<StockMoveResult[] | null> {
    if (moves.length === 0) return [];
    let body: { results?: unknown };
    try {
      this.#requests++;
      body = await this.client.post<{ results?: unknown }>('moves', { moves: moves.map((m) => ({ id: m.id, delta: m.delta })) }, { namespace: STOCK_GUARD_NAMESPACE, signal });
    } catch (e) {
      if (e instanceof StoreError && !e.writeMayHaveHappened && (e.code === 'rest_no_route' || e.code === 'tbsg_disabled')) {
        this.#known = null; // ask again next time
        return null;
      }
      throw e;
    }
    const results = Array.isArray(body.results) ? body.results : [];
    return moves.map((m, i) => parseResult(m, results[i]));
  }
}

function parseResult(move: StockMove, raw: unknown): StockMoveResult {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (r.ok === true) {
    const q = r.stock_quantity;
    return { ok: true, id: move.id, stockQuantity: typeof q === 'number' && Number.isFinite(q) ? q : null, product: r.product };
  }
  const e = (typeof r.error === 'object' && r.error !== null ? r.error : {}) as Record<string, unknown>;
  const data = (typeof e.data === 'object' && e.data !== null ? e.data : {}) as Record<string, unknown>;
  const code = typeof e.code === 'string' ? e.code : 'tillbridge_invalid_response';
  const status = typeof data.status === 'number' ? data.status : undefined;
  return {
    ok: false,
    id: move.id,
    error: new StoreError({
      summary: typeof e.message === 'string' ? `the Stock Guard plugin refused the stock move: ${e.message}` : 'the Stock Guard plugin gave no answer for this stock move.',
      hint: code === 'tbsg_stock_not_managed'
        ? 'Turn on "Manage stock" for the product in WooCommerce, or let Tillbridge write its stock once.'
        : 'Tillbridge reads the stock again and retries on the next pass.',
      retryable: code === 'tillbridge_invalid_response' || code === 'tbsg_db_error' || code === 'tbsg_error',
      // The plugin applied the statement and failed afterwards: the move may be in the stock.
      ...(code === 'tbsg_error' ? { writeMayHaveHappened: true } : {}),
      code,
      ...(status !== undefined ? { status } : {}),
      item: { productId: move.id },
      request: { method: 'POST', path: `${STOCK_GUARD_NAMESPACE}/moves` },
    }),
  };
}
