/** `tillbridge status` names the store's Stock Guard plugin once the engine has asked the store, and says nothing before. */
import { expect, it } from 'vitest';
import type { EngineStatusView, TillbridgeApi } from '../../../electron/engine/api/channels';
import { statusCommand } from '../../../electron/cli/sync-command';
import type { Output } from '../../../electron/cli/output';

const BASE: EngineStatusView = {
  state: 'ok', paused: false, running: null, progress: null, lastProductSync: null, lastOrderExport: null, nextRunAt: null,
  counts: { linkedProducts: 1, draftsAwaitingPublish: 0, outstandingOrders: 0, allocatedUnits: 0, ordersExportedToday: 0, openErrors: 0 },
  health: { pos: { ok: true, message: 'read 1 item(s)', checkedAt: null }, store: { ok: true, message: 'reachable', checkedAt: null } },
  demo: false,
};

async function printed(status: EngineStatusView): Promise<string[]> {
  const lines: string[] = [];
  const out = { out: (l: string) => { lines.push(l); }, err: () => undefined, json: () => undefined, progress: () => undefined } as unknown as Output;
  const api = { status: async () => status } as unknown as TillbridgeApi;
  expect(await statusCommand(api, out, false)).toBe(0);
  return lines;
}

it('prints the plugin line only when the store was asked', async () => {
  expect((await printed(BASE)).some((l) => l.startsWith('Stock Guard plugin'))).toBe(false);
  const withGuard = await printed({ ...BASE, storeGuard: { installed: true, enabled: true, version: '1.0.0', message: 'Tillbridge Stock Guard 1.0.0 is installed and on: …', checkedAt: '2026-12-04T18:00:00.000Z' } });
  expect(withGuard).toContain('Stock Guard plugin: Tillbridge Stock Guard 1.0.0 is installed and on: …');
});
