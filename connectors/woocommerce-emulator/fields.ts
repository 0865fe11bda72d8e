/**
 * WordPress's `_fields` filter (rest_filter_response_fields): keeps only the named keys (nested
 * with dots, `meta.foo`), per item when the body is a list. Objects that end up empty serialise as
 * `[]`, like an empty PHP array — which is why `_fields` on a batch answers `[]`.
 */

/** Marker for an object that lost every key: JSON-encodes as `[]`. */
const EMPTY = Object.freeze([]) as unknown as Record<string, unknown>;

/** Parses `_fields` ("id, sku,meta.key") into a nested key tree; null when no filtering applies. */
export function parseFields(value: string | null): Map<string, unknown> | null {
  if (value === null) return null;
  const names = value.split(/[\s,]+/).map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) return null;
  const tree = new Map<string, unknown>();
  for (const name of names) {
    let node = tree;
    const parts = name.split('.');
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const existing = node.get(part);
      if (last) {
        node.set(part, true);
      } else if (existing === true) {
        // A shorter path already keeps the whole subtree.
        node = new Map();
      } else {
        const next = (existing as Map<string, unknown> | undefined) ?? new Map<string, unknown>();
        node.set(part, next);
        node = next;
      }
    });
  }
  return tree;
}

/** Applies a parsed `_fields` tree to a response body. */
export function filterFields(body: unknown, tree: Map<string, unknown>): unknown {
  if (Array.isArray(body)) return body.map((item) => pick(item, tree));
  return pick(body, tree);
}

function pick(value: unknown, tree: Map<string, unknown>): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of tree) {
    if (!(key in (value as Record<string, unknown>))) continue;
    const v = (value as Record<string, unknown>)[key];
    out[key] = sub === true ? v : pick(v, sub as Map<string, unknown>);
  }
  return Object.keys(out).length === 0 ? EMPTY : out;
}
