/**
 * The store's clock. WooCommerce stamps records in whole seconds; tests need to move time forward
 * (to get distinct seconds, or to reach a scheduled sale date) without sleeping, so the clock is
 * injectable: the wall clock by default, a FakeClock in tests.
 */

/** Anything that tells the current time in milliseconds since the epoch. */
export interface EmuClock {
  nowMs(): number;
}

/** The real wall clock. */
export const wallClock: EmuClock = { nowMs: () => Date.now() };

/** A clock that only moves when told to, so tests control "a new second" exactly. */
export class FakeClock implements EmuClock {
  private ms: number;

  constructor(start: Date | number = Date.UTC(2026, 10, 28, 12, 0, 0)) {
    this.ms = typeof start === 'number' ? start : start.getTime();
  }

  nowMs(): number {
    return this.ms;
  }

  /** Moves the clock forward (never backward: store timestamps must not run backwards). */
  advance(ms: number): void {
    if (ms < 0) throw new Error(`FakeClock.advance: cannot go back in time (${ms} ms)`);
    this.ms += ms;
  }

  /** Moves the clock to the start of the next whole second. */
  nextSecond(): void {
    this.ms = (Math.floor(this.ms / 1000) + 1) * 1000;
  }
}

/** Whole seconds since the epoch: the resolution of every WooCommerce timestamp. */
export function nowSeconds(clock: EmuClock): number {
  return Math.floor(clock.nowMs() / 1000);
}

/** `YYYY-MM-DDTHH:MM:SS` without a zone, as WooCommerce prints `date_x` and `date_x_gmt` (store in UTC). */
export function formatWcDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19);
}

/**
 * Parses a date the way WooCommerce's REST layer accepts one (`2026-12-01T00:00:00`, with or
 * without zone, or a date only). Returns whole seconds, or null when it is not a date.
 */
export function parseWcDate(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms)) return null;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return Math.floor(ms / 1000);
}
