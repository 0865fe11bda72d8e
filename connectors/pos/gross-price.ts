/**
 * Some POS systems store prices net of tax; the web store shows gross prices. The gross-up is
 * done on decimal digits (BigInt), never on binary floats: 16.6583 net at 20 % is exactly
 * 19.98996, which rounds to 19.99 (half away from zero), every time.
 */

const DECIMAL = /^([+-]?)(\d*)(?:[.,](\d*))?$/;

/** Exact decimal: digits / 10^scale. Null for anything that is not a plain decimal number. */
function parseDecimal(text: string): { digits: bigint; scale: number } | null {
  const m = DECIMAL.exec(text.trim());
  if (!m || ((m[2] ?? '') === '' && (m[3] ?? '') === '')) return null;
  const frac = m[3] ?? '';
  const digits = BigInt((m[2] || '0') + frac);
  return { digits: m[1] === '-' ? -digits : digits, scale: frac.length };
}

/**
 * net × (1 + ratePercent / 100), rounded half away from zero to `decimals` places. Returns null
 * when either input is not a decimal number, so the caller can pass the raw value on and let
 * validation name the bad price.
 */
export function grossUp(net: string, ratePercent: string, decimals = 2): string | null {
  const n = parseDecimal(net);
  const r = parseDecimal(ratePercent);
  if (!n || !r) return null;
  // gross = n.digits/10^ns × (100·10^rs + r.digits)/(100·10^rs)
  const factor = 100n * 10n ** BigInt(r.scale) + r.digits;
  const numerator = n.digits * factor * 10n ** BigInt(decimals);
  const denominator = 10n ** BigInt(n.scale) * 100n * 10n ** BigInt(r.scale);
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  let q = abs / denominator;
  if ((abs % denominator) * 2n >= denominator) q += 1n;
  const text = q.toString().padStart(decimals + 1, '0');
  const whole = text.slice(0, text.length - decimals);
  const frac = text.slice(text.length - decimals);
  return (negative && q !== 0n ? '-' : '') + whole + (decimals > 0 ? `.${frac}` : '');
}

/** Sum of decimal quantities without float drift ("1.5" + "2.25" = 3.75); null if one is not a number. */
export function sumQuantities(values: readonly (string | number)[]): number | null {
  let scale = 0;
  const parsed: { digits: bigint; scale: number }[] = [];
  for (const v of values) {
    const d = typeof v === 'number'
      ? (Number.isFinite(v) ? parseDecimal(Number.isInteger(v) ? String(v) : v.toFixed(6)) : null)
      : parseDecimal(v);
    if (!d) return null;
    parsed.push(d);
    scale = Math.max(scale, d.scale);
  }
  let total = 0n;
  for (const d of parsed) total += d.digits * 10n ** BigInt(scale - d.scale);
  return Number(total) / 10 ** scale;
}
