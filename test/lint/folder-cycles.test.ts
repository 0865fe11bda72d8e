/**
 * No import circles between folders: every folder of the engine, the CLI, the server and the
 * connectors depends on others in one direction only (a folder's files may import each other
 * freely). Read from the sources' relative imports, type-only imports included: a type circle is
 * still a design circle.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** folder → folders it imports from (other than itself), with one example import per edge. */
function folderGraph(roots: readonly string[]): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of roots.flatMap((r) => sources(join(ROOT, r)))) {
    const from = relative(ROOT, dirname(file));
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const to = relative(ROOT, dirname(resolve(dirname(file), m[1]!)));
      if (to !== from && !edges.has(to)) edges.set(to, `${relative(ROOT, file)} → ${m[1]}`);
    }
  }
  return graph;
}

/** Each circle once, as the folders on it with the import that closes each step. */
function circles(graph: Map<string, Map<string, string>>): string[][] {
  const found: string[][] = [];
  const seen = new Set<string>();
  const walk = (start: string, node: string, path: string[]) => {
    for (const [next, example] of graph.get(node) ?? []) {
      if (next === start) {
        const key = [...path].sort().join('|');
        if (!seen.has(key)) { seen.add(key); found.push([...path.map((p, i) => `${p}  (${[...graph.get(p)!].find(([t]) => t === (path[i + 1] ?? start))![1]})`)]); }
        void example;
      } else if (!path.includes(next) && next > start) {
        walk(start, next, [...path, next]);
      }
    }
  };
  for (const start of [...graph.keys()].sort()) walk(start, start, [start]);
  return found;
}

describe('folder dependencies', () => {
  it('have no circles in electron/ and connectors/', () => {
    expect(circles(folderGraph(['electron', 'connectors']))).toEqual([]);
  });

  it('the check sees a circle when there is one', () => {
    const graph = new Map([
      ['a', new Map([['b', 'a/x.ts → ../b/y']])],
      ['b', new Map([['c', 'b/y.ts → ../c/z']])],
      ['c', new Map([['a', 'c/z.ts → ../a/x']])],
    ]);
    expect(circles(graph)).toHaveLength(1);
    expect(circles(graph)[0]).toEqual(['a  (a/x.ts → ../b/y)', 'b  (b/y.ts → ../c/z)', 'c  (c/z.ts → ../a/x)']);
  });
});
