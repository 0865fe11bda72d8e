/**
 * Runs export steps on an open write transaction: binds the scope's values, skips a step whose
 * `when` is not met, checks `expect`, and captures returned columns for the steps after it. A
 * failure becomes a PosError that names the order, the profile step ("export.line[1]"), the
 * line or charge it ran for, and the POS's own words, keeping the driver's classification
 * (lock or lost connection: retryable; constraint or bad SQL: permanent). The caller's
 * transaction then rolls everything back.
 */
import { isPresent, type Values } from './export-values';
import { PosError } from '../core/pos-errors';
import type { ExportStep } from './profile-export';
import type { Row, SqlTransaction } from './drivers/sql-driver';

/** Where a step runs, for messages: the order number ('' for none) and e.g. "line 2 (SKU TS-1-NAV-M)". */
export interface StepContext {
  reference: string;
  item?: string;
}

/**
 * Runs `steps` in order with `values` bound; captures are written into `values` as they come,
 * so later steps (and the caller) see them. Returns nothing: the caller reads `values`.
 */
export async function runSteps(tx: SqlTransaction, key: string, steps: readonly ExportStep[], values: Values, ctx: StepContext): Promise<void> {
  for (const [i, step] of steps.entries()) {
    await runStep(tx, `${key}[${i}]`, step, values, ctx);
  }
}

/** Runs one step; see runSteps. */
export async function runStep(tx: SqlTransaction, key: string, step: ExportStep, values: Values, ctx: StepContext): Promise<Row[]> {
  if (step.when && !whenHolds(step.when, values)) return [];
  let rows: Row[];
  try {
    rows = await tx.query(step.sql, values, { label: key });
  } catch (err) {
    throw stepError(err, key, step, ctx);
  }
  const capture = Object.entries(step.capture ?? {});
  const expect = step.expect ?? (capture.length > 0 ? 'one-row' : 'any');
  if (expect === 'one-row' && rows.length !== 1) {
    const what = step.error ? fillIn(step.error, values) : `it must return exactly one row and returned ${rows.length}`;
    const message = `${head(key, step, ctx)}: ${what}${/[.!?]$/.test(what) ? '' : '.'}`;
    throw new PosError(step.retry ? 'not-ready' : 'bad-data', `${message}${step.retry ? ' It is tried again automatically.' : ''} Nothing was written.`, { statement: key });
  }
  const first = rows[0];
  for (const [name, column] of capture) {
    const col = column.toUpperCase();
    if (first && !(col in first)) {
      throw new PosError('bad-profile', `${head(key, step, ctx)}: the statement returns no column ${col} to capture as :${name}. Fix the profile's "capture". Nothing was written.`, { statement: key });
    }
    values[name] = first ? (first[col] ?? null) : null;
  }
  return rows;
}

/** `when: "paidAt"` holds when the value is present; `when: "!paidAt"` when it is not. */
export function whenHolds(when: string, values: Values): boolean {
  const negate = when.startsWith('!');
  const present = isPresent(values[negate ? when.slice(1) : when]);
  return negate ? !present : present;
}

/** Wraps a driver error: same code (so the same retry decision), a message naming the step. */
export function stepError(err: unknown, key: string, step: ExportStep | null, ctx: StepContext): PosError {
  const e = err instanceof PosError ? err : new PosError('unknown', err instanceof Error ? err.message : String(err), { cause: err });
  const own = e.message.replace(/^The profile statement "[^"]*" failed: /, '').replace(/ \(while running "[^"]*"\)$/, '');
  const tail = e.retryable ? ' Nothing was kept; it is tried again automatically.' : ' Nothing was written.';
  return new PosError(e.code, `${head(key, step, ctx)} failed: ${own}${tail}`, { statement: key, cause: e.cause ?? e });
}

function head(key: string, step: ExportStep | null, ctx: StepContext): string {
  const named = step?.name ? ` ("${step.name}")` : '';
  const item = ctx.item ? ` for ${ctx.item}` : '';
  const who = ctx.reference ? `Order ${ctx.reference}: the` : 'The';
  return `${who} POS profile step ${key}${named}${item}`;
}

/** Replaces :names in a message with their values (unknown names stay as written). */
function fillIn(text: string, values: Values): string {
  return text.replace(/:([A-Za-z_][A-Za-z0-9_$]*)/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name] ?? '') : whole);
}
