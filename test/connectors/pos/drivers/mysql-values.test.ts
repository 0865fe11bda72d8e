import { describe, expect, it } from 'vitest';
import { normaliseMysqlRows, wallClockTimestamp } from '../../../../connectors/pos/drivers/mysql-values';

describe('MariaDB/MySQL values', () => {
  it('timestamps become wall-clock text with milliseconds; zero dates become NULL', () => {
    expect(wallClockTimestamp('2026-03-01 14:05:06')).toBe('2026-03-01 14:05:06.000');
    expect(wallClockTimestamp('2026-03-01 14:05:06.7')).toBe('2026-03-01 14:05:06.700');
    expect(wallClockTimestamp('2026-03-01 14:05:06.789123')).toBe('2026-03-01 14:05:06.789');
    expect(wallClockTimestamp('0000-00-00 00:00:00')).toBeNull();
  });

  it('rows as arrays become upper-case keyed rows, converted by column type', () => {
    const fields = [{ name: 'id', columnType: 3 }, { name: 'At', columnType: 12 }, { name: 'day', columnType: 10 }, { name: 'f', columnType: 4 }, { name: 'Price', columnType: 246 }];
    expect(normaliseMysqlRows([[1, '2026-03-01 14:05:06', '0000-00-00', 0.10000000149011612, '19.99'], [2, null, '2026-03-01', null, null]], fields)).toEqual([
      { ID: 1, AT: '2026-03-01 14:05:06.000', DAY: null, F: 0.1, PRICE: '19.99' },
      { ID: 2, AT: null, DAY: '2026-03-01', F: null, PRICE: null },
    ]);
    expect(normaliseMysqlRows({ affectedRows: 1 }, undefined)).toEqual([]);
  });
});
