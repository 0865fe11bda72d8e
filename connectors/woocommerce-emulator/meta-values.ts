/**
 * What a meta value written through the REST API reads back as. WooCommerce saves meta in a
 * database text column (HPOS's wc_orders_meta through CustomMetaDataStore::add_meta, products,
 * order items and customers through WordPress's add_metadata) after maybe_serialize, and the REST
 * answer to a write is built from a fresh read (save_object → get_object), so:
 * - a scalar comes back as a string: 5 → "5", true → "1", false → "", 1.5 → "1.5" (PHP prints
 *   floats with 14 significant digits: 0.1 + 0.2 → "0.3", 1e20 → "1.0E+20");
 * - arrays and objects are serialized, so their members keep their JSON types; a JSON object is a
 *   PHP array, so `{}` comes back as `[]` and `{"0": "a", "1": "b"}` as `["a", "b"]`;
 * - WordPress's own meta tables unslash the value on save, and WooCommerce slashes only top-level
 *   strings first, so a backslash inside an array's string is lost there (not in HPOS order meta).
 * Null is not a value: it deletes the entry (WC_Data::save_meta_data), handled by the callers.
 */
import { stripSlashes } from './php-values';

export interface StoredMetaOptions {
  /** The value goes through WordPress's add_metadata (postmeta, order item meta, user meta). */
  wpMetaTable: boolean;
}

/** The value as the store reads it back; see the file comment. `value` must not be null. */
export function storedMetaValue(value: unknown, options: StoredMetaOptions): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'object') return phpArrayJson(value, options.wpMetaTable);
  return scalarText(value);
}

function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? '1' : '';
  if (typeof value === 'number') return phpFloatText(value);
  return '';
}

/** A JSON array/object after json_decode (assoc), serialize, unserialize and json_encode. */
function phpArrayJson(value: object, unslash: boolean): unknown {
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  const mapped = entries.map(([k, v]) => [k, member(v, unslash)] as const);
  const isList = mapped.every(([k], i) => k === String(i));
  return isList ? mapped.map(([, v]) => v) : Object.fromEntries(mapped);
}

function member(value: unknown, unslash: boolean): unknown {
  if (value !== null && typeof value === 'object') return phpArrayJson(value, unslash);
  if (typeof value === 'string' && unslash) return stripSlashes(value);
  return value;
}

/**
 * PHP's (string) of a JSON number: a whole number is a PHP int (digits); anything else a float,
 * printed with precision 14 (%.14G, exponent form below 1e-4 and from 1e14).
 */
export function phpFloatText(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NAN' : n > 0 ? 'INF' : '-INF';
  if (Number.isSafeInteger(n)) return String(n);
  const exponent = Math.floor(Math.log10(Math.abs(n)));
  if (exponent < -4 || exponent >= 14) {
    const [mantissa, exp] = n.toExponential(13).split('e') as [string, string];
    let m = mantissa.replace(/0+$/, '').replace(/\.$/, '');
    if (!m.includes('.')) m += '.0';
    const e = Number(exp);
    return `${m}E${e < 0 ? '-' : '+'}${Math.abs(e)}`;
  }
  return String(Number(n.toPrecision(14)));
}
