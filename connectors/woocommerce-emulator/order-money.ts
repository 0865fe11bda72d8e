/**
 * Exact arithmetic for order amounts. Product prices are strings with any number of decimals
 * ("9.999" is a legal stored price), line totals are price × quantity, and the REST view rounds to
 * the store's 2 decimals only when printing — so amounts are kept as BigInt millionths here and
 * never pass through a binary float.
 */

const SCALE = 1_000_000n;
const DECIMALS = 6;

/** Parses a decimal string or integer ("12", "-3.5", "9.999") into millionths; "" and junk are 0. */
export function toMicros(value: string | number | null | undefined): bigint {
  if (value === null || value === undefined) return 0n;
  const text = typeof value === 'number' ? numberText(value) : value.trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return 0n;
  const whole = BigInt(m[2] || '0');
  const fracDigits = m[3] ?? '';
  let frac = BigInt((fracDigits + '0'.repeat(DECIMALS)).slice(0, DECIMALS) || '0');
  if (fracDigits.length > DECIMALS && fracDigits[DECIMALS]! >= '5') frac += 1n;
  const micros = whole * SCALE + frac;
  return m[1] === '-' ? -micros : micros;
}

/** A JSON number as written (12.5 → "12.5"); integers and short decimals only ever reach here. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return '0';
  return Number.isInteger(n) ? n.toFixed(0) : String(n);
}

/** Millionths → the shortest exact decimal ("5", "1.67", "-8"), as wc_format_decimal prints a stored value. */
export function microsToDecimal(micros: bigint): string {
  const neg = micros < 0n;
  const abs = neg ? -micros : micros;
  const whole = abs / SCALE;
  let frac = (abs % SCALE).toString().padStart(DECIMALS, '0').replace(/0+$/, '');
  if (frac !== '') frac = '.' + frac;
  return (neg && abs !== 0n ? '-' : '') + whole.toString() + frac;
}

/** Millionths → a string with exactly `dp` decimals, rounding half away from zero ("18.33", "30.00"). */
export function microsToFixed(micros: bigint, dp = 2): string {
  const unit = 10n ** BigInt(DECIMALS - dp);
  const neg = micros < 0n;
  let abs = neg ? -micros : micros;
  abs = (abs + unit / 2n) / unit;
  const digits = abs.toString().padStart(dp + 1, '0');
  const text = dp > 0 ? `${digits.slice(0, digits.length - dp)}.${digits.slice(digits.length - dp)}` : digits;
  return (neg && abs !== 0n ? '-' : '') + text;
}

/** Rounds to whole cents (half away from zero), still in millionths. */
export function roundToCents(micros: bigint): bigint {
  return toMicros(microsToFixed(micros, 2));
}

/** Millionths → whole cents (the unit WooCommerce's discount code works in), rounded. */
export function microsToCents(micros: bigint): bigint {
  return roundToCents(micros) / 10_000n;
}

/** Whole cents → millionths. */
export function centsToMicros(cents: bigint): bigint {
  return cents * 10_000n;
}

/** Formats any stored amount string for the REST view: exactly `dp` decimals ("0" → "0.00"). */
export function formatAmount(value: string, dp = 2): string {
  return microsToFixed(toMicros(value), dp);
}

/**
 * The unit price WooCommerce reports for a line (`line_items[].price`): the line total after
 * discounts divided by the quantity, as PHP's float division gives it. The contract pins this as a
 * JSON number (9.165, 3.16, 10), so here — and only here — the value is a float on purpose.
 */
export function unitPriceNumber(lineTotal: string, quantity: number): number {
  if (!quantity) return 0;
  return Number(microsToDecimal(toMicros(lineTotal))) / quantity;
}
