/** The engine's state as the tray, the dashboard and `tillbridge status` show it, and the read model that builds it. */
import type { StoreStockGuardInfo } from '../../connectors/core/store-stock-guard';
import type { AllocationReader } from './allocation/allocation-reader';
import type { LinkStore } from './links/link-store';
import type { ExportJournal } from './orders/export-journal';
import type { ErrorLog } from './state/error-log';
import type { RunLog } from './state/run-log';

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
  /**
   * The store's own stock guard (the Tillbridge Stock Guard plugin): whether it is there, its
   * version, on or off; null until the store has been asked (at the first stock move of a run).
   */
  storeGuard?: StoreStockGuardInfo | null;
}

/** The overall state from its parts: offline beats attention beats syncing. */
export function overallState(s: Pick<EngineStatus, 'paused' | 'running' | 'health' | 'counts'>): OverallState {
  if (s.paused) return 'paused';
  if (!s.health.pos.ok || !s.health.store.ok) return 'offline';
  if (s.counts.openErrors > 0) return 'needs-attention';
  if (s.running) return 'syncing';
  return 'ok';
}

/** What only the running engine knows (not in the database). */
export interface LiveState {
  paused: boolean;
  running: string | null;
  health: { pos: ConnectionHealth; store: ConnectionHealth };
  progress: Progress | null;
  nextRunAt: Date | null;
}

/**
 * The status from the live state and the local database: link counts, allocation, today's
 * exports, open problems, last successful runs. Reads only (a few indexed queries).
 */
export function buildStatus(src: {
  live: LiveState;
  links: Pick<LinkStore, 'counts'>;
  allocation: Pick<AllocationReader, 'summary'> | null;
  journal: Pick<ExportJournal, 'exportedSince'> | null;
  errors: Pick<ErrorLog, 'openCount'>;
  runs: Pick<RunLog, 'lastSuccess'>;
  now: Date;
  storeGuard?: StoreStockGuardInfo | null;
}): EngineStatus {
  const counts = src.links.counts();
  const orderCounts = src.allocation ? src.allocation.summary() : { outstandingOrders: 0, allocatedUnits: 0 };
  const midnight = new Date(src.now);
  midnight.setHours(0, 0, 0, 0);
  const base = {
    paused: src.live.paused,
    running: src.live.running,
    health: src.live.health,
    counts: {
      linkedProducts: counts.linked,
      draftsAwaitingPublish: counts.drafts,
      outstandingOrders: orderCounts.outstandingOrders,
      allocatedUnits: orderCounts.allocatedUnits,
      ordersExportedToday: src.journal ? src.journal.exportedSince(midnight.toISOString()) : 0,
      openErrors: src.errors.openCount(),
    },
  };
  return {
    ...base,
    state: overallState(base),
    progress: src.live.progress,
    lastProductSync: src.runs.lastSuccess('products')?.finishedAt ?? src.runs.lastSuccess('full-resync')?.finishedAt ?? null,
    lastOrderExport: src.runs.lastSuccess('orders')?.finishedAt ?? null,
    nextRunAt: src.live.nextRunAt?.toISOString() ?? null,
    storeGuard: src.storeGuard ?? null,
  };
}
