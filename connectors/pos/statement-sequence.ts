/**
 * Ordered write statements inside one transaction, where a value one statement returns (an
 * INSERT ... RETURNING id, a SELECT of a generator or a counter row) is captured and bound into
 * the statements after it. This is the shape the order export needs (reserve an invoice number,
 * insert the header, insert each line with the header's id) and what a profile's future
 * `export` section will describe in JSON; the runner stays generic, the SQL stays in the profile.
 */
import { PosError, inStatement } from './pos-errors';
import type { Row, SqlTransaction, SqlValue } from './sql-driver';
import type { SqlParamValue, SqlScalar } from './sql-params';

export interface SequenceStep {
  /** Shown in errors: "header", "lines". */
  label: string;
  sql: string;
  /** Parameter name → column of the first returned row, bound into later steps. */
  capture?: Readonly<Record<string, string>>;
  /** Run once per element of this input list; the element's fields are bound by name. */
  forEach?: string;
  /** Stop the sequence (successfully) when this captured value is not null, e.g. an invoice that already exists. */
  stopWhenCaptured?: string;
}

export type SequenceInput = Readonly<Record<string, SqlParamValue | readonly Readonly<Record<string, SqlScalar>>[]>>;

export interface SequenceResult {
  /** Every captured value by parameter name. */
  captured: Record<string, SqlValue>;
  /** Label of the step that stopped the sequence early, if one did. */
  stoppedAt: string | null;
}

/** Runs the steps in order on an open write transaction; the caller commits or rolls back. */
export async function runStatementSequence(tx: SqlTransaction, steps: readonly SequenceStep[], input: SequenceInput): Promise<SequenceResult> {
  const captured: Record<string, SqlValue> = {};
  const scalars: Record<string, SqlParamValue> = {};
  for (const [k, v] of Object.entries(input)) if (!isRecordList(v)) scalars[k] = v as SqlParamValue;

  for (const step of steps) {
    const params = { ...scalars, ...(captured as Record<string, SqlScalar>) };
    let rows: Row[] = [];
    if (step.forEach) {
      const list = input[step.forEach];
      if (!Array.isArray(list) || (list.length > 0 && !isRecordList(list))) {
        throw new PosError('bad-profile', `Step "${step.label}" runs for each "${step.forEach}", but the input has no such list of records.`);
      }
      for (const element of list as readonly Readonly<Record<string, SqlScalar>>[]) rows = await run(tx, step, { ...params, ...element });
    } else {
      rows = await run(tx, step, params);
    }
    for (const [name, column] of Object.entries(step.capture ?? {})) {
      const first = rows[0];
      const key = column.toUpperCase();
      captured[name] = first && key in first ? (first[key] ?? null) : null;
    }
    if (step.stopWhenCaptured && captured[step.stopWhenCaptured] != null) return { captured, stoppedAt: step.label };
  }
  return { captured, stoppedAt: null };
}

async function run(tx: SqlTransaction, step: SequenceStep, params: Record<string, SqlParamValue>): Promise<Row[]> {
  try {
    return await tx.query(step.sql, params, { label: step.label });
  } catch (err) {
    throw inStatement(err, step.label);
  }
}

function isRecordList(v: unknown): v is readonly Readonly<Record<string, SqlScalar>>[] {
  return Array.isArray(v) && v.length > 0 && v.every((e) => e !== null && typeof e === 'object' && !(e instanceof Date) && !Buffer.isBuffer(e));
}
