/**
 * PHP's loose conversions, as WooCommerce setters apply them to values that skipped schema checks
 * (batch items are never validated): intval, wc_string_to_bool, strval.
 */

/** PHP intval: leading integer part of a string, truncation of a float, 0 for anything else. */
export function phpInt(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const m = /^\s*([+-]?\d+)/.exec(value);
    return m ? Number(m[1]) : 0;
  }
  return 0;
}

/** wc_string_to_bool: true, 1, "1", "yes", "true" (any case) are true; everything else false. */
export function phpBool(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1;
  if (typeof value === 'string') return ['1', 'yes', 'true'].includes(value.toLowerCase());
  return false;
}

/** strval for scalars; null and arrays become "". */
export function phpString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '';
  return '';
}

/**
 * wc_clean for a scalar, which is WordPress's sanitize_text_field: tags stripped, every run of
 * spaces, tabs and line breaks made one space, trimmed, and percent-encoded octets ("%20") removed.
 * "  AB  C " → "AB C". The `sku` and `search_sku` list parameters go through the same function.
 */
export function wcClean(value: unknown): string {
  let text = phpString(value)
    .replace(/<[^>]*>/g, '')
    .replace(/[\r\n\t ]+/g, ' ')
    .trim();
  if (/%[a-f0-9]{2}/i.test(text)) {
    while (/%[a-f0-9]{2}/i.test(text)) text = text.replace(/%[a-f0-9]{2}/gi, '');
    text = text.replace(/ +/g, ' ').trim();
  }
  return text;
}

/**
 * PHP's stripslashes, which WordPress applies (wp_unslash) to post titles, contents and excerpts
 * and to comment text on save: a backslash is dropped and the character after it kept, so "\\"
 * becomes one backslash and a lone trailing backslash disappears. "1,5 mm \ x" → "1,5 mm  x".
 */
export function stripSlashes(text: string): string {
  return text.replace(/\\(.?)/gs, '$1');
}

/** A list of positive integer ids from an array (of numbers, numeric strings or {id} objects). */
export function idList(value: unknown): number[] {
  if (!Array.isArray(value)) return [];
  const out: number[] = [];
  for (const v of value) {
    const id = v !== null && typeof v === 'object' ? phpInt((v as Record<string, unknown>).id) : phpInt(v);
    if (id > 0 && !out.includes(id)) out.push(id);
  }
  return out;
}
