/**
 * Short messages after a command ("Sync finished: 3 updated"), read out by screen readers through
 * live regions: polite for news, assertive for failures. At most a handful stay on screen.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

const text = {
  dismiss: 'Dismiss',
  notifications: 'Notifications',
};

const MAX_TOASTS = 4;
const INFO_MS = 8000;
const ERROR_MS = 20_000;

export type ToastKind = 'info' | 'error';
interface Toast { id: number; kind: ToastKind; message: string }

type Notify = (kind: ToastKind, message: string) => void;
const ToastContext = createContext<Notify>(() => undefined);

export function useNotify(): Notify {
  return useContext(ToastContext);
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    const t = timers.current.get(id);
    if (t) clearTimeout(t);
    timers.current.delete(id);
    setToasts((list) => list.filter((x) => x.id !== id));
  }, []);

  const notify = useCallback<Notify>((kind, message) => {
    const id = nextId.current++;
    setToasts((list) => [...list, { id, kind, message }].slice(-MAX_TOASTS));
    timers.current.set(id, setTimeout(() => dismiss(id), kind === 'info' ? INFO_MS : ERROR_MS));
  }, [dismiss]);

  useEffect(() => {
    const all = timers.current;
    return () => { for (const t of all.values()) clearTimeout(t); all.clear(); };
  }, []);

  const value = useMemo(() => notify, [notify]);
  const render = (kind: ToastKind) => toasts.filter((t) => t.kind === kind).map((t) => (
    <div key={t.id} className={`toast toast-${t.kind}`}>
      <p>{t.message}</p>
      <button type="button" className="button-quiet" onClick={() => dismiss(t.id)}>{text.dismiss}</button>
    </div>
  ));
  return (
    <ToastContext.Provider value={value}>
      {children}
      <section className="toasts" aria-label={text.notifications}>
        <div role="status" aria-live="polite">{render('info')}</div>
        <div role="alert" aria-live="assertive">{render('error')}</div>
      </section>
    </ToastContext.Provider>
  );
}
