/**
 * Loading a query and running a command, the two things every screen does: stale answers are
 * dropped, a command's button stays disabled while it runs, and its outcome is said in words.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNotify } from './toasts';

export interface QueryState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/** Runs `load` now and whenever `deps` change; keeps the last good answer while reloading. */
export function useQuery<T>(load: () => Promise<T>, deps: readonly unknown[]): QueryState<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [nonce, setNonce] = useState(0);
  const latest = useRef(load);
  useEffect(() => { latest.current = load; });

  useEffect(() => {
    let live = true;
    setLoading(true);
    latest.current().then(
      (d) => { if (live) { setData(d); setError(null); setLoading(false); } },
      (e: unknown) => { if (live) { setError((e as Error).message); setLoading(false); } },
    );
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps decide when to load
  }, [...deps, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, loading, reload };
}

/** A failure already shown where it belongs (e.g. next to form fields): no toast for it. */
export class ShownError extends Error {
  override readonly name = 'ShownError';
}

export interface Command<A extends unknown[]> {
  busy: boolean;
  run(...args: A): Promise<void>;
}

/**
 * A command bound to a button: one run at a time (a second click while it runs does nothing),
 * the answer described in a toast, a failure in an alert.
 */
export function useCommand<A extends unknown[], R>(
  exec: (...args: A) => Promise<R>,
  describe: (answer: R) => { ok: boolean; message: string } | null,
  after?: (answer: R) => void,
): Command<A> {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const mounted = useRef(true);
  useEffect(() => { mounted.current = true; return () => { mounted.current = false; }; }, []);

  const run = useCallback(async (...args: A) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    try {
      const answer = await exec(...args);
      const said = describe(answer);
      if (said) notify(said.ok ? 'info' : 'error', said.message);
      after?.(answer);
    } catch (e) {
      if (!(e instanceof ShownError)) notify('error', (e as Error).message);
    } finally {
      running.current = false;
      if (mounted.current) setBusy(false);
    }
  }, [exec, describe, after, notify]);
  return { busy, run };
}
