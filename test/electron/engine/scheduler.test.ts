import { describe, expect, it } from 'vitest';
import { dueWork } from '../../../electron/engine/scheduler';

const base = { nowMs: Date.parse('2026-12-04T12:00:00Z'), fullSyncMinutes: 60, orderPollSeconds: 30, ordersOn: true };

describe('what a tick runs', () => {
  it('a complete product pass when none was ever made, or the last is older than fullSyncMinutes', () => {
    expect(dueWork({ ...base, lastFullPass: null, lastOrderPassMs: 0 }).products).toBe('full');
    expect(dueWork({ ...base, lastFullPass: '2026-12-04T11:00:00Z', lastOrderPassMs: 0 }).products).toBe('full');
    expect(dueWork({ ...base, lastFullPass: '2026-12-04T11:00:01Z', lastOrderPassMs: 0 }).products).toBe('if-changed');
  });

  it('an order pass every orderPollSeconds, and never without the order flow', () => {
    const lastFullPass = '2026-12-04T11:59:00Z';
    expect(dueWork({ ...base, lastFullPass, lastOrderPassMs: base.nowMs - 30_000 }).orders).toBe(true);
    expect(dueWork({ ...base, lastFullPass, lastOrderPassMs: base.nowMs - 29_999 }).orders).toBe(false);
    expect(dueWork({ ...base, lastFullPass, lastOrderPassMs: 0, ordersOn: false }).orders).toBe(false);
  });
});
