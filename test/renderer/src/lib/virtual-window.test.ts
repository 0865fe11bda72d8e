import { describe, expect, it } from 'vitest';
import { nextIndex, pagesForRange, scrollToReveal, visibleWindow } from '../../../../renderer/src/lib/virtual-window';

describe('visibleWindow', () => {
  const base = { rowHeight: 44, viewportHeight: 440, total: 50_000, overscan: 5 };

  it('renders the rows in view plus the overscan, and pads the rest', () => {
    const w = visibleWindow({ ...base, scrollTop: 44 * 100 });
    expect(w).toEqual({ start: 95, end: 115, padTop: 95 * 44, padBottom: (50_000 - 115) * 44 });
  });

  it('keeps the total height constant wherever it is scrolled', () => {
    for (const scrollTop of [0, 1, 43, 44, 12_345, 44 * 49_990, 44 * 50_000]) {
      const w = visibleWindow({ ...base, scrollTop });
      expect(w.padTop + (w.end - w.start) * 44 + w.padBottom).toBe(50_000 * 44);
      expect(w.end - w.start).toBeLessThanOrEqual(10 + 1 + 2 * 5);
    }
  });

  it('clamps at the top and at the bottom (overscroll, short lists)', () => {
    expect(visibleWindow({ ...base, scrollTop: -200 }).start).toBe(0);
    const bottom = visibleWindow({ ...base, scrollTop: 1e9 });
    expect(bottom.end).toBe(50_000);
    expect(bottom.padBottom).toBe(0);
    expect(visibleWindow({ ...base, total: 3, scrollTop: 0 })).toEqual({ start: 0, end: 3, padTop: 0, padBottom: 0 });
  });

  it('renders nothing for an empty list', () => {
    expect(visibleWindow({ ...base, total: 0, scrollTop: 0 })).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });
});

describe('pagesForRange', () => {
  it('names every page that holds a rendered row', () => {
    expect(pagesForRange(95, 115, 100)).toEqual([0, 1]);
    expect(pagesForRange(0, 100, 100)).toEqual([0]);
    expect(pagesForRange(100, 101, 100)).toEqual([1]);
    expect(pagesForRange(5, 5, 100)).toEqual([]);
  });
});

describe('scrollToReveal', () => {
  it('moves only as far as needed', () => {
    expect(scrollToReveal(5, 0, 440, 44)).toBe(0);
    expect(scrollToReveal(10, 0, 440, 44)).toBe(44);
    expect(scrollToReveal(2, 440, 440, 44)).toBe(88);
  });
});

describe('nextIndex', () => {
  it('moves by row, page and to the ends, and stays in the list', () => {
    expect(nextIndex('ArrowDown', 0, 10, 5)).toBe(1);
    expect(nextIndex('ArrowDown', 9, 10, 5)).toBe(9);
    expect(nextIndex('ArrowUp', 0, 10, 5)).toBe(0);
    expect(nextIndex('PageDown', 0, 10, 5)).toBe(4);
    expect(nextIndex('PageUp', 9, 10, 5)).toBe(5);
    expect(nextIndex('Home', 7, 10, 5)).toBe(0);
    expect(nextIndex('End', 2, 10, 5)).toBe(9);
    expect(nextIndex('Enter', 2, 10, 5)).toBeNull();
    expect(nextIndex('ArrowDown', 0, 0, 5)).toBeNull();
  });
});
