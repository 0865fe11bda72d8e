/** The engine's state as the tray, the dashboard and `tillbridge status` show it. Plain data. */

export type OverallState = 'ok' | 'syncing' | 'needs-attention' | 'offline' | 'paused';

export interface ConnectionHealth {
  ok: boolean;
  message: string;
  checkedAt: string | null;
}

export interface Progress {
  phase: string;
  done: number;
  total: number;
}

export interface EngineStatus {
  state: OverallState;
  paused: boolean;
  /** What runs now ("products", "orders"), or null. */
  running: string | null;
  progress: Progress | null;
  lastProductSync: string | null;
  lastOrderExport: string | null;
  nextRunAt: string | null;
  counts: {
    linkedProducts: number;
    draftsAwaitingPublish: number;
    outstandingOrders: number;
    allocatedUnits: number;
    ordersExportedToday: number;
    openErrors: number;
  };
  health: { pos: ConnectionHealth; store: ConnectionHealth };
}

/** The overall state from its parts: offline beats attention beats syncing. */
export function overallState(s: Pick<EngineStatus, 'paused' | 'running' | 'health' | 'counts'>): OverallState {
  if (s.paused) return 'paused';
  if (!s.health.pos.ok || !s.health.store.ok) return 'offline';
  if (s.counts.openErrors > 0) return 'needs-attention';
  if (s.running) return 'syncing';
  return 'ok';
}
