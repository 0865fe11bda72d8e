/**
 * Exact arithmetic on the store's money strings for the export: sums, differences and a unit
 * price by division. The store sends "18.33", "5", "9.165"; every value keeps its own precision
 * (at least 2 decimals) and results are computed on BigInt minor units, never binary floats.
 */
import { formatMinor, parseMoney } from '../../../connectors/core/money';

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
