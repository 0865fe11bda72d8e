/**
 * Order notes: the private and customer notes people write, and the system notes WooCommerce adds
 * by itself (status changes, stock changes). In WordPress they are comments on the order; here they
 * live in their own state slot with one id sequence.
 */
import { formatWcDate } from './clock';
import { stripSlashes } from './php-values';
import { defineStateSlot, type EmuState } from './state';

export interface NoteRecord {
  id: number;
  orderId: number;
  dateCreated: number;
  note: string;
  customerNote: boolean;
  /** "WooCommerce" for system notes and notes not marked as written by a person; else the user's name. */
  author: string;
}

export const noteStore = defineStateSlot('notes', () => new Map<number, NoteRecord>());

/** Who wrote a note: WooCommerce itself, or the API key's user (notes sent with added_by_user). */
export interface NoteOptions {
  customerNote?: boolean;
  addedByUser?: boolean;
}

/**
 * Adds a note to an order (WC_Order::add_order_note). The text is stored as given, markup included
 * (what the recordings show), except that wp_insert_comment unslashes it: one level of backslashes
 * goes. Adding a note never touches the order itself.
 */
export function addOrderNote(state: EmuState, orderId: number, text: string, options: NoteOptions = {}): NoteRecord {
  const note: NoteRecord = {
    id: state.nextId('comment'),
    orderId,
    dateCreated: state.now(),
    note: stripSlashes(text),
    customerNote: options.customerNote === true,
    author: options.addedByUser ? state.admin.username : 'WooCommerce',
  };
  noteStore(state).set(note.id, note);
  return note;
}

export type NoteType = 'any' | 'customer' | 'internal';

/**
 * The notes of an order, newest first. Notes written in the same second keep their writing order
 * (oldest first): that is how the store answers, so a status change's stock note comes before the
 * "Order status changed" note it caused.
 */
export function listOrderNotes(state: EmuState, orderId: number, type: NoteType = 'any'): NoteRecord[] {
  const notes = [...noteStore(state).values()].filter(
    (n) => n.orderId === orderId && (type === 'any' || (type === 'customer') === n.customerNote),
  );
  return notes.sort((a, b) => b.dateCreated - a.dateCreated || a.id - b.id);
}

/** Drops every note of an order (when the order is deleted for good). */
export function deleteOrderNotes(state: EmuState, orderId: number): void {
  const notes = noteStore(state);
  for (const [id, n] of notes) if (n.orderId === orderId) notes.delete(id);
}

/** The REST shape of a note, with the links WooCommerce adds. */
export function noteView(note: NoteRecord, base: string): Record<string, unknown> {
  const orderUrl = `${base}/wp-json/wc/v3/orders/${note.orderId}`;
  return {
    id: note.id,
    author: note.author,
    date_created: formatWcDate(note.dateCreated),
    date_created_gmt: formatWcDate(note.dateCreated),
    note: note.note,
    customer_note: note.customerNote,
    _links: {
      self: [{ href: `${orderUrl}/notes/${note.id}`, targetHints: { allow: ['GET', 'DELETE'] } }],
      collection: [{ href: `${orderUrl}/notes` }],
      up: [{ href: orderUrl }],
    },
  };
}
