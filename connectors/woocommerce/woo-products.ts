/**
 * Products and variations over the REST API, at adapter level: look up by SKU, list, batch
 * write, and route variation writes to their parent's endpoint (WooCommerce refuses them on
 * /products). No business rules: which fields change and when is the sync's decision.
 */
import type { WooClient } from './woo-client';
import { type BatchEntry, type ItemResult, runBatch } from './woo-batch';
import { type StoreItemRef, StoreError } from './woo-errors';
import { mapLimit } from './map-limit';
import {
  PRODUCT_REF_FIELDS,
  type ProductBatchInput,
  type ProductCreate,
  type ProductFields,
  type ProductWrite,
  type VariationCreate,
  type WooProductRef,
  toProductRef,
} from './woo-product-types';

/** What a SKU lookup found. Keys are the SKUs as asked. */
export interface SkuLookup {
  /** SKU → the products/variations carrying it (more than one = a duplicate in the store). */
  found: Map<string, WooProductRef[]>;
  /** SKUs the store does not have (trashed products are not found either). */
  missing: string[];
  /** SKUs that cannot be searched (empty or only spaces). */
  unsearchable: string[];
  requests: number;
}

/** Per-item results of a batch, in the input order of each list. */
export interface ProductBatchResult {
  create: ItemResult<WooProductRef>[];
  update: ItemResult<WooProductRef>[];
  delete: ItemResult<WooProductRef>[];
  requests: number;
}

export interface WooProductsOptions {
  /** Parallel requests for SKU lookups and per-parent variation batches (default 2). */
  concurrency?: number;
  /** Longest URL-encoded `sku` parameter per lookup request (default 1800 characters). */
  maxSkuParamLength?: number;
}

const MAX_PER_PAGE = 100;

/** The product side of the store adapter. */
export class WooProducts {
  readonly #client: WooClient;
  readonly #concurrency: number;
  readonly #maxSkuParam: number;

  constructor(client: WooClient, options: WooProductsOptions = {}) {
    this.#client = client;
    this.#concurrency = Math.max(1, options.concurrency ?? 2);
    this.#maxSkuParam = Math.max(100, options.maxSkuParamLength ?? 1800);
  }

  /**
   * Finds products and variations by exact SKU (`?sku=A,B,C`, which also returns variations),
   * in requests of at most 100 SKUs and a bounded URL length, following pages when a request
   * matches more than one page. Matching ignores case, accents and outer spaces, as the store's
   * database collation does. A SKU holding a comma gets a request of its own: the store splits
   * the list on commas but, for a list, also matches the whole string.
   */
  async findBySkus(skus: Iterable<string>, signal?: AbortSignal): Promise<SkuLookup> {
    const wanted = new Map<string, string[]>(); // normalised → SKUs as asked
    const unsearchable: string[] = [];
    for (const sku of new Set(skus)) {
      if (sku.trim() === '') {
        unsearchable.push(sku);
        continue;
      }
      const key = normaliseSku(sku);
      wanted.set(key, [...(wanted.get(key) ?? []), sku]);
    }
    const firsts = [...wanted.values()].map((asked) => asked[0]!);
    const chunks = [
      ...chunkSkus(firsts.filter((sku) => !sku.includes(',')), this.#maxSkuParam),
      ...firsts.filter((sku) => sku.includes(',')).map((sku) => [sku]),
    ];
    let requests = 0;
    const pages = await mapLimit(chunks, this.#concurrency, async (chunk) => {
      const refs: WooProductRef[] = [];
      for await (const page of this.#client.pages<unknown>('products', {
        params: { sku: chunk, orderby: 'id', order: 'asc' },
        fields: PRODUCT_REF_FIELDS,
        perPage: MAX_PER_PAGE,
        signal,
      })) {
        requests++;
        for (const raw of page.items) refs.push(parseRef(raw, 'GET', 'products'));
      }
      return refs;
    });
    const found = new Map<string, WooProductRef[]>();
    const seen = new Set<number>();
    for (const ref of pages.flat()) {
      if (seen.has(ref.id)) continue;
      seen.add(ref.id);
      for (const asked of wanted.get(normaliseSku(ref.sku)) ?? []) found.set(asked, [...(found.get(asked) ?? []), ref]);
    }
    const missing = [...wanted.values()].flat().filter((sku) => !found.has(sku));
    return { found, missing, unsearchable, requests };
  }

  /** Every product (not variations; not trash), as refs, paged by id so new products do not shift pages. */
  async listAllProductRefs(signal?: AbortSignal): Promise<WooProductRef[]> {
    const raw = await this.listAllProducts(PRODUCT_REF_FIELDS, signal);
    return raw.map((r) => parseRef(r, 'GET', 'products'));
  }

  /** Every product with the given `_fields` (all fields when empty), paged 100 at a time by id. */
  async listAllProducts(fields: readonly string[] = [], signal?: AbortSignal): Promise<Record<string, unknown>[]> {
    return this.#client.listAll<Record<string, unknown>>('products', {
      params: { orderby: 'id', order: 'asc' },
      fields,
      perPage: MAX_PER_PAGE,
      concurrency: this.#concurrency,
      signal,
    });
  }

  /** The variations of one variable product (a missing parent gives an empty list, as the store does). */
  async listVariations(parentId: number, signal?: AbortSignal): Promise<WooProductRef[]> {
    const raw = await this.#client.listAll<unknown>(`products/${positiveId(parentId)}/variations`, {
      params: { orderby: 'id', order: 'asc' },
      fields: PRODUCT_REF_FIELDS,
      perPage: MAX_PER_PAGE,
      item: { productId: parentId },
      signal,
    });
    return raw.map((r) => {
      const ref = parseRef(r, 'GET', `products/${parentId}/variations`);
      return ref.parentId === 0 ? { ...ref, parentId } : ref;
    });
  }

  /**
   * The current `stock_quantity` of products by id, or of one parent's variations (`parentId`),
   * in requests of at most 100 ids that carry nothing else (`include` + `_fields=id,stock_quantity`).
   * null: the store does not manage stock for it; ids the store does not list are left out.
   */
  async readStock(ids: readonly number[], parentId = 0, signal?: AbortSignal): Promise<{ stock: Map<number, number | null>; requests: number }> {
    const endpoint = parentId > 0 ? `products/${positiveId(parentId)}/variations` : 'products';
    const stock = new Map<number, number | null>();
    const unique = [...new Set(ids.map(positiveId))];
    let requests = 0;
    for (let i = 0; i < unique.length; i += MAX_PER_PAGE) {
      const chunk = unique.slice(i, i + MAX_PER_PAGE);
      const page = await this.#client.listPage<{ id?: unknown; stock_quantity?: unknown }>(endpoint, 1, {
        params: { include: chunk, orderby: 'id', order: 'asc' },
        fields: ['id', 'stock_quantity'],
        perPage: MAX_PER_PAGE,
        ...(parentId > 0 ? { item: { productId: parentId } } : {}),
        signal,
      });
      requests++;
      for (const raw of page.items) {
        if (typeof raw.id !== 'number') continue;
        stock.set(raw.id, typeof raw.stock_quantity === 'number' && Number.isFinite(raw.stock_quantity) ? raw.stock_quantity : null);
      }
    }
    return { stock, requests };
  }

  /** One product or variation by id (GET /products/{id} also serves variations). */
  async getProduct(id: number, signal?: AbortSignal): Promise<WooProductRef> {
    const raw = await this.#client.get(`products/${positiveId(id)}`, { fields: PRODUCT_REF_FIELDS, item: { productId: id }, signal });
    return parseRef(raw, 'GET', `products/${id}`);
  }

  /**
   * /products/batch with any number of items, split into requests of at most 100 objects in
   * total. Results per item in input order; `skus` names updated/deleted ids in error messages.
   */
  async batchProducts(input: ProductBatchInput, options: { skus?: ReadonlyMap<number, string>; signal?: AbortSignal } = {}): Promise<ProductBatchResult> {
    return this.#batch('products/batch', 0, input, options);
  }

  /** /products/{parent}/variations/batch, split and reported the same way. */
  async batchVariations(
    parentId: number,
    input: ProductBatchInput<VariationCreate>,
    options: { skus?: ReadonlyMap<number, string>; signal?: AbortSignal } = {},
  ): Promise<ProductBatchResult> {
    return this.#batch(`products/${positiveId(parentId)}/variations/batch`, parentId, input, options);
  }

  /**
   * Price/stock updates for a mixed list of products and variations: products go through
   * /products/batch, each variation through its parent's /variations/batch (the only place
   * WooCommerce accepts them). One result per write, in input order.
   */
  async writeProducts(writes: readonly ProductWrite[], signal?: AbortSignal): Promise<{ results: ItemResult<WooProductRef>[]; requests: number }> {
    const groups = new Map<number, number[]>(); // parentId (0 = products) → indexes
    writes.forEach((w, i) => groups.set(w.parentId, [...(groups.get(w.parentId) ?? []), i]));
    const results: ItemResult<WooProductRef>[] = new Array(writes.length);
    let requests = 0;
    const skusOf = (indexes: number[]) => new Map(indexes.flatMap((i) => (writes[i]!.sku !== undefined ? [[writes[i]!.id, writes[i]!.sku!] as const] : [])));
    const run = async ([parentId, indexes]: [number, number[]]) => {
      const update = indexes.map((i) => ({ ...writes[i]!.fields, id: writes[i]!.id }));
      const r =
        parentId === 0
          ? await this.batchProducts({ update }, { skus: skusOf(indexes), signal })
          : await this.batchVariations(parentId, { update }, { skus: skusOf(indexes), signal });
      requests += r.requests;
      indexes.forEach((inputIndex, k) => (results[inputIndex] = r.update[k]!));
    };
    await mapLimit([...groups.entries()], this.#concurrency, run);
    return { results, requests };
  }

  async #batch(
    endpoint: string,
    parentId: number,
    input: ProductBatchInput<ProductCreate | VariationCreate>,
    options: { skus?: ReadonlyMap<number, string>; signal?: AbortSignal },
  ): Promise<ProductBatchResult> {
    const parent = parentId > 0 ? { parentId } : {};
    const entries: BatchEntry[] = [];
    for (const c of input.create ?? []) {
      const item: StoreItemRef = { sku: c.sku, ...parent };
      entries.push({ op: 'create', payload: c, item, invalid: checkFields(c, item) });
    }
    for (const u of input.update ?? []) {
      const sku = options.skus?.get(u.id) ?? (typeof u.sku === 'string' ? u.sku : undefined);
      const item: StoreItemRef = { ...(sku !== undefined ? { sku } : {}), productId: u.id, ...parent };
      entries.push({ op: 'update', payload: u, item, invalid: checkId(u.id, item) ?? checkFields(u, item) });
    }
    for (const id of input.delete ?? []) {
      const sku = options.skus?.get(id);
      const item: StoreItemRef = { ...(sku !== undefined ? { sku } : {}), productId: id, ...parent };
      entries.push({ op: 'delete', payload: id, item, invalid: checkId(id, item) });
    }
    const run = await runBatch(this.#client, endpoint, entries, {
      parse: (raw) => {
        const ref = toProductRef(raw);
        return parentId > 0 && ref.parentId === 0 ? { ...ref, parentId } : ref;
      },
      signal: options.signal,
    });
    const nCreate = input.create?.length ?? 0;
    const nUpdate = input.update?.length ?? 0;
    return {
      create: run.results.slice(0, nCreate),
      update: run.results.slice(nCreate, nCreate + nUpdate),
      delete: run.results.slice(nCreate + nUpdate),
      requests: run.requests,
    };
  }
}

/** Splits SKUs into lookup requests: ≤ 100 SKUs and ≤ `maxParam` URL-encoded characters each. */
export function chunkSkus(skus: readonly string[], maxParam: number): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const sku of skus) {
    const encoded = encodeURIComponent(sku).length;
    if (current.length > 0 && (current.length >= MAX_PER_PAGE || length + 3 + encoded > maxParam)) {
      chunks.push(current);
      current = [];
      length = 0;
    }
    length += (current.length > 0 ? 3 : 0) + encoded; // "%2C" between SKUs
    current.push(sku);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * How the store's database (utf8mb4_unicode_ci) sees a SKU: case and accents ignored; the
 * request sanitiser trims the query. An approximation, used only to pair answers with questions.
 */
export function normaliseSku(sku: string): string {
  return sku.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

function parseRef(raw: unknown, method: string, path: string): WooProductRef {
  try {
    return toProductRef(raw);
  } catch {
    throw new StoreError({
      summary: `the store returned a product without the expected fields (${method} ${path}).`,
      hint: 'A plugin may be changing REST API answers; try again, and check recently installed plugins if it repeats.',
      retryable: false,
      code: 'tillbridge_invalid_response',
      request: { method, path },
    });
  }
}

function positiveId(id: number): number {
  if (!Number.isSafeInteger(id) || id <= 0) throw invalidValue(`${String(id)} is not a valid product id.`, { productId: id });
  return id;
}

function checkId(id: unknown, item: StoreItemRef): StoreError | undefined {
  return Number.isSafeInteger(id) && (id as number) > 0 ? undefined : invalidValue(`${String(id)} is not a valid product id.`, item);
}

const PRICE = /^\d{1,15}(\.\d{1,6})?$/;

/**
 * Refuses values the store would silently mangle: junk prices become an empty price (the
 * product can no longer be bought) with a 200, and floats in stock_quantity are refused.
 */
export function checkFields(fields: ProductFields, item: StoreItemRef): StoreError | undefined {
  for (const key of ['regular_price', 'sale_price'] as const) {
    const v = fields[key];
    if (v === undefined || v === '' || (v === null && key === 'sale_price')) continue;
    if (typeof v !== 'string' || !PRICE.test(v)) {
      return invalidValue(`${key} ${JSON.stringify(v)} is not a price (expected a decimal string like "12.50").`, item);
    }
  }
  const q = fields.stock_quantity;
  if (q !== undefined && q !== null && !Number.isSafeInteger(q)) {
    return invalidValue(`stock_quantity ${JSON.stringify(q)} is not a whole number.`, item);
  }
  const d = fields.inventory_delta;
  if (d !== undefined && !Number.isSafeInteger(d)) {
    return invalidValue(`inventory_delta ${JSON.stringify(d)} is not a whole number.`, item);
  }
  if (fields.manage_stock !== undefined && typeof fields.manage_stock !== 'boolean') {
    return invalidValue(`manage_stock ${JSON.stringify(fields.manage_stock)} is not true or false.`, item);
  }
  return undefined;
}

function invalidValue(summary: string, item: StoreItemRef): StoreError {
  return new StoreError({
    summary: `not sent: ${summary}`,
    hint: 'Correct the value in the POS; nothing was written to the store for this item.',
    retryable: false,
    code: 'tillbridge_invalid_value',
    item,
  });
}
