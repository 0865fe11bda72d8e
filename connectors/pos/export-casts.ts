/**
 * Typed parameters for engines that cannot guess them. Firebird types a `?` from what it meets;
 * in a SELECT list (`INSERT … SELECT :a, :b FROM …`), in `:a + :b` or in `COALESCE(:a, …)` it
 * meets nothing and refuses the statement ("Data type unknown"). A profile names the type once
 * (`export.casts` for every step, a step's own `casts` over it) and the runner writes each such
 * placeholder as `CAST(:name AS <type>)` before the statement is prepared: in the order export
 * and in `tillbridge check` alike. Placeholders inside quotes and comments are left alone, by the
 * same rules the parameter binder uses.
 */
import type { ExportStep, ProfileExport } from './profile-export';
import { STEP_LISTS } from './profile-export';
import { rewritePlaceholders } from './drivers/sql-params';

/** `sql` with every `:name` that `casts` types written as `CAST(:name AS type)`. */
export function castPlaceholders(sql: string, casts: Readonly<Record<string, string>>): string {
  if (Object.keys(casts).length === 0) return sql;
  return rewritePlaceholders(sql, (name) => {
    const type = Object.prototype.hasOwnProperty.call(casts, name) ? casts[name] : undefined;
    return type ? `CAST(:${name} AS ${type})` : `:${name}`;
  });
}

/** One step with the export's casts and its own (its own win) applied to its SQL. */
export function castStep(step: ExportStep, casts: Readonly<Record<string, string>>): ExportStep {
  const merged = { ...casts, ...(step.casts ?? {}) };
  return Object.keys(merged).length === 0 ? step : { ...step, sql: castPlaceholders(step.sql, merged) };
}

/** The export section as it is run: every step's SQL with its casts written in. */
export function castExport(x: ProfileExport): ProfileExport {
  const c = x.casts;
  const lists = Object.fromEntries(STEP_LISTS.map((l) => [l, x[l].map((s) => castStep(s, c))])) as Pick<ProfileExport, typeof STEP_LISTS[number]>;
  const customer = x.customer && {
    ...x.customer,
    find: castStep(x.customer.find, c),
    update: x.customer.update.map((s) => castStep(s, c)),
    create: x.customer.create.map((s) => castStep(s, c)),
    ...(x.customer.webAccount ? { webAccount: castStep(x.customer.webAccount, c) } : {}),
  };
  return { ...x, ...lists, ...(customer ? { customer } : {}) };
}
