/**
 * /orders/{id}/notes: list (newest first, `type` any/customer/internal, no paging headers), create,
 * read and delete. Notes never touch the order's date_modified.
 */
import { addOrderNote, listOrderNotes, noteStore, noteView, type NoteType } from './note-model';
import { findOrder } from './order-model';
import { restError, type EmuResponse, type Route } from './router';
import type { EmuState } from './state';

const NOTES = '/wc/v3/orders/:order_id/notes';
const NOTE = '/wc/v3/orders/:order_id/notes/:id';

function orderMissing(): EmuResponse {
  return restError('woocommerce_rest_order_invalid_id', 'Invalid order ID.', 404);
}

function noteMissing(): EmuResponse {
  return restError('woocommerce_rest_invalid_id', 'Invalid resource ID.', 404);
}

function findNote(state: EmuState, orderId: number, id: number) {
  const note = noteStore(state).get(id);
  return note && note.orderId === orderId ? note : undefined;
}

export const orderNoteRoutes: Route[] = [
  {
    method: 'GET',
    pattern: NOTES,
    args: { type: { type: 'string', enum: ['any', 'customer', 'internal'] }, context: { type: 'string', enum: ['view', 'edit'] } },
    handler: (req, state) => {
      const orderId = Number(req.params.order_id);
      if (!findOrder(state, orderId)) return orderMissing();
      const type = (typeof req.args.type === 'string' ? req.args.type : 'any') as NoteType;
      return { status: 200, body: listOrderNotes(state, orderId, type).map((n) => noteView(n, req.base)) };
    },
  },
  {
    method: 'POST',
    pattern: NOTES,
    args: { note: { type: 'string' }, customer_note: { type: 'boolean' }, added_by_user: { type: 'boolean' } },
    handler: (req, state) => {
      if (req.args.note === undefined || req.args.note === null) {
        return restError('rest_missing_callback_param', 'Missing parameter(s): note', 400, { params: ['note'] });
      }
      const orderId = Number(req.params.order_id);
      if (!findOrder(state, orderId)) return orderMissing();
      const note = addOrderNote(state, orderId, String(req.args.note), {
        customerNote: req.args.customer_note === true,
        addedByUser: req.args.added_by_user === true,
      });
      return {
        status: 201,
        body: noteView(note, req.base),
        headers: { Location: `${req.base}/wp-json/wc/v3/orders/${orderId}/notes/${note.id}` },
      };
    },
  },
  {
    method: 'GET',
    pattern: NOTE,
    args: { context: { type: 'string', enum: ['view', 'edit'] } },
    handler: (req, state) => {
      const orderId = Number(req.params.order_id);
      if (!findOrder(state, orderId)) return orderMissing();
      const note = findNote(state, orderId, Number(req.params.id));
      return note ? { status: 200, body: noteView(note, req.base) } : noteMissing();
    },
  },
  {
    method: 'DELETE',
    pattern: NOTE,
    args: { force: { type: 'boolean' } },
    handler: (req, state) => {
      if (req.args.force !== true) return restError('woocommerce_rest_trash_not_supported', 'Webhooks do not support trashing.', 501);
      const orderId = Number(req.params.order_id);
      if (!findOrder(state, orderId)) return orderMissing();
      const note = findNote(state, orderId, Number(req.params.id));
      if (!note) return noteMissing();
      const body = noteView(note, req.base);
      noteStore(state).delete(note.id);
      return { status: 200, body };
    },
  },
];
