/**
 * The handful of WordPress/WooCommerce text rules the REST answers depend on: how a price string
 * is cleaned (wc_format_decimal), how PHP compares two price strings, how titles are filtered
 * (kses), and how slugs are derived (sanitize_title). Approximations of the PHP originals, written
 * from their documented behaviour and the recordings, not copies.
 */

/**
 * wc_format_decimal without rounding: keeps digits, '.', '-', and only the last of several dots.
 * "abc" → "", "12,50" → "1250" (the store's decimal separator is '.'), " 9.999 " → "9.999".
 */
export function formatDecimal(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = stripTags(String(value)).trim();
  return text.replace(/\.(?![^.]+$)|[^0-9.-]/g, '');
}

/** PHP 8's loose `<=>` for two strings: numerically when both are numeric strings, else bytewise. */
export function phpCompareStrings(a: string, b: string): number {
  if (isNumericString(a) && isNumericString(b)) return Math.sign(Number(a) - Number(b));
  return a < b ? -1 : a > b ? 1 : 0;
}

/** PHP's is_numeric for strings: optional whitespace, sign, digits with optional fraction/exponent. */
export function isNumericString(s: string): boolean {
  return /^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$/.test(s);
}

/** Removes every tag (and the body of script/style elements), as wp_strip_all_tags does. */
export function stripTags(text: string): string {
  return text.replace(/<(script|style)[^>]*?>[\s\S]*?<\/\1>/gi, '').replace(/<[^>]*>/g, '');
}

const TITLE_TAGS = new Set(['a', 'abbr', 'acronym', 'b', 'blockquote', 'cite', 'code', 'del', 'em', 'i', 'q', 's', 'strike', 'strong']);
const TITLE_ATTRS: Record<string, Set<string>> = {
  a: new Set(['href', 'title']),
  abbr: new Set(['title']),
  acronym: new Set(['title']),
  blockquote: new Set(['cite']),
  del: new Set(['datetime']),
  q: new Set(['cite']),
};

/**
 * What WordPress stores for a post title written through the API: tags outside the small inline
 * allow-list are removed (their text stays: `<script>alert(1)</script>` → `alert(1)`), a bare `&`
 * becomes `&amp;`, and surrounding whitespace is trimmed. Quotes are kept as typed.
 */
export function filterTitle(raw: string): string {
  const withoutTags = raw.replace(/<\/?([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>/g, (whole, name: string, attrs: string) => {
    const tag = name.toLowerCase();
    if (!TITLE_TAGS.has(tag)) return '';
    if (whole.startsWith('</')) return `</${tag}>`;
    const allowed = TITLE_ATTRS[tag];
    const kept: string[] = [];
    if (allowed) {
      for (const m of attrs.matchAll(/([a-zA-Z-]+)\s*=\s*("[^"]*"|'[^']*')/g)) {
        if (allowed.has(m[1]!.toLowerCase())) kept.push(`${m[1]!.toLowerCase()}=${m[2]!}`);
      }
    }
    return `<${tag}${kept.map((a) => ' ' + a).join('')}>`;
  });
  return normalizeEntities(withoutTags).trim();
}

/** A `&` that does not start a valid entity becomes `&amp;` (wp_kses_normalize_entities). */
export function normalizeEntities(text: string): string {
  return text.replace(/&(?!(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#\d{1,7}|#x[0-9a-fA-F]{1,6});)/g, '&amp;');
}

const ACCENTS: Record<string, string> = {
  ß: 's', æ: 'ae', Æ: 'AE', ø: 'o', Ø: 'O', œ: 'oe', Œ: 'OE', đ: 'd', Đ: 'D', ð: 'd', Ð: 'D', þ: 'th', Þ: 'TH', ł: 'l', Ł: 'L',
};

/**
 * sanitize_title as WordPress saves it: accents removed, lower case, non-ASCII characters
 * percent-encoded (the whole slug kept within 200 characters), dashes and no-break spaces turned
 * into hyphens, dots into hyphens, other punctuation (and newlines) dropped, spaces to hyphens.
 * "Cast Iron Teapot 1.2 l" → "cast-iron-teapot-1-2-l"; emoji stay, encoded.
 */
export function wpSlug(title: string): string {
  let s = stripTags(title).replace(/[ßæÆøØœŒđĐðÐþÞłŁ]/g, (c) => ACCENTS[c] ?? c).normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
  s = s.replace(/%/g, '').toLowerCase();
  s = utf8UriEncode(s, 200);
  s = s.replace(/%e2%80%93|%e2%80%94|%c2%a0/g, '-');
  s = s.replace(/%e2%80%9[89cd]|%c2%a1|%c2%bf|%c2%ab|%c2%bb|%e2%80%b9|%e2%80%ba/g, '');
  s = s.replace(/&.+?;/g, '').replace(/\./g, '-');
  s = s.replace(/[^%a-z0-9 _-]/g, '').replace(/\s+/g, '-').replace(/-+/g, '-').replace(/^-+|-+$/g, '');
  return s;
}

/** sanitize_title in readable form ("café" → "cafe", emoji kept as characters); used for attribute keys. */
export function slugify(title: string): string {
  return readableSlug(wpSlug(title));
}

/** The readable form of a slug (what `generated_slug` shows): percent-escapes decoded. */
export function readableSlug(slug: string): string {
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}

/** WordPress's utf8_uri_encode: non-ASCII as lower-case %xx bytes, stopping before `limit` is passed. */
function utf8UriEncode(text: string, limit: number): string {
  let out = '';
  for (const ch of text) {
    const piece = ch.charCodeAt(0) < 0x80 ? ch : [...Buffer.from(ch, 'utf8')].map((b) => '%' + b.toString(16).padStart(2, '0')).join('');
    if (out.length + piece.length > limit) break;
    out += piece;
  }
  return out;
}

/** wpautop for the simple texts products carry: paragraphs wrapped in <p>, single newlines as <br />. */
export function autop(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  return (
    trimmed
      .split(/\n\s*\n/)
      .map((para) => `<p>${para.trim().replace(/\n/g, '<br />\n')}</p>\n`)
      .join('\n')
  );
}

/** wp_sprintf('%l'): "a", "a and b", "a, b, and c" — the form of WordPress's enum messages. */
export function humanList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(', ')}, and ${items[items.length - 1]}`;
}
