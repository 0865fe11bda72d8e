import type { WebItem } from './web-item';
import type { WebValues } from './web-values';

/**
 * Store payloads for a POS item (the OCA "mapper"). Create payloads carry the creation-only
 * fields; update payloads carry only what Tillbridge owns, and prices always travel together
 * because the store silently drops a sale when the regular price alone moves below it.
 */
export type StorePayload = Record<string, unknown>;

/** A new simple product or variable parent: always a draft, so the merchant decides when it goes live. */
export function createProductPayload(item: WebItem, values: WebValues, variationsOf: readonly WebItem[] = []): StorePayload {
  const payload: StorePayload = {
    name: item.name,
    type: item.isParent ? 'variable' : 'simple',
    status: 'draft',
    sku: item.sku,
  };
  if (item.isParent) {
    payload.attributes = variationAttributes(variationsOf);
  } else {
    Object.assign(payload, pricePayload(values), stockPayload(values));
  }
  if (item.description) payload.description = item.description;
  if (item.weight) payload.weight = item.weight;
  if (item.barcode) payload.global_unique_id = item.barcode;
  return payload;
}

/** A new variation under an existing variable parent. */
export function createVariationPayload(item: WebItem, values: WebValues): StorePayload {
  const payload: StorePayload = {
    sku: item.sku,
    ...pricePayload(values),
    ...stockPayload(values),
    attributes: Object.entries(item.attributes).map(([name, option]) => ({ name, option })),
  };
  if (item.weight) payload.weight = item.weight;
  if (item.barcode) payload.global_unique_id = item.barcode;
  return payload;
}

/** An update of a linked product or variation: only the parts that changed. */
export function updatePayload(values: WebValues, parts: { prices: boolean; stock: boolean }, adopt = false): StorePayload {
  const payload: StorePayload = {};
  if (parts.prices) Object.assign(payload, pricePayload(values));
  if (parts.stock) Object.assign(payload, stockPayload(values));
  // A product the merchant made by hand may not manage stock; adoption turns it on once.
  if (adopt && values.stock !== null) payload.manage_stock = true;
  return payload;
}

function pricePayload(values: WebValues): StorePayload {
  if (values.regularPrice === null) return {};
  return {
    regular_price: values.regularPrice,
    sale_price: values.salePrice,
    // null is ignored by the store; '' clears a date.
    date_on_sale_from: values.salePrice ? values.saleFrom : '',
    date_on_sale_to: values.salePrice ? values.saleTo : '',
  };
}

function stockPayload(values: WebValues): StorePayload {
  if (values.stock === null) return {};
  return { manage_stock: true, stock_quantity: values.stock };
}

/** The variable parent's attribute list: every attribute any child uses, with all its options. */
export function variationAttributes(children: readonly WebItem[]): { name: string; options: string[]; variation: true; visible: true }[] {
  const byName = new Map<string, Set<string>>();
  for (const child of children) {
    for (const [name, option] of Object.entries(child.attributes)) {
      const set = byName.get(name) ?? new Set<string>();
      set.add(option);
      byName.set(name, set);
    }
  }
  return [...byName].map(([name, options]) => ({ name, options: [...options], variation: true, visible: true }));
}
