/**
 * How orders see products: which product a line points at, the names WooCommerce prints for it
 * (line names, stock-note names) and which record actually holds the stock. Kept apart from the
 * stock rules so the view and the rules share one reading of the product model.
 */
import type { LineItemRecord } from './order-model';
import { stockOwner, type ProductRecord } from './product-model';
import type { EmuState } from './state';
import { slugify } from './wp-text';

/**
 * The product or variation a line refers to (WC_Order_Item_Product::get_product): the variation when
 * one is set, else the product. Trashed products still count; deleted ones give undefined.
 */
export function lineProduct(state: EmuState, item: Pick<LineItemRecord, 'productId' | 'variationId'>): ProductRecord | undefined {
  const id = item.variationId || item.productId;
  return id ? state.products.get(id) : undefined;
}

/**
 * The record whose stock a sale moves: the product or variation itself when it manages stock, the
 * parent when a variation leaves stock to its parent ("manage_stock": "parent"), else none
 * (the product model's stockOwner, which adjustStock also follows).
 */
export function stockHolder(state: EmuState, p: ProductRecord): ProductRecord | undefined {
  return stockOwner(state, p.id);
}

/** A variation's chosen attribute values as WooCommerce keys them (`size` → `M`). */
export function variationAttributes(p: ProductRecord): { key: string; label: string; value: string }[] {
  return p.attributes.map((a) => ({ key: a.slug || slugify(a.name), label: a.name, value: a.option }));
}

/**
 * The title WooCommerce gives a product; for a variation the generated "Parent - M" form
 * (attributes appended when there are fewer than three and, with several, none has a dash).
 */
export function productTitle(state: EmuState, p: ProductRecord): string {
  if (p.type !== 'variation') return p.name;
  const parentName = state.products.get(p.parentId)?.name ?? '';
  const attrs = variationAttributes(p);
  let include = attrs.length < 3;
  if (include && attrs.length > 1 && attrs.some((a) => a.key.includes('-'))) include = false;
  const suffix = include ? attrs.map((a) => a.value).filter((v) => v !== '').join(', ') : '';
  return suffix ? `${parentName} - ${suffix}` : parentName;
}

/** A variation inherits its parent's SKU for display when it has none of its own. */
export function displaySku(state: EmuState, p: ProductRecord): string {
  if (p.sku !== '' || p.type !== 'variation') return p.sku;
  return state.products.get(p.parentId)?.sku ?? '';
}

/**
 * WC_Product::get_formatted_name, used in stock notes: "Name (SKU)" or "Name (#id)"; a variation
 * adds a description span listing the attributes its title does not already show.
 */
export function formattedName(state: EmuState, p: ProductRecord): string {
  const sku = displaySku(state, p);
  const identifier = sku !== '' ? sku : `#${p.id}`;
  const title = productTitle(state, p);
  const base = `${title} (${identifier})`;
  if (p.type !== 'variation') return base;
  const listed = variationAttributes(p)
    .filter((a) => a.value !== '' && !attributeInName(a.value, title))
    .map((a) => `${a.label}: ${a.value}`);
  return `${base}<span class="description">${listed.join(', ')}</span>`;
}

/** wc_is_attribute_in_product_name: " value," inside the name, or the name ending with " value". */
function attributeInName(value: string, name: string): boolean {
  const lowerName = name.toLowerCase();
  const needle = ` ${value.toLowerCase()}`;
  return lowerName.includes(`${needle},`) || lowerName.endsWith(needle);
}

/** True when buying this product needs shipping or handling (not both virtual and downloadable). */
export function needsProcessingFor(p: ProductRecord): boolean {
  return !(p.virtual && p.downloadable);
}
