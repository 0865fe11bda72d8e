/**
 * The product list's rows, fetched from the engine a page at a time as the list scrolls
 * (`products` with offset/limit) and held in a bounded cache. A new search starts over; a
 * finished run refetches the pages in view and forgets the rest, so the list never shows
 * numbers older than the last run for long.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelAnswer, TillbridgeApi } from '../../../electron/engine/api/channels';
import { PageCache } from '../lib/page-cache';
import { pagesForRange } from '../lib/virtual-window';

export type ProductRow = ChannelAnswer<'products'>['items'][number];

export const PAGE_SIZE = 100;
const MAX_PAGES = 30;

export interface ProductPages {
  total: number | null;
  readAt: string | null;
  error: string | null;
  row(index: number): ProductRow | undefined;
  onRange(start: number, end: number): void;
}

export function useProductPages(api: TillbridgeApi, search: string, runCounter: number): ProductPages {
  const cache = useRef(new PageCache<ProductRow>(MAX_PAGES));
  const inflight = useRef(new Set<number>());
  const generation = useRef(0);
  const range = useRef<[number, number]>([0, PAGE_SIZE]);
  const [total, setTotal] = useState<number | null>(null);
  const [readAt, setReadAt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, setVersion] = useState(0);

  const fetchPage = useCallback((page: number) => {
    if (inflight.current.has(page)) return;
    inflight.current.add(page);
    const gen = generation.current;
    api.products({ search: search || undefined, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
      (answer) => {
        if (gen !== generation.current) return;
        inflight.current.delete(page);
        cache.current.set(page, answer.items);
        setTotal(answer.total);
        setReadAt(answer.readAt);
        setError(null);
        setVersion((v) => v + 1);
      },
      (e: unknown) => {
        if (gen !== generation.current) return;
        inflight.current.delete(page);
        setError((e as Error).message);
      },
    );
  }, [api, search]);

  const onRange = useCallback((start: number, end: number) => {
    range.current = [start, Math.max(end, start + 1)];
    for (const page of pagesForRange(range.current[0], range.current[1], PAGE_SIZE)) {
      if (!cache.current.has(page)) fetchPage(page);
    }
  }, [fetchPage]);

  // A new search: start over from the top.
  useEffect(() => {
    generation.current++;
    cache.current.clear();
    inflight.current.clear();
    setTotal(null);
    setError(null);
    range.current = [0, PAGE_SIZE];
    fetchPage(0);
  }, [fetchPage]);

  // A run finished: refetch what is in view, forget the rest (it is refetched when scrolled to).
  const seenRuns = useRef(runCounter);
  useEffect(() => {
    if (seenRuns.current === runCounter) return;
    seenRuns.current = runCounter;
    generation.current++;
    inflight.current.clear();
    const visible = pagesForRange(range.current[0], range.current[1], PAGE_SIZE);
    const keep = new Map(visible.map((p) => [p, cache.current.get(p)] as const));
    cache.current.clear();
    for (const [p, rows] of keep) if (rows) cache.current.set(p, rows);
    for (const p of visible) fetchPage(p);
  }, [runCounter, fetchPage]);

  return {
    total, readAt, error, onRange,
    row: (index: number) => cache.current.row(index, PAGE_SIZE),
  };
}
