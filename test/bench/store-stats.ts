/**
 * How the benchmark proxy sorts the requests it sees, so a result can say not only "520
 * requests" but "500 product batches, 20 SKU lookups", and how many objects each batch carried.
 * The engine also polls the store for orders on its schedule (reads only); those are kept apart
 * so the product side's cost stays visible on its own.
 */

export type RequestKind = 'skuLookup' | 'productRead' | 'orderRead' | 'otherRead' | 'productBatch' | 'variationBatch' | 'otherWrite';

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
  /** Requests the proxy could not pass on (counted in `requests` too, with status 0). */
  proxyFailures: number;
  storeMs: number;
  byKind: Record<RequestKind, KindStats>;
}

const KINDS: readonly RequestKind[] = ['skuLookup', 'productRead', 'orderRead', 'otherRead', 'productBatch', 'variationBatch', 'otherWrite'];

export function emptyStats(): StoreStats {
  const byKind = Object.fromEntries(KINDS.map((k) => [k, { requests: 0, objects: 0, storeMs: 0, httpErrors: 0 }])) as Record<RequestKind, KindStats>;
  return { requests: 0, proxyFailures: 0, storeMs: 0, byKind };
}

/** Requests of the product flow: SKU lookups, product reads and product/variation batches. */
export function productRequests(s: StoreStats): number {
  const k = s.byKind;
  return k.skuLookup.requests + k.productRead.requests + k.productBatch.requests + k.variationBatch.requests;
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
    if (/\/products$/.test(path) && new URLSearchParams(query).has('sku')) return { kind: 'skuLookup', objects: 0 };
    if (/\/wc\/v3\/products(\/|$)/.test(path)) return { kind: 'productRead', objects: 0 };
    return { kind: /\/wc\/v3\/(orders|customers)(\/|$)/.test(path) ? 'orderRead' : 'otherRead', objects: 0 };
  }
  const variation = /\/products\/\d+\/variations\/batch$/.test(path);
  if (variation || /\/products\/batch$/.test(path)) return { kind: variation ? 'variationBatch' : 'productBatch', objects: batchObjects(body) };
  return { kind: 'otherWrite', objects: 1 };
}

/** Creates and updates a batch request carries (0 and 0 for anything else). */
export function batchParts(body: Buffer): { creates: number; updates: number } {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    const n = (k: string) => (Array.isArray(parsed[k]) ? (parsed[k] as unknown[]).length : 0);
    return { creates: n('create'), updates: n('update') + n('delete') };
  } catch {
    return { creates: 0, updates: 0 };
  }
}

function batchObjects(body: Buffer): number {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    return ['create', 'update', 'delete'].reduce((n, k) => n + (Array.isArray(parsed[k]) ? (parsed[k] as unknown[]).length : 0), 0);
  } catch {
    return 0;
  }
}

/** "productBatch 2 (200 objects), skuLookup 1" — the kinds that saw requests. */
export function describeKinds(s: StoreStats): string {
  const parts = Object.entries(s.byKind).filter(([, k]) => k.requests > 0)
    .map(([name, k]) => `${name} ${k.requests}${k.objects > 0 ? ` (${k.objects} objects)` : ''}`);
  return parts.length === 0 ? 'none' : parts.join(', ');
}
