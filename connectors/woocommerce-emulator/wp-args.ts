/**
 * WordPress's REST argument checks (rest_validate_value_from_schema / rest_sanitize_value_from_schema)
 * for the types the WooCommerce endpoints declare. Invalid values produce the exact
 * `rest_invalid_param` answer a store gives; valid ones come back coerced ("12" → 12, "true" → true,
 * "1,2" → [1, 2] for arrays). Null values are skipped, as WordPress skips them.
 */
import { invalidParams, type EmuResponse } from './router';
import { humanList, isNumericString } from './wp-text';

export type ArgType = 'null' | 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';

/** One declared argument of an endpoint. */
export interface ArgSchema {
  type?: ArgType | ArgType[];
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
  items?: ArgSchema;
  /** Only 'date-time' is checked (the list filters); WooCommerce's own date fields are null-or-string without a format. */
  format?: 'date-time';
}

export type ArgSchemas = Record<string, ArgSchema>;

interface Problem {
  code: string;
  message: string;
  data?: unknown;
}

/**
 * Validates and coerces every declared argument present in `input`. Returns either the coerced
 * values (undeclared keys passed through untouched) or the 400 answer naming each bad parameter.
 */
export function checkArgs(schemas: ArgSchemas, input: Record<string, unknown>): { ok: true; values: Record<string, unknown> } | { ok: false; response: EmuResponse } {
  const values: Record<string, unknown> = { ...input };
  const problems: Record<string, Problem> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    if (!(name in input)) continue;
    const raw = input[name];
    if (raw === null || raw === undefined) continue;
    const result = checkValue(schema, raw, name);
    if ('problem' in result) problems[name] = result.problem;
    else values[name] = result.value;
  }
  if (Object.keys(problems).length > 0) return { ok: false, response: invalidParams(problems) };
  return { ok: true, values };
}

function checkValue(schema: ArgSchema, raw: unknown, name: string): { value: unknown } | { problem: Problem } {
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  let value = raw;
  if (types.length > 0) {
    const typed = coerceToOneOf(types, raw);
    if (typed === NO_MATCH) {
      const typeText = types.join(',');
      return { problem: { code: 'rest_invalid_type', message: `${name} is not of type ${typeText}.`, data: { param: name } } };
    }
    value = typed;
  }
  if (Array.isArray(value) && schema.items) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const r = checkValue(schema.items, value[i], `${name}[${i}]`);
      if ('problem' in r) return r;
      out.push(r.value);
    }
    value = out;
  }
  if (schema.enum && !schema.enum.includes(String(value))) {
    const message = `${name} is not one of ${humanList(schema.enum)}.`;
    return { problem: { code: 'rest_not_in_enum', message } };
  }
  if (typeof value === 'number' && (schema.minimum !== undefined || schema.maximum !== undefined)) {
    const { minimum: min, maximum: max } = schema;
    const low = min !== undefined && value < min;
    const high = max !== undefined && value > max;
    if (low || high) {
      const message =
        min !== undefined && max !== undefined
          ? `${name} must be between ${min} (inclusive) and ${max} (inclusive)`
          : min !== undefined
            ? `${name} must be greater than or equal to ${min}`
            : `${name} must be less than or equal to ${max}`;
      return { problem: { code: 'rest_out_of_bounds', message } };
    }
  }
  if (schema.format === 'date-time' && typeof value === 'string' && !isRfc3339(value)) {
    return { problem: { code: 'rest_invalid_date', message: 'Invalid date.' } };
  }
  return { value };
}

const NO_MATCH = Symbol('no-match');

function coerceToOneOf(types: ArgType[], raw: unknown): unknown {
  for (const type of types) {
    const v = coerce(type, raw);
    if (v !== NO_MATCH) return v;
  }
  return NO_MATCH;
}

function coerce(type: ArgType, raw: unknown): unknown {
  switch (type) {
    case 'null':
      return raw === null ? null : NO_MATCH;
    case 'string':
      return typeof raw === 'string' ? raw : NO_MATCH;
    case 'integer':
      if (typeof raw === 'number') return Number.isInteger(raw) ? raw : NO_MATCH;
      if (typeof raw === 'string' && isNumericString(raw) && Number.isInteger(Number(raw))) return Math.trunc(Number(raw));
      return NO_MATCH;
    case 'number':
      if (typeof raw === 'number') return raw;
      if (typeof raw === 'string' && isNumericString(raw)) return Number(raw);
      return NO_MATCH;
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (raw === 0 || raw === 1) return raw === 1;
      if (typeof raw === 'string' && ['true', 'false', '0', '1'].includes(raw.toLowerCase())) return ['true', '1'].includes(raw.toLowerCase());
      return NO_MATCH;
    case 'array':
      if (Array.isArray(raw)) return raw;
      if (typeof raw === 'string') return raw.split(/[\s,]+/).filter((s) => s !== '');
      if (raw !== null && typeof raw === 'object' && isListLike(raw as Record<string, unknown>)) return Object.values(raw as object);
      return NO_MATCH;
    case 'object':
      if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) return raw;
      if (Array.isArray(raw) && raw.length === 0) return {};
      return NO_MATCH;
  }
}

/** Form bodies give `a[0]=x&a[1]=y` as an object with numeric keys; PHP treats that as a list. */
function isListLike(o: Record<string, unknown>): boolean {
  return Object.keys(o).every((k, i) => k === String(i));
}

/** rest_parse_date accepts RFC 3339 with or without a zone, and WordPress also allows a space. */
function isRfc3339(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}(:?\d{2})?)?$/.test(text);
}

/**
 * The collection arguments every WooCommerce post-type list shares (WC_REST_Posts_Controller's
 * get_collection_params); each list adds its own orderby, status and filters.
 */
export const POST_COLLECTION_ARGS: ArgSchemas = {
  context: { type: 'string', enum: ['view', 'edit'] },
  page: { type: 'integer', minimum: 1 },
  per_page: { type: 'integer', minimum: 1, maximum: 100 },
  search: { type: 'string' },
  after: { type: 'string', format: 'date-time' },
  before: { type: 'string', format: 'date-time' },
  modified_after: { type: 'string', format: 'date-time' },
  modified_before: { type: 'string', format: 'date-time' },
  dates_are_gmt: { type: 'boolean' },
  exclude: { type: 'array', items: { type: 'integer' } },
  include: { type: 'array', items: { type: 'integer' } },
  offset: { type: 'integer' },
  order: { type: 'string', enum: ['asc', 'desc'] },
};
