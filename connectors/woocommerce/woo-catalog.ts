/**
 * The engine's StoreCatalogPort over the WooCommerce adapter: the product flow speaks in store refs,
 * neutral write shapes and write outcomes; this file turns them into SKU lookups and batch calls
 * (payloads: woo-product-payloads.ts), sorts WooCommerce's failures into the port's kinds, and
 * counts the requests they cost. With the Tillbridge Stock Guard plugin in the store, stock moves
 * go through it instead of `inventory_delta` (woo-stock-moves.ts).
 */
import type {
  ItemChange, NewProduct, NewVariation, StockTarget, StoreCatalogPort, StoreFailure, StoreItemRef, WriteOutcome,
} from '../core/store-catalog-port';
import { type ItemResult, MAX_BATCH_ITEMS } from './woo-batch';
import { failureKind } from './woo-error-classify';
import { StoreError } from './woo-errors';
import { productCreatePayload, updatePayload, variationCreatePayload } from './woo-product-payloads';
import { savedPostText } from './woo-saved-text';
import type { WooProductRef } from './woo-product-types';
import type { WooProducts } from './woo-products';
import type { WooStockGuard } from './woo-stock-guard';
import { updateWithStockGuard } from './woo-stock-moves';

export class WooCatalog implements StoreCatalogPort {
  /** WooCommerce's batch endpoints take at most 100 objects a request; woo-batch.ts splits there. */
  readonly writeBatchSize = MAX_BATCH_ITEMS;
  #requests = 0;

  /** `stockGuard`: the plugin's client; without it every move is sent as `inventory_delta`. */
  constructor(private readonly products: WooProducts, private readonly stockGuard?: WooStockGuard) {}

  async findBySkus(skus: readonly string[]): Promise<StoreItemRef[]> {
    if (skus.length === 0) return [];
    const lookup = await this.products.findBySkus(skus);
    this.#requests += lookup.requests;
    const seen = new Set<number>();
    const out: StoreItemRef[] = [];
    for (const refs of lookup.found.values()) for (const r of refs) if (!seen.has(r.id)) { seen.add(r.id); out.push(toRef(r)); }
    return out;
  }

  nameAsSaved(name: string): string {
    return savedPostText(name);
  }

  async getById(id: number): Promise<StoreItemRef | null> {
    this.#requests++;
    try {
      return toRef(await this.products.getProduct(id));
    } catch (e) {
      if (e instanceof StoreError && failureKind(e) === 'not-found') return null;
      throw e;
    }
  }

  async readStock(targets: readonly StockTarget[]): Promise<Map<number, number | null>> {
    const groups = new Map<number, number[]>(); // parent id (0: products) → ids
    for (const t of targets) groups.set(t.parentId ?? 0, [...(groups.get(t.parentId ?? 0) ?? []), t.id]);
    const out = new Map<number, number | null>();
    for (const [parentId, ids] of groups) {
      const r = await this.products.readStock(ids, parentId);
      this.#requests += r.requests;
      for (const [id, q] of r.stock) out.set(id, q);
    }
    return out;
  }

  async createProducts(products: readonly NewProduct[]): Promise<WriteOutcome[]> {
    const r = await this.products.batchProducts({ create: products.map(productCreatePayload) });
    this.#requests += r.requests;
    return r.create.map(toOutcome);
  }

  async createVariations(parentId: number, variations: readonly NewVariation[]): Promise<WriteOutcome[]> {
    const r = await this.products.batchVariations(parentId, { create: variations.map(variationCreatePayload) });
    this.#requests += r.requests;
    return r.create.map(toOutcome);
  }

  async updateProducts(changes: readonly ItemChange[]): Promise<WriteOutcome[]> {
    return this.#update(changes, async (list) => {
      const r = await this.products.batchProducts({ update: list.map(updatePayload) });
      this.#requests += r.requests;
      return r.update.map(toOutcome);
    });
  }

  async updateVariations(parentId: number, changes: readonly ItemChange[]): Promise<WriteOutcome[]> {
    return this.#update(changes, async (list) => {
      const r = await this.products.batchVariations(parentId, { update: list.map(updatePayload) });
      this.#requests += r.requests;
      return r.update.map(toOutcome);
    });
  }

  requestCount(): number {
    return this.#requests + (this.stockGuard?.requestCount() ?? 0);
  }

  /** Moves through the plugin when the store has it switched on; everything else (and every move without it) through the batch. */
  async #update(changes: readonly ItemChange[], batch: (list: readonly ItemChange[]) => Promise<WriteOutcome[]>): Promise<WriteOutcome[]> {
    const hasMove = changes.some((c) => c.stock !== undefined && 'move' in c.stock);
    if (!this.stockGuard || !hasMove || !(await this.stockGuard.usable())) return batch(changes);
    return updateWithStockGuard(this.stockGuard, changes, batch, { toRef, toFailure });
  }
}

function toRef(r: WooProductRef): StoreItemRef {
  return {
    id: r.id, parentId: r.parentId > 0 ? r.parentId : null, type: r.type, sku: r.sku, status: r.status,
    regularPrice: r.regularPrice, salePrice: r.salePrice, dateOnSaleFrom: r.dateOnSaleFrom, dateOnSaleTo: r.dateOnSaleTo,
    manageStock: r.manageStock === true, stockQuantity: r.stockQuantity,
  };
}

function toOutcome(result: ItemResult<WooProductRef>): WriteOutcome {
  if (result.ok) return { ok: true, item: toRef(result.value) };
  return { ok: false, error: toFailure(result.error) };
}

/** A StoreError as the engine sees it: its kind, plain fields, the person-facing message and hint kept. */
export function toFailure(e: StoreError): StoreFailure {
  return {
    kind: failureKind(e), code: e.code, message: e.message, hint: e.hint, retryable: e.retryable,
    ...(e.status !== undefined ? { httpStatus: e.status } : {}),
    ...(e.resourceId !== undefined ? { resourceId: e.resourceId } : {}),
  };
}
