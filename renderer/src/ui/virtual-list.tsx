/**
 * A list of any length that renders only the rows in view (plus a few). Rows have one fixed
 * height (set in CSS as --row-height and passed here); the space above and below the rendered
 * rows is held by SVG spacers sized with attributes, so no style attribute is ever written and
 * the strict CSP holds. Arrow keys, Page Up/Down, Home and End move between rows.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { nextIndex, scrollToReveal, visibleWindow } from '../lib/virtual-window';

export interface VirtualListProps {
  total: number;
  rowHeight: number;
  /** Accessible name of the list. */
  label: string;
  /** One row; focusable rows carry data-row-index so the keyboard can move to them. */
  renderRow(index: number): ReactNode;
  /** Rows start…end-1 are rendered (so their data should be fetched). */
  onRange?(start: number, end: number): void;
  className?: string;
  testId?: string;
}

/** Focuses row `index` if it is rendered and loaded (a "Loading…" placeholder takes no focus: the row gets it when its page arrives). */
function focusRow(scroller: HTMLElement, index: number): boolean {
  const row = scroller.querySelector<HTMLElement>(`[data-row-index="${index}"]`);
  if (!row || !row.matches('button, a[href], [tabindex]')) return false;
  row.focus({ preventScroll: true });
  return true;
}

export function VirtualList({ total, rowHeight, label, renderRow, onRange, className, testId }: VirtualListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const pendingFocus = useRef<number | null>(null);
  const win = visibleWindow({ scrollTop, viewportHeight: viewport, rowHeight, total, overscan: 8 });

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    setViewport(el.clientHeight || 600);
    const observer = new ResizeObserver(() => setViewport(el.clientHeight || 600));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    onRange?.(win.start, win.end);
  }, [onRange, win.start, win.end]);

  useEffect(() => {
    const index = pendingFocus.current;
    if (index === null || !scroller.current) return;
    if (focusRow(scroller.current, index)) pendingFocus.current = null;
  });

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const el = scroller.current;
    const from = (e.target as HTMLElement).closest<HTMLElement>('[data-row-index]');
    if (!el || !from) return;
    const to = nextIndex(e.key, Number(from.dataset.rowIndex), total, Math.floor(el.clientHeight / rowHeight));
    if (to === null) return;
    e.preventDefault();
    const top = scrollToReveal(to, el.scrollTop, el.clientHeight, rowHeight);
    if (top !== el.scrollTop) {
      el.scrollTop = top;
      setScrollTop(top);
    }
    pendingFocus.current = focusRow(el, to) ? null : to;
  };

  const rows: ReactNode[] = [];
  for (let i = win.start; i < win.end; i++) {
    rows.push(<li key={i} className="vlist-row" aria-setsize={total} aria-posinset={i + 1}>{renderRow(i)}</li>);
  }
  return (
    <div
      ref={scroller}
      className={`vlist${className ? ` ${className}` : ''}`}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
      data-testid={testId}
    >
      <svg className="vlist-spacer" width="1" height={win.padTop} aria-hidden="true" focusable="false" />
      <ul className="vlist-rows" aria-label={label}>{rows}</ul>
      <svg className="vlist-spacer" width="1" height={win.padBottom} aria-hidden="true" focusable="false" />
    </div>
  );
}
