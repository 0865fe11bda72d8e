/**
 * A small seeded random source for the demo data generators: the same seed gives the same
 * catalogue on every machine, so tests and screenshots can rely on "item 42".
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = (seed >>> 0) || 0x9e3779b9;
  }

  /** Uniform in [0, 1) (mulberry32). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
}

/** A shop-like price in cents: mostly x.99 / x.49 / x.00 endings, skewed towards cheap items. */
export function shopPriceCents(r: SeededRandom): number {
  const base = Math.floor(Math.exp(r.next() * Math.log(300)) ) + r.int(0, 3); // 1 .. ~303
  const ending = r.pick([99, 99, 99, 49, 95, 0, 50]);
  return Math.max(49, base * 100 + ending - (ending === 0 ? 0 : 100));
}

/** Cents as a decimal string ("1999" → "19.99"): demo money never passes through a float. */
export function centsText(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
