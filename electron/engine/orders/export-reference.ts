/**
 * The external reference a web order is booked with in the POS, and the store identity it is
 * derived from. The POS's reference check ("is there an invoice carrying this reference?") is
 * what makes the export exactly-once, so the reference must name this order of this store and
 * nothing else: order numbers restart in a new or staging store, and a POS may already hold
 * invoices of another store's order 247.
 *
 *     <order number>-<tag>        e.g. 247-K3M9QX7A
 *
 * The order number stays readable at the front (staff search the POS by it). The tag is 8
 * characters of Crockford base32 (digits and upper-case letters without I, L, O and U) taken
 * from SHA-256 of the store's identity, the order's WooCommerce `order_key` (random, unique per
 * order) and the number: deterministic (a retry or a resend computes the same reference) and
 * different for the same number in another store, in a restored or cloned store at another
 * address, or for another order carrying the same number.
 *
 * Length: the number's length + 9. A POS reference column of 24 characters takes order numbers
 * of up to 15 characters (WooCommerce's own numbers are the order id: 1–10 digits).
 */
import { createHash } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a reference read aloud or retyped stays unambiguous. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const REFERENCE_TAG_LENGTH = 8;
export const REFERENCE_SEPARATOR = '-';
/** Characters the reference adds to the order number: the separator and the tag. */
export const REFERENCE_EXTRA_LENGTH = REFERENCE_SEPARATOR.length + REFERENCE_TAG_LENGTH;
/** What PROFILES.md asks of a POS reference column: order numbers up to 15 characters fit. */
export const MIN_REFERENCE_COLUMN_LENGTH = 24;
/** Changing how the tag is computed changes every reference: bump this and keep the old one for in-flight rows. */
const TAG_VERSION = 'tillbridge-order-ref/1';
const TAG_PATTERN = new RegExp(`^(.+)${REFERENCE_SEPARATOR}[${ALPHABET}]{${REFERENCE_TAG_LENGTH}}$`);

/**
 * A store address in one spelling: scheme and host in lower case, no default port (80 for
 * http, 443 for https), no trailing slash, no query or fragment; the path keeps its case
 * (WordPress paths are case-sensitive). `https://Shop.Example.com:443/` → `https://shop.example.com`.
 */
export function normaliseStoreUrl(url: string): string {
  const u = parseUrl(url);
  return `${u.protocol}//${hostAndPath(u)}`;
}

/**
 * The store's identity: the normalised address without its scheme (`shop.example.com/uk`). A
 * site that moves from http to https is the same store, with the same orders and products.
 */
export function storeIdentityKey(url: string): string {
  return hostAndPath(parseUrl(url));
}

/** Whether two addresses name the same store (see storeIdentityKey). */
export function sameStore(a: string, b: string): boolean {
  return storeIdentityKey(a) === storeIdentityKey(b);
}

/** The reference the order is booked with in the POS. */
export function exportReference(storeUrl: string, order: { number: string; orderKey?: string }): string {
  const number = order.number.trim();
  if (number === '') throw new Error('An order without a number cannot be given a POS reference.');
  const hash = createHash('sha256').update([TAG_VERSION, storeIdentityKey(storeUrl), order.orderKey ?? '', number].join('\n')).digest();
  return `${number}${REFERENCE_SEPARATOR}${base32(hash, REFERENCE_TAG_LENGTH)}`;
}

/** The order number at the front of a reference (a legacy number-only reference is the number itself). */
export function referenceOrderNumber(reference: string): string {
  return TAG_PATTERN.exec(reference)?.[1] ?? reference;
}

function parseUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new Error(`"${url}" is not a store address (write it like https://shop.example.com).`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(`"${url}" is not a web address (it must start with https:// or http://).`);
  return u;
}

/** URL already lower-cases scheme and host, drops default ports and normalises percent-escapes. */
function hostAndPath(u: URL): string {
  return `${u.host}${u.pathname.replace(/\/+$/, '')}`;
}

function base32(bytes: Uint8Array, chars: number): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += ALPHABET[(value >> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length === chars) break;
  }
  return out;
}
