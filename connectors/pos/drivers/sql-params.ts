/**
 * Named parameters for profile statements. Profiles write `:since`, `:locations`, `:webStore`;
 * both drivers take positional `?` markers. Values are always bound, never spliced into the SQL
 * text, so a location code or a price level typed by an installer cannot change a statement.
 * A list value (e.g. locations) expands to `?, ?, ?`; an empty list becomes `NULL`, so
 * `IN (:locations)` then matches nothing instead of failing.
 */
import { PosError } from '../../core/pos-errors';

/** A value a statement parameter may take. Dates are bound as local wall-clock strings, Buffers as binary. */
export type SqlScalar = string | number | bigint | boolean | null | Date | Buffer;
export type SqlParamValue = SqlScalar | readonly SqlScalar[];
export type SqlParams = Readonly<Record<string, SqlParamValue>>;
/**
 * Values for `?` markers, in order, with the SQL left exactly as written: for statements whose
 * own syntax uses `:name` (Firebird's EXECUTE BLOCK refers to its variables that way).
 */
export type PositionalParams = readonly SqlScalar[];

/** Named values are bound by name; a list of values binds `?` markers in order. */
export function bindParams(sql: string, params: SqlParams | PositionalParams = {}): { sql: string; args: SqlScalar[] } {
  if (Array.isArray(params)) return { sql, args: [...(params as PositionalParams)] };
  return bindNamed(sql, params as SqlParams);
}

/** A statement split around its placeholders: parts.length === names.length + 1. */
interface ParsedStatement {
  readonly parts: readonly string[];
  readonly names: readonly string[];
}

const cache = new Map<string, ParsedStatement>();
const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_$]/;

/** Names of the `:name` placeholders in a statement, in order of appearance, without repeats. */
/**
 * `sql` with every `:name` placeholder (outside quotes and comments, by the same rules the binder
 * uses) replaced by what `write` gives for it.
 */
export function rewritePlaceholders(sql: string, write: (name: string) => string): string {
  const { parts, names } = parse(sql);
  let out = parts[0] ?? '';
  names.forEach((name, i) => { out += write(name) + (parts[i + 1] ?? ''); });
  return out;
}

export function placeholderNames(sql: string): string[] {
  return [...new Set(parse(sql).names)];
}

/**
 * Turns a statement with `:name` placeholders into positional form. Throws a PosError naming the
 * placeholder when a value is missing.
 */
export function bindNamed(sql: string, params: SqlParams = {}): { sql: string; args: SqlScalar[] } {
  const { parts, names } = parse(sql);
  if (names.length === 0) return { sql, args: [] };
  let out = parts[0] ?? '';
  const args: SqlScalar[] = [];
  names.forEach((name, i) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) {
      throw new PosError('bad-profile', `No value for the parameter :${name}. Add "${name}" to the profile's "parameters" or remove it from the statement.`);
    }
    const value = params[name] as SqlParamValue;
    if (Array.isArray(value)) {
      if (value.length === 0) out += 'NULL';
      else {
        out += value.map(() => '?').join(', ');
        args.push(...(value as SqlScalar[]));
      }
    } else {
      out += '?';
      args.push(value as SqlScalar);
    }
    out += parts[i + 1] ?? '';
  });
  return { sql: out, args };
}

function parse(sql: string): ParsedStatement {
  const hit = cache.get(sql);
  if (hit) return hit;
  const parts: string[] = [];
  const names: string[] = [];
  let current = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === "'" || c === '"') {
      const end = closingQuote(sql, i);
      current += sql.slice(i, end);
      i = end;
    } else if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      current += sql.slice(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end === -1 ? sql.length : end + 2;
      current += sql.slice(i, stop);
      i = stop;
    } else if (c === ':' && next === ':') {
      current += '::';
      i += 2;
    } else if (c === ':' && next !== undefined && IDENT_START.test(next) && !IDENT_PART.test(sql[i - 1] ?? ' ')) {
      let end = i + 1;
      while (end < sql.length && IDENT_PART.test(sql[end]!)) end++;
      parts.push(current);
      names.push(sql.slice(i + 1, end));
      current = '';
      i = end;
    } else {
      current += c;
      i++;
    }
  }
  parts.push(current);
  const parsed = { parts, names };
  if (cache.size > 500) cache.clear();
  cache.set(sql, parsed);
  return parsed;
}

/** Index just past the quote that closes the literal opened at `start` ('' and "" are escapes). */
function closingQuote(sql: string, start: number): number {
  const quote = sql[start];
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}
