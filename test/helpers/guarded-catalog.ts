/**
 * The real WooCatalog with hooks at the two instants the stock race is about: right after the
 * stock read returns and right before a write batch is sent. Tests use them to land a checkout
 * exactly inside the window (no answers are faked: every call goes to the real store).
 */
import type {
  ItemChange, NewProduct, NewVariation, StockTarget, StoreCatalogPort, StoreItemRef, WriteOutcome,
} from '../../connectors/core/store-catalog-port';

export class HookedCatalog implements StoreCatalogPort {
  /** Runs once per stock read, after the store answered (and before the write that follows it). */
  afterRead: (() => void | Promise<void>) | null = null;
  /** Runs before every update batch is sent; may change the changes (to play the store's part). */
  beforeWrite: ((items: readonly ItemChange[]) => void | Promise<void>) | null = null;
  /** Stock sent per store id, in order (first writes and corrections): absolute values (`set`) or moves. */
  readonly stockSent: ({ id: number; set: number } | { id: number; move: number })[] = [];
  reads = 0;

  constructor(private readonly inner: StoreCatalogPort) {}

  get writeBatchSize(): number { return this.inner.writeBatchSize; }

  findBySkus(skus: readonly string[]): Promise<StoreItemRef[]> { return this.inner.findBySkus(skus); }
  getById(id: number): Promise<StoreItemRef | null> { return this.inner.getById(id); }
  createProducts(products: readonly NewProduct[]): Promise<WriteOutcome[]> { return this.inner.createProducts(products); }
  createVariations(parentId: number, variations: readonly NewVariation[]): Promise<WriteOutcome[]> { return this.inner.createVariations(parentId, variations); }
  requestCount(): number { return this.inner.requestCount(); }
  nameAsSaved(name: string): string { return this.inner.nameAsSaved(name); }

  async readStock(targets: readonly StockTarget[]): Promise<Map<number, number | null>> {
    const r = await this.inner.readStock(targets);
    this.reads++;
    await this.afterRead?.();
    return r;
  }

  async updateProducts(updates: readonly ItemChange[]): Promise<WriteOutcome[]> {
    await this.before(updates);
    return this.inner.updateProducts(updates);
  }

  async updateVariations(parentId: number, updates: readonly ItemChange[]): Promise<WriteOutcome[]> {
    await this.before(updates);
    return this.inner.updateVariations(parentId, updates);
  }

  private async before(updates: readonly ItemChange[]): Promise<void> {
    for (const u of updates) if (u.stock) this.stockSent.push({ id: u.id, ...u.stock });
    await this.beforeWrite?.(updates);
  }
}
