/**
 * Rules a profile must follow beyond its JSON shape: every :placeholder has a value, the chosen
 * price levels exist, net prices have a tax rate, incremental reads have all their parts.
 * Checked when a profile is loaded, so a broken profile fails at "Test connection", not in the
 * middle of a sync.
 */
import { parseMoney } from '../core/money';
import type { Profile, SqlEngine } from './profile';
import { checkExportRules } from './profile-export-rules';
import { placeholderNames } from './drivers/sql-params';

/**
 * Every SQL statement of a profile with its dotted key, e.g. ["stock.sql", "SELECT ..."]; with
 * an engine, only the marker statements that engine runs.
 */
export function profileStatements(p: Profile, engine?: SqlEngine): [string, string][] {
  const out: [string, string][] = [['items.sql', p.items.sql]];
  if (p.prices.from === 'rows') out.push(['prices.sql', p.prices.sql]);
  if (p.stock) out.push(['stock.sql', p.stock.sql]);
  if (p.webSelection.kind === 'membership') {
    out.push(['webSelection.sql', p.webSelection.sql]);
    if (p.webSelection.fingerprintSql) out.push(['webSelection.fingerprintSql', p.webSelection.fingerprintSql]);
  }
  if (engine) {
    const [key, list] = markerStatements(p, engine);
    list.forEach((s, i) => out.push([`${key}.${i}`, s]));
  } else {
    p.changes.markerSql.forEach((s, i) => out.push([`changes.markerSql.${i}`, s]));
    for (const [e, list] of Object.entries(p.changes.markerSqlFor ?? {})) list.forEach((s, i) => out.push([`changes.markerSqlFor.${e}.${i}`, s]));
  }
  if (p.changes.highWaterSql) out.push(['changes.highWaterSql', p.changes.highWaterSql]);
  if (p.changes.changedSql) out.push(['changes.changedSql', p.changes.changedSql]);
  const b = p.changes.buckets;
  if (b) {
    if (b.sql) out.push(['changes.buckets.sql', b.sql]);
    b.parts.forEach((part, i) => out.push([`changes.buckets.parts.${i}.sql`, part.sql], [`changes.buckets.parts.${i}.markerSql`, part.markerSql]));
    b.sharedSql.forEach((s, i) => out.push([`changes.buckets.sharedSql.${i}`, s]));
  }
  return out;
}

/** The marker statements a profile runs on an engine: its own for that engine, else markerSql. */
export function markerStatements(p: Profile, engine: SqlEngine): [string, string[]] {
  const own = p.changes.markerSqlFor?.[engine];
  return own ? [`changes.markerSqlFor.${engine}`, own] : ['changes.markerSql', p.changes.markerSql];
}

/** Problems as "dotted.key: what is wrong" lines; empty when the profile is consistent. */
export function checkProfileRules(p: Profile): string[] {
  const problems: string[] = [];
  const params = p.parameters;
  const has = (name: string) => Object.prototype.hasOwnProperty.call(params, name);
  const known = Object.keys(params).join(', ') || 'none';

  const statements = profileStatements(p);
  if (p.recognise) statements.push(['recognise.sql', p.recognise.sql]);
  for (const [key, text] of statements) {
    for (const name of placeholderNames(text)) {
      if (name === 'since' && key === 'changes.changedSql') continue;
      if (!has(name)) problems.push(`${key}: uses :${name}, which is not in "parameters" (declared: ${known})`);
    }
  }
  if (p.changes.changedSql) {
    if (!placeholderNames(p.changes.changedSql).includes('since')) problems.push('changes.changedSql: must compare the change column with :since');
    if (!p.changes.highWaterSql) problems.push('changes.highWaterSql: is missing (needed with changes.changedSql)');
    if (!p.changes.columns) problems.push('changes.columns: is missing (needed with changes.changedSql: posId and changed)');
  }

  if (p.changes.buckets) {
    if (p.changes.changedSql) problems.push('changes.buckets: give either changedSql (change columns) or buckets, not both');
    if (!p.changes.buckets.sql && p.changes.buckets.parts.length === 0) problems.push('changes.buckets.sql: is missing (or give parts)');
    if (!p.changes.buckets.of.includes('{posId}')) problems.push('changes.buckets.of: must use {posId}, e.g. "FLOOR({posId} / 1000)"');
  }

  if (!has('regularLevel')) problems.push('parameters.regularLevel: is missing (which price level feeds the regular price)');
  if (p.prices.from === 'columns') {
    const levels = Object.keys(p.prices.levels);
    for (const name of ['regularLevel', 'saleLevel']) {
      const v = params[name];
      if (v === undefined || v === null || (name === 'saleLevel' && v === '')) continue;
      if (!levels.includes(String(v))) problems.push(`parameters.${name}: "${String(v)}" is not one of prices.levels (${levels.join(', ')})`);
    }
  }
  for (const name of ['regularLevel', 'saleLevel']) {
    if (Array.isArray(params[name])) problems.push(`parameters.${name}: must be a single level, not a list`);
  }

  if (!p.prices.includesTax) {
    const rate = params.taxRate;
    if (!p.items.columns.taxRate && rate === undefined) {
      problems.push('prices.includesTax: is false, so map items.columns.taxRate or set parameters.taxRate (percent, e.g. "20")');
    }
    if (rate !== undefined && rate !== null && !validRate(rate)) problems.push(`parameters.taxRate: "${String(rate)}" is not a percentage between 0 and 100`);
  }

  if (has('locations') && !Array.isArray(params.locations)) problems.push('parameters.locations: must be a list of location codes, e.g. ["MAIN", "SHOP"]');
  if (p.stock?.columns.location && !has('locations')) problems.push('stock.columns.location: is mapped, so parameters.locations must list the locations that count');
  if (p.stock && p.items.columns.onHand) problems.push('items.columns.onHand: remove it or the "stock" section: on-hand comes from one of them');
  if (p.webSelection.kind === 'flag' && p.webSelection.column === p.items.columns.posId) problems.push('webSelection.column: must be the flag column, not the posId column');
  problems.push(...checkExportRules(p));
  return problems;
}

function validRate(v: unknown): boolean {
  if (Array.isArray(v) || typeof v === 'boolean') return false;
  const parsed = parseMoney(v, 4);
  return parsed.ok && !parsed.value.startsWith('-') && Number(parsed.value) <= 100;
}
