import { describe, expect, it } from 'vitest';
import { orderParams, wooDate } from '../../../connectors/woocommerce/woo-orders';
import { mapLimit } from '../../../connectors/woocommerce/map-limit';

describe('orderParams', () => {
  it('defaults to id ascending (stable pages) and no status filter', () => {
    expect(orderParams({})).toEqual({ orderby: 'id', order: 'asc' });
  });

  it('joins statuses, formats dates as UTC seconds and marks them GMT', () => {
    expect(
      orderParams({ status: ['pending', 'processing', 'on-hold'], modifiedAfter: new Date('2026-11-28T10:11:12.999Z'), before: '2026-12-01T00:00:00' }),
    ).toEqual({
      orderby: 'id',
      order: 'asc',
      status: 'pending,processing,on-hold',
      modified_after: '2026-11-28T10:11:12',
      before: '2026-12-01T00:00:00',
      dates_are_gmt: 'true',
    });
  });

  it('passes include lists', () => {
    expect(orderParams({ include: [3, 1] }).include).toBe('3,1');
  });
});

describe('wooDate', () => {
  it('refuses an invalid Date', () => {
    expect(() => wooDate(new Date('nope'))).toThrow(RangeError);
  });
});

describe('mapLimit', () => {
  it('keeps input order and never exceeds the limit', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([30, 10, 20, 5, 15], 2, async (ms, i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, ms));
      running--;
      return i * 10;
    });
    expect(out).toEqual([0, 10, 20, 30, 40]);
    expect(peak).toBe(2);
  });

  it('handles an empty list', async () => {
    expect(await mapLimit([], 4, async () => 1)).toEqual([]);
  });
});
