/**
 * The real WooCatalog with hooks at the two instants the stock race is about: right after the
 * stock read returns and right before a write batch is sent. Tests use them to land a checkout
 * exactly inside the window (no answers are faked: every call goes to the real store).
 */
import type { StoreCatalogPort, ItemUpdate, StockTarget, StoreItemRef, WriteOutcome } from '../../connectors/core/store-catalog-port';

export class HookedCatalog implements StoreCatalogPort {
  /** Runs once per stock read, after the store answered (and before the write that follows it). */
  afterRead: (() => void | Promise<void>) | null = null;
  /** Runs before every update batch is sent; may change the payloads (to play the store's part). */
  beforeWrite: ((items: readonly ItemUpdate[]) => void | Promise<void>) | null = null;
  /** Stock sent per store id, in order (first writes and corrections): absolute values or moves. */
  readonly stockSent: ({ id: number; value: number } | { id: number; delta: number })[] = [];
  reads = 0;

  constructor(private readonly inner: StoreCatalogPort) {}

  findBySkus(skus: readonly string[]): Promise<StoreItemRef[]> { return this.inner.findBySkus(skus); }
  getById(id: number): Promise<StoreItemRef | null> { return this.inner.getById(id); }
  createProducts(payloads: readonly Record<string, unknown>[]): Promise<WriteOutcome[]> { return this.inner.createProducts(payloads); }
  createVariations(parentId: number, payloads: readonly Record<string, unknown>[]): Promise<WriteOutcome[]> { return this.inner.createVariations(parentId, payloads); }
  requestCount(): number { return this.inner.requestCount(); }

  async readStock(targets: readonly StockTarget[]): Promise<Map<number, number | null>> {
    const r = await this.inner.readStock(targets);
    this.reads++;
    await this.afterRead?.();
    return r;
  }

  async updateProducts(updates: readonly ItemUpdate[]): Promise<WriteOutcome[]> {
    await this.before(updates);
    return this.inner.updateProducts(updates);
  }

  async updateVariations(parentId: number, updates: readonly ItemUpdate[]): Promise<WriteOutcome[]> {
    await this.before(updates);
    return this.inner.updateVariations(parentId, updates);
  }

  private async before(updates: readonly ItemUpdate[]): Promise<void> {
    for (const u of updates) {
      if (typeof u.payload.stock_quantity === 'number') this.stockSent.push({ id: u.id, value: u.payload.stock_quantity });
      if (typeof u.payload.inventory_delta === 'number') this.stockSent.push({ id: u.id, delta: u.payload.inventory_delta });
    }
    await this.beforeWrite?.(updates);
  }
}
