/**
 * What every screen reaches through React context: the engine API, its events, the engine's
 * status (one copy for the whole page, kept current by events) and a counter that moves when a
 * run finishes, so open screens reload what the run changed.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { EngineStatusView, EventName, EventPayload, TillbridgeApi } from '../../../electron/engine/api/channels';
import type { DesktopApi } from '../api/desktop';
import type { EventHub } from '../api/event-hub';
import type { LinkState } from '../api/event-stream';

/** A slow safety net under the events: one status read a minute. */
const SAFETY_REFRESH_MS = 60_000;

interface Services {
  api: TillbridgeApi;
  /** The desktop app's own channels; null when the page is served over HTTP (headless). */
  desktop: DesktopApi | null;
  hub: EventHub;
}

interface StatusState {
  status: EngineStatusView | null;
  error: string | null;
  setStatus(status: EngineStatusView): void;
  refresh(): void;
}

const ServicesContext = createContext<Services | null>(null);
const StatusContext = createContext<StatusState | null>(null);
const RunCounterContext = createContext(0);

export function useServices(): Services {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('useServices outside <ServicesProvider>');
  return s;
}

export function useApi(): TillbridgeApi {
  return useServices().api;
}

/** The desktop app's channels, or null when the page does not run in the desktop app. */
export function useDesktop(): DesktopApi | null {
  return useServices().desktop;
}

export function useStatus(): StatusState {
  const s = useContext(StatusContext);
  if (!s) throw new Error('useStatus outside <ServicesProvider>');
  return s;
}

/** Moves whenever a product or order run changed something or new problems opened. */
export function useRunCounter(): number {
  return useContext(RunCounterContext);
}

/** Listens to one engine event while the component is mounted. */
export function useEvent<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): void {
  const { hub } = useServices();
  const latest = useRef(listener);
  useEffect(() => { latest.current = listener; });
  useEffect(() => hub.on(name, (p) => latest.current(p)), [hub, name]);
}

export function useLink(): LinkState {
  const { hub } = useServices();
  const [link, setLink] = useState<LinkState>(hub.link);
  useEffect(() => {
    setLink(hub.link);
    return hub.onLink(setLink);
  }, [hub]);
  return link;
}

export function ServicesProvider({ api, desktop, hub, children }: Services & { children: ReactNode }) {
  const services = useMemo(() => ({ api, desktop, hub }), [api, desktop, hub]);
  const [status, setStatusState] = useState<EngineStatusView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [runCounter, setRunCounter] = useState(0);
  const seq = useRef(0);

  const setStatus = useCallback((s: EngineStatusView) => {
    seq.current++;
    setStatusState(s);
    setError(null);
  }, []);

  const refresh = useCallback(() => {
    const mine = ++seq.current;
    api.status({}).then(
      (s) => { if (mine === seq.current) { setStatusState(s); setError(null); } },
      (e: unknown) => { if (mine === seq.current) setError((e as Error).message); },
    );
  }, [api]);

  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, SAFETY_REFRESH_MS);
    const bump = () => setRunCounter((n) => n + 1);
    const offs = [
      hub.on('status', (s) => setStatus(s)),
      hub.on('progress', (progress) => setStatusState((s) => (s ? { ...s, progress } : s))),
      // A run that changed nothing (most scheduled runs) gives the screens nothing to reload.
      hub.on('product-run', (r) => { if (r.created + r.updated + r.failed > 0) bump(); }),
      hub.on('order-run', (r) => { if (r.exported + r.marked + r.failed > 0) bump(); }),
      hub.on('problems', bump),
      // After a reconnect the page may have missed events: read the status again.
      hub.onLink((link) => { if (link === 'open') refresh(); }),
    ];
    return () => {
      clearInterval(timer);
      for (const off of offs) off();
    };
  }, [hub, refresh, setStatus]);

  const statusState = useMemo(() => ({ status, error, setStatus, refresh }), [status, error, setStatus, refresh]);
  return (
    <ServicesContext.Provider value={services}>
      <StatusContext.Provider value={statusState}>
        <RunCounterContext.Provider value={runCounter}>{children}</RunCounterContext.Provider>
      </StatusContext.Provider>
    </ServicesContext.Provider>
  );
}
