/// <reference lib="dom" />
/**
 * Benchmark 6: the dashboard over a large catalogue. A demo POS of 50,000 web items (SQLite), an
 * engine on it wired as the CLI wires it (not started: no push runs), its link table filled as
 * after a first push, and the engine API with the built dashboard on 127.0.0.1. Measured:
 *
 * - catalogue load: the first `products` call, which reads the POS into the catalogue view and
 *   sorts it (split in process: POS read, then the view's first search that builds its index);
 * - product search over HTTP as the page calls it (`POST /api/products`, Bearer token,
 *   `{search, offset, limit: 50}`) over a fixed set of queries after a warm-up, next to the same
 *   queries on the engine API in process and on CatalogueView.search alone;
 * - the dashboard's first load in Debian's Chromium, a fresh browser context per load: first
 *   contentful paint (Performance API), the Overview's h1 and its status card appearing, and the
 *   bytes of the page's files.
 *
 * Only wrong answers fail the run (a known SKU not found, a miss that finds something, a page
 * shorter than its limit, a page without its h1); the goals (paint < 1 s, search < 100 ms) are
 * reported, never enforced.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type Browser } from 'playwright-core';
import { createEngineApi, subscribeEngineEvents } from '../../electron/engine/api/engine-api';
import { ApiEventBus } from '../../electron/engine/api/event-bus';
import { productsQuery, type QueryContext } from '../../electron/engine/api/queries';
import { skuKey } from '../../electron/engine/items/sku';
import { CatalogueView } from '../../electron/engine/products/catalogue-view';
import { startApiServer, type RunningApiServer } from '../../electron/server/api-server';
import { check, median, newResult, round, timed, type Bench, type BenchContext, type BenchResult } from './bench-kit';
import { openBenchWorld, type BenchWorld } from './bench-world';
import { rowsForWebItems } from './demo-pos-facts';

const SEED = 23;
const LIMIT = 50;
/** The repository (dist-bench/test/bench → three levels up). */
const ROOT = resolve(__dirname, '..', '..', '..');
/** Chromium as the end-to-end tests start it. */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** A guard against a hung page, not a speed expectation. */
const PAGE_TIMEOUT_MS = 60_000;

/** One search of the fixed set: what the page would send, and what kind of query it is. */
interface Query {
  kind: 'sku' | 'sku-prefix' | 'name' | 'miss' | 'all';
  search: string;
  offset: number;
}

interface ProductsPage {
  total: number;
  offset: number;
  items: { sku: string; name: string; link: string | null }[];
}

export const dashboardBench: Bench = {
  name: 'dashboard',
  async run(ctx) {
    const webItems = ctx.sizes.dashboard;
    const rows = rowsForWebItems(webItems, SEED);
    ctx.log(`dashboard: building a demo POS of ${rows} rows (about ${webItems} web items) ...`);
    const world = await openBenchWorld(join(ctx.tmp, 'dashboard'), { items: rows, seed: SEED });
    let server: RunningApiServer | null = null;
    let stopEvents: () => void = () => undefined;
    try {
      const linked = seedLinks(world);
      ctx.log(`dashboard: POS ready in ${round(world.posSetupMs / 1000, 1)} s (${world.pos.items} rows, ${world.pos.webItems} web), ${linked} links recorded; building the dashboard ...`);
      const dashboardDir = buildDashboard();
      const qctx: QueryContext = { engine: world.tb.engine, pos: world.tb.pos, catalog: world.tb.catalog, config: world.tb.config, ordersOffReason: world.tb.ordersOffReason };
      const api = createEngineApi(qctx);
      const bus = new ApiEventBus();
      stopEvents = subscribeEngineEvents(qctx, (event, payload) => bus.publish(event, payload));
      server = await startApiServer({ api, events: bus, dashboardDir });
      const results = [await searchBench(ctx, world, server, api, qctx)];
      results.push(await pageBench(ctx, server, dashboardDir, linked));
      return results;
    } finally {
      stopEvents();
      await server?.close();
      await world.close();
    }
  },
};

/** Records a link for every web item, as a first push leaves them (the store is not contacted). */
function seedLinks(world: BenchWorld): number {
  const db = new Database(world.posFile, { readonly: true });
  let items: { sku: string; posId: number; parent: number | null }[];
  try {
    items = db.prepare('SELECT SKU AS sku, ID AS posId, PARENT_ID AS parent FROM ITEMS WHERE WEB = 1 ORDER BY ID').all() as typeof items;
  } finally {
    db.close();
  }
  const links = world.tb.engine.links;
  const storeIdOf = new Map<number, number>();
  links.transaction(() => {
    items.forEach((it, i) => {
      const storeId = 1000 + i;
      storeIdOf.set(it.posId, storeId);
      const key = skuKey(it.sku);
      links.saveLink(key, {
        displaySku: it.sku.trim(), posId: String(it.posId), storeId, parentId: it.parent === null ? null : storeIdOf.get(it.parent) ?? null,
        kind: it.parent === null ? 'product' : 'variation', state: 'linked', createdByUs: true, note: null,
      });
      links.setStoreStatus(key, 'publish');
    });
  });
  return items.length;
}

/** `node renderer/build.mjs` (the production build into dist/renderer), with the Node running the bench. */
function buildDashboard(): string {
  execFileSync(process.execPath, [join(ROOT, 'renderer', 'build.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const dir = join(ROOT, 'dist', 'renderer');
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`the dashboard build left no ${dir}/index.html`);
  return dir;
}

/** The fixed query set, taken from the catalogue itself so it fits any seed and size. */
function querySet(view: CatalogueView): { queries: Query[]; knownSku: string } {
  const all = view.search('', 0, view.size).items;
  const simple = all.filter((i) => !i.isParent && !/-[A-Z]{3}-/.test(i.sku));
  const known = (simple[Math.floor(simple.length / 2)] ?? all[Math.floor(all.length / 2)]!).sku.trim();
  // Words of the names, by how many items carry them: a common one, and one that is rarer.
  const counts = new Map<string, number>();
  for (const i of all) for (const w of new Set(i.name.toLowerCase().split(/\s+/))) if (/^[a-z]{4,}$/.test(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const byCount = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const common = byCount[0]?.[0] ?? 'blue';
  const rare = byCount[Math.floor(byCount.length * 0.75)]?.[0] ?? common;
  const middle = all[Math.floor(all.length / 3)]!;
  const twoWords = middle.name.toLowerCase().split(/\s+/).slice(0, 2).join(' ');
  const deep = Math.max(0, Math.floor((all.length * 0.9) / LIMIT) * LIMIT);
  return {
    knownSku: known,
    queries: [
      { kind: 'all', search: '', offset: 0 },
      { kind: 'all', search: '', offset: deep },
      { kind: 'sku', search: known, offset: 0 },
      { kind: 'sku-prefix', search: known.slice(0, 3), offset: 0 },
      { kind: 'sku-prefix', search: known.slice(0, 6), offset: 0 },
      { kind: 'name', search: common, offset: 0 },
      { kind: 'name', search: rare, offset: 0 },
      { kind: 'name', search: twoWords, offset: 0 },
      { kind: 'miss', search: 'zq-no-such-item', offset: 0 },
    ],
  };
}

async function searchBench(ctx: BenchContext, world: BenchWorld, server: RunningApiServer, api: ReturnType<typeof createEngineApi>, qctx: QueryContext): Promise<BenchResult> {
  const r = newResult('6 dashboard search', `POST /api/products, limit ${LIMIT}, over ${world.pos.webItems} web items (demo POS on SQLite, ${world.pos.items} rows)`);
  const post = async (q: Pick<Query, 'search' | 'offset'>): Promise<ProductsPage> => {
    // As the page sends it: an empty search is left out.
    const res = await fetch(`${server.url}/api/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: JSON.stringify({ search: q.search || undefined, offset: q.offset, limit: LIMIT }),
    });
    const body = (await res.json()) as { ok?: boolean; answer?: ProductsPage; message?: string };
    if (!res.ok || !body.ok || !body.answer) throw new Error(`products answered ${res.status}: ${body.message ?? ''}`);
    return body.answer;
  };
  // The connection and the server's code paths warm up on a call that does not touch the catalogue.
  await fetch(`${server.url}/api/status`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` }, body: '{}' }).then((x) => x.text());

  ctx.log('dashboard: first products call (reads the POS into the catalogue view) ...');
  const first = await timed(() => post({ search: '', offset: 0 }));
  const view = world.tb.engine.catalogue;

  // The same load in process, split: the POS read, then the first search that sorts the view.
  const read = await timed(() => world.tb.pos.readItems());
  const fresh = new CatalogueView();
  const applyMs = timeSync(() => fresh.apply(read.value.items, read.value.complete, read.value.removedPosIds, new Date()));
  const indexMs = timeSync(() => fresh.search('', 0, LIMIT));

  const { queries, knownSku } = querySet(view);
  const rounds = ctx.quick ? 5 : 10;
  ctx.log(`dashboard: ${queries.length} queries × ${rounds} rounds over HTTP, in process and on the view ...`);
  for (let i = 0; i < 2; i++) for (const q of queries) await post(q); // warm-up
  const http: number[] = [];
  const byKind = new Map<Query['kind'], number[]>();
  const answers = new Map<Query, ProductsPage>();
  for (let round_ = 0; round_ < rounds; round_++) {
    for (const q of queries) {
      const t = await timed(() => post(q));
      http.push(t.ms);
      byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), t.ms]);
      answers.set(q, t.value);
    }
  }
  const inProcess: number[] = [];
  for (const q of queries) await api.products({ search: q.search || undefined, offset: q.offset, limit: LIMIT });
  for (let round_ = 0; round_ < rounds; round_++) {
    for (const q of queries) inProcess.push((await timed(() => api.products({ search: q.search || undefined, offset: q.offset, limit: LIMIT }))).ms);
  }
  const query: number[] = [];
  for (let round_ = 0; round_ < rounds; round_++) for (const q of queries) query.push((await timed(() => productsQuery(qctx, q.search, q.offset, LIMIT))).ms);
  // The parts of productsQuery that do not depend on the search, and the status the Overview asks for.
  const allocation: number[] = [];
  const status: number[] = [];
  for (let round_ = 0; round_ < rounds; round_++) {
    allocation.push((await timed(() => world.tb.engine.allocation?.allocatedBySku())).ms);
    status.push((await timed(() => api.status({}))).ms);
  }
  const pure: number[] = [];
  for (let round_ = 0; round_ < rounds; round_++) for (const q of queries) pure.push(timeSync(() => view.search(q.search, q.offset, LIMIT)));

  Object.assign(r.metrics, {
    webItems: world.pos.webItems,
    viewItems: view.size,
    catalogueLoadMs: first.ms,
    posReadMs: read.ms,
    viewApplyMs: applyMs,
    viewIndexMs: indexMs,
    httpMedianMs: median(http),
    httpP95Ms: percentile(http, 0.95),
    httpMaxMs: Math.max(...http),
    apiMedianMs: median(inProcess),
    apiP95Ms: percentile(inProcess, 0.95),
    queryMedianMs: median(query),
    queryP95Ms: percentile(query, 0.95),
    viewMedianMs: median(pure),
    viewP95Ms: percentile(pure, 0.95),
    allocationMs: median(allocation),
    statusMs: median(status),
    samples: http.length,
  });
  r.notes.push(`queries: ${queries.map((q) => `${q.kind} "${q.search}"${q.offset ? ` @${q.offset}` : ''} → ${answers.get(q)?.total ?? '?'}`).join('; ')}`);
  r.notes.push(`HTTP median by kind: ${[...byKind.entries()].map(([k, v]) => `${k} ${median(v)} ms`).join(', ')}; goal: a search answer < 100 ms`);
  r.notes.push(`catalogue load = the first products call: POS read ${read.ms} ms + view ${applyMs} ms + index (sort ${view.size} SKUs) ${indexMs} ms in process`);
  r.notes.push('http = fetch + JSON as the page calls it; api = the engine API in process (productsQuery + request and answer schemas); query = productsQuery alone ' +
    '(the view\'s page, allocatedBySku, a link read per row); view = CatalogueView.search alone; allocation = engine.allocation.allocatedBySku(), which productsQuery ' +
    `runs on every page and which loads all ${world.tb.engine.links.counts().linked} links to resolve order lines; status = the status channel in process (the Overview's first call)`);

  const get = (kind: Query['kind'], offset = 0) => [...answers.entries()].find(([q]) => q.kind === kind && q.offset === offset)?.[1];
  const exact = get('sku');
  check(r, first.value.total === view.size && first.value.items.length === Math.min(LIMIT, view.size), `the first products call gave ${first.value.items.length} of ${first.value.total} items (view holds ${view.size})`);
  check(r, view.size >= world.pos.webItems * 0.95, `the catalogue view holds ${view.size} items, the POS ${world.pos.webItems} web items`);
  check(r, (exact?.total ?? 0) >= 1 && exact!.items.some((i) => i.sku === knownSku), `the known SKU ${knownSku} was not found (total ${exact?.total ?? '?'})`);
  check(r, exact?.items.find((i) => i.sku === knownSku)?.link === 'linked', `the known SKU ${knownSku} is not shown as linked`);
  const miss = get('miss');
  check(r, miss?.total === 0 && miss.items.length === 0, `a search for nothing found ${miss?.total ?? '?'} item(s)`);
  for (const [q, a] of answers) {
    const expected = Math.max(0, Math.min(LIMIT, a.total - q.offset));
    check(r, a.items.length === expected && a.offset === q.offset, `"${q.search}" @${q.offset}: ${a.items.length} items on the page, expected ${expected} of ${a.total}`);
  }
  const deep = queries.find((q) => q.kind === 'all' && q.offset > 0);
  if (deep) check(r, answers.get(deep)?.items.length === LIMIT, `an empty search at offset ${deep.offset} returned ${answers.get(deep)?.items.length ?? '?'} items, not ${LIMIT}`);
  const prefix = answers.get(queries.find((q) => q.kind === 'sku-prefix')!);
  check(r, (prefix?.total ?? 0) > LIMIT && prefix!.items.length === LIMIT, `a SKU prefix gave ${prefix?.items.length ?? '?'} of ${prefix?.total ?? '?'} items`);
  return r;
}

async function pageBench(ctx: BenchContext, server: RunningApiServer, dashboardDir: string, linked: number): Promise<BenchResult> {
  const loads = ctx.quick ? 3 : 5;
  const r = newResult('6 dashboard first load', `Overview in Chromium (${CHROMIUM}, headless), ${loads} loads, a fresh context each; ${linked} linked products`);
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const fcp: number[] = [];
    const h1: number[] = [];
    const statusShown: number[] = [];
    const waited: number[] = [];
    const dcl: number[] = [];
    let bytes: Record<string, number> = {};
    const loadAtStart = loadavg()[0]!;
    ctx.log(`dashboard: ${loads} first loads of the Overview in Chromium ...`);
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
      try {
        const page = await context.newPage();
        page.setDefaultTimeout(PAGE_TIMEOUT_MS);
        // When the Overview's h1 and its status card first exist, on the page's own clock (the
        // clock of the paint entries). Injected by the browser, so the page's CSP still holds.
        await page.addInitScript(() => {
          const w = window as unknown as { tbMarks: Record<string, number> };
          w.tbMarks = {};
          const see = () => {
            if (w.tbMarks.h1 === undefined && document.querySelector('main h1')) w.tbMarks.h1 = performance.now();
            if (w.tbMarks.status === undefined && document.querySelector('main .state-card')) w.tbMarks.status = performance.now();
          };
          new MutationObserver(see).observe(document, { childList: true, subtree: true });
        });
        const responses: { name: string; bytes: Promise<number> }[] = [];
        page.on('response', (res) => {
          const name = new URL(res.url()).pathname.slice(1) || 'index.html';
          // The page's files only: API answers are not page weight, and the event stream never ends.
          if (name.startsWith('api/')) return;
          responses.push({ name, bytes: res.request().sizes().then((s) => s.responseBodySize + s.responseHeadersSize) });
        });
        const t0 = performance.now();
        await page.goto(server.dashboardUrl, { waitUntil: 'commit' });
        const heading = page.locator('main h1').first();
        await heading.waitFor({ state: 'visible' });
        waited.push(round(performance.now() - t0, 1));
        const title = (await heading.textContent())?.trim() ?? '';
        check(r, title === 'Overview', `load ${i + 1}: the page's h1 says "${title}", not "Overview"`);
        await page.locator('main .state-card').first().waitFor({ state: 'visible' });
        await page.waitForLoadState('load');
        const m = await page.evaluate(() => {
          const w = window as unknown as { tbMarks: Record<string, number> };
          const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          return { fcp: paint, h1: w.tbMarks.h1 ?? null, status: w.tbMarks.status ?? null, dcl: nav?.domContentLoadedEventEnd ?? null };
        });
        if (m.fcp !== null) fcp.push(round(m.fcp, 1));
        if (m.h1 !== null) h1.push(round(m.h1, 1));
        if (m.status !== null) statusShown.push(round(m.status, 1));
        if (m.dcl !== null) dcl.push(round(m.dcl, 1));
        check(r, m.h1 !== null, `load ${i + 1}: no h1 was seen in <main>`);
        bytes = {};
        for (const x of responses) bytes[x.name] = await x.bytes;
      } finally {
        await context.close();
      }
    }
    const file = (name: string) => statSync(join(dashboardDir, name)).size;
    Object.assign(r.metrics, {
      loads,
      fcpMedianMs: median(fcp),
      fcpMaxMs: fcp.length ? Math.max(...fcp) : null,
      firstLoadFcpMs: fcp[0] ?? null,
      h1MedianMs: median(h1),
      h1MaxMs: h1.length ? Math.max(...h1) : null,
      statusShownMedianMs: median(statusShown),
      h1WaitMedianMs: median(waited),
      dclMedianMs: median(dcl),
      appJsBytes: bytes['app.js'] ?? null,
      appCssBytes: bytes['app.css'] ?? null,
      pageBytes: Object.values(bytes).reduce((a, b) => a + b, 0),
    });
    r.notes.push(`times from navigation start on the page's clock: FCP = performance paint entry, h1 = the Overview's <h1> in <main>, statusShown = its status card (after the status call); ` +
      `h1Wait = goto → Playwright sees the h1 visible (node's clock); loads: FCP ${fcp.join(', ')} ms; goal: first meaningful paint < 1 s`);
    r.notes.push(`bytes transferred (body + headers, no compression) per file: ${Object.entries(bytes).map(([k, v]) => `${k} ${v}`).join(', ')}; on disk app.js ${file('app.js')}, app.css ${file('app.css')}; load average ${round(loadAtStart, 1)} when the loads began`);
    check(r, fcp.length === loads, `first-contentful-paint was reported for ${fcp.length} of ${loads} loads`);
    return r;
  } finally {
    await browser?.close();
  }
}

function timeSync(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return round(performance.now() - start, 2);
}

/** The value below which `p` of the samples fall (nearest rank). */
function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}
