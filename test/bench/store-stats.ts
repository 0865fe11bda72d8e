/**
 * How the benchmark proxy sorts the requests it sees, so a result can say not only "520
 * requests" but "500 product batches, 20 SKU lookups", and how many objects each batch carried.
 */

export type RequestKind = 'skuLookup' | 'otherRead' | 'productBatch' | 'variationBatch' | 'otherWrite';

export interface KindStats {
  requests: number;
  /** Objects written (create + update + delete entries) by batch requests. */
  objects: number;
  /** Time from forwarding to the end of the store's answer, summed. */
  storeMs: number;
  /** Answers with HTTP status ≥ 400 (per-item batch errors come inside a 200 and are not counted). */
  httpErrors: number;
}

export interface StoreStats {
  requests: number;
  storeMs: number;
  byKind: Record<RequestKind, KindStats>;
}

const KINDS: readonly RequestKind[] = ['skuLookup', 'otherRead', 'productBatch', 'variationBatch', 'otherWrite'];

export function emptyStats(): StoreStats {
  const byKind = Object.fromEntries(KINDS.map((k) => [k, { requests: 0, objects: 0, storeMs: 0, httpErrors: 0 }])) as Record<RequestKind, KindStats>;
  return { requests: 0, storeMs: 0, byKind };
}

/** Writes are every request that is not a GET/HEAD. */
export function writeRequests(s: StoreStats): number {
  return s.byKind.productBatch.requests + s.byKind.variationBatch.requests + s.byKind.otherWrite.requests;
}

/** Sorts one request by method and path; for batches also counts the objects it carries. */
export function classifyRequest(method: string, url: string, body: Buffer): { kind: RequestKind; objects: number } {
  const [path = '', query = ''] = url.split('?');
  const m = method.toUpperCase();
  if (m === 'GET' || m === 'HEAD') {
    return { kind: /\/products$/.test(path) && new URLSearchParams(query).has('sku') ? 'skuLookup' : 'otherRead', objects: 0 };
  }
  const variation = /\/products\/\d+\/variations\/batch$/.test(path);
  if (variation || /\/products\/batch$/.test(path)) return { kind: variation ? 'variationBatch' : 'productBatch', objects: batchObjects(body) };
  return { kind: 'otherWrite', objects: 1 };
}

function batchObjects(body: Buffer): number {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    return ['create', 'update', 'delete'].reduce((n, k) => n + (Array.isArray(parsed[k]) ? (parsed[k] as unknown[]).length : 0), 0);
  } catch {
    return 0;
  }
}
