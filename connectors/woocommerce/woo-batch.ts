/**
 * WooCommerce's batch endpoints (`…/batch`) take at most 100 objects per request (create + update
 * + delete together; more is a 413 and nothing is applied) and report failures per item inside a
 * 200. This file splits any number of writes into legal requests and hands back one result per
 * input item, in input order, each a success or a StoreError naming that item.
 */
import type { WooClient } from './woo-client';
import { errorFromBatchItem, invalidResponse } from './woo-error-classify';
import { type StoreItemRef, StoreError, withItem } from './woo-errors';

/** WooCommerce's limit on objects per batch request. */
export const MAX_BATCH_ITEMS = 100;

/** Batch requests get this many times the ordinary deadline. */
export const BATCH_TIMEOUT_FACTOR = 4;

export type BatchOp = 'create' | 'update' | 'delete';

/** One write to send: its payload (an object, or an id for deletes) and what it concerns. */
export interface BatchEntry {
  op: BatchOp;
  payload: unknown;
  item: StoreItemRef;
  /** Set when the entry is refused before sending (bad value): it is reported, not sent. */
  invalid?: StoreError;
}

/** The answer for one item: the store's object, or why it failed. */
export type ItemResult<T> = { ok: true; value: T } | { ok: false; error: StoreError };

export interface BatchRunOptions<T> {
  /** Turns one returned object into the caller's type (throwing means the answer was unusable). */
  parse: (raw: unknown) => T;
  signal?: AbortSignal;
  /** Objects per request, at most 100 (lower it for stores with small request-size limits). */
  chunkSize?: number;
  /** Deadline per batch request; default 4 × the client's timeout (100 creates take ~7 s on a fast store). */
  timeoutMs?: number;
}

export interface BatchRun<T> {
  /** One result per entry, in the order given. */
  results: ItemResult<T>[];
  /** HTTP requests made. */
  requests: number;
}

/**
 * Sends `entries` to `endpoint` (e.g. `products/batch`) in requests of at most 100 objects, in
 * order. A request with creates is not repeated after an ambiguous failure (its creates may
 * exist); updates and deletes are absolute and are retried. When a whole request fails for a
 * reason that will hit every later request too (keys, unreachable store, store down after the
 * retries), the remaining entries get that error without further calls.
 */
export async function runBatch<T>(client: WooClient, endpoint: string, entries: readonly BatchEntry[], options: BatchRunOptions<T>): Promise<BatchRun<T>> {
  const size = Math.min(MAX_BATCH_ITEMS, Math.max(1, Math.floor(options.chunkSize ?? MAX_BATCH_ITEMS)));
  const results: ItemResult<T>[] = new Array(entries.length);
  const sendable: number[] = [];
  entries.forEach((e, i) => {
    if (e.invalid) results[i] = { ok: false, error: e.invalid };
    else sendable.push(i);
  });
  let requests = 0;
  let fatal: StoreError | undefined;
  for (let start = 0; start < sendable.length; start += size) {
    const chunk = sendable.slice(start, start + size);
    if (fatal) {
      for (const i of chunk) results[i] = { ok: false, error: withItem(fatal, entries[i]!.item) };
      continue;
    }
    const body: Record<BatchOp, unknown[]> = { create: [], update: [], delete: [] };
    const positions: Record<BatchOp, number[]> = { create: [], update: [], delete: [] };
    for (const i of chunk) {
      const e = entries[i]!;
      body[e.op].push(e.payload);
      positions[e.op].push(i);
    }
    const hasCreates = positions.create.length > 0;
    requests++;
    let answer: unknown;
    try {
      answer = await client.post(endpoint, compact(body), {
        retry: hasCreates ? 'idempotent-only' : 'retry',
        signal: options.signal,
        timeoutMs: options.timeoutMs ?? client.timeoutMs * BATCH_TIMEOUT_FACTOR,
      });
    } catch (err) {
      const error = err instanceof StoreError ? err : unexpected(err);
      for (const i of chunk) results[i] = { ok: false, error: withItem(error, entries[i]!.item) };
      if (stopsEverything(error)) fatal = error;
      continue;
    }
    for (const op of ['create', 'update', 'delete'] as const) {
      const returned = (answer as Record<string, unknown> | null)?.[op];
      positions[op].forEach((entryIndex, k) => {
        results[entryIndex] = readItem(returned, k, entries[entryIndex]!, endpoint, options.parse, hasCreates);
      });
    }
  }
  return { results, requests };
}

function readItem<T>(returned: unknown, k: number, entry: BatchEntry, endpoint: string, parse: (raw: unknown) => T, hasCreates: boolean): ItemResult<T> {
  const ctx = { method: 'POST', path: endpoint, idempotent: !hasCreates, item: entry.item };
  const raw = Array.isArray(returned) ? returned[k] : undefined;
  if (typeof raw !== 'object' || raw === null) {
    return { ok: false, error: invalidResponse(200, returned, { ...ctx, idempotent: entry.op !== 'create' }, `a ${entry.op} result for every item`) };
  }
  const error = (raw as { error?: unknown }).error;
  if (error !== undefined) return { ok: false, error: errorFromBatchItem(error, ctx) };
  try {
    return { ok: true, value: parse(raw) };
  } catch {
    return { ok: false, error: invalidResponse(200, raw, { ...ctx, idempotent: entry.op !== 'create' }, 'a product object') };
  }
}

/** Failures that will repeat for every later request of this run. */
function stopsEverything(error: StoreError): boolean {
  if (error.retryable) return true;
  if (error.status === undefined) return true;
  return error.status === 401 || error.status === 403 || error.code === 'rest_no_route' || (error.status >= 300 && error.status < 400);
}

function compact(body: Record<BatchOp, unknown[]>): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const op of ['create', 'update', 'delete'] as const) if (body[op].length > 0) out[op] = body[op];
  return out;
}

function unexpected(err: unknown): StoreError {
  return new StoreError({
    summary: `the batch failed unexpectedly (${err instanceof Error ? err.message : String(err)}).`,
    hint: 'Try again; report it if it repeats.',
    retryable: false,
    code: 'tillbridge_unexpected',
    writeMayHaveHappened: true,
  });
}
