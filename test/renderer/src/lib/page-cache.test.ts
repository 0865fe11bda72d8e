import { describe, expect, it } from 'vitest';
import { PageCache } from '../../../../renderer/src/lib/page-cache';

describe('PageCache', () => {
  it('holds at most maxPages, dropping the least recently used', () => {
    const c = new PageCache<number>(2);
    c.set(0, [0]);
    c.set(1, [1]);
    c.get(0);
    c.set(2, [2]);
    expect(c.size).toBe(2);
    expect(c.has(0)).toBe(true);
    expect(c.has(1)).toBe(false);
    expect(c.has(2)).toBe(true);
  });

  it('finds a row by its index across pages', () => {
    const c = new PageCache<string>(5);
    c.set(1, ['a', 'b']);
    expect(c.row(101, 100)).toBe('b');
    expect(c.row(5, 100)).toBeUndefined();
  });
});
