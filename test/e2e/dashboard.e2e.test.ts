/// <reference lib="dom" />
/**
 * The real dashboard in Debian's Chromium against the engine in headless mode: `tillbridge run
 * --no-demo` (the CLI bundled, its own process) serving the built dashboard, then a person's
 * flows one after another — first-run wizard → demo → first push with progress → Overview OK,
 * Sync now, a bad POS item under Problems fixed in the POS and retried, search and detail of a
 * SKU, an order resent, pause and resume, a request without the token refused. Every screen gets
 * an accessibility scan (axe-core in the page) and every flow a screenshot in test/e2e/artifacts/.
 *
 * Waiting is on what the page shows (Playwright's auto-waiting on elements) and on the engine's
 * own events, never on sleeps.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { bundleCli, cliEnv, ROOT } from '../helpers/cli-bundle';
import { SseParser } from '../../renderer/src/api/sse-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ARTIFACTS = join(ROOT, 'test/e2e/artifacts');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const UI_WAIT = 90_000; // a guard against hangs, not a speed expectation

let dir: string;
let child: ChildProcess;
let childErr = '';
let dashboardUrl = '';
let base = '';
let token = '';
let browser: Browser;
let page: Page;

function childSays(pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolvePromise, reject) => {
    const check = () => {
      const m = pattern.exec(childErr);
      if (m) { child.stderr!.off('data', check); resolvePromise(m); }
    };
    child.stderr!.on('data', check);
    child.once('exit', (code) => reject(new Error(`tillbridge exited (${code}) before printing ${pattern}:\n${childErr}`)));
    check();
  });
}

/** A call to the engine API as the page makes it (the token in a header). */
async function api<T>(channel: string, request: unknown = {}): Promise<T> {
  const res = await fetch(`${base}/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(request) });
  const body = await res.json() as { ok?: boolean; answer?: T; message?: string };
  if (!body.ok) throw new Error(`${channel}: ${body.message}`);
  return body.answer as T;
}

/**
 * Resolves with the first event `name` from the engine's event stream whose payload satisfies
 * `matches` (the stream the page reads, opened here with the same token).
 */
function nextEvent<T>(name: string, matches: (payload: T) => boolean): Promise<T> {
  const controller = new AbortController();
  return (async () => {
    const res = await fetch(`${base}/api/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser(); // the page's own parser
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the event stream ended before a matching "${name}"`);
      for (const message of parser.push(decoder.decode(value, { stream: true }))) {
        if (message.event !== name) continue;
        const payload = JSON.parse(message.data) as T;
        if (matches(payload)) { controller.abort(); return payload; }
      }
    }
  })();
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** axe-core in the page: no serious or critical violation on what is shown now. */
async function accessible(screen: string): Promise<void> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, `accessibility of ${screen}`).toEqual([]);
}

/** Waits until the element is shown (Playwright waits on the page's DOM, not on a clock). */
async function shown(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible' });
}

/** Waits until no such element is left. */
async function gone(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'detached' });
}

/** Clicks a command button and waits for the page's call of that channel to be answered. */
async function command(button: Locator, channel: string): Promise<unknown> {
  const answered = page.waitForResponse((r) => r.url().endsWith(`/api/${channel}`) && r.request().method() === 'POST');
  await button.click();
  return ((await (await answered).json()) as { answer?: unknown }).answer;
}

async function open(nav: string): Promise<void> {
  // The nav link may carry a count ("Problems 2").
  await page.getByRole('navigation').getByRole('link', { name: new RegExp(`^${nav}\\b`) }).first().click();
  await shown(page.getByRole('heading', { level: 1 }));
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'tb-e2e-'));
  execFileSync(process.execPath, [join(ROOT, 'renderer/build.mjs')], { cwd: ROOT, stdio: 'ignore' });
  const cli = await bundleCli(dir);
  child = spawn(process.execPath, [cli, 'run', '--no-demo', '--data', join(dir, 'data'), '--port', '0', '--activity', '0', '--items', '400'], {
    env: cliEnv({ TILLBRIDGE_DASHBOARD_DIR: join(ROOT, 'dist/renderer'), XDG_DATA_HOME: join(dir, 'xdg'), TILLBRIDGE_CONFIG: '' }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (c: string) => { childErr += c; });
  dashboardUrl = (await childSays(/Dashboard: (\S+)/))[1]!;
  const url = new URL(dashboardUrl);
  base = url.origin;
  token = url.searchParams.get('token')!;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // bypassCSP only so the test can inject axe-core; the page's own CSP is checked in the server tests.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 860 } });
  page = await context.newPage();
  page.setDefaultTimeout(UI_WAIT);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the dashboard in a real browser', () => {
  it('first run: the wizard, then the demo, a first push with progress, and the Overview says OK', async () => {
    await page.goto(dashboardUrl);
    await shown(page.getByRole('button', { name: 'Try the demo' }));
    await accessible('first run');
    await shot('01-first-run');
    // Record every progress bar the page shows from here on (the push may be quick).
    await page.evaluate(() => {
      const w = window as unknown as { sawProgress: boolean };
      w.sawProgress = false;
      new MutationObserver(() => { if (document.querySelector('[data-testid="progress"]')) w.sawProgress = true; })
        .observe(document.body, { childList: true, subtree: true });
    });
    const firstPush = nextEvent<{ created: number; status: string }>('product-run', (r) => r.created > 0);
    await page.getByRole('button', { name: 'Try the demo' }).click();
    await shown(page.getByTestId('demo-banner'));
    expect(await firstPush).toMatchObject({ status: 'ok' });
    await shown(page.getByTestId('state-badge').filter({ hasText: /^\s*OK\b/i }));
    // (the badge said OK; the schedule may start its next pass any moment, so the state is not asked again)
    const status = await api<{ counts: { linkedProducts: number }; lastProductSync: string | null }>('status');
    expect(status.counts.linkedProducts).toBeGreaterThan(100);
    expect(status.lastProductSync).not.toBeNull();
    expect(await page.evaluate(() => (window as unknown as { sawProgress: boolean }).sawProgress), 'a progress bar during the first push').toBe(true);
    await open('Overview');
    await shown(page.getByTestId('health-pos'));
    await accessible('overview');
    await shot('02-overview');
  });

  it('Sync now runs a product pass', async () => {
    const run = await command(page.getByRole('button', { name: 'Sync now' }), 'syncNow') as { runId: number; status: string };
    expect(run.status).toBe('ok');
    const activity = await api<{ runs: { id: number; trigger: string }[] }>('activity');
    expect(activity.runs.find((r) => r.id === run.runId)).toMatchObject({ trigger: 'manual' });
    await open('Activity');
    await shown(page.getByTestId('run-history'));
    await accessible('activity');
    await shot('03-activity');
  });

  it('a bad POS item shows under Problems naming it; fixed in the POS, Retry clears it; pause and resume', async () => {
    const pos = new Database(join(dir, 'data', 'demo', 'demo-pos.sqlite'));
    try {
      // A simple item on the web (not a matrix parent, whose own price is not used).
      const item = pos.prepare(`SELECT ID, SKU, PRICE1 FROM ITEMS i WHERE WEB = 1 AND PARENT_ID IS NULL AND SKU IS NOT NULL AND PRICE1 > 0
        AND NOT EXISTS (SELECT 1 FROM ITEMS c WHERE c.PARENT_ID = i.ID) ORDER BY ID LIMIT 1`).get() as { ID: number; SKU: string; PRICE1: number };
      const touch = (price: number) => pos.prepare('UPDATE ITEMS SET PRICE1 = ?, CHANGED_AT = ? WHERE ID = ?').run(price, new Date().toISOString().replace('T', ' ').slice(0, 23), item.ID);
      touch(-4.5);
      await open('Problems');
      await shown(page.getByRole('button', { name: `Retry ${item.SKU}` })); // the engine picks the change up on its own schedule
      await shown(page.getByText(item.SKU, { exact: false }));
      await accessible('problems');
      await shot('04-problem');

      // Paused, the schedule cannot fix it behind our back: Retry is what clears it.
      await open('Overview');
      await command(page.getByRole('button', { name: 'Pause' }), 'pause');
      await shown(page.getByTestId('state-badge').filter({ hasText: /Paused/i }));
      touch(item.PRICE1);
      await open('Problems');
      const retried = await command(page.getByRole('button', { name: `Retry ${item.SKU}` }), 'retryProblem') as { ok: boolean; message: string };
      expect(retried).toMatchObject({ ok: true });
      await gone(page.getByRole('button', { name: `Retry ${item.SKU}` }));
      expect((await api<{ itemKey: string }[]>('problems')).map((p) => p.itemKey)).not.toContain(item.SKU);
      await shot('05-problem-cleared');
      await open('Overview');
      await command(page.getByRole('button', { name: 'Resume' }), 'resume');
      await gone(page.getByTestId('state-badge').filter({ hasText: /Paused/i }));
    } finally {
      pos.close();
    }
  });

  it('searches a SKU and shows its detail', async () => {
    const [first] = (await api<{ items: { sku: string; name: string }[] }>('products', { limit: 1, offset: 10 })).items;
    await open('Products');
    await page.getByRole('searchbox', { name: 'Search products' }).or(page.getByLabel('Search products')).first().fill(first!.sku);
    const row = page.getByRole('button', { name: new RegExp(`^${first!.sku.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`) }).first();
    await row.click();
    const detail = page.getByTestId('product-detail');
    await shown(detail.getByRole('heading', { name: `Product ${first!.sku}` }));
    await shown(detail.getByText('MAIN')); // stock per POS location
    await accessible('product detail');
    await shot('06-product-detail');
    await page.keyboard.press('Escape');
    await gone(detail);
    await page.getByRole('button', { name: 'Link report' }).or(page.getByRole('link', { name: 'Link report' })).first().click();
    await shown(page.getByTestId('link-report-list'));
    await accessible('link report');
    await shot('07-link-report');
  });

  it('an order exported to the POS is resent: the POS already has it, nothing is booked twice', async () => {
    const store = /Practice store \(a WooCommerce emulator, in memory\): (\S+)\/wp-json/.exec(childErr)![1]!;
    const auth = 'Basic ' + Buffer.from('ck_emulator0000000000000000000000000000rw:cs_emulator0000000000000000000000000000rw').toString('base64');
    const rest = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${store}/wp-json/wc/v3/${path}`, { method, headers: { authorization: auth, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return (await res.json()) as T;
    };
    const products = await rest<{ id: number; stock_quantity: number | null }[]>('GET', 'products?type=simple&per_page=50');
    const product = products.find((p) => (p.stock_quantity ?? 0) >= 2)!;
    await rest('PUT', `products/${product.id}`, { status: 'publish' });
    const order = await rest<{ id: number; number: string }>('POST', 'orders', {
      status: 'completed', set_paid: true, billing: { first_name: 'Ada', last_name: 'Shopper', email: 'ada@example.test' },
      line_items: [{ product_id: product.id, quantity: 1 }],
    });
    await open('Orders');
    const run = await command(page.getByRole('button', { name: 'Export orders now' }), 'exportOrders') as { status: string };
    expect(run.status).not.toBe('failed');
    await shown(page.getByRole('button', { name: `Resend order ${order.number}` }));
    const resent = await command(page.getByRole('button', { name: `Resend order ${order.number}` }), 'resendOrder') as { kind: string; message: string };
    expect(resent.kind).toBe('already-in-pos');
    await shown(page.getByText(/already in the POS as invoice/));
    await accessible('orders');
    await shot('08-orders');
  });

  it('Settings: secrets are not shown; a bad store address is named next to its field and nothing is saved', async () => {
    await open('Settings');
    await shown(page.getByRole('button', { name: 'Test store connection' }));
    expect(await page.content()).not.toContain('cs_emulator');
    const address = page.getByLabel('Store address');
    await address.fill('shop without a scheme');
    await page.getByRole('button', { name: 'Save settings' }).click();
    // The form names the field (checked in the page or by the engine, whichever answers first).
    await shown(page.locator('input[aria-invalid="true"]').and(address));
    const described = (await address.getAttribute('aria-describedby'))!.split(' ').find((id) => id.endsWith('-error'))!;
    await shown(page.locator(`[id="${described}"]`));
    // The engine checks too, whoever sends the request.
    const refused = await api<{ ok: boolean; fieldErrors: { field: string }[] }>('saveSettings', { store: { url: 'ftp://shop.example.com' } });
    expect(refused.ok).toBe(false);
    expect(refused.fieldErrors.map((f) => f.field)).toContain('store.url');
    expect(() => readFileSync(join(dir, 'data', 'config.json'), 'utf8')).toThrow(); // nothing was written
    expect((await api<{ demo: boolean }>('status')).demo).toBe(true); // the demo still runs
    await accessible('settings');
    await shot('09-settings');
  });

  it('refuses a request without the token', async () => {
    expect((await fetch(`${base}/api/status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    expect((await fetch(`${base}/`)).status).toBe(401);
    const other = await browser.newPage();
    await other.goto(base + '/');
    await other.getByText(/needs its access token/).waitFor({ state: 'visible' });
    await other.close();
  });
});
