/**
 * WC_Product's setters that clean or refuse a value (they matter for batch items, which no schema
 * checks): tax status and catalog visibility refuse unknown values, tax class and stock status
 * fall back to defaults, measures go through wc_format_decimal, and the GTIN/EAN field keeps only
 * digits and hyphens and must be unique among live products.
 */
import type { ProductRecord, StockStatus } from './product-model';
import { gtinHolders } from './product-index';
import { phpString } from './php-values';
import { restError, type EmuResponse } from './router';
import type { EmuState } from './state';
import { formatDecimal, wpSlug } from './wp-text';

/** The store's tax classes: standard (stored as ""), reduced-rate and zero-rate. */
const TAX_CLASSES = ['', 'reduced-rate', 'zero-rate'];

export function taxStatusOf(value: unknown): string | EmuResponse {
  const status = phpString(value).toLowerCase() || 'taxable';
  if (!['taxable', 'shipping', 'none'].includes(status)) return restError('product_invalid_tax_status', 'Invalid product tax status.', 400);
  return status;
}

/** set_tax_class: sanitized; "standard" and unknown classes become "" (variations may say "parent"). */
export function taxClassOf(value: unknown, variation: boolean): string {
  const cls = wpSlug(phpString(value));
  if (variation && cls === 'parent') return 'parent';
  return cls === 'standard' || !TAX_CLASSES.includes(cls) ? '' : cls;
}

export function catalogVisibilityOf(value: unknown): string | EmuResponse {
  const v = phpString(value);
  if (!['visible', 'catalog', 'search', 'hidden'].includes(v)) return restError('product_invalid_catalog_visibility', 'Invalid catalog visibility option.', 400);
  return v;
}

/** set_stock_status: anything unknown is "instock". */
export function stockStatusOf(value: unknown): StockStatus {
  const s = phpString(value);
  return s === 'outofstock' || s === 'onbackorder' ? s : 'instock';
}

/** Weight and dimensions: "" stays empty, anything else through wc_format_decimal. */
export function measureOf(value: unknown): string {
  return value === '' ? '' : formatDecimal(value);
}

/** GTIN, UPC, EAN or ISBN: digits and hyphens only, unique among live products and variations. */
export function applyGlobalUniqueId(state: EmuState, p: ProductRecord, value: unknown): EmuResponse | null {
  const gtin = phpString(value).replace(/[^0-9-]/g, '');
  if (gtin !== '') {
    for (const other of gtinHolders(state, gtin)) {
      if (other.id !== p.id && other.status !== 'trash') {
        return restError('product_invalid_global_unique_id', 'Invalid or duplicated GTIN, UPC, EAN or ISBN.', 400, { resource_id: other.id });
      }
    }
  }
  p.globalUniqueId = gtin;
  return null;
}
