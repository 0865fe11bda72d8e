/**
 * What a freshly read order means for the export journal (pure). Orders enter the journal when
 * they reach an export status, leave it (withdrawn) when they go back before being sent, and an
 * order already in the POS that is cancelled or refunded afterwards only raises a warning:
 * carrying refunds to the POS is out of scope.
 */
import type { JournalState } from './export-journal';

export interface IngestFacts {
  status: string;
  previousStatus: string | null;
  refunds: number;
  previousRefunds: number;
  journal: JournalState | null;
  /** The journal's invoice number, when the order is exported. */
  invoice: string | null;
  /** `_tillbridge_pos_invoice` on the store order: Tillbridge exported it before (perhaps from a lost local database). */
  invoiceInMeta: string | null;
  /** When the order reached its status: date_completed_gmt, else date_modified_gmt (store UTC seconds). */
  reachedAt: string;
  /** Orders that reached an export status at or before this time were there before Tillbridge; null = all count. */
  exportFrom: string | null;
}

export type JournalAction =
  | { kind: 'none' }
  | { kind: 'enter' }
  | { kind: 'enter-marked'; invoice: string }
  | { kind: 'withdraw' };

export interface IngestDecision {
  action: JournalAction;
  /** Set when an exported order changed in a way the POS will not follow ("was set to cancelled"). */
  changedAfterExport: string | null;
}

export function decideJournal(f: IngestFacts, exportStatuses: ReadonlySet<string>): IngestDecision {
  const inExport = exportStatuses.has(f.status);
  const none: IngestDecision = { action: { kind: 'none' }, changedAfterExport: null };
  if (f.journal === 'exported' || f.journal === 'marked') {
    if (f.previousStatus !== null && f.previousStatus !== f.status && !inExport) return { ...none, changedAfterExport: `was set to "${f.status}"` };
    if (f.refunds > f.previousRefunds) return { ...none, changedAfterExport: 'was refunded (in part or in full)' };
    return none;
  }
  if (f.journal === 'exporting') return none;
  if (inExport) {
    if (f.journal === 'withdrawn') return { ...none, action: { kind: 'enter' } };
    if (f.journal === 'waiting') return none;
    if (f.invoiceInMeta) return { ...none, action: { kind: 'enter-marked', invoice: f.invoiceInMeta } };
    if (f.exportFrom === null || f.reachedAt > f.exportFrom) return { ...none, action: { kind: 'enter' } };
    return none;
  }
  if (f.journal === 'waiting') return { ...none, action: { kind: 'withdraw' } };
  return none;
}
