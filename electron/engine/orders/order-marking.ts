/**
 * How an exported order is marked in the store: meta naming the POS invoice (and when it was
 * booked) and a private note a person reads in the order screen. The note is recognised by its
 * wording, so marking can be repeated after a crash without adding a second note.
 */
import { EXPORTED_AT_META_KEY, INVOICE_META_KEY, REFERENCE_META_KEY } from './order-ingest';
import type { StoreOrderNote } from '../../../connectors/core/store-order';

/** The private note's text. */
export function invoiceNoteText(invoice: string): string {
  return `Tillbridge: booked in the POS as invoice ${invoice}.`;
}

/** True when one of the notes is Tillbridge's note for this invoice. */
export function hasInvoiceNote(notes: readonly StoreOrderNote[], invoice: string): boolean {
  const marker = `booked in the POS as invoice ${invoice}.`;
  return notes.some((n) => !n.customerNote && decodeEntities(n.note).includes(marker));
}

/** The meta entries that mark the order: the invoice, when, and the reference the POS has it under. */
export function invoiceMeta(invoice: string, exportedAt: string, reference: string): { key: string; value: string }[] {
  return [{ key: INVOICE_META_KEY, value: invoice }, { key: EXPORTED_AT_META_KEY, value: exportedAt }, { key: REFERENCE_META_KEY, value: reference }];
}

/** WordPress stores note text with a few characters as entities. */
function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#0?39|#8217);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#039': "'", '#39': "'", '#8217': '\u2019' } as Record<string, string>)[e] ?? _);
}
