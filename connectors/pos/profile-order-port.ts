/**
 * The order export over a POS profile: PosOrdersPort implemented by running the profile's
 * `export` statements on a SqlDriver. One web order is one write transaction: the reference
 * check first (found: nothing is written, the existing number comes back), then the customer,
 * the order steps, every line, charge, coupon, tax line and payment, the finish steps, and a
 * last look-up by reference that proves the invoice can be found again (exactly-once rests on
 * it). Any failure rolls all of it back. A new POS needs a profile, not code.
 */
import type { PosOrder } from '../core/pos-order';
import type { PosOrdersPort } from '../core/pos-orders-port';
import { castExport } from './export-casts';
import { runStep, runSteps, stepError, type StepContext } from './export-steps';
import {
  chargeValues, CUSTOMER_ID, discountValues, lineValues, orderValues, paymentValues, taxValues, type Values,
} from './export-values';
import { PosError } from '../core/pos-errors';
import type { Profile } from './profile';
import { STEP_LISTS, type ExportStep, type ProfileExport } from './profile-export';
import type { Row, SqlDriver, SqlTransaction, SqlValue } from './drivers/sql-driver';
import { placeholderNames } from './drivers/sql-params';

export interface ProfileOrderPortOptions {
  /** The export's clock (for :now and :today); tests pin it. */
  now?: () => Date;
}

/** PosOrdersPort for every POS a profile describes; see the file comment. */
export class ProfilePosOrderPort implements PosOrdersPort {
  private readonly x: ProfileExport;
  private readonly now: () => Date;

  constructor(private readonly profile: Profile, private readonly driver: SqlDriver, opts: ProfileOrderPortOptions = {}) {
    if (!profile.export) {
      throw new PosError('bad-profile', `The POS profile "${profile.name}" has no "export" section, so web orders cannot be booked in this POS. Use a profile with one (see PROFILES.md, "Exporting orders").`);
    }
    this.x = castExport(profile.export);
    this.now = opts.now ?? (() => new Date());
  }

  async findInvoiceByReference(reference: string): Promise<string | null> {
    this.assertEngine();
    try {
      return invoiceNumber(await this.driver.query(this.x.findInvoice.sql, { ...this.profile.parameters, reference }, { label: 'export.findInvoice' }), this.x.findInvoice.column);
    } catch (err) {
      throw stepError(err, 'export.findInvoice', null, { reference });
    }
  }

  async knownSkus(skus: readonly string[]): Promise<Set<string>> {
    this.assertEngine();
    const known = new Set<string>();
    const { sql, column } = this.x.knownSkus;
    const params = this.profile.parameters;
    const wanted = [...new Set(skus)];
    const ctx = { reference: '' };
    try {
      if (placeholderNames(sql).some((n) => n === 'sku' || n === 'upperSku')) {
        for (const sku of wanted) {
          const rows = await this.driver.query(sql, { ...params, sku, upperSku: skuMatchKey(sku) }, { label: 'export.knownSkus' });
          if (rows.length > 0) known.add(sku);
        }
        return known;
      }
      const size = this.profile.tuning.idsPerStatement;
      for (let i = 0; i < wanted.length; i += size) {
        const batch = wanted.slice(i, i + size);
        const rows = await this.driver.query(sql, { ...params, skus: batch, upperSkus: batch.map(skuMatchKey) }, { label: 'export.knownSkus' });
        const found = new Set(rows.map((r) => skuMatchKey(text(r[column!.toUpperCase()]) ?? '')));
        for (const sku of batch) if (found.has(skuMatchKey(sku))) known.add(sku);
      }
      return known;
    } catch (err) {
      throw stepError(err, 'export.knownSkus', null, ctx);
    }
  }

  async exportOrder(order: PosOrder): Promise<{ invoiceNumber: string; alreadyThere?: boolean }> {
    this.assertEngine();
    const ref = order.reference;
    try {
      return await this.driver.transaction((tx) => this.book(tx, order), { mode: 'write', label: `export of order ${ref}` });
    } catch (err) {
      if (err instanceof PosError && err.statement !== undefined) throw err;
      const e = err instanceof PosError ? err : new PosError('unknown', err instanceof Error ? err.message : String(err), { cause: err });
      throw new PosError(e.code, `Order ${ref} could not be booked in the POS: ${e.message}`, { cause: e.cause ?? e });
    }
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  /** The whole export inside the transaction. */
  private async book(tx: SqlTransaction, order: PosOrder): Promise<{ invoiceNumber: string; alreadyThere?: boolean }> {
    const x = this.x;
    const ref = order.reference;
    const ctx: StepContext = { reference: ref };
    const existing = await this.lookUpInvoice(tx, ref);
    if (existing !== null) return { invoiceNumber: existing, alreadyThere: true };

    const values: Values = { ...this.profile.parameters, ...orderValues(order, this.now(), x.timeZone, { countries: x.countries, countryNames: x.countryNames }) };
    for (const name of captureNames(x)) values[name] = null;
    await this.customer(tx, order, values, ctx);
    await runSteps(tx, 'export.order', x.order, values, ctx);
    const perItem: [typeof STEP_LISTS[number], Values[], (v: Values) => string][] = [
      ['line', order.lines.map(lineValues), (v) => `line ${String(v.lineNo)} (SKU ${String(v.sku)})`],
      ['charge', chargeValues(order), (v) => `${String(v.kind)} "${String(v.name)}"`],
      ['discount', discountValues(order), (v) => `coupon "${String(v.code)}"`],
      ['tax', taxValues(order), (v) => `tax line "${String(v.label || v.code)}"`],
      ['payment', paymentValues(order), (v) => `the payment (${String(v.method || 'no method')})`],
    ];
    for (const [list, items, describe] of perItem) {
      if (x[list].length === 0) continue;
      for (const item of items) {
        await runSteps(tx, `export.${list}`, x[list], { ...values, ...item }, { reference: ref, item: describe(item) });
      }
    }
    await runSteps(tx, 'export.finish', x.finish, values, ctx);

    const number = await this.lookUpInvoice(tx, ref);
    if (number === null) {
      throw new PosError('bad-profile', `Order ${ref}: after every export step, export.findInvoice finds no invoice with reference ${ref}. The steps must store :reference where findInvoice looks for it, or a resend could book the order twice. Nothing was written.`, { statement: 'export.findInvoice' });
    }
    return { invoiceNumber: number };
  }

  /** Finds, updates or creates the customer, or finds the web-customer account; binds :customerId. */
  private async customer(tx: SqlTransaction, order: PosOrder, values: Values, ctx: StepContext): Promise<void> {
    const c = this.x.customer;
    if (!c) return;
    if (order.customer.kind === 'web-account' && c.guests === 'walk-in') {
      // A walk-in sale: no customer row at all (customerId stays NULL, as every capture starts).
      values[CUSTOMER_ID] = null;
      return;
    }
    if (order.customer.kind === 'web-account') {
      const account = order.customer.account;
      if (!c.webAccount) {
        throw new PosError('bad-profile', `Order ${ctx.reference} goes to the web-customer account "${account}", but the profile "${this.profile.name}" has no export.customer.webAccount statement. Add one, book such orders without a customer (export.customer.guests "walk-in"), or set orders.guests to "create".`, { statement: 'export.customer.webAccount' });
      }
      await runStep(tx, 'export.customer.webAccount', withError(c.webAccount,
        `the POS has no customer account ":webAccount" for web orders. Create that account in the POS, or set orders.webCustomerAccount to an existing one.`), values, ctx);
      return;
    }
    await runStep(tx, 'export.customer.find', { ...c.find, expect: c.find.expect ?? 'any' }, values, ctx);
    if (values[CUSTOMER_ID] != null) {
      await runSteps(tx, 'export.customer.update', c.update, values, ctx);
      return;
    }
    if (c.create.length === 0) {
      throw new PosError('bad-data', `Order ${ctx.reference}: the POS has no customer with e-mail ${order.customer.email}, and the profile does not create customers (export.customer.create is empty). Create the customer in the POS, then retry.`, { statement: 'export.customer.create' });
    }
    await runSteps(tx, 'export.customer.create', c.create, values, ctx);
    if (values[CUSTOMER_ID] == null) {
      throw new PosError('bad-profile', `Order ${ctx.reference}: export.customer.create ran but captured no customerId. Capture the new customer's id (e.g. INSERT ... RETURNING). Nothing was written.`, { statement: 'export.customer.create' });
    }
  }

  private async lookUpInvoice(tx: SqlTransaction, reference: string): Promise<string | null> {
    try {
      const rows = await tx.query(this.x.findInvoice.sql, { ...this.profile.parameters, reference }, { label: 'export.findInvoice' });
      return invoiceNumber(rows, this.x.findInvoice.column);
    } catch (err) {
      throw stepError(err, 'export.findInvoice', null, { reference });
    }
  }

  private assertEngine(): void {
    const engines = this.profile.engines;
    if (engines && !engines.includes(this.driver.engine)) {
      throw new PosError('bad-profile', `The profile "${this.profile.name}" is written for ${engines.join(' and ')}, not ${this.driver.engine}.`);
    }
  }
}

/** Every name any export step captures (bound to null first, so a branch not taken binds NULL). */
export function captureNames(x: ProfileExport): string[] {
  const steps: ExportStep[] = [...STEP_LISTS.flatMap((l) => x[l])];
  if (x.customer) steps.push(x.customer.find, ...x.customer.update, ...x.customer.create, ...(x.customer.webAccount ? [x.customer.webAccount] : []));
  return [...new Set(steps.flatMap((s) => Object.keys(s.capture ?? {})))];
}

/** :upperSku / :upperSkus: trimmed and in upper case, as `UPPER(TRIM(SKU))` compares in the POS. */
function skuMatchKey(sku: string): string {
  return sku.trim().toUpperCase();
}

function withError(step: ExportStep, fallback: string): ExportStep {
  return { ...step, error: step.error ?? fallback };
}

function invoiceNumber(rows: Row[], column: string): string | null {
  const first = rows[0];
  if (!first) return null;
  const col = column.toUpperCase();
  if (!(col in first)) {
    throw new PosError('bad-profile', `export.findInvoice returns no column ${col}. Fix export.findInvoice.column in the profile.`, { statement: 'export.findInvoice' });
  }
  return text(first[col]);
}

function text(v: SqlValue | undefined): string | null {
  if (v === null || v === undefined) return null;
  return Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
}
