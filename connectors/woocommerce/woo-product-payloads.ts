/**
 * The engine's write shapes (connectors/core/store-catalog-port.ts) as WooCommerce REST payloads.
 *
 * - A new product is sent with `status: 'draft'`: the port promises it is created unpublished,
 *   and WooCommerce publishes at once when the status is left out.
 * - Prices always travel together (`regular_price`, `sale_price`, `date_on_sale_from/to`; ''
 *   clears a sale or a date, while null would be ignored by the store).
 * - Stock: a `set` is `manage_stock: true` + `stock_quantity`; a `move` is `inventory_delta`,
 *   which WooCommerce's product and variation endpoints apply to the stock as it is when they
 *   handle the item (`WC_REST_Products_V2_Controller` and its variation counterpart, since
 *   WooCommerce 3; not in the REST reference; ignored when `stock_quantity` is sent too). The
 *   store applies it by loading the product, adding the move and saving within one request, so a
 *   checkout committing inside that span (tens of milliseconds) is still overwritten; the engine's
 *   re-poll after each write repairs that (electron/engine/stock-guard/RACE.md, step 3). With the
 *   Tillbridge Stock Guard plugin in the store, woo-catalog.ts sends moves to it instead
 *   (woo-stock-moves.ts), where they are atomic.
 * - A variable parent lists its attributes as used for variations and visible on the product page.
 */
import type { ItemChange, NewProduct, NewVariation, Prices, StockChange } from '../core/store-catalog-port';
import type { ProductCreate, ProductFields, ProductUpdate, VariationCreate } from './woo-product-types';

/** A new simple product or variable parent, always as a draft. */
export function productCreatePayload(p: NewProduct): ProductCreate {
  const payload: ProductCreate = { name: p.name, type: p.kind, status: 'draft', sku: p.sku };
  if (p.kind === 'variable') {
    payload.attributes = p.attributes.map((a) => ({ name: a.name, options: [...a.options], variation: true, visible: true }));
  } else {
    Object.assign(payload, pricesPayload(p.prices), p.stock !== undefined ? stockPayload({ set: p.stock }) : {});
  }
  if (p.description) payload.description = p.description;
  if (p.weight) payload.weight = p.weight;
  if (p.barcode) payload.global_unique_id = p.barcode;
  return payload;
}

/** A new variation under its parent's variations endpoint. */
export function variationCreatePayload(v: NewVariation): VariationCreate {
  const payload: VariationCreate = {
    sku: v.sku,
    ...pricesPayload(v.prices),
    ...(v.stock !== undefined ? stockPayload({ set: v.stock }) : {}),
    attributes: v.attributes.map((a) => ({ name: a.name, option: a.option })),
  };
  if (v.weight) payload.weight = v.weight;
  if (v.barcode) payload.global_unique_id = v.barcode;
  return payload;
}

/** An update of a product or variation by id: only the parts the change carries. */
export function updatePayload(change: ItemChange): ProductUpdate {
  const payload: ProductUpdate = { id: change.id, ...pricesPayload(change.prices) };
  if (change.stock) Object.assign(payload, stockPayload(change.stock));
  if (change.manageStock) payload.manage_stock = true;
  return payload;
}

function pricesPayload(prices: Prices | undefined): ProductFields {
  if (!prices) return {};
  return {
    regular_price: prices.regular as ProductFields['regular_price'],
    sale_price: prices.sale as ProductFields['sale_price'],
    date_on_sale_from: prices.saleFrom,
    date_on_sale_to: prices.saleTo,
  };
}

function stockPayload(stock: StockChange): ProductFields {
  return 'move' in stock ? { inventory_delta: stock.move } : { manage_stock: true, stock_quantity: stock.set };
}
