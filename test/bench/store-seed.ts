/**
 * Direct access to the benchmark store's memory: products "made by hand" (as a merchant does in
 * wp-admin: published, priced, stock not managed) put straight into the emulator's state, and
 * quick reads of what the store holds. Seeding goes around the REST API on purpose: it is set-up,
 * not the thing measured, and must cost seconds, not minutes, at 5,000 products.
 */
import { blankProduct } from '../../connectors/woocommerce-emulator/product-model';
import type { EmuState } from '../../connectors/woocommerce-emulator/state';

export interface SeedProduct {
  sku: string;
  name: string;
  regular_price: string;
  /** Managed stock when given; otherwise stock is not managed (the usual hand-made product). */
  stock_quantity?: number;
}

/** What a SKU holds in the store right now. */
export interface StoreValues {
  id: number;
  regularPrice: string;
  salePrice: string;
  stock: number | null;
}

export function seedHandMadeProducts(state: EmuState, list: readonly SeedProduct[]): { created: number } {
  for (const s of list) {
    const p = blankProduct(state, 'simple');
    p.id = state.nextPostId();
    p.sku = s.sku;
    p.name = s.name;
    p.slug = `${s.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${p.id}`;
    p.status = 'publish';
    p.regularPrice = s.regular_price;
    p.price = s.regular_price;
    if (s.stock_quantity !== undefined) {
      p.manageStock = true;
      p.stockQuantity = s.stock_quantity;
      p.stockStatus = s.stock_quantity > 0 ? 'instock' : 'outofstock';
    }
    p.categoryIds = [...state.categories.keys()].slice(0, 1);
    state.products.set(p.id, p);
  }
  return { created: list.length };
}

/** Current values of the given SKUs (exact, case-insensitive match), in one pass over the store. */
export function valuesBySku(state: EmuState, skus: readonly string[]): Record<string, StoreValues | null> {
  const wanted = new Map(skus.map((s) => [s.trim().toLowerCase(), s]));
  const out: Record<string, StoreValues | null> = Object.fromEntries(skus.map((s) => [s, null]));
  for (const p of state.products.values()) {
    const asked = wanted.get(p.sku.trim().toLowerCase());
    if (asked !== undefined && p.status !== 'trash') {
      out[asked] = { id: p.id, regularPrice: p.regularPrice, salePrice: p.salePrice, stock: p.manageStock ? p.stockQuantity : null };
    }
  }
  return out;
}

/** Counts by kind, to check a push landed completely. */
export function storeSummary(state: EmuState): { products: number; variable: number; variations: number; drafts: number; published: number } {
  const s = { products: 0, variable: 0, variations: 0, drafts: 0, published: 0 };
  for (const p of state.products.values()) {
    if (p.status === 'trash') continue;
    if (p.type === 'variation') s.variations++;
    else s.products++;
    if (p.type === 'variable') s.variable++;
    if (p.status === 'draft') s.drafts++;
    if (p.status === 'publish') s.published++;
  }
  return s;
}
