/**
 * A small but real POS for the order-export tests: a SQLite database with items (on-hand),
 * customers, invoices carrying an external reference, invoice lines and charges, and a
 * PosOrdersPort that books an order in ONE transaction (reference check first), deducting on-hand
 * like a till does. Faults make its failures real too: a transaction that throws before commit is
 * rolled back by SQLite; an "answer lost" fault commits and then throws, as a dropped connection
 * after COMMIT would.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { PosError } from '../../connectors/core/pos-errors';
import type { PosOrder } from '../../connectors/core/pos-order';
import type { PosOrdersPort } from '../../connectors/core/pos-orders-port';

export interface TestPosFaults {
  /** Every call fails as if the POS server were stopped. */
  down?: boolean;
  /** The next export commits, then its answer is lost (throws a retryable connection error). */
  loseAnswerAfterCommit?: boolean;
  /** The next export fails inside its transaction (connection lost before COMMIT: rolled back). */
  dropBeforeCommit?: boolean;
  /** Exports are refused with this message (a permanent POS error, rolled back). */
  refuse?: string | null;
  /** Exports fail as a profile step marked `retry: true` does (code not-ready, rolled back), with this message. */
  notReady?: string | null;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
  INSERT OR IGNORE INTO counters VALUES ('invoice', 1000);
  CREATE TABLE IF NOT EXISTS items (sku TEXT PRIMARY KEY COLLATE NOCASE, name TEXT NOT NULL, on_hand INTEGER NOT NULL DEFAULT 0);
  CREATE TABLE IF NOT EXISTS customers (
    id INTEGER PRIMARY KEY, account TEXT UNIQUE, email TEXT UNIQUE COLLATE NOCASE,
    first_name TEXT, last_name TEXT, company TEXT, address1 TEXT, city TEXT, postcode TEXT, country TEXT, phone TEXT);
  CREATE TABLE IF NOT EXISTS invoices (
    id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE, external_ref TEXT, customer_id INTEGER NOT NULL REFERENCES customers(id),
    created_at TEXT NOT NULL, paid_at TEXT, payment_method TEXT, items_subtotal TEXT NOT NULL, discount TEXT NOT NULL,
    shipping TEXT NOT NULL, fees TEXT NOT NULL, tax TEXT NOT NULL, total TEXT NOT NULL, note TEXT);
  CREATE TABLE IF NOT EXISTS invoice_lines (
    invoice_id INTEGER NOT NULL REFERENCES invoices(id), line_no INTEGER NOT NULL, sku TEXT NOT NULL, quantity INTEGER NOT NULL,
    unit_price TEXT NOT NULL, discount TEXT NOT NULL, line_total TEXT NOT NULL, tax TEXT NOT NULL, PRIMARY KEY (invoice_id, line_no));
  CREATE TABLE IF NOT EXISTS invoice_charges (
    invoice_id INTEGER NOT NULL REFERENCES invoices(id), kind TEXT NOT NULL, name TEXT NOT NULL, amount TEXT NOT NULL, tax TEXT NOT NULL);
`;

export interface TestPosInvoice {
  number: string;
  externalRef: string | null;
  customerEmail: string | null;
  customerAccount: string | null;
  total: string;
  lines: { sku: string; quantity: number; unitPrice: string; lineTotal: string }[];
}

/** The test POS. Open it on a file; a second instance on the same file sees the same books. */
export class SqliteTestPos implements PosOrdersPort {
  readonly db: Database;
  faults: TestPosFaults = {};
  /** Calls made, by method name (for "the POS was not asked" assertions). */
  readonly calls: Record<'find' | 'export' | 'known', number> = { find: 0, export: 0, known: 0 };

  constructor(file: string) {
    this.db = new BetterSqlite3(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    this.db.prepare(`INSERT OR IGNORE INTO customers (account, first_name) VALUES ('WEB', 'Web customers')`).run();
  }

  addItem(sku: string, onHand = 0, name = sku): void {
    this.db.prepare('INSERT INTO items (sku, name, on_hand) VALUES (?, ?, ?)').run(sku, name, onHand);
  }

  onHand(sku: string): number {
    return (this.db.prepare('SELECT on_hand FROM items WHERE sku = ?').get(sku) as { on_hand: number } | undefined)?.on_hand ?? 0;
  }

  invoices(): TestPosInvoice[] {
    const rows = this.db.prepare(`SELECT i.id, i.number, i.external_ref, i.total, c.email, c.account FROM invoices i JOIN customers c ON c.id = i.customer_id ORDER BY i.id`).all() as
      { id: number; number: string; external_ref: string | null; total: string; email: string | null; account: string | null }[];
    const lines = this.db.prepare('SELECT sku, quantity, unit_price, line_total FROM invoice_lines WHERE invoice_id = ? ORDER BY line_no');
    return rows.map((r) => ({
      number: r.number, externalRef: r.external_ref, customerEmail: r.email, customerAccount: r.account, total: r.total,
      lines: (lines.all(r.id) as { sku: string; quantity: number; unit_price: string; line_total: string }[])
        .map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.unit_price, lineTotal: l.line_total })),
    }));
  }

  /** Removes an invoice as a POS user voiding it would (for the resend tests). */
  voidInvoice(number: string): void {
    this.db.transaction(() => {
      const inv = this.db.prepare('SELECT id FROM invoices WHERE number = ?').get(number) as { id: number } | undefined;
      if (!inv) return;
      for (const l of this.db.prepare('SELECT sku, quantity FROM invoice_lines WHERE invoice_id = ?').all(inv.id) as { sku: string; quantity: number }[]) {
        this.db.prepare('UPDATE items SET on_hand = on_hand + ? WHERE sku = ?').run(l.quantity, l.sku);
      }
      this.db.prepare('DELETE FROM invoice_lines WHERE invoice_id = ?').run(inv.id);
      this.db.prepare('DELETE FROM invoice_charges WHERE invoice_id = ?').run(inv.id);
      this.db.prepare('DELETE FROM invoices WHERE id = ?').run(inv.id);
    })();
  }

  async findInvoiceByReference(reference: string): Promise<string | null> {
    this.calls.find++;
    this.checkUp();
    const row = this.db.prepare('SELECT number FROM invoices WHERE external_ref = ?').get(reference) as { number: string } | undefined;
    return row?.number ?? null;
  }

  async knownSkus(skus: readonly string[]): Promise<Set<string>> {
    this.calls.known++;
    this.checkUp();
    const stmt = this.db.prepare('SELECT 1 FROM items WHERE sku = ?');
    return new Set(skus.filter((s) => stmt.get(s) !== undefined));
  }

  async exportOrder(order: PosOrder): Promise<{ invoiceNumber: string; alreadyThere?: boolean }> {
    this.calls.export++;
    this.checkUp();
    const faults = this.faults;
    const result = this.db.transaction(() => {
      const existing = this.db.prepare('SELECT number FROM invoices WHERE external_ref = ?').get(order.reference) as { number: string } | undefined;
      if (existing) return { invoiceNumber: existing.number, alreadyThere: true };
      const customerId = this.customerFor(order);
      const seq = (this.db.prepare(`UPDATE counters SET value = value + 1 WHERE name = 'invoice' RETURNING value`).get() as { value: number }).value;
      const number = `INV-${seq}`;
      const t = order.totals;
      const invoiceId = Number(this.db.prepare(`INSERT INTO invoices (number, external_ref, customer_id, created_at, paid_at, payment_method,
        items_subtotal, discount, shipping, fees, tax, total, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(number, order.reference, customerId, order.createdAt, order.paidAt, order.payment.method, t.itemsSubtotal, t.discount, t.shipping, t.fees, t.tax, t.total, order.note).lastInsertRowid);
      order.lines.forEach((l, i) => {
        const item = this.db.prepare('SELECT sku FROM items WHERE sku = ?').get(l.sku) as { sku: string } | undefined;
        if (!item) throw new PosError('bad-data', `item ${l.sku} does not exist in the POS`);
        this.db.prepare('INSERT INTO invoice_lines VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(invoiceId, i + 1, item.sku, l.quantity, l.unitPrice, l.discount, l.lineTotal, l.tax);
        this.db.prepare('UPDATE items SET on_hand = on_hand - ? WHERE sku = ?').run(l.quantity, item.sku);
      });
      for (const s of order.shipping) this.db.prepare(`INSERT INTO invoice_charges VALUES (?, 'shipping', ?, ?, ?)`).run(invoiceId, s.name, s.total, s.tax);
      for (const f of order.fees) this.db.prepare(`INSERT INTO invoice_charges VALUES (?, 'fee', ?, ?, ?)`).run(invoiceId, f.name, f.total, f.tax);
      for (const d of order.discounts) this.db.prepare(`INSERT INTO invoice_charges VALUES (?, 'discount', ?, ?, ?)`).run(invoiceId, d.code, d.amount, d.tax);
      if (faults.refuse) throw new PosError('bad-data', faults.refuse);
      if (faults.notReady) throw new PosError('not-ready', faults.notReady, { statement: 'export.order[1]' });
      if (faults.dropBeforeCommit) {
        faults.dropBeforeCommit = false;
        throw new PosError('connection-lost', 'the connection to the POS was lost (before commit)');
      }
      return { invoiceNumber: number };
    }).immediate();
    if (faults.loseAnswerAfterCommit) {
      faults.loseAnswerAfterCommit = false;
      throw new PosError('connection-lost', 'the connection to the POS was lost (after commit)');
    }
    return result;
  }

  close(): void {
    this.db.close();
  }

  private customerFor(order: PosOrder): number {
    const c = order.customer;
    if (c.kind === 'web-account') {
      const row = this.db.prepare('SELECT id FROM customers WHERE account = ?').get(c.account) as { id: number } | undefined;
      if (!row) throw new PosError('bad-data', `the web-customer account ${c.account} does not exist in the POS`);
      return row.id;
    }
    const found = this.db.prepare('SELECT id FROM customers WHERE email = ?').get(c.email) as { id: number } | undefined;
    const values = [c.name.firstName, c.name.lastName, c.name.company, c.billing.address1, c.billing.city, c.billing.postcode, c.billing.country, c.billing.phone];
    if (found) {
      this.db.prepare('UPDATE customers SET first_name = ?, last_name = ?, company = ?, address1 = ?, city = ?, postcode = ?, country = ?, phone = ? WHERE id = ?').run(...values, found.id);
      return found.id;
    }
    return Number(this.db.prepare('INSERT INTO customers (email, first_name, last_name, company, address1, city, postcode, country, phone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(c.email, ...values).lastInsertRowid);
  }

  private checkUp(): void {
    if (this.faults.down) throw new PosError('unreachable', 'no POS server answers at 127.0.0.1:3050');
  }
}
