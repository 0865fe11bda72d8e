/**
 * Replays a recorded WooCommerce scenario (test/fixtures/woocommerce-contract/*.json) against a
 * store and checks every answer by the contract's rules (see that folder's README): placeholders,
 * `bind`, whole-string typing, unbound ids binding on first appearance (unique per kind),
 * `{{datetime}}`, presentation fields compared by presence and JSON type, equal key sets, and the
 * header rules. Every difference is reported with its step and JSON path.
 */
import { request as httpsRequest } from 'node:https';

/** One recorded request/answer pair. */
export interface ScenarioStep {
  step: string;
  why?: string;
  wait_new_second?: boolean;
  request: {
    method: string;
    path: string;
    query: Record<string, unknown>;
    auth: string;
    listener?: string;
    body?: unknown;
    body_raw?: string;
    content_type?: string;
  };
  response: { status: number; headers: Record<string, string>; body: unknown };
  bind?: Record<string, string>;
}

export interface Scenario {
  scenario: string;
  title: string;
  steps: ScenarioStep[];
}

/** Where and how to reach the store under test. */
export interface ReplayTarget {
  /** Origin of the normal listener, e.g. http://127.0.0.1:1234. */
  url: string;
  /** Origin of a plain-HTTP listener with WooCommerce's stock auth rule, if the store has one. */
  stockUrl?: string;
  /** Origin of an HTTPS listener (stock rule), and the PEM certificate to trust for it. */
  httpsUrl?: string;
  httpsCa?: string;
  keys: { ck: string; cs: string; ckRo: string; csRo: string };
  /** Moves the store's clock into a new second (for `wait_new_second`). */
  nextSecond(): void | Promise<void>;
}

export interface ReplayOptions {
  /** Also compare presentation values and the Link/Allow headers exactly. */
  strict?: boolean;
}

export interface StepOutcome {
  index: number;
  step: string;
  skipped?: string;
  problems: string[];
}

export interface ReplayOutcome {
  scenario: string;
  passed: boolean;
  steps: StepOutcome[];
}

const PRESENTATION = new Set([
  'price_html', 'message', 'json_error_message', '_links', 'permalink', 'permalink_template', 'generated_slug', 'slug',
  'avatar_url', 'description', 'short_description', 'related_ids', 'payment_url', 'display_key', 'display_value',
]);

const ZERO_SECRET = 'cs_' + '0'.repeat(40);
const ZERO_KEY = 'ck_' + '0'.repeat(40);
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const ORDER_KEY = /^wc_order_[A-Za-z0-9]+$/;
const PLACEHOLDER = /\{\{([^{}]+)\}\}/g;
const WHOLE = /^\{\{([^{}]+)\}\}$/;
const NON_ID = new Set(['base', 'ck', 'cs', 'ck_ro', 'cs_ro', 'datetime', 'order_key']);

/** The id kind of a placeholder name ("product:draft" → product, "item_meta#2" → item_meta), or null. */
export function idKind(name: string): string | null {
  if (NON_ID.has(name) || name.startsWith('t:')) return null;
  const m = /^([a-z_]+)(?::|#)/.exec(name);
  return m ? m[1]! : null;
}

/** Placeholder values bound so far, with the per-kind uniqueness rule. */
export class Bindings {
  private values = new Map<string, unknown>();

  constructor(initial: Record<string, unknown>) {
    for (const [k, v] of Object.entries(initial)) this.values.set(k, v);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  get(name: string): unknown {
    return this.values.get(name);
  }

  /** Binds a value; for ids, refuses one already bound to another placeholder of the same kind. */
  bind(name: string, value: unknown): string | null {
    const kind = idKind(name);
    if (kind !== null) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) return `{{${name}}} must be a positive integer id, got ${show(value)}`;
      for (const [other, v] of this.values) {
        if (other !== name && idKind(other) === kind && v === value) return `{{${name}}} = ${value} is already {{${other}}}; ids of one kind must differ`;
      }
    }
    this.values.set(name, value);
    return null;
  }
}

/** Replaces placeholders in a request value: whole-string placeholders keep their type. */
export function fill(value: unknown, b: Bindings): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole) return lookup(whole[1]!, b);
    return value.replace(PLACEHOLDER, (_, name: string) => String(lookup(name, b)));
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, b));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, b)]));
  }
  return value;
}

/** Fills bound placeholders into a header value, leaving unbound ones visible in the report. */
function fillKnown(text: string, b: Bindings): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (b.has(name) ? String(b.get(name)) : whole));
}

function lookup(name: string, b: Bindings): unknown {
  if (!b.has(name)) throw new Error(`request uses {{${name}}} before any step bound it`);
  return b.get(name);
}

/**
 * Compares an actual JSON value with the recorded one, binding unbound ids on first appearance.
 * Problems are appended as "path: what differs".
 */
export function compareBody(expected: unknown, actual: unknown, path: string, b: Bindings, problems: string[], strict: boolean): void {
  const key = path.split('.').pop() ?? '';
  if (!strict && PRESENTATION.has(key)) {
    if (jsonType(expected) !== jsonType(actual)) problems.push(`${path}: expected a ${jsonType(expected)}, got ${show(actual)}`);
    return;
  }
  if (key === 'related_ids' && Array.isArray(expected) && Array.isArray(actual)) {
    // WooCommerce shuffles related products; the recording holds them sorted: compare as a set.
    const sortIds = (list: unknown[]): unknown[] => [...list].sort((x, y) => Number(x) - Number(y));
    const known = (v: unknown): unknown => {
      const name = typeof v === 'string' ? WHOLE.exec(v)?.[1] : undefined;
      return name !== undefined && b.has(name) ? b.get(name) : v;
    };
    expected = sortIds(expected.map(known));
    actual = sortIds(actual);
  }
  if (typeof expected === 'string' && expected.includes('{{')) {
    comparePlaceholderString(expected, actual, path, key, b, problems);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return void problems.push(`${path}: expected an array of ${expected.length}, got ${show(actual)}`);
    if (actual.length !== expected.length) problems.push(`${path}: expected ${expected.length} items, got ${actual.length}`);
    const n = Math.min(actual.length, expected.length);
    for (let i = 0; i < n; i++) compareBody(expected[i], actual[i], `${path}.${i}`, b, problems, strict);
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return void problems.push(`${path}: expected an object, got ${show(actual)}`);
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const missing = Object.keys(e).filter((k) => !(k in a));
    const extra = Object.keys(a).filter((k) => !(k in e));
    if (missing.length) problems.push(`${path}: missing field(s) ${missing.join(', ')}`);
    if (extra.length) problems.push(`${path}: unexpected field(s) ${extra.join(', ')}`);
    for (const k of Object.keys(e)) if (k in a) compareBody(e[k], a[k], `${path}.${k}`, b, problems, strict);
    return;
  }
  if (jsonType(expected) !== jsonType(actual) || expected !== actual) {
    problems.push(`${path}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

function comparePlaceholderString(expected: string, actual: unknown, path: string, key: string, b: Bindings, problems: string[]): void {
  const whole = WHOLE.exec(expected);
  if (whole) {
    const name = whole[1]!;
    if (name === 'datetime') {
      if (typeof actual !== 'string' || !DATETIME.test(actual)) problems.push(`${path}: expected a YYYY-MM-DDTHH:MM:SS timestamp, got ${show(actual)}`);
      return;
    }
    if (name === 'order_key') {
      if (typeof actual !== 'string' || !ORDER_KEY.test(actual)) problems.push(`${path}: expected an order key wc_order_…, got ${show(actual)}`);
      return;
    }
    const asText = key === 'number' && idKind(name) === 'order';
    if (!b.has(name)) {
      if (idKind(name) === null) return void problems.push(`${path}: {{${name}}} is not bound (recording error?)`);
      const value = asText && typeof actual === 'string' && /^\d+$/.test(actual) ? Number(actual) : asText ? NaN : actual;
      const err = b.bind(name, value);
      if (err) problems.push(`${path}: ${err}`);
      return;
    }
    const want = asText ? String(b.get(name)) : b.get(name);
    if (want !== actual) problems.push(`${path}: expected ${show(want)} ({{${name}}}), got ${show(actual)}`);
    return;
  }
  if (typeof actual !== 'string') return void problems.push(`${path}: expected a string like ${show(expected)}, got ${show(actual)}`);
  // Placeholders inside a longer string: match literally, capturing unbound ids.
  const captures: string[] = [];
  let pattern = '';
  let last = 0;
  for (const m of expected.matchAll(PLACEHOLDER)) {
    pattern += escapeRegex(expected.slice(last, m.index));
    const name = m[1]!;
    if (name === 'datetime') pattern += '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}';
    else if (name === 'order_key') pattern += 'wc_order_[A-Za-z0-9]+';
    else if (b.has(name)) pattern += escapeRegex(String(b.get(name)));
    else if (idKind(name) !== null && !captures.includes(name)) {
      captures.push(name);
      pattern += '(\\d+)';
    } else pattern += '(?:\\d+)';
    last = (m.index ?? 0) + m[0].length;
  }
  pattern += escapeRegex(expected.slice(last));
  const found = new RegExp(`^${pattern}$`, 's').exec(actual);
  if (!found) return void problems.push(`${path}: expected ${show(expected)}, got ${show(actual)}`);
  captures.forEach((name, i) => {
    const err = b.bind(name, Number(found[i + 1]));
    if (err) problems.push(`${path}: ${err}`);
  });
}

/** Compares the recorded headers by the contract's rules. */
export function compareHeaders(expected: Record<string, string>, actual: Headers, b: Bindings, problems: string[], strict: boolean): void {
  for (const name of ['X-WP-Total', 'X-WP-TotalPages']) {
    const want = expected[name];
    const got = actual.get(name);
    if (want === undefined && got !== null) problems.push(`header ${name}: expected none, got "${got}"`);
    else if (want !== undefined && want !== got) problems.push(`header ${name}: expected "${want}", got ${got === null ? 'none' : `"${got}"`}`);
  }
  if (expected.Location !== undefined) {
    const got = actual.get('Location');
    const want = pathOf(fillKnown(expected.Location, b));
    if (got === null) problems.push(`header Location: expected path ${want}, got none`);
    else if (pathOf(got) !== want) problems.push(`header Location: expected path ${want}, got ${pathOf(got)}`);
  }
  if (expected['Content-Type'] !== undefined) {
    const got = (actual.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (got !== 'application/json') problems.push(`header Content-Type: expected application/json, got "${actual.get('Content-Type')}"`);
  }
  const wantLinks = pageLinks(expected.Link ?? '');
  const gotLinks = pageLinks(actual.get('Link') ?? '');
  for (const rel of ['prev', 'next'] as const) {
    if (wantLinks[rel] !== gotLinks[rel]) {
      problems.push(`header Link rel="${rel}": expected ${wantLinks[rel] === undefined ? 'none' : `page ${wantLinks[rel]}`}, got ${gotLinks[rel] === undefined ? 'none' : `page ${gotLinks[rel]}`}`);
    }
  }
  if (strict) {
    for (const name of ['Link', 'Allow']) {
      const want = expected[name] === undefined ? null : fillKnown(expected[name], b);
      const got = actual.get(name);
      if (want !== got) problems.push(`header ${name} (strict): expected ${show(want)}, got ${show(got)}`);
    }
  }
}

/** The page numbers of rel="prev"/"next" in a Link header. */
export function pageLinks(link: string): { prev?: string; next?: string } {
  const out: { prev?: string; next?: string } = {};
  for (const part of link.split(/,\s*(?=<)/)) {
    const m = /^<([^>]*)>;\s*rel="(prev|next)"/.exec(part.trim());
    if (!m) continue;
    const page = new URL(m[1]!.replace(/\{\{base\}\}/g, 'http://x')).searchParams.get('page') ?? '1';
    out[m[2] as 'prev' | 'next'] = page;
  }
  return out;
}

function pathOf(url: string): string {
  const m = /^[a-z]+:\/\/[^/]+(\/[^?#]*)/i.exec(url);
  return m ? m[1]! : url;
}

/** Reads `body.create.0.id` style paths from an answer. */
export function readPath(root: { body: unknown }, path: string): unknown {
  let node: unknown = root;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Replays one scenario against `target`; never throws for a mismatch, only reports it. */
export async function replayScenario(scenario: Scenario, target: ReplayTarget, options: ReplayOptions = {}): Promise<ReplayOutcome> {
  const b = new Bindings({ ck: target.keys.ck, cs: target.keys.cs, ck_ro: target.keys.ckRo, cs_ro: target.keys.csRo });
  const steps: StepOutcome[] = [];
  for (const [index, step] of scenario.steps.entries()) {
    const req = step.request;
    let origin = target.url;
    if (req.listener === 'plain-http-stock') {
      if (!target.stockUrl) {
        steps.push({ index, step: step.step, skipped: 'no plain-HTTP stock listener', problems: [] });
        continue;
      }
      origin = target.stockUrl;
    } else if (req.listener === 'https-stock') {
      if (!target.httpsUrl) {
        steps.push({ index, step: step.step, skipped: 'no HTTPS listener', problems: [] });
        continue;
      }
      origin = target.httpsUrl;
    } else if (req.listener !== undefined) {
      steps.push({ index, step: step.step, skipped: `no "${req.listener}" listener`, problems: [] });
      continue;
    }
    if (step.wait_new_second) await target.nextSecond();
    b.bind('base', origin);

    const problems: string[] = [];
    let res: { status: number; headers: Headers; text: string };
    let body: unknown;
    try {
      const url = new URL(String(fill(req.path, b)), origin);
      for (const [k, v] of Object.entries(req.query)) url.searchParams.append(k, String(fill(v, b)));
      const headers: Record<string, string> = {};
      const auth = basicFor(req.auth, target.keys);
      if (auth) headers.Authorization = auth;
      let payload: string | undefined;
      if (req.body_raw !== undefined) {
        payload = req.body_raw;
        headers['Content-Type'] = req.content_type ?? 'application/json';
      } else if (req.body !== null && req.body !== undefined) {
        payload = JSON.stringify(fill(req.body, b));
        headers['Content-Type'] = 'application/json';
      }
      res = await send(url, req.method, headers, payload, target.httpsCa);
      try {
        body = res.text === '' ? null : JSON.parse(res.text);
      } catch {
        problems.push(`body is not JSON: ${res.text.slice(0, 200)}`);
      }
    } catch (err) {
      steps.push({ index, step: step.step, problems: [`request failed: ${(err as Error).message}`] });
      continue;
    }

    for (const [name, path] of Object.entries(step.bind ?? {})) {
      const value = readPath({ body }, path);
      const err = b.bind(name, value);
      if (err) problems.push(`bind ${name} from ${path}: ${err}`);
    }
    if (res.status !== step.response.status) problems.push(`status: expected ${step.response.status}, got ${res.status}`);
    compareBody(step.response.body, body, 'body', b, problems, options.strict === true);
    compareHeaders(step.response.headers, res.headers, b, problems, options.strict === true);
    steps.push({ index, step: step.step, problems });
  }
  return { scenario: scenario.scenario, passed: steps.every((s) => s.problems.length === 0), steps };
}

/** One HTTP exchange: fetch for http://, node:https (trusting `ca`) for https://. */
async function send(url: URL, method: string, headers: Record<string, string>, body: string | undefined, ca: string | undefined): Promise<{ status: number; headers: Headers; text: string }> {
  if (url.protocol !== 'https:') {
    const res = await fetch(url, { method, headers, body });
    return { status: res.status, headers: res.headers, text: await res.text() };
  }
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method, headers, ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : v);
        resolve({ status: res.statusCode ?? 0, headers: h, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A readable report of the failing steps (first few problems of each). */
export function describeFailures(outcome: ReplayOutcome, perStep = 8): string {
  const lines: string[] = [];
  for (const s of outcome.steps) {
    if (s.problems.length === 0) continue;
    lines.push(`${outcome.scenario} step #${s.index} "${s.step}":`);
    for (const p of s.problems.slice(0, perStep)) lines.push(`    ${p}`);
    if (s.problems.length > perStep) lines.push(`    … and ${s.problems.length - perStep} more`);
  }
  return lines.join('\n');
}

function basicFor(kind: string, keys: ReplayTarget['keys']): string | null {
  const basic = (ck: string, cs: string): string => `Basic ${Buffer.from(`${ck}:${cs}`).toString('base64')}`;
  switch (kind) {
    case 'basic':
      return basic(keys.ck, keys.cs);
    case 'basic:wrong-secret':
      return basic(keys.ck, ZERO_SECRET);
    case 'basic:unknown-key':
      return basic(ZERO_KEY, ZERO_SECRET);
    case 'basic:read-only-key':
      return basic(keys.ckRo, keys.csRo);
    case 'none':
    case 'query':
    case 'query:wrong-secret':
      return null;
    default:
      throw new Error(`unknown auth kind "${kind}" in the recording`);
  }
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'number' : 'number';
  return typeof v;
}

function show(v: unknown): string {
  const text = JSON.stringify(v);
  if (text === undefined) return String(v);
  return text.length > 120 ? text.slice(0, 117) + '...' : text;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
