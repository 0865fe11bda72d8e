/**
 * Window math for the long lists (50,000 products): which rows to render for a scroll position,
 * how tall the space above and below them is, which server pages hold them, and where to scroll
 * so a row the keyboard moved to is in view. Fixed row height keeps all of it arithmetic.
 */
export interface WindowInput {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  total: number;
  /** Extra rows rendered above and below the visible ones, so fast scrolling shows no gaps. */
  overscan?: number;
}

export interface VisibleWindow {
  /** First rendered row (inclusive). */
  start: number;
  /** Last rendered row (exclusive). */
  end: number;
  padTop: number;
  padBottom: number;
}

export function visibleWindow(input: WindowInput): VisibleWindow {
  const { rowHeight, viewportHeight } = input;
  const total = Math.max(0, Math.floor(input.total));
  const overscan = input.overscan ?? 5;
  if (total === 0 || rowHeight <= 0) return { start: 0, end: 0, padTop: 0, padBottom: 0 };
  const maxTop = Math.max(0, total * rowHeight - viewportHeight);
  const scrollTop = Math.min(Math.max(0, input.scrollTop), maxTop);
  const first = Math.floor(scrollTop / rowHeight);
  const last = Math.ceil((scrollTop + Math.max(0, viewportHeight)) / rowHeight);
  const start = Math.max(0, first - overscan);
  const end = Math.min(total, Math.max(last, first + 1) + overscan);
  return { start, end, padTop: start * rowHeight, padBottom: (total - end) * rowHeight };
}

/** The page numbers (pageSize rows each) that hold rows start…end-1. */
export function pagesForRange(start: number, end: number, pageSize: number): number[] {
  if (end <= start || pageSize <= 0) return [];
  const pages: number[] = [];
  for (let p = Math.floor(start / pageSize); p <= Math.floor((end - 1) / pageSize); p++) pages.push(p);
  return pages;
}

/** The scroll position that brings row `index` fully into view, moving as little as possible. */
export function scrollToReveal(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}

/** Where a list key moves the active row; null for keys the list does not handle. */
export function nextIndex(key: string, current: number, total: number, rowsPerPage: number): number | null {
  if (total <= 0) return null;
  const page = Math.max(1, rowsPerPage - 1);
  const clamp = (n: number) => Math.min(total - 1, Math.max(0, n));
  switch (key) {
    case 'ArrowDown': return clamp(current + 1);
    case 'ArrowUp': return clamp(current - 1);
    case 'PageDown': return clamp(current + page);
    case 'PageUp': return clamp(current - page);
    case 'Home': return 0;
    case 'End': return total - 1;
    default: return null;
  }
}
