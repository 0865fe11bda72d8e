/**
 * Money as exact decimal strings. POS databases hand us NUMERIC values and WooCommerce wants price
 * strings; a binary float in between turns 0.1 + 0.2 into 0.30000000000000004 and a 19.99 price
 * into 19.989999. Everything here works on digits (BigInt minor units), never on `number`.
 */

/** A validated price: canonical decimal string with exactly `decimals` fraction digits, e.g. "12.50". */
export type Money = string & { readonly __money: unique symbol };

export type MoneyResult = { ok: true; value: Money } | { ok: false; reason: string };

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * Parses what a POS or a person typed into a price. Accepts decimal strings and bigint; accepts
 * `number` only when it is an integer or was produced by a NUMERIC column read as a number and has
 * a short exact decimal form. Rounds half away from zero to `decimals` places.
 */
export function parseMoney(input: unknown, decimals = 2): MoneyResult {
  let text: string;
  if (typeof input === 'bigint') text = input.toString();
  else if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, reason: `not a number (${String(input)})` };
    // Shortest round-trip representation: 19.99 stays "19.99". Exponent forms are refused below.
    text = String(input);
  } else if (typeof input === 'string') text = input.trim();
  else return { ok: false, reason: input == null ? 'empty' : `not a price (${typeof input})` };

  if (text === '') return { ok: false, reason: 'empty' };
  const m = DECIMAL.exec(text.replace(',', '.'));
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return { ok: false, reason: `not a number ("${clip(text)}")` };
  const sign = m[1] === '-' ? -1n : 1n;
  const whole = m[2] || '0';
  const frac = m[3] ?? '';
  if (whole.length > 12) return { ok: false, reason: `too large ("${clip(text)}")` };
  const scale = 10n ** BigInt(decimals);
  let minor = BigInt(whole) * scale + BigInt((frac + '0'.repeat(decimals)).slice(0, decimals) || '0');
  const rest = frac.slice(decimals);
  if (rest !== '' && rest[0]! >= '5') minor += 1n;
  return { ok: true, value: formatMinor(sign * minor, decimals) };
}

/** Minor units (cents for 2 decimals) → canonical string. */
export function formatMinor(minor: bigint, decimals = 2): Money {
  const neg = minor < 0n;
  const abs = neg ? -minor : minor;
  const digits = abs.toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals);
  return ((neg ? '-' : '') + whole + (decimals > 0 ? '.' + frac : '')) as Money;
}

/** Canonical string → minor units. Throws on a string that parseMoney would refuse. */
export function toMinor(value: string, decimals = 2): bigint {
  const r = parseMoney(value, decimals);
  if (!r.ok) throw new Error(`invalid money value: ${r.reason}`);
  const neg = r.value.startsWith('-');
  const digits = r.value.replace('-', '').replace('.', '');
  return (neg ? -1n : 1n) * BigInt(digits);
}

/** True when two price strings denote the same amount ("10" and "10.00"; "" and null are both "no price"). */
export function sameMoney(a: string | null | undefined, b: string | null | undefined, decimals = 2): boolean {
  const ea = a == null || a === '';
  const eb = b == null || b === '';
  if (ea || eb) return ea === eb;
  const pa = parseMoney(a, decimals);
  const pb = parseMoney(b, decimals);
  if (!pa.ok || !pb.ok) return a === b;
  return pa.value === pb.value;
}

function clip(s: string): string {
  return s.length > 30 ? s.slice(0, 27) + '...' : s;
}

// Exact arithmetic on the store's money strings (order export): sums, differences and a unit
// price by division. The store sends "18.33", "5", "9.165"; every value keeps its own precision
// (at least 2 decimals) and results are computed on BigInt minor units, never binary floats.

/** A money value the store sent that is not a number. */
export class MoneyFormatError extends Error {
  constructor(readonly field: string, readonly value: unknown) {
    super(`${field} is not an amount of money (${JSON.stringify(value)})`);
    this.name = 'MoneyFormatError';
  }
}

const MIN_DECIMALS = 2;

/** Canonical exact string for a store amount ("5" → "5.00", "9.165" stays). '' counts as zero. */
export function exactMoney(value: unknown, field: string): string {
  if (value === '' || value === null || value === undefined) return '0.00';
  if (typeof value !== 'string' && typeof value !== 'number') throw new MoneyFormatError(field, value);
  const text = String(value).trim();
  const r = parseMoney(text, Math.max(MIN_DECIMALS, fractionDigits(text)));
  if (!r.ok) throw new MoneyFormatError(field, value);
  return r.value;
}

/** a + b + … exactly. */
export function addMoney(...values: string[]): string {
  const d = Math.max(MIN_DECIMALS, ...values.map(fractionDigits));
  return formatMinor(values.reduce((acc, v) => acc + minor(v, d), 0n), d);
}

/** a − b exactly. */
export function subtractMoney(a: string, b: string): string {
  const d = Math.max(MIN_DECIMALS, fractionDigits(a), fractionDigits(b));
  return formatMinor(minor(a, d) - minor(b, d), d);
}

/**
 * amount ÷ quantity: exact when it divides within `maxDecimals`, else rounded half away from zero
 * to `maxDecimals`; trailing zeros past 2 decimals are dropped ("3.99", "3.3333").
 */
export function divideMoney(amount: string, quantity: number, maxDecimals = 4): string {
  if (!Number.isSafeInteger(quantity) || quantity <= 0) throw new RangeError(`cannot divide by quantity ${quantity}`);
  const d = Math.max(maxDecimals, fractionDigits(amount));
  const num = minor(amount, d);
  const q = BigInt(quantity);
  const neg = num < 0n;
  const abs = neg ? -num : num;
  let result = abs / q;
  if ((abs % q) * 2n >= q) result += 1n;
  return trimZeros(formatMinor(neg ? -result : result, d));
}

/** True when the amount is zero. */
export function isZeroMoney(value: string): boolean {
  return /^-?0*(\.0*)?$/.test(value.trim());
}

function fractionDigits(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

function minor(value: string, decimals: number): bigint {
  const neg = value.trim().startsWith('-');
  const [whole = '0', frac = ''] = value.trim().replace(/^[+-]/, '').split('.');
  if (frac.length > decimals) throw new RangeError(`${value} has more than ${decimals} decimals`);
  const digits = BigInt((whole || '0') + frac.padEnd(decimals, '0'));
  return neg ? -digits : digits;
}

function trimZeros(text: string): string {
  const dot = text.indexOf('.');
  if (dot < 0) return text;
  let end = text.length;
  while (end > dot + 1 + MIN_DECIMALS && text[end - 1] === '0') end--;
  return text.slice(0, end);
}
