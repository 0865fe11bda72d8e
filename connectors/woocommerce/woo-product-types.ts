/**
 * The product shapes the adapter speaks: a compact reference to a store product or variation
 * (what linking and change detection need, nothing merchant-owned), and the write payloads.
 * Prices are `Money` strings from connectors/core/money.ts, so no price is ever a float.
 */
import { z } from 'zod';
import type { Money } from '../core/money';

/** A product or variation as the sync sees it. Dates are UTC (`date_on_sale_*_gmt`). */
export interface WooProductRef {
  id: number;
  /** The variable product a variation belongs to; 0 for everything else. */
  parentId: number;
  /** 'simple' | 'variable' | 'variation' | 'grouped' | 'external' (plugins add more). */
  type: string;
  sku: string;
  status: string;
  regularPrice: string;
  salePrice: string;
  dateOnSaleFrom: string | null;
  dateOnSaleTo: string | null;
  /** 'parent' when a variation's stock is managed by its parent product. */
  manageStock: boolean | 'parent';
  stockQuantity: number | null;
}

/** The `_fields` that fill a WooProductRef (keeps list and lookup answers small). */
export const PRODUCT_REF_FIELDS = [
  'id',
  'parent_id',
  'type',
  'sku',
  'status',
  'regular_price',
  'sale_price',
  'date_on_sale_from_gmt',
  'date_on_sale_to_gmt',
  'manage_stock',
  'stock_quantity',
] as const;

const refSchema = z.object({
  id: z.number().int().positive(),
  parent_id: z.number().int().nonnegative().optional(),
  type: z.string(),
  sku: z.string().nullable().optional(),
  status: z.string(),
  regular_price: z.string().nullable().optional(),
  sale_price: z.string().nullable().optional(),
  date_on_sale_from_gmt: z.string().nullable().optional(),
  date_on_sale_to_gmt: z.string().nullable().optional(),
  manage_stock: z.union([z.boolean(), z.literal('parent')]).optional(),
  stock_quantity: z.number().nullable().optional(),
});

/** Reads a store product/variation object into a ref; throws when it lacks what a ref needs. */
export function toProductRef(raw: unknown): WooProductRef {
  const p = refSchema.parse(raw);
  return {
    id: p.id,
    parentId: p.parent_id ?? 0,
    type: p.type,
    sku: p.sku ?? '',
    status: p.status,
    regularPrice: p.regular_price ?? '',
    salePrice: p.sale_price ?? '',
    dateOnSaleFrom: p.date_on_sale_from_gmt ?? null,
    dateOnSaleTo: p.date_on_sale_to_gmt ?? null,
    manageStock: p.manage_stock ?? false,
    stockQuantity: p.stock_quantity ?? null,
  };
}

/**
 * Fields Tillbridge writes. Prices are Money strings, or '' (null also works) to clear a sale.
 * Sale dates: send `null` with a cleared sale price. Other create-only fields (description,
 * categories, weight, ...) pass through as WooCommerce names them.
 */
export interface ProductFields {
  regular_price?: Money | '';
  sale_price?: Money | '' | null;
  date_on_sale_from_gmt?: string | null;
  date_on_sale_to_gmt?: string | null;
  manage_stock?: boolean;
  stock_quantity?: number | null;
  /**
   * Moves managed stock by this many units, applied by the store to its value at the moment it
   * handles the item (WooCommerce's product and variation controllers; ignored when
   * `stock_quantity` is sent too). Not in the REST docs; the stock race check relies on it.
   */
  inventory_delta?: number;
  [field: string]: unknown;
}

/** A new product. `status` is required: WooCommerce publishes at once when it is left out. */
export interface ProductCreate extends ProductFields {
  sku: string;
  name: string;
  status: 'draft' | 'pending' | 'private' | 'publish';
}

/** A new variation (under its parent's variations endpoint). */
export interface VariationCreate extends ProductFields {
  sku: string;
  attributes?: { name?: string; id?: number; option: string }[];
}

/** An update of an existing product or variation by id. */
export interface ProductUpdate extends ProductFields {
  id: number;
}

/** Creates, updates and deletes for one batch endpoint; any number of each. */
export interface ProductBatchInput<C = ProductCreate> {
  create?: readonly C[];
  update?: readonly ProductUpdate[];
  /** Ids to delete. Batch deletes are permanent (they skip the trash). */
  delete?: readonly number[];
}

/** A price/stock write routed by the adapter: a variation (parentId > 0) or a product. */
export interface ProductWrite {
  id: number;
  /** The variable product for a variation; 0 for a product. Decides the endpoint. */
  parentId: number;
  /** Only for messages; never sent (a `sku` inside `fields` would rename the product). */
  sku?: string;
  fields: ProductFields;
}
