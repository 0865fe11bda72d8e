/**
 * "Test connection" for a profile's export section: every export statement is prepared (never
 * run, so nothing is written and no lock is taken) and the columns it must return (the invoice
 * number, the SKUs, each capture) are compared with what the POS describes. A misspelt table,
 * a missing RETURNING or a wrong column is reported with the step's key before the first order.
 */
import type { CheckProblem } from '../core/pos-items-port';
import { PosError } from '../core/pos-errors';
import type { Profile } from './profile';
import { castExport } from './export-casts';
import { exportStatementPlan } from './profile-export-rules';
import type { SqlDriver } from './drivers/sql-driver';
import { placeholderNames, type SqlParamValue } from './drivers/sql-params';

const LIST_NAMES = new Set(['skus', 'upperSkus']);
/** Errors after which the connection, not the statement, is the trouble: stop asking. */
const STATEMENT_CODES = new Set(['bad-sql', 'bad-profile', 'no-permission', 'unknown', 'bad-data']);

/** Problems of the export statements (empty when all prepare and return their columns). */
export async function checkExportStatements(profile: Profile, driver: SqlDriver): Promise<{ problems: CheckProblem[]; count: number }> {
  const x = profile.export;
  if (!x) return { problems: [], count: 0 };
  const problems: CheckProblem[] = [];
  const plan = exportStatementPlan(castExport(x));
  for (const s of plan) {
    const params: Record<string, SqlParamValue> = {};
    for (const name of placeholderNames(s.sql)) params[name] = LIST_NAMES.has(name) ? [''] : null;
    Object.assign(params, profile.parameters);
    let columns: Set<string>;
    try {
      columns = new Set(await driver.describe(s.sql, params, { label: s.key }));
    } catch (err) {
      const e = err instanceof PosError ? err : new PosError('unknown', err instanceof Error ? err.message : String(err));
      problems.push({ code: e.code, statement: s.key, message: e.message });
      if (!STATEMENT_CODES.has(e.code)) break;
      continue;
    }
    for (const [what, column] of expectedColumns(s.key, s.step?.capture, profile)) {
      if (!columns.has(column.toUpperCase())) {
        problems.push({
          code: 'bad-profile', statement: s.key,
          message: `The profile statement "${s.key}" returns no column ${column.toUpperCase()} (named by ${what}). ${columns.size === 0 ? 'It returns no columns at all: add RETURNING or make it a SELECT.' : `It returns ${[...columns].join(', ')}.`}`,
        });
      }
    }
  }
  return { problems, count: plan.length };
}

function expectedColumns(key: string, capture: Readonly<Record<string, string>> | undefined, profile: Profile): [string, string][] {
  const x = profile.export!;
  if (key === 'export.findInvoice') return [['export.findInvoice.column', x.findInvoice.column]];
  if (key === 'export.knownSkus') return x.knownSkus.column ? [['export.knownSkus.column', x.knownSkus.column]] : [];
  return Object.entries(capture ?? {}).map(([name, column]) => [`${key}.capture.${name}`, column]);
}
