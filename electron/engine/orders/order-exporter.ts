import type { Database } from 'better-sqlite3';
import { PosError } from '../../../connectors/core/pos-errors';
import type { LineKeyResolver } from '../links/line-keys';
import type { ErrorLog } from '../state/error-log';
import { DEFAULT_EXPORT_BACKOFF, exportRetryDelay, type ExportBackoff } from './export-backoff';
import type { ExportJournal, JournalEntry } from './export-journal';
import { exportReference } from './export-reference';
import type { OrderIngest } from './order-ingest';
import { hasInvoiceNote, invoiceMeta, invoiceNoteText } from './order-marking';
import type { OrderMirror } from './order-mirror';
import { exportUnconfirmed, markFailed, posNotReady, posRefused, posUnavailable, problemSide, storeUnavailable, unknownSkus, type OrderProblem } from './order-problems';
import type { OrderSettings } from './order-settings';
import type { StoreOrdersPort } from '../../../connectors/core/store-orders-port';
import { toPosOrder } from './pos-order-mapper';
import type { PosOrdersPort } from '../../../connectors/core/pos-orders-port';

export interface ExporterDeps {
  db: Database;
  store: StoreOrdersPort;
  pos: PosOrdersPort;
  mirror: OrderMirror;
  journal: ExportJournal;
  ingest: OrderIngest;
  errors: ErrorLog;
  settings: OrderSettings;
  resolver: () => LineKeyResolver;
  backoff?: ExportBackoff;
  now?: () => Date;
}

/** What one step did for one order. `stop`: the POS or the store is down, so the pass ends here. */
export interface StepOutcome {
  result: 'exported' | 'marked' | 'failed' | 'withdrawn' | 'nothing';
  invoice?: string;
  problem?: OrderProblem;
  stop?: boolean;
}

export interface ExportRunResult {
  considered: number;
  exported: number;
  marked: number;
  failed: number;
  withdrawn: number;
  /** Why the pass ended before the last due order (POS or store unreachable), or null. */
  stoppedEarly: string | null;
  /** Which side was unreachable when the pass stopped early. */
  stoppedBy: 'pos' | 'store' | null;
}

export type ResendOutcome =
  | { kind: 'sent'; invoice: string; message: string }
  | { kind: 'already-in-pos'; invoice: string; message: string }
  | { kind: 'failed'; problem: OrderProblem; message: string }
  | { kind: 'not-exportable'; status: string; message: string }
  | { kind: 'not-found'; message: string };

const KEEP_ON_SUCCESS = ['changed-after-export'];

/**
 * The exactly-once export (flow 2). Per order, each step is committed before the next begins:
 *   journal 'exporting' → POS transaction (reference check + all inserts) → journal 'exported'
 *   with the invoice number → store meta + private note → journal 'marked'.
 * A crash or lost answer anywhere leaves a journal state that says what to do next: an
 * 'exporting' row is settled by asking the POS for the reference (never a second invoice), an
 * 'exported' row is marked (the note is added only when the order's notes lack it).
 * The reference names the store and the order (export-reference.ts) and is kept on the journal
 * row from the first send on, so a row is always settled by the reference it was sent with.
 * One order's problem never holds up the others; only an unreachable POS or store ends a pass.
 */
export class OrderExporter {
  private readonly now: () => Date;
  private readonly backoff: ExportBackoff;

  constructor(private readonly d: ExporterDeps) {
    this.now = d.now ?? (() => new Date());
    this.backoff = d.backoff ?? DEFAULT_EXPORT_BACKOFF;
  }

  /** Every order whose next step is due, oldest first. */
  async exportDue(opts: { limit?: number } = {}): Promise<ExportRunResult> {
    return this.run(this.d.journal.due(this.iso(), opts.limit));
  }

  /**
   * After a start: settles every order a crash may have left half done ('exporting' through the
   * reference check, 'exported' by marking), whatever its backoff says.
   */
  async recover(): Promise<ExportRunResult> {
    return this.run(this.d.journal.unsettled());
  }

  /** The retry button: makes the order due now and runs its next step. */
  async retry(number: string): Promise<StepOutcome | null> {
    const entry = this.d.journal.getByNumber(number);
    if (!entry || entry.state === 'marked' || entry.state === 'withdrawn') return null;
    this.d.journal.retryNow(entry.orderId, this.iso());
    return this.advance(entry.orderId);
  }

  /** The retry button, in words: what happened to the order. */
  async retryDescribed(number: string): Promise<ResendOutcome> {
    const entry = this.d.journal.getByNumber(number);
    if (!entry) return { kind: 'not-found', message: `Tillbridge has no order ${number} waiting for the POS.` };
    if (entry.state === 'marked') return { kind: 'already-in-pos', invoice: entry.invoice ?? '', message: `Order ${number} is already in the POS as invoice ${entry.invoice}.` };
    if (entry.state === 'withdrawn') return { kind: 'not-exportable', status: 'withdrawn', message: `Order ${number} left the export statuses; nothing to retry.` };
    const step = await this.retry(number);
    return step ? this.describe(number, step) : { kind: 'not-found', message: `Tillbridge has no order ${number} waiting for the POS.` };
  }

  /**
   * Sends one order (again). An order the journal shows as exported is sent again only when the
   * POS has no invoice with its reference any more (the invoice was voided or deleted there): the
   * reference check decides, so resending can never create a duplicate.
   */
  async resend(number: string): Promise<ResendOutcome> {
    const entry = this.d.journal.getByNumber(number);
    if (entry && (entry.state === 'exported' || entry.state === 'marked')) {
      const reference = sentReference(entry);
      let invoice: string | null;
      try {
        invoice = await this.d.pos.findInvoiceByReference(reference);
      } catch (e) {
        const problem = posUnavailable(number, errorText(e));
        return { kind: 'failed', problem, message: problem.message };
      }
      if (invoice) {
        return { kind: 'already-in-pos', invoice, message: `Order ${number} is already in the POS as invoice ${invoice}; nothing was sent (its reference there: ${reference}).` };
      }
      this.d.journal.backToWaiting(entry.orderId, this.iso());
      return this.describe(number, await this.advance(entry.orderId));
    }
    if (entry && (entry.state === 'waiting' || entry.state === 'exporting')) {
      this.d.journal.retryNow(entry.orderId, this.iso());
      return this.describe(number, await this.advance(entry.orderId));
    }
    const id = entry?.orderId ?? this.d.mirror.getByNumber(number)?.order.id ?? (/^\d+$/.test(number) ? Number(number) : null);
    let order;
    try {
      order = id === null ? null : await this.d.store.getOrder(id);
    } catch (e) {
      const problem = storeUnavailable(number, errorText(e));
      return { kind: 'failed', problem, message: problem.message };
    }
    if (!order || order.number !== number) return { kind: 'not-found', message: `The store has no order ${number}.` };
    if (!this.d.settings.exportStatuses.includes(order.status)) {
      return { kind: 'not-exportable', status: order.status, message: `Order ${number} is "${order.status}"; only orders in ${this.d.settings.exportStatuses.join(' or ')} go to the POS.` };
    }
    this.d.db.transaction(() => {
      this.d.ingest.ingest(order, { resolver: this.d.resolver(), newIfCreatedAfter: null, now: this.iso() });
      this.d.journal.enter(order.id, order.number, this.iso());
    })();
    return this.describe(number, await this.advance(order.id));
  }

  /** Drives one order as far as it can go now. */
  async advance(orderId: number): Promise<StepOutcome> {
    const entry = this.d.journal.get(orderId);
    if (!entry) return { result: 'nothing' };
    switch (entry.state) {
      case 'exporting': return this.settleExporting(entry);
      case 'waiting': return this.attempt(entry);
      case 'exported': return this.mark(entry);
      default: return { result: 'nothing' };
    }
  }

  private async run(entries: JournalEntry[]): Promise<ExportRunResult> {
    const r: ExportRunResult = { considered: 0, exported: 0, marked: 0, failed: 0, withdrawn: 0, stoppedEarly: null, stoppedBy: null };
    for (const entry of entries) {
      r.considered++;
      const step = await this.advance(entry.orderId);
      if (step.result === 'marked') { r.exported += entry.state === 'exported' ? 0 : 1; r.marked++; }
      else if (step.result === 'exported') r.exported++;
      else if (step.result === 'failed') r.failed++;
      else if (step.result === 'withdrawn') r.withdrawn++;
      if (step.stop) {
        r.stoppedEarly = step.problem?.message ?? 'a system could not be reached';
        r.stoppedBy = step.problem ? problemSide(step.problem.code) : null;
        break;
      }
    }
    return r;
  }

  /** 'exporting': the last send may or may not have committed. Ask the POS, by the reference it was sent with, before anything else. */
  private async settleExporting(entry: JournalEntry): Promise<StepOutcome> {
    const reference = sentReference(entry);
    let invoice: string | null;
    try {
      invoice = await this.d.pos.findInvoiceByReference(reference);
    } catch (e) {
      return this.fail(entry, posUnavailable(entry.number, errorText(e)), true);
    }
    if (invoice) {
      this.d.journal.exported(entry.orderId, invoice, this.iso());
      this.d.errors.resolve('order', entry.number, KEEP_ON_SUCCESS, this.iso());
      return this.mark({ ...entry, state: 'exported', reference, invoice, exportedAt: this.iso() });
    }
    this.d.journal.backToWaiting(entry.orderId, this.iso());
    return this.attempt({ ...entry, state: 'waiting', reference: null });
  }

  private async attempt(entry: JournalEntry): Promise<StepOutcome> {
    const { number, orderId } = entry;
    let order;
    try {
      order = await this.d.store.getOrder(orderId);
    } catch (e) {
      return this.fail(entry, storeUnavailable(number, errorText(e)), isRetryable(e));
    }
    const resolver = this.d.resolver();
    if (!order) {
      this.d.db.transaction(() => {
        this.d.journal.withdraw(orderId, this.iso());
        this.d.mirror.remove(orderId);
        this.d.errors.resolve('order', number, [], this.iso());
      })();
      return { result: 'withdrawn' };
    }
    // The order as the store has it now: it may have left the export statuses since the poll.
    this.d.db.transaction(() => this.d.ingest.ingest(order, { resolver, newIfCreatedAfter: null, now: this.iso() }))();
    const current = this.d.journal.get(orderId);
    if (current?.state !== 'waiting') return { result: 'withdrawn' };

    // A waiting row has sent nothing the POS holds: the reference names this store and this order.
    const reference = current.reference ?? exportReference(this.d.settings.storeUrl, order);
    const mapped = toPosOrder(order, this.d.settings, resolver, reference);
    if (!mapped.ok) return this.fail(entry, mapped.problem, false);
    const skus = [...new Set(mapped.order.lines.map((l) => l.sku))];
    let known: Set<string>;
    try {
      known = await this.d.pos.knownSkus(skus);
    } catch (e) {
      return this.fail(entry, posUnavailable(number, errorText(e)), isRetryable(e));
    }
    const missing = skus.filter((s) => !known.has(s));
    if (missing.length > 0) return this.fail(entry, unknownSkus(number, missing), false);

    this.d.journal.startExport(orderId, reference, this.iso());
    let invoice: string;
    try {
      invoice = (await this.d.pos.exportOrder(mapped.order)).invoiceNumber;
    } catch (e) {
      if (e instanceof PosError && !e.retryable) {
        // A refusal rolls the POS transaction back: nothing was booked, so the order may wait.
        this.d.journal.backToWaiting(orderId, this.iso());
        return this.fail(entry, posRefused(number, e.message), false);
      }
      // No answer, or the POS went away mid-transaction: it may have committed. The row stays
      // 'exporting' and the next attempt starts with the reference check.
      const problem = !(e instanceof PosError) ? exportUnconfirmed(number, errorText(e))
        : e.code === 'not-ready' ? posNotReady(number, e.message) : posUnavailable(number, e.message);
      return this.fail(entry, problem, e instanceof PosError);
    }
    this.d.journal.exported(orderId, invoice, this.iso());
    this.d.errors.resolve('order', number, KEEP_ON_SUCCESS, this.iso());
    const marked = await this.mark({ ...entry, state: 'exported', reference, invoice, exportedAt: this.iso() });
    return marked.result === 'marked' ? marked : { ...marked, result: marked.result === 'failed' ? 'exported' : marked.result, invoice };
  }

  /** 'exported': meta and the private note on the store order, the note only once. */
  private async mark(entry: JournalEntry): Promise<StepOutcome> {
    const invoice = entry.invoice!;
    try {
      const notes = await this.d.store.listNotes(entry.orderId);
      await this.d.store.setOrderMeta(entry.orderId, invoiceMeta(invoice, entry.exportedAt ?? this.iso(), sentReference(entry)));
      if (!hasInvoiceNote(notes, invoice)) await this.d.store.addPrivateNote(entry.orderId, invoiceNoteText(invoice));
    } catch (e) {
      if (await this.orderIsGone(entry.orderId)) {
        this.d.journal.marked(entry.orderId, this.iso());
        return { result: 'marked', invoice };
      }
      return this.fail(entry, markFailed(entry.number, invoice, errorText(e)), isRetryable(e));
    }
    this.d.journal.marked(entry.orderId, this.iso());
    this.d.errors.resolve('order', entry.number, KEEP_ON_SUCCESS, this.iso());
    return { result: 'marked', invoice };
  }

  private async orderIsGone(orderId: number): Promise<boolean> {
    try {
      return (await this.d.store.getOrder(orderId)) === null;
    } catch {
      return false;
    }
  }

  private fail(entry: JournalEntry, problem: OrderProblem, stop: boolean): StepOutcome {
    const now = this.now();
    this.d.db.transaction(() => {
      this.d.journal.failed(entry.orderId, problem, (failures) => new Date(now.getTime() + exportRetryDelay(failures, problem.retryable, this.backoff)).toISOString(), now.toISOString());
      this.d.errors.report({ scope: 'order', itemKey: entry.number, code: problem.code, message: problem.message, hint: problem.hint, retryable: problem.retryable }, now.toISOString());
    })();
    return { result: 'failed', problem, stop: stop && problem.retryable };
  }

  private describe(number: string, step: StepOutcome): ResendOutcome {
    if ((step.result === 'marked' || step.result === 'exported') && step.invoice) {
      return { kind: 'sent', invoice: step.invoice, message: `Order ${number} is in the POS as invoice ${step.invoice}.` };
    }
    if (step.problem) return { kind: 'failed', problem: step.problem, message: step.problem.message };
    if (step.result === 'withdrawn') return { kind: 'not-exportable', status: 'changed', message: `Order ${number} is no longer in an export status; nothing was sent.` };
    return { kind: 'failed', problem: exportUnconfirmed(number, 'no step could run'), message: `Order ${number}: nothing could be done now.` };
  }

  private iso(): string {
    return this.now().toISOString();
  }
}

/**
 * The reference a row past 'waiting' was sent with. Every such row records it; the order number
 * is the reference of rows exported before references named the store (migration 003 fills
 * those in; this is the same rule for a row it could not see).
 */
function sentReference(entry: JournalEntry): string {
  return entry.reference ?? entry.number;
}

function isRetryable(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { retryable?: unknown }).retryable === true;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
