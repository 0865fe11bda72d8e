import type { ItemChange, NewProduct, NewVariation, Prices, ProductAttribute } from '../../../connectors/core/store-catalog-port';
import type { WebItem } from '../items/web-item';
import type { WebValues } from '../items/web-values';

/**
 * What the store is asked to hold for a POS item (the OCA "mapper"), in the port's neutral shapes;
 * the store's adapter turns them into its own requests. A new item carries the creation-only
 * fields; a change carries only what Tillbridge owns, and prices always travel together because
 * the store silently drops a sale when the regular price alone moves below it.
 */

/** A new simple product or variable parent (the port creates it unpublished: the merchant decides when it goes live). */
export function newProduct(item: WebItem, values: WebValues, variationsOf: readonly WebItem[] = []): NewProduct {
  const extras = creationExtras(item);
  if (item.isParent) {
    return { kind: 'variable', sku: item.sku, name: item.name, attributes: variationAttributes(variationsOf), ...extras };
  }
  return { kind: 'simple', sku: item.sku, name: item.name, ...pricesPart(values), ...stockPart(values), ...extras };
}

/** A new variation under an existing variable parent. */
export function newVariation(item: WebItem, values: WebValues): NewVariation {
  const { weight, barcode } = creationExtras(item);
  return {
    sku: item.sku,
    ...pricesPart(values),
    ...stockPart(values),
    attributes: Object.entries(item.attributes).map(([name, option]) => ({ name, option })),
    ...(weight !== undefined ? { weight } : {}),
    ...(barcode !== undefined ? { barcode } : {}),
  };
}

/**
 * A change of a linked product or variation: only the parts that changed; stock as an absolute
 * value (the guarded stock writer sends moves itself). A product the merchant made by hand may
 * not manage stock: adoption turns it on once.
 */
export function itemChange(id: number, values: WebValues, parts: { prices: boolean; stock: boolean }, adopt = false): ItemChange {
  const change: ItemChange = { id };
  if (parts.prices) Object.assign(change, pricesPart(values));
  if (parts.stock && values.stock !== null) change.stock = { set: values.stock };
  if (adopt && values.stock !== null) change.manageStock = true;
  return change;
}

/** The owned prices, together; a sale's dates go only with a sale ('' clears them). */
export function pricesOf(values: WebValues): Prices | null {
  if (values.regularPrice === null) return null;
  return {
    regular: values.regularPrice,
    sale: values.salePrice,
    saleFrom: values.salePrice ? values.saleFrom : '',
    saleTo: values.salePrice ? values.saleTo : '',
  };
}

function pricesPart(values: WebValues): { prices?: Prices } {
  const prices = pricesOf(values);
  return prices ? { prices } : {};
}

function stockPart(values: WebValues): { stock?: number } {
  return values.stock === null ? {} : { stock: values.stock };
}

function creationExtras(item: WebItem): { description?: string; weight?: string; barcode?: string } {
  return {
    ...(item.description ? { description: item.description } : {}),
    ...(item.weight ? { weight: item.weight } : {}),
    ...(item.barcode ? { barcode: item.barcode } : {}),
  };
}

/** The variable parent's attribute list: every attribute any child uses, with all its options. */
export function variationAttributes(children: readonly WebItem[]): ProductAttribute[] {
  const byName = new Map<string, Set<string>>();
  for (const child of children) {
    for (const [name, option] of Object.entries(child.attributes)) {
      const set = byName.get(name) ?? new Set<string>();
      set.add(option);
      byName.set(name, set);
    }
  }
  return [...byName].map(([name, options]) => ({ name, options: [...options] }));
}
