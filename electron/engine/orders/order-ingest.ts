import type { Database } from 'better-sqlite3';
import type { LineKeyResolver } from '../links/line-keys';
import type { Cursors } from '../state/cursors';
import type { ErrorLog } from '../state/error-log';
import type { ExportJournal } from './export-journal';
import { decideJournal } from './journal-decision';
import type { OrderMirror, UpsertKind } from './order-mirror';
import { changedAfterExport } from './order-problems';
import type { OrderSettings } from './order-settings';
import type { StoreOrder } from '../../../connectors/core/store-order';

/** Store order meta naming the POS invoice (also read back, so a reinstall never exports twice). */
export const INVOICE_META_KEY = '_tillbridge_pos_invoice';
export const EXPORTED_AT_META_KEY = '_tillbridge_exported_at';
/** The POS reference the invoice carries (export-reference.ts); absent on orders marked before references named the store. */
export const REFERENCE_META_KEY = '_tillbridge_pos_reference';
/** Cursor: orders that reached an export status at or before this store time are not exported unless pulled again. */
export const EXPORT_FROM_CURSOR = 'orders.export-from';

/**
 * Takes one order read from the store into local state: the mirror row, the export journal
 * entry and the warnings, all in the caller's transaction, so an order is never mirrored without
 * its journal entry (nor the other way round).
 */
export class OrderIngest {
  private readonly exportStatuses: ReadonlySet<string>;

  constructor(
    private readonly db: Database,
    private readonly mirror: OrderMirror,
    private readonly journal: ExportJournal,
    private readonly errors: ErrorLog,
    private readonly cursors: Cursors,
    settings: Pick<OrderSettings, 'exportStatuses'>,
  ) {
    this.exportStatuses = new Set(settings.exportStatuses);
  }

  /** Call inside a transaction. */
  ingest(order: StoreOrder, ctx: { resolver: LineKeyResolver; newIfCreatedAfter: string | null; now: string }): UpsertKind {
    const up = this.mirror.upsert(order, ctx);
    if (up.kind === 'stale') return up.kind;
    const entry = this.journal.get(order.id);
    const decision = decideJournal({
      status: order.status,
      previousStatus: up.previousStatus,
      refunds: order.refunds.length,
      previousRefunds: up.previousRefunds,
      journal: entry?.state ?? null,
      invoice: entry?.invoice ?? null,
      invoiceInMeta: invoiceInMeta(order),
      reachedAt: order.dateCompletedGmt ?? order.dateModifiedGmt,
      exportFrom: this.cursors.get(EXPORT_FROM_CURSOR),
    }, this.exportStatuses);
    switch (decision.action.kind) {
      case 'enter': this.journal.enter(order.id, order.number, ctx.now); break;
      case 'enter-marked': this.journal.enterMarked(order.id, order.number, decision.action.invoice, referenceInMeta(order) ?? order.number, ctx.now); break;
      case 'withdraw':
        this.journal.withdraw(order.id, ctx.now);
        this.errors.resolve('order', order.number, [], ctx.now);
        break;
      case 'none': break;
    }
    if (decision.changedAfterExport && entry?.invoice) {
      const p = changedAfterExport(order.number, entry.invoice, decision.changedAfterExport);
      this.errors.report({ scope: 'order', itemKey: order.number, code: p.code, message: p.message, hint: p.hint, retryable: false }, ctx.now);
    }
    return up.kind;
  }

  /** Several orders in one transaction. */
  ingestAll(orders: readonly StoreOrder[], ctx: { resolver: LineKeyResolver; newIfCreatedAfter: string | null; now: string }, after?: () => void): void {
    this.db.transaction(() => {
      for (const o of orders) this.ingest(o, ctx);
      after?.();
    })();
  }
}

/** The invoice number Tillbridge left on the order, if any. */
export function invoiceInMeta(order: StoreOrder): string | null {
  return metaText(order, INVOICE_META_KEY);
}

/** The POS reference Tillbridge left on the order; null on orders marked with the number alone as reference. */
export function referenceInMeta(order: StoreOrder): string | null {
  return metaText(order, REFERENCE_META_KEY);
}

function metaText(order: StoreOrder, key: string): string | null {
  const entry = order.meta.find((m) => m.key === key);
  return typeof entry?.value === 'string' && entry.value !== '' ? entry.value : null;
}
