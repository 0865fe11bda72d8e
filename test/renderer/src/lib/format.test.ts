import { describe, expect, it } from 'vitest';
import { barHeight, niceMax } from '../../../../renderer/src/lib/chart-scale';
import { formatCount, formatDateTime, formatDuration, formatHour, formatPrice, formatRelative } from '../../../../renderer/src/lib/format';
import { parseRoute } from '../../../../renderer/src/lib/route';

const ctx = { locale: 'en-GB', timeZone: 'UTC', now: Date.parse('2026-12-04T15:00:00Z') };

describe('formatDuration', () => {
  it('says a duration in the units that matter', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(4250, ctx)).toBe('4.2 s');
    expect(formatDuration(42_900, ctx)).toBe('42 s');
    expect(formatDuration(200_000)).toBe('3 min 20 s');
    expect(formatDuration(180_000)).toBe('3 min');
    expect(formatDuration(7_500_000)).toBe('2 h 5 min');
    expect(formatDuration(90_000_000)).toBe('1 d 1 h');
  });

  it('shows a dash for nothing or nonsense', () => {
    for (const v of [null, undefined, Number.NaN, -1]) expect(formatDuration(v)).toBe('—');
  });
});

describe('formatRelative', () => {
  it('reads past and future at a glance', () => {
    expect(formatRelative('2026-12-04T14:58:00Z', ctx)).toBe('2 min ago');
    expect(formatRelative('2026-12-04T15:00:20Z', ctx)).toBe('just now');
    expect(formatRelative('2026-12-04T15:05:00Z', ctx)).toBe('in 5 min');
    expect(formatRelative('2026-12-04T12:00:00Z', ctx)).toBe('3 h ago');
    expect(formatRelative('2026-12-01T15:00:00Z', ctx)).toBe('3 d ago');
    expect(formatRelative(null, ctx)).toBe('never');
    expect(formatRelative('not a date', ctx)).toBe('—');
  });
});

describe('formatDateTime', () => {
  it('names today, yesterday and tomorrow, else the date', () => {
    expect(formatDateTime('2026-12-04T09:12:00Z', ctx)).toBe('today 09:12');
    expect(formatDateTime('2026-12-03T23:59:00Z', ctx)).toBe('yesterday 23:59');
    expect(formatDateTime('2026-12-05T00:30:00Z', ctx)).toBe('tomorrow 00:30');
    expect(formatDateTime('2026-11-30T08:00:00Z', ctx)).toBe('30 Nov 2026, 08:00');
    expect(formatDateTime(null, ctx)).toBe('never');
  });

  it('follows the time zone for what counts as today', () => {
    expect(formatDateTime('2026-12-04T23:30:00Z', { ...ctx, timeZone: 'Europe/Berlin' })).toBe('tomorrow 00:30');
  });
});

describe('small formats', () => {
  it('counts, hours and prices', () => {
    expect(formatCount(50_000, ctx)).toBe('50,000');
    expect(formatCount(null)).toBe('—');
    expect(formatHour('2026-12-04T14:00:00Z', ctx)).toBe('14:00');
    expect(formatPrice('9.99')).toBe('9.99');
    expect(formatPrice(null)).toBe('—');
    expect(formatPrice('')).toBe('—');
  });
});

describe('chart scale', () => {
  it('rounds the top of a series up to a readable number', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(1)).toBe(1);
    expect(niceMax(130)).toBe(200);
    expect(niceMax(2400)).toBe(2500);
    expect(niceMax(4100)).toBe(5000);
  });

  it('never draws a non-zero hour flat, nor beyond the plot', () => {
    expect(barHeight(0, 100, 48)).toBe(0);
    expect(barHeight(1, 10_000, 48)).toBe(1);
    expect(barHeight(50, 100, 48)).toBe(24);
    expect(barHeight(500, 100, 48)).toBe(48);
  });
});

describe('parseRoute', () => {
  it('maps the hash to a screen, the overview by default', () => {
    expect(parseRoute('#/products')).toBe('products');
    expect(parseRoute('#/links?x=1')).toBe('links');
    expect(parseRoute('#problems')).toBe('problems');
    expect(parseRoute('')).toBe('overview');
    expect(parseRoute('#/nope')).toBe('overview');
  });
});
