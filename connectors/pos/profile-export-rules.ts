/**
 * Rules of a profile's export section beyond its JSON shape, checked when the profile loads:
 * every :name a statement uses is bound in that step's scope (an order value, a value of the
 * line/charge/... it runs for, a profile parameter, or a capture of an earlier step), captures
 * do not hide other values, the customer statements capture customerId, and the lookups use
 * the placeholders they are run with. A typo is reported with the step's key, before any order
 * is sent.
 */
import { CUSTOMER_ID, ITEM_VALUE_NAMES, LOOKUP_VALUE_NAMES, ORDER_VALUE_NAMES } from './export-values';
import type { Profile } from './profile';
import { STEP_LISTS, type ExportStep, type ProfileExport, type StepListName } from './profile-export';
import { placeholderNames } from './drivers/sql-params';

/** One export statement with its dotted key and the names bound when it runs. */
export interface PlannedStatement {
  key: string;
  sql: string;
  step: ExportStep | null;
  /** Names bound for this statement besides the profile's parameters. */
  known: ReadonlySet<string>;
  /** What the scope is, for messages ("an order", "a line"...). */
  scope: string;
}

const SCOPE_WORDS: Record<StepListName, string> = {
  order: 'the order', line: 'a line', charge: 'a charge', discount: 'a coupon', tax: 'a tax line', payment: 'a payment', finish: 'the order',
};

/** Every export statement in the order it may run, with what it can bind. */
export function exportStatementPlan(x: ProfileExport): PlannedStatement[] {
  const out: PlannedStatement[] = [];
  out.push({ key: 'export.findInvoice', sql: x.findInvoice.sql, step: null, known: new Set(LOOKUP_VALUE_NAMES.findInvoice), scope: 'the invoice lookup' });
  const skuNames = [...LOOKUP_VALUE_NAMES.knownSkusList, ...LOOKUP_VALUE_NAMES.knownSkusOne];
  out.push({ key: 'export.knownSkus', sql: x.knownSkus.sql, step: null, known: new Set(skuNames), scope: 'the SKU lookup' });

  const orderNames = new Set(ORDER_VALUE_NAMES);
  const afterCustomer = new Set(orderNames);
  if (x.customer) {
    const c = x.customer;
    const found = plan(out, 'export.customer.find', [c.find], orderNames, 'the customer lookup', false);
    const withId = new Set([...found, CUSTOMER_ID]);
    const updated = plan(out, 'export.customer.update', c.update, withId, 'the customer update', true);
    const created = plan(out, 'export.customer.create', c.create, found, 'a new customer', true);
    const web = c.webAccount ? plan(out, 'export.customer.webAccount', [c.webAccount], orderNames, 'the web-customer account', false) : orderNames;
    for (const set of [updated, created, web, withId]) for (const n of set) afterCustomer.add(n);
  }
  const afterOrder = plan(out, 'export.order', x.order, afterCustomer, SCOPE_WORDS.order, true);
  for (const list of STEP_LISTS) {
    if (list === 'order') continue;
    const base = new Set([...afterOrder, ...ITEM_VALUE_NAMES[list]]);
    plan(out, `export.${list}`, x[list], base, SCOPE_WORDS[list], true);
  }
  return out;
}

/** Problems as "dotted.key: what is wrong" lines (empty when the export section is consistent). */
export function checkExportRules(p: Profile): string[] {
  const x = p.export;
  if (!x) return [];
  const problems: string[] = [];
  const params = new Set(Object.keys(p.parameters));
  const bound = new Set([...ORDER_VALUE_NAMES, ...Object.values(ITEM_VALUE_NAMES).flat(), ...Object.values(LOOKUP_VALUE_NAMES).flat(), CUSTOMER_ID]);
  for (const name of params) {
    if (bound.has(name)) problems.push(`parameters.${name}: the export binds :${name} itself; rename the parameter`);
  }
  for (const s of exportStatementPlan(x)) {
    for (const name of placeholderNames(s.sql)) {
      if (!s.known.has(name) && !params.has(name)) problems.push(`${s.key}: uses :${name}, ${unknownWhy(name, s)}`);
    }
    const when = s.step?.when?.replace(/^!/, '');
    if (when && !s.known.has(when) && !params.has(when)) problems.push(`${s.key}.when: names ${when}, ${unknownWhy(when, s)}`);
    for (const capture of Object.keys(s.step?.capture ?? {})) {
      if (capture !== CUSTOMER_ID && bound.has(capture)) problems.push(`${s.key}.capture.${capture}: hides the value :${capture} the export binds; choose another name`);
      if (params.has(capture)) problems.push(`${s.key}.capture.${capture}: hides the profile parameter :${capture}; choose another name`);
    }
  }
  problems.push(...lookupProblems(x));
  if (x.customer) {
    const c = x.customer;
    if (!captures(c.find, CUSTOMER_ID)) problems.push('export.customer.find.capture: must capture customerId (the id of the customer found by :email)');
    if (c.create.length > 0 && !c.create.some((s) => captures(s, CUSTOMER_ID))) problems.push('export.customer.create: one step must capture customerId (e.g. INSERT ... RETURNING the new id)');
    if (c.webAccount && !captures(c.webAccount, CUSTOMER_ID)) problems.push('export.customer.webAccount.capture: must capture customerId (the id of the web-customer account)');
    if (c.webAccount && c.guests === 'walk-in') problems.push('export.customer.webAccount: is not run with guests "walk-in" (those orders are booked with :customerId NULL); remove it, or set guests to "web-account"');
  }
  return problems;
}

function lookupProblems(x: ProfileExport): string[] {
  const problems: string[] = [];
  if (!placeholderNames(x.findInvoice.sql).includes('reference')) problems.push('export.findInvoice.sql: must look the invoice up by :reference');
  const used = placeholderNames(x.knownSkus.sql);
  const list = used.some((n) => (LOOKUP_VALUE_NAMES.knownSkusList as readonly string[]).includes(n));
  const one = used.some((n) => (LOOKUP_VALUE_NAMES.knownSkusOne as readonly string[]).includes(n));
  if (list === one) problems.push('export.knownSkus.sql: must use either :skus / :upperSkus (a list, run per batch) or :sku / :upperSku (run per SKU), not both or neither');
  if (list && !x.knownSkus.column) problems.push('export.knownSkus.column: is missing (the column of the SKUs the list statement returns)');
  return problems;
}

/** Adds the steps of one list to `out`; returns the names known after the list. */
function plan(out: PlannedStatement[], key: string, steps: readonly ExportStep[], start: ReadonlySet<string>, scope: string, indexed: boolean): Set<string> {
  const known = new Set(start);
  steps.forEach((step, i) => {
    out.push({ key: indexed ? `${key}[${i}]` : key, sql: step.sql, step, known: new Set(known), scope });
    for (const name of Object.keys(step.capture ?? {})) known.add(name);
  });
  return known;
}

function captures(step: ExportStep, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(step.capture ?? {}, name);
}

function unknownWhy(name: string, s: PlannedStatement): string {
  const later = s.key.startsWith('export.findInvoice') || s.key.startsWith('export.knownSkus')
    ? `but ${s.scope} only binds ${[...s.known].map((n) => `:${n}`).join(', ')} and the profile parameters`
    : `which is neither a value the export binds for ${s.scope}, nor a profile parameter, nor captured by an earlier step (see "Values a step can bind" in PROFILES.md)`;
  return name === CUSTOMER_ID && !s.known.has(CUSTOMER_ID) ? `${later}; :customerId exists once export.customer has found or created the customer` : later;
}
