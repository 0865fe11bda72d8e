import { describe, expect, it } from 'vitest';
import { decideJournal, type IngestFacts } from '../../../../electron/engine/orders/journal-decision';

const exportStatuses = new Set(['completed', 'shipped']);
const base: IngestFacts = {
  status: 'completed', previousStatus: 'processing', refunds: 0, previousRefunds: 0, journal: null, invoice: null,
  invoiceInMeta: null, reachedAt: '2026-11-28T10:00:00', exportFrom: '2026-11-01T00:00:00',
};

describe('journal decision for a freshly read order', () => {
  it('enters orders reaching an export status (a plugin status too)', () => {
    expect(decideJournal(base, exportStatuses).action).toEqual({ kind: 'enter' });
    expect(decideJournal({ ...base, status: 'shipped' }, exportStatuses).action).toEqual({ kind: 'enter' });
  });

  it('leaves out orders that reached the status before Tillbridge started', () => {
    expect(decideJournal({ ...base, reachedAt: '2026-10-31T23:59:59' }, exportStatuses).action).toEqual({ kind: 'none' });
    expect(decideJournal({ ...base, reachedAt: '2026-11-01T00:00:00' }, exportStatuses).action).toEqual({ kind: 'none' });
    expect(decideJournal({ ...base, reachedAt: '2026-10-31T23:59:59', exportFrom: null }, exportStatuses).action).toEqual({ kind: 'enter' });
  });

  it('records an order the store already shows as exported by Tillbridge as marked', () => {
    expect(decideJournal({ ...base, invoiceInMeta: 'INV-7' }, exportStatuses).action).toEqual({ kind: 'enter-marked', invoice: 'INV-7' });
  });

  it('withdraws a waiting order that left the export statuses, and brings a withdrawn one back', () => {
    expect(decideJournal({ ...base, status: 'processing', journal: 'waiting' }, exportStatuses).action).toEqual({ kind: 'withdraw' });
    expect(decideJournal({ ...base, journal: 'withdrawn' }, exportStatuses).action).toEqual({ kind: 'enter' });
  });

  it('never touches an order being exported', () => {
    expect(decideJournal({ ...base, status: 'cancelled', journal: 'exporting' }, exportStatuses)).toEqual({ action: { kind: 'none' }, changedAfterExport: null });
  });

  it('warns when an exported order is cancelled or refunded, and only then', () => {
    const exported = { ...base, journal: 'marked' as const, invoice: 'INV-1', previousStatus: 'completed' };
    expect(decideJournal({ ...exported, status: 'cancelled' }, exportStatuses).changedAfterExport).toContain('cancelled');
    expect(decideJournal({ ...exported, refunds: 1 }, exportStatuses).changedAfterExport).toContain('refunded');
    expect(decideJournal(exported, exportStatuses).changedAfterExport).toBeNull();
    expect(decideJournal({ ...exported, status: 'cancelled', previousStatus: 'cancelled' }, exportStatuses).changedAfterExport).toBeNull();
  });
});
