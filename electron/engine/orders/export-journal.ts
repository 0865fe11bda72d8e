import type { Database } from 'better-sqlite3';
import type { OrderProblem } from './order-problems';

/**
 * Where an order stands on its way to the POS. Each step is committed before the next one
 * starts, so after a crash the journal says exactly what might be half done:
 * - waiting: must be exported (nothing sent yet, or a send that surely failed);
 * - exporting: sent to the POS, outcome unknown until the reference check answers;
 * - exported: the POS has invoice `invoice`; the store order is not marked yet;
 * - marked: done (meta and private note on the store order);
 * - withdrawn: left the export statuses before it was sent.
 */
export type JournalState = 'waiting' | 'exporting' | 'exported' | 'marked' | 'withdrawn';

export interface JournalEntry {
  orderId: number;
  number: string;
  state: JournalState;
  /**
   * The external reference the POS's reference check asks for (export-reference.ts): set when
   * the order is first sent and kept while an invoice may carry it. A row from before references
   * named the store carries the order number alone (migration 003); NULL while nothing was sent.
   */
  reference: string | null;
  invoice: string | null;
  /** Failed attempts since the last step forward (drives the backoff). */
  failures: number;
  nextAttemptAt: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  enteredAt: string;
  exportedAt: string | null;
  markedAt: string | null;
  updatedAt: string;
}

interface Row { order_id: number; number: string; state: JournalState; reference: string | null; invoice: string | null; failures: number; next_attempt_at: string | null;
  error_code: string | null; error_message: string | null; entered_at: string; exported_at: string | null; marked_at: string | null; updated_at: string }

/** The export journal (one row per order). Every method is one small committed write. */
export class ExportJournal {
  constructor(private readonly db: Database) {}

  get(orderId: number): JournalEntry | null {
    const row = this.db.prepare('SELECT * FROM export_journal WHERE order_id = ?').get(orderId) as Row | undefined;
    return row ? toEntry(row) : null;
  }

  getByNumber(number: string): JournalEntry | null {
    const row = this.db.prepare('SELECT * FROM export_journal WHERE number = ? ORDER BY order_id DESC LIMIT 1').get(number) as Row | undefined;
    return row ? toEntry(row) : null;
  }

  /** Adds an order to export; a withdrawn one comes back to waiting. No effect on other states. */
  enter(orderId: number, number: string, now: string): void {
    this.db.prepare(`INSERT INTO export_journal (order_id, number, state, entered_at, updated_at) VALUES (?, ?, 'waiting', ?, ?)
      ON CONFLICT(order_id) DO UPDATE SET state = 'waiting', failures = 0, next_attempt_at = NULL, updated_at = excluded.updated_at
      WHERE export_journal.state = 'withdrawn'`).run(orderId, number, now, now);
  }

  /** Records an order the store already shows as exported by Tillbridge (its meta names the invoice and the reference). */
  enterMarked(orderId: number, number: string, invoice: string, reference: string, now: string): void {
    this.db.prepare(`INSERT INTO export_journal (order_id, number, state, reference, invoice, entered_at, exported_at, marked_at, updated_at)
      VALUES (?, ?, 'marked', ?, ?, ?, ?, ?, ?) ON CONFLICT(order_id) DO NOTHING`).run(orderId, number, reference, invoice, now, now, now, now);
  }

  /** waiting → withdrawn (the order left the export statuses before it was sent). */
  withdraw(orderId: number, now: string): boolean {
    return this.db.prepare(`UPDATE export_journal SET state = 'withdrawn', error_code = NULL, error_message = NULL, next_attempt_at = NULL, updated_at = ?
      WHERE order_id = ? AND state = 'waiting'`).run(now, orderId).changes > 0;
  }

  /** waiting → exporting with the reference about to be sent, committed before the POS is called. */
  startExport(orderId: number, reference: string, now: string): void {
    this.move(orderId, ['waiting', 'exporting'], `state = 'exporting', reference = @reference, updated_at = @now`, { now, reference });
  }

  /** exporting → exported with the POS invoice number. */
  exported(orderId: number, invoice: string, now: string): void {
    this.move(orderId, ['exporting', 'waiting'], `state = 'exported', invoice = @invoice, exported_at = @now, error_code = NULL, error_message = NULL,
      failures = 0, next_attempt_at = NULL, updated_at = @now`, { now, invoice });
  }

  /** exported → marked: the store order carries the meta and the note. */
  marked(orderId: number, now: string): void {
    this.move(orderId, ['exported'], `state = 'marked', marked_at = @now, error_code = NULL, error_message = NULL, failures = 0, next_attempt_at = NULL, updated_at = @now`, { now });
  }

  /**
   * Back to waiting: a send that surely did not commit, or a resend after the POS invoice was
   * removed (the reference check decided; the old invoice number is forgotten). The POS holds
   * no invoice with the reference, so it is forgotten too: the next send computes it afresh (the
   * same one, except for a row still carrying a legacy number-only reference).
   */
  backToWaiting(orderId: number, now: string): void {
    this.move(orderId, ['exporting', 'exported', 'marked', 'withdrawn'], `state = 'waiting', reference = NULL, invoice = NULL, exported_at = NULL, marked_at = NULL, failures = 0, updated_at = @now`, { now });
  }

  /** Records why the last attempt failed and when to try again (from the failure count); the state is left as it is. */
  failed(orderId: number, problem: OrderProblem, nextAttemptAt: (failures: number) => string, now: string): number {
    return this.db.transaction(() => {
      const row = this.db.prepare('UPDATE export_journal SET failures = failures + 1 WHERE order_id = ? RETURNING failures').get(orderId) as { failures: number } | undefined;
      const failures = row?.failures ?? 1;
      this.db.prepare(`UPDATE export_journal SET error_code = ?, error_message = ?, next_attempt_at = ?, updated_at = ? WHERE order_id = ?`)
        .run(problem.code, problem.message, nextAttemptAt(failures), now, orderId);
      return failures;
    })();
  }

  /** The retry button: due at once. */
  retryNow(orderId: number, now: string): void {
    this.db.prepare('UPDATE export_journal SET next_attempt_at = NULL, updated_at = ? WHERE order_id = ?').run(now, orderId);
  }

  /** Rows with work to do whose time has come, oldest order first. */
  due(now: string, limit = 500): JournalEntry[] {
    const rows = this.db.prepare(`SELECT * FROM export_journal WHERE state IN ('waiting', 'exporting', 'exported')
      AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY order_id LIMIT ?`).all(now, limit) as Row[];
    return rows.map(toEntry);
  }

  /** Rows a crash may have left half done ('exporting', 'exported'), whatever their backoff. */
  unsettled(): JournalEntry[] {
    return (this.db.prepare(`SELECT * FROM export_journal WHERE state IN ('exporting', 'exported') ORDER BY order_id`).all() as Row[]).map(toEntry);
  }

  /** How many rows are in each state. */
  counts(): Record<JournalState, number> {
    const out: Record<JournalState, number> = { waiting: 0, exporting: 0, exported: 0, marked: 0, withdrawn: 0 };
    for (const r of this.db.prepare('SELECT state, COUNT(*) AS n FROM export_journal GROUP BY state').all() as { state: JournalState; n: number }[]) out[r.state] = r.n;
    return out;
  }

  /** Orders that reached the POS at or after `since` (ISO), for "orders exported today". */
  exportedSince(since: string): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM export_journal WHERE exported_at >= ? AND state IN ('exported', 'marked')`).get(since) as { n: number }).n;
  }

  /** Newest first, for the dashboard's order list. */
  recent(limit = 100, states?: readonly JournalState[]): JournalEntry[] {
    const where = states?.length ? `WHERE state IN (${states.map(() => '?').join(',')})` : '';
    return (this.db.prepare(`SELECT * FROM export_journal ${where} ORDER BY updated_at DESC, order_id DESC LIMIT ?`).all(...(states ?? []), limit) as Row[]).map(toEntry);
  }

  private move(orderId: number, from: readonly JournalState[], set: string, params: Record<string, string>): void {
    const res = this.db.prepare(`UPDATE export_journal SET ${set} WHERE order_id = @orderId AND state IN (${from.map((s) => `'${s}'`).join(',')})`)
      .run({ ...params, orderId });
    if (res.changes === 0) {
      const cur = this.get(orderId);
      throw new Error(`export journal: order id ${orderId} is ${cur ? `'${cur.state}'` : 'not in the journal'}, expected ${from.join(' or ')}`);
    }
  }
}

function toEntry(r: Row): JournalEntry {
  return { orderId: r.order_id, number: r.number, state: r.state, reference: r.reference, invoice: r.invoice, failures: r.failures, nextAttemptAt: r.next_attempt_at,
    errorCode: r.error_code, errorMessage: r.error_message, enteredAt: r.entered_at, exportedAt: r.exported_at, markedAt: r.marked_at, updatedAt: r.updated_at };
}
