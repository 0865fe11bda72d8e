/**
 * The SKU is the glue between a POS item and a store product. WooCommerce trims SKUs and its
 * lookup table compares them without regard to letter case, so "ab-1" and "AB-1 " are the same
 * SKU to the store: two POS items that differ only that way would fight over one product.
 */
export function skuKey(sku: string): string {
  return sku.normalize('NFC').trim().toLocaleLowerCase('en-US');
}

/** Longest SKU WooCommerce's lookup table holds. */
export const MAX_SKU_LENGTH = 100;

/** Why a SKU cannot be used, or null when it can. */
export function skuProblem(raw: string | null | undefined): string | null {
  const sku = (raw ?? '').normalize('NFC').trim();
  if (sku === '') return 'the SKU is empty';
  if (sku.length > MAX_SKU_LENGTH) return `the SKU is ${sku.length} characters long (the store keeps at most ${MAX_SKU_LENGTH})`;
   
  if (/[\u0000-\u001f\u007f]/.test(sku)) return 'the SKU contains control characters (tab, line break, ...)';
  if (sku.includes(',')) return 'the SKU contains a comma, which the store uses to separate SKUs in lookups';
  if (sku.includes('\uFFFD')) return 'the SKU contains characters that were garbled by a wrong text encoding';
  return null;
}
