/** Engine status views as the app publishes them, one per state, for the tray's tests. */
import type { EngineStatusView } from '../../../electron/engine/api/channels';

const healthy = { ok: true, message: 'ok', checkedAt: '2026-12-01T08:00:00.000Z' };

export function statusView(over: Partial<EngineStatusView> = {}): EngineStatusView {
  return {
    state: 'ok', paused: false, running: null, progress: null,
    lastProductSync: '2026-12-01T08:00:00.000Z', lastOrderExport: null, nextRunAt: null,
    counts: { linkedProducts: 10, draftsAwaitingPublish: 2, outstandingOrders: 0, allocatedUnits: 0, ordersExportedToday: 0, openErrors: 0 },
    health: { pos: healthy, store: healthy }, demo: false,
    ...over,
  };
}

/** One status per state the app can be in. */
export const STATUS_BY_STATE: Record<EngineStatusView['state'], EngineStatusView> = {
  ok: statusView(),
  syncing: statusView({ state: 'syncing', running: 'products', progress: { phase: 'Pushing products', done: 1200, total: 50000 } }),
  'needs-attention': statusView({ state: 'needs-attention', counts: { ...statusView().counts, openErrors: 3 } }),
  offline: statusView({ state: 'offline', health: { pos: healthy, store: { ok: false, message: 'connection refused', checkedAt: null } } }),
  paused: statusView({ state: 'paused', paused: true }),
  setup: statusView({ state: 'setup', health: { pos: { ok: false, message: 'not set up', checkedAt: null }, store: { ok: false, message: 'not set up', checkedAt: null } } }),
  starting: statusView({ state: 'starting' }),
};
