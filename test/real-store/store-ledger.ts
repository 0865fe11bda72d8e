/**
 * What the real-store suite made in the store, and its removal at the end (also after a failed
 * scenario): every product, variation, order, customer and category carries the run's SKU prefix
 * or e-mail tag, or was recorded here when made. Nothing else is ever deleted: a product found by
 * SKU is removed only when its SKU starts with the run's prefix, an order only when one of its
 * lines does or its billing e-mail carries the run's tag.
 */
import type { Json, StoreClient } from './store-client';

export interface CleanupReport {
  products: number;
  orders: number;
  customers: number;
  categories: number;
  /** What could not be removed (kind and id), for the person to delete by hand. */
  left: string[];
}

export class StoreLedger {
  readonly products = new Set<number>();
  readonly orders = new Set<number>();
  readonly customers = new Set<number>();
  readonly categories = new Set<number>();
  /** Every SKU the run used (POS items, hand-made products, SKUs edited in the store). */
  readonly skus = new Set<string>();

  /** `prefix` starts every SKU of the run; `emailTag` is in every e-mail address it uses. */
  constructor(readonly prefix: string, readonly emailTag: string) {}

  ours(sku: unknown): boolean {
    return typeof sku === 'string' && sku.toUpperCase().startsWith(this.prefix.toUpperCase());
  }

  /**
   * For the clean-up of an interrupted run: the customers (by the run's e-mail) and categories (by
   * the run's prefix) it may have made. Orders and products are found by `cleanup` itself.
   */
  async findLeftovers(store: StoreClient): Promise<void> {
    for (const c of await store.all<Json>(`customers?search=${encodeURIComponent(this.emailTag)}&role=all`).catch(() => [] as Json[])) {
      if (String(c.email ?? '').includes(this.emailTag)) this.customers.add(Number(c.id));
    }
    for (const c of await store.all<Json>(`products/categories?search=${encodeURIComponent(this.prefix)}`).catch(() => [] as Json[])) {
      if (String(c.name ?? '').startsWith(this.prefix)) this.categories.add(Number(c.id));
    }
  }

  /**
   * Removes everything of this run from the store: orders first (so no order points at a deleted
   * product), then products (a variable product takes its variations along), customers, categories.
   * `linkedIds` are the store ids Tillbridge's links name (products it created or adopted).
   */
  async cleanup(store: StoreClient, linkedIds: Iterable<number>): Promise<CleanupReport> {
    const report: CleanupReport = { products: 0, orders: 0, customers: 0, categories: 0, left: [] };
    const remove = async (kind: keyof Omit<CleanupReport, 'left'>, path: string) => {
      const r = await store.raw('DELETE', `${path}?force=true`).catch(() => null);
      if (r && (r.status === 200 || r.status === 404 || r.status === 410)) {
        if (r.status === 200) report[kind]++;
        return;
      }
      report.left.push(`${path} (${r ? r.status : 'no answer'})`);
    };

    // Orders: the recorded ones, and any order whose lines or e-mail are this run's (drafts of refused checkouts too).
    const orders = new Set(this.orders);
    for (const status of ['any', 'checkout-draft', 'trash']) {
      const list = await store.all<Json>(`orders?status=${status}`).catch(() => [] as Json[]);
      for (const o of list) {
        const lines: Json[] = Array.isArray(o.line_items) ? o.line_items : [];
        if (lines.some((l) => this.ours(l.sku)) || String(o.billing?.email ?? '').includes(this.emailTag)) orders.add(Number(o.id));
      }
    }
    for (const id of orders) await remove('orders', `orders/${id}`);

    // Products: recorded, linked by Tillbridge, or found by one of the run's SKUs; a variation goes with its parent.
    const candidates = new Set<number>([...this.products]);
    const checked = new Set<number>();
    for (const id of linkedIds) checked.add(id);
    for (const sku of this.skus) {
      for (const p of await store.bySku(sku).catch(() => [] as Json[])) {
        if (!this.ours(p.sku)) continue;
        candidates.add(Number(p.parent_id) > 0 ? Number(p.parent_id) : Number(p.id));
      }
    }
    for (const id of checked) {
      if (candidates.has(id)) continue;
      const r = await store.raw<Json>('GET', `products/${id}`).catch(() => null);
      if (r?.status === 200 && this.ours(r.body.sku)) candidates.add(Number(r.body.parent_id) > 0 ? Number(r.body.parent_id) : id);
    }
    for (const id of candidates) await remove('products', `products/${id}`);
    for (const id of this.customers) await remove('customers', `customers/${id}`);
    for (const id of this.categories) await remove('categories', `products/categories/${id}`);

    // What is left under the run's SKUs (products the sweep above could not remove).
    for (const sku of this.skus) {
      for (const p of await store.bySku(sku).catch(() => [] as Json[])) {
        if (this.ours(p.sku)) report.left.push(`product ${p.id} (SKU ${p.sku})`);
      }
    }
    return report;
  }
}
