/**
 * GET /orders: the filters, ordering and paging of WooCommerce's order list on HPOS tables,
 * including its quirks — date filters compare whole seconds and are strict, the default status
 * set is everything but trash (checkout drafts included), and a page past the end answers `[]`
 * with X-WP-Total and X-WP-TotalPages of 0.
 */
import { parseWcDate } from './clock';
import { orderStore, WRITABLE_STATUSES, type OrderRecord } from './order-model';
import { phpEncode, type EmuRequest, type EmuResponse } from './router';
import type { EmuState } from './state';
import { checkArgs, POST_COLLECTION_ARGS, type ArgSchemas } from './wp-args';

const LIST_ARGS: ArgSchemas = {
  ...POST_COLLECTION_ARGS,
  orderby: { type: 'string', enum: ['date', 'id', 'include', 'title', 'slug', 'modified'] },
  parent: { type: 'array', items: { type: 'integer' } },
  parent_exclude: { type: 'array', items: { type: 'integer' } },
  status: { type: 'array', items: { type: 'string', enum: ['any', 'trash', ...WRITABLE_STATUSES] } },
  customer: { type: 'integer' },
  product: { type: 'integer' },
  dp: { type: 'integer' },
  created_via: { type: 'array', items: { type: 'string' } },
};

/** The query string as PHP reads it: `a[]=x&a[]=y` (or `a[0]=x`) becomes a list, else the last value wins. */
export function queryRecord(query: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawKey, value] of query) {
    const m = /^([^[\]]+)\[[^\]]*\]$/.exec(rawKey);
    if (m) {
      const key = m[1]!;
      const list = Array.isArray(out[key]) ? (out[key] as unknown[]) : [];
      list.push(value);
      out[key] = list;
    } else out[rawKey] = value;
  }
  return out;
}

/** A validated order list request. */
export interface OrderListQuery {
  page: number;
  perPage: number;
  offset: number | null;
  dp: number;
  context: string;
  /** The statuses asked for (default `any`), as WooCommerce repeats them in paging links. */
  statuses: string[];
  select: (o: OrderRecord) => boolean;
  compare: (a: OrderRecord, b: OrderRecord) => number;
}

/** Reads and checks the list parameters; a 400 answer when one is invalid. */
export function parseOrderListQuery(query: URLSearchParams): { ok: true; query: OrderListQuery } | { ok: false; response: EmuResponse } {
  const checked = checkArgs(LIST_ARGS, queryRecord(query));
  if (!checked.ok) return checked;
  const v = checked.values;
  const statuses = Array.isArray(v.status) && v.status.length > 0 ? (v.status as string[]) : ['any'];
  const anyStatus = statuses.includes('any');
  const include = (v.include as number[] | undefined) ?? [];
  const exclude = (v.exclude as number[] | undefined) ?? [];
  const parents = (v.parent as number[] | undefined) ?? [];
  const parentExclude = (v.parent_exclude as number[] | undefined) ?? [];
  const createdVia = (v.created_via as string[] | undefined) ?? [];
  const after = dateArg(v.after);
  const before = dateArg(v.before);
  const modifiedAfter = dateArg(v.modified_after);
  const modifiedBefore = dateArg(v.modified_before);
  const search = typeof v.search === 'string' ? v.search.trim().toLowerCase() : '';
  const customer = typeof v.customer === 'number' ? v.customer : null;
  const product = typeof v.product === 'number' && v.product > 0 ? v.product : null;

  const select = (o: OrderRecord): boolean => {
    if (anyStatus ? o.status === 'trash' || o.status === 'auto-draft' : !statuses.includes(o.status)) return false;
    if (include.length > 0 && !include.includes(o.id)) return false;
    if (exclude.includes(o.id)) return false;
    if (parents.length > 0 && !parents.includes(o.parentId)) return false;
    if (parentExclude.includes(o.parentId)) return false;
    if (createdVia.length > 0 && !createdVia.includes(o.createdVia)) return false;
    if (after !== null && !(o.dateCreated > after)) return false;
    if (before !== null && !(o.dateCreated < before)) return false;
    if (modifiedAfter !== null && !(o.dateModified > modifiedAfter)) return false;
    if (modifiedBefore !== null && !(o.dateModified < modifiedBefore)) return false;
    if (customer !== null && o.customerId !== customer) return false;
    if (product !== null && !o.lineItems.some((i) => i.productId === product || i.variationId === product)) return false;
    if (search !== '' && !matchesSearch(o, search)) return false;
    return true;
  };

  const direction = v.order === 'asc' ? 1 : -1;
  const orderby = typeof v.orderby === 'string' ? v.orderby : 'date';
  const key = (o: OrderRecord): number => {
    if (orderby === 'id') return o.id;
    if (orderby === 'modified') return o.dateModified;
    if (orderby === 'include') return include.indexOf(o.id);
    return o.dateCreated;
  };
  const compare = (a: OrderRecord, b: OrderRecord) => {
    if (orderby === 'include') return key(a) - key(b);
    return direction * (key(a) - key(b) || a.id - b.id);
  };

  return {
    ok: true,
    query: {
      page: typeof v.page === 'number' ? v.page : 1,
      perPage: typeof v.per_page === 'number' ? v.per_page : 10,
      offset: typeof v.offset === 'number' ? v.offset : null,
      dp: typeof v.dp === 'number' ? Math.abs(v.dp) : 2,
      context: typeof v.context === 'string' ? v.context : 'view',
      statuses,
      select,
      compare,
    },
  };
}

function dateArg(value: unknown): number | null {
  return typeof value === 'string' ? parseWcDate(value) : null;
}

/** HPOS search: the order id, any billing/shipping field (e-mails included), or a line's name. */
function matchesSearch(o: OrderRecord, term: string): boolean {
  if (String(o.id) === term) return true;
  const fields = [...Object.values(o.billing), ...Object.values(o.shipping), ...o.lineItems.map((i) => i.name)];
  return fields.some((f) => f.toLowerCase().includes(term));
}

/** One page of the list with WooCommerce's paging headers (and its zero totals past the end). */
export function runOrderList(state: EmuState, req: EmuRequest, q: OrderListQuery): { orders: OrderRecord[]; headers: Record<string, string> } {
  const all = [...orderStore(state).orders.values()].filter(q.select).sort(q.compare);
  const start = q.offset ?? (q.page - 1) * q.perPage;
  const orders = all.slice(start, start + q.perPage);
  const total = orders.length === 0 ? 0 : all.length;
  const totalPages = total === 0 ? 0 : Math.ceil(total / q.perPage);
  const headers: Record<string, string> = { 'X-WP-Total': String(total), 'X-WP-TotalPages': String(totalPages) };
  const links: string[] = [];
  // WordPress links back from any page after the first — to page 0 when the list came back empty.
  if (q.page > 1) links.push(`<${pageUrl(req, q, Math.min(q.page - 1, totalPages), orders.length > 0)}>; rel="prev"`);
  if (totalPages > q.page) links.push(`<${pageUrl(req, q, q.page + 1, orders.length > 0)}>; rel="next"`);
  if (links.length > 0) headers.Link = links.join(', ');
  return { orders, headers };
}

/**
 * A paging link as WooCommerce builds it for orders: the request's query with `status` moved to
 * the end as a list (`status[0]=any`), then `dp` and `context`, which it adds while preparing the
 * items (so not on an empty page), and `page` replaced in place or appended.
 */
function pageUrl(req: EmuRequest, q: OrderListQuery, page: number, preparedItems: boolean): string {
  const params: [string, string][] = [];
  for (const [key, value] of req.query) {
    if (key === 'status' || /^status\[/.test(key)) continue;
    params.push([key, value]);
  }
  q.statuses.forEach((s, i) => params.push([`status[${i}]`, s]));
  if (preparedItems) {
    setParam(params, 'dp', String(q.dp));
    setParam(params, 'context', q.context);
  }
  setParam(params, 'page', String(page));
  return `${req.base}/wp-json${req.path}?${params.map(([k, v]) => `${phpEncode(k)}=${phpEncode(v)}`).join('&')}`;
}

function setParam(params: [string, string][], key: string, value: string): void {
  const existing = params.find(([k]) => k === key);
  if (existing) existing[1] = value;
  else params.push([key, value]);
}
