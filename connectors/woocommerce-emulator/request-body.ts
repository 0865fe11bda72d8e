/**
 * Request bodies as WordPress reads them: JSON only when the Content-Type says JSON (a JSON body
 * sent as text/plain is silently ignored), URL-encoded forms for every method (PHP-style
 * `a[b]=c` keys become nested values), anything else ignored.
 */

export type ParsedBody = { kind: 'json'; value: unknown } | { kind: 'form'; value: Record<string, unknown> } | { kind: 'none' } | { kind: 'invalid-json' };

/** Parses `raw` according to `contentType`. */
export function parseBody(raw: string, contentType: string | undefined): ParsedBody {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) {
    if (raw.trim() === '') return { kind: 'none' };
    try {
      return { kind: 'json', value: JSON.parse(raw) as unknown };
    } catch {
      return { kind: 'invalid-json' };
    }
  }
  if (type === 'application/x-www-form-urlencoded') return { kind: 'form', value: parseForm(raw) };
  return { kind: 'none' };
}

/** PHP's parse_str: `a=1&b[]=2&b[]=3&c[d]=4` → {a: '1', b: ['2', '3'], c: {d: '4'}}. */
export function parseForm(raw: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) setPhpKey(out, key, value);
  return out;
}

/** Flat key/value pairs of a form body (what PHP's $_POST holds for signature checks). */
export function formPairs(raw: string, contentType: string | undefined): [string, string][] {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/x-www-form-urlencoded' ? [...new URLSearchParams(raw)] : [];
}

function setPhpKey(target: Record<string, unknown>, key: string, value: string): void {
  const m = /^([^[]+)((?:\[[^\]]*\])*)$/.exec(key);
  if (!m || m[2] === '') {
    target[key] = value;
    return;
  }
  const path = [...m[2]!.matchAll(/\[([^\]]*)\]/g)].map((x) => x[1]!);
  let node: Record<string, unknown> | unknown[] = target;
  let name: string = m[1]!;
  for (const part of path) {
    const container = node as Record<string, unknown>;
    if (container[name] === undefined || typeof container[name] !== 'object' || container[name] === null) {
      container[name] = part === '' ? [] : {};
    }
    node = container[name] as Record<string, unknown> | unknown[];
    name = part === '' && Array.isArray(node) ? String(node.length) : part;
  }
  (node as Record<string, unknown>)[name] = value;
}
