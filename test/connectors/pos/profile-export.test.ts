import { describe, expect, it } from 'vitest';
import { isPresent, wallClock } from '../../../connectors/pos/export-values';
import { PosError } from '../../../connectors/core/pos-errors';
import { parseProfile } from '../../../connectors/pos/profile';
import { builtInProfile } from '../../../connectors/pos/profile-loader';
import { openPosOrderPort } from '../../../connectors/pos/open-pos';
import { ProfilePosOrderPort } from '../../../connectors/pos/profile-order-port';
import { SqliteDriver } from '../../../connectors/pos/drivers/sqlite-driver';
import demoJson from '../../../connectors/pos/profiles/demo.json';
import matrixJson from '../../../connectors/pos/profiles/matrix-retail.json';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** A built-in profile's JSON changed by `edit`, then validated; returns the problem lines. */
function problemsOf(edit: (p: Json) => void, base: Json = demoJson): string[] {
  const json = structuredClone(base);
  edit(json);
  try {
    parseProfile(json, '"edited"');
  } catch (err) {
    expect(err).toBeInstanceOf(PosError);
    expect((err as PosError).code).toBe('bad-profile');
    return (err as PosError & { problems: string[] }).problems;
  }
  throw new Error('expected the profile to be refused');
}

describe('profile export section', () => {
  it('the built-in profiles carry a valid export section; demo and demo-catalogue book the same way', () => {
    expect(builtInProfile('demo').export?.order).toHaveLength(1);
    expect(builtInProfile('matrix-retail').export?.line).toHaveLength(5);
    expect(builtInProfile('demo-catalogue').export).toEqual(builtInProfile('demo').export);
  });

  it('names the step and the unknown :name a statement uses', () => {
    expect(problemsOf((p) => { p.export.line[1].sql = p.export.line[1].sql.replace(':saleLocation, 0', ':saleLocaton, 0'); }))
      .toEqual(['export.line[1]: uses :saleLocaton, which is neither a value the export binds for a line, nor a profile parameter, nor captured by an earlier step (see "Values a step can bind" in PROFILES.md)']);
    expect(problemsOf((p) => { p.export.findInvoice.sql += ' AND LOCATION = :total'; }))
      .toEqual([expect.stringMatching(/^export\.findInvoice: uses :total, but the invoice lookup only binds :reference and the profile parameters$/)]);
  });

  it('keeps what a line step captures inside that line, and :customerId inside a profile that finds customers', () => {
    expect(problemsOf((p) => { p.export.finish = [{ sql: 'UPDATE ITEMS SET NAME = NAME WHERE ID = :itemId' }]; }))
      .toEqual([expect.stringMatching(/^export\.finish\[0\]: uses :itemId, which is neither/)]);
    expect(problemsOf((p) => { delete p.export.customer; }))
      .toEqual([expect.stringMatching(/^export\.order\[0\]: uses :customerId, .*:customerId exists once export\.customer has found or created the customer$/)]);
    // A capture of an earlier step is known to the steps after it, not to the steps before.
    expect(problemsOf((p) => { p.export.order.unshift({ sql: 'SELECT :invoiceId AS X FROM ITEMS' }); }))
      .toEqual([expect.stringMatching(/^export\.order\[0\]: uses :invoiceId, which is neither/)]);
  });

  it('refuses captures and parameters that would hide the values the export binds', () => {
    expect(problemsOf((p) => { p.export.order[0].capture.total = 'TOTAL'; }))
      .toContain('export.order[0].capture.total: hides the value :total the export binds; choose another name');
    expect(problemsOf((p) => { p.parameters.reference = 'X'; }))
      .toContain('parameters.reference: the export binds :reference itself; rename the parameter');
    expect(problemsOf((p) => { p.export.order[0].capture.saleLocation = 'ID'; }))
      .toContain('export.order[0].capture.saleLocation: hides the profile parameter :saleLocation; choose another name');
  });

  it('requires the customer statements to capture customerId and the lookups to use their placeholders', () => {
    expect(problemsOf((p) => { p.export.customer.create[0].capture = { newId: 'ID' }; }))
      .toEqual(['export.customer.create: one step must capture customerId (e.g. INSERT ... RETURNING the new id)']);
    expect(problemsOf((p) => { p.export.customer.find.capture = { id: 'ID' }; }))
      .toContain('export.customer.find.capture: must capture customerId (the id of the customer found by :email)');
    expect(problemsOf((p) => { p.export.knownSkus.sql = 'SELECT SKU FROM ITEMS'; }))
      .toEqual(['export.knownSkus.sql: must use either :skus / :upperSkus (a list, run per batch) or :sku / :upperSku (run per SKU), not both or neither']);
    expect(problemsOf((p) => { delete p.export.knownSkus.column; }))
      .toEqual(['export.knownSkus.column: is missing (the column of the SKUs the list statement returns)']);
    expect(problemsOf((p) => { p.export.findInvoice.sql = 'SELECT INVOICE_NO FROM INVOICES WHERE ID = 0'; }))
      .toEqual(['export.findInvoice.sql: must look the invoice up by :reference']);
  });

  it('checks the shape of steps: unknown keys, expect, when, time zone', () => {
    expect(problemsOf((p) => { p.export.line[0].captrue = {}; })).toEqual([expect.stringMatching(/^export\.line\.0\.captrue: unknown key/)]);
    expect(problemsOf((p) => { p.export.line[0].expect = 'two-rows'; })).toEqual([expect.stringMatching(/^export\.line\.0\.expect: /)]);
    expect(problemsOf((p) => { p.export.payment = [{ sql: 'SELECT 1 AS X FROM ITEMS', when: 'amountt' }]; }))
      .toEqual([expect.stringMatching(/^export\.payment\[0\]\.when: names amountt, which is neither/)]);
    expect(problemsOf((p) => { p.export.timeZone = 'Mars/Olympus'; })).toEqual(['export.timeZone: must be a time zone name such as "Europe/London"']);
    expect(problemsOf((p) => { p.export.order = []; })).toEqual([expect.stringMatching(/^export\.order: needs at least the statement that inserts the invoice header/)]);
    expect(problemsOf((p) => { p.export.customer.update[0].sql = p.export.customer.update[0].sql.replace(':billingCity', ':billingTown'); }, matrixJson))
      .toEqual([expect.stringMatching(/^export\.customer\.update\[0\]: uses :billingTown/)]);
  });

  it('a profile without an export section cannot book orders, and says so', () => {
    const p = builtInProfile('demo');
    delete p.export;
    const sqlite = { driver: 'sqlite' as const, sqlite: { file: '/nonexistent.sqlite' } };
    expect(openPosOrderPort(sqlite, { profile: p })).toBeNull();
    expect(openPosOrderPort(sqlite, { profile: 'demo', options: { saleLocation: 'BACK' } })).toBeInstanceOf(ProfilePosOrderPort);
    expect(() => openPosOrderPort(sqlite, { profile: 'demo', options: { saleLocaton: 'BACK' } })).toThrow(/options\.saleLocaton: the profile has no parameter/);
    expect(() => new ProfilePosOrderPort(p, new SqliteDriver({ file: '/nonexistent.sqlite' })))
      .toThrow(/The POS profile "demo" has no "export" section, so web orders cannot be booked in this POS/);
  });

  it('binds dates as POS wall-clock text and treats empty, null and zero amounts as absent for `when`', () => {
    expect(wallClock('2026-07-01T12:34:56.789Z', 'Europe/London')).toBe('2026-07-01 13:34:56.789');
    expect(wallClock('2026-12-01T00:10:00Z', 'America/New_York')).toBe('2026-11-30 19:10:00.000');
    expect(wallClock(null, 'UTC')).toBeNull();
    expect([null, '', '0', '0.00', 0, false, []].map(isPresent)).toEqual([false, false, false, false, false, false, false]);
    expect(['0.01', 'x', 1, 'O', ['A']].map(isPresent)).toEqual([true, true, true, true, true]);
  });
});
