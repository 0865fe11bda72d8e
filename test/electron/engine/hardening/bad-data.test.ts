/**
 * Issue 14, part 4: bad POS rows and bad store answers, one table. Each bad POS row goes through a
 * real product pass (engine → practice store) among good items: it stops only itself, with a
 * problem naming the item and saying how to fix it, or it is taken in a documented, safe form;
 * every good item reaches the store. Each bad store answer goes through the store client and
 * comes out as an error in plain words (or, for JSON behind PHP warnings, as the data).
 * Cases covered elsewhere are listed at the end with their tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, PosItem, PosItemsPort, ReadResult } from '../../../../connectors/core/pos-items-port';
import { WooClient } from '../../../../connectors/woocommerce/woo-client';
import { parseWooConfig } from '../../../../connectors/woocommerce/woo-config';
import type { WooHttpResponse } from '../../../../connectors/woocommerce/woo-transport';
import { Engine } from '../../../../electron/engine/engine';
import { parseConfig } from '../../../../electron/engine/settings/config';
import { openPracticeStore, type PracticeStore } from '../../../helpers/practice-store';
import { recordSoak } from '../../../helpers/soak';
import { bareResolver } from '../../../../electron/engine/links/line-keys';
import { DEFAULT_ORDER_SETTINGS } from '../../../../electron/engine/orders/order-settings';
import { toPosOrder } from '../../../../electron/engine/orders/pos-order-mapper';
import { storeLine, storeOrder } from '../../../helpers/store-orders';
import { emptyAddress } from '../../../../connectors/core/store-order';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteDemoPos } from '../../../../connectors/pos/demo/demo-pos';
import { openPosSide } from '../../../../connectors/pos/open-pos';

function row(over: Partial<PosItem> & { posId: string }): PosItem {
  return { sku: `SKU-${over.posId}`, name: `Item ${over.posId}`, regularPrice: '10.00', salePrice: null, saleFrom: null, saleTo: null,
    onHand: 5, onWeb: true, parentSku: null, parentPosId: null, isParent: false, attributes: {}, description: null, category: null,
    weight: null, barcode: null, ...over };
}

/** What must come of a bad row: stopped with a problem (its code), or taken in a safe form (what the store gets). */
type Outcome = { stops: string; names: RegExp } | { blocksCreate: RegExp } | { store: { price?: string; stock?: number; sku?: string } } | { warns: string };

interface PosCase { kind: string; rows: PosItem[]; outcome: Outcome }

const posCases: PosCase[] = [
  { kind: 'duplicate SKU', rows: [row({ posId: 'd1', sku: 'DUP-1' }), row({ posId: 'd2', sku: 'DUP-1' })], outcome: { stops: 'sku-duplicate-pos', names: /DUP-1/ } },
  { kind: 'case-variant duplicate SKU', rows: [row({ posId: 'c1', sku: 'Case-1' }), row({ posId: 'c2', sku: 'CASE-1' })], outcome: { stops: 'sku-duplicate-pos', names: /Case-1|CASE-1/ } },
  { kind: 'whitespace-variant duplicate SKU', rows: [row({ posId: 'w1', sku: 'WS-1' }), row({ posId: 'w2', sku: ' WS-1  ' })], outcome: { stops: 'sku-duplicate-pos', names: /WS-1/ } },
  { kind: 'empty SKU', rows: [row({ posId: 'e1', sku: '', name: 'Nameless cup' })], outcome: { stops: 'sku-invalid', names: /e1.*Nameless cup/ } },
  { kind: 'whitespace-only SKU', rows: [row({ posId: 'e2', sku: '   ', name: 'Blank mug' })], outcome: { stops: 'sku-invalid', names: /e2/ } },
  { kind: 'SKU with surrounding spaces', rows: [row({ posId: 's1', sku: '  TRIM-1 ' })], outcome: { store: { sku: 'TRIM-1' } } },
  { kind: 'SKU with a line break', rows: [row({ posId: 's2', sku: 'BR\nEAK' })], outcome: { stops: 'sku-invalid', names: /s2|BR/ } },
  { kind: 'SQL metacharacters in SKU and name', rows: [row({ posId: 'q1', sku: "Q'1;--", name: "Robert'); DROP TABLE ITEMS;--" })], outcome: { store: { sku: "Q'1;--" } } },
  { kind: 'negative price', rows: [row({ posId: 'p1', sku: 'NEG-P', regularPrice: '-4.00' })], outcome: { stops: 'price-negative', names: /NEG-P/ } },
  { kind: 'NaN price', rows: [row({ posId: 'p2', sku: 'NAN-P', regularPrice: 'NaN' })], outcome: { stops: 'price-invalid', names: /NAN-P/ } },
  { kind: 'text price', rows: [row({ posId: 'p3', sku: 'TXT-P', regularPrice: 'twelve' })], outcome: { stops: 'price-invalid', names: /TXT-P/ } },
  { kind: 'huge price', rows: [row({ posId: 'p4', sku: 'BIG-P', regularPrice: '123456789012345.00' })], outcome: { stops: 'price-invalid', names: /BIG-P/ } },
  { kind: '5-decimal price', rows: [row({ posId: 'p5', sku: 'DEC-P', regularPrice: '9.12345' })], outcome: { store: { price: '9.12' } } },
  { kind: 'decimal comma price', rows: [row({ posId: 'p6', sku: 'COM-P', regularPrice: '9,99' })], outcome: { store: { price: '9.99' } } },
  { kind: 'no price on a web item', rows: [row({ posId: 'p7', sku: 'NUL-P', regularPrice: null })], outcome: { stops: 'price-invalid', names: /NUL-P/ } },
  { kind: 'junk sale price', rows: [row({ posId: 'p8', sku: 'JSP', salePrice: 'half' })], outcome: { stops: 'sale-price-invalid', names: /JSP/ } },
  { kind: 'sale price above regular', rows: [row({ posId: 'p9', sku: 'HSP', salePrice: '12.00' })], outcome: { warns: 'sale-not-below-regular' } },
  { kind: 'fractional quantity', rows: [row({ posId: 'n1', sku: 'FRAC-Q', onHand: 2.75 })], outcome: { store: { stock: 2 } } },
  { kind: 'negative quantity', rows: [row({ posId: 'n2', sku: 'NEG-Q', onHand: -7 })], outcome: { store: { stock: 0 } } },
  { kind: 'absurd quantity', rows: [row({ posId: 'n3', sku: 'ABS-Q', onHand: 5_000_000_000 })], outcome: { stops: 'quantity-absurd', names: /ABS-Q/ } },
  { kind: 'NaN quantity', rows: [row({ posId: 'n4', sku: 'NAN-Q', onHand: Number.NaN })], outcome: { stops: 'quantity-invalid', names: /NAN-Q/ } },
  { kind: 'text quantity', rows: [row({ posId: 'n5', sku: 'TXT-Q', onHand: 'lots' as unknown as number })], outcome: { stops: 'quantity-invalid', names: /TXT-Q/ } },
  { kind: '10,000-character name', rows: [row({ posId: 'm1', sku: 'LONG-N', name: 'Very long name '.repeat(667) })], outcome: { blocksCreate: /characters/ } },
  { kind: 'invalid UTF-8 in the name', rows: [row({ posId: 'm2', sku: 'BAD-UTF', name: 'Caf\uFFFD\uFFFD cup' })], outcome: { blocksCreate: /encoding|character/ } },
  { kind: 'mixed encodings in the name (mojibake)', rows: [row({ posId: 'm3', sku: 'MOJI', name: 'CafÃ© crÃ¨me cup' })], outcome: { blocksCreate: /encoding/ } },
  { kind: 'control characters in the name', rows: [row({ posId: 'm4', sku: 'CTRL-N', name: 'Tab\u0000bed\u0007 cup' })], outcome: { blocksCreate: /character|encoding/ } },
];

let store: PracticeStore;
let engine: Engine;
const good = Array.from({ length: 10 }, (_, i) => row({ posId: `g${i}`, sku: `GOOD-${i}`, regularPrice: `${i + 1}.50`, onHand: i }));

class ListPos implements PosItemsPort {
  constructor(private readonly items: PosItem[]) {}
  async check(): Promise<CheckResult> { return { ok: true, message: 'list', problems: [] }; }
  async readItems(): Promise<ReadResult> { return { items: this.items, complete: true, removedPosIds: [], cursor: '' }; }
  async changeMarker(): Promise<string> { return '1'; }
  async close(): Promise<void> {}
}

describe('bad POS rows, each through a real product pass among good items', () => {
  beforeAll(async () => {
    store = await openPracticeStore();
    const config = parseConfig({ store: { url: store.emulator.url, consumerKey: 'ck_x', consumerSecret: 'cs_x' }, pos: { profile: 'demo', driver: 'sqlite', sqlite: { file: 'x' } } });
    engine = new Engine({ config, db: store.db, pos: new ListPos([...good, ...posCases.flatMap((c) => c.rows)]), catalog: store.catalog });
    const run = await engine.syncProducts({ trigger: 'manual' });
    expect(run.status).toBe('partial');
  });
  afterAll(async () => { await store?.close(); });

  it('every good item reached the store with its price and stock', () => {
    for (const g of good) {
      const p = [...store.emulator.state.products.values()].find((x) => x.sku === g.sku);
      expect(p, g.sku).toBeDefined();
      expect(p!.regularPrice).toBe(g.regularPrice);
      expect(p!.stockQuantity).toBe(g.onHand);
    }
  });

  it.each(posCases)('$kind', ({ rows, outcome }) => {
    const problems = engine.errors.open('product');
    const inStore = (sku: string) => [...store.emulator.state.products.values()].find((x) => x.sku.trim().toLowerCase() === sku.trim().toLowerCase());
    if ('stops' in outcome) {
      const mine = problems.filter((p) => p.code === outcome.stops && rows.some((r) => p.message.includes(r.posId) || (r.sku && r.sku.trim() && p.itemKey.toLowerCase() === r.sku.trim().toLowerCase())));
      expect(mine.length, `a "${outcome.stops}" problem for ${rows.map((r) => r.posId).join(', ')}; open: ${problems.map((p) => `${p.itemKey} ${p.code}`).join('; ')}`).toBeGreaterThan(0);
      for (const p of mine) {
        expect(p.message).toMatch(outcome.names);
        expect((p.hint ?? '').length, 'how to fix it').toBeGreaterThan(15);
      }
      for (const r of rows) if (r.sku && r.sku.trim()) expect(inStore(r.sku), `${r.sku} not sent`).toBeUndefined();
    } else if ('blocksCreate' in outcome) {
      const p = problems.find((x) => x.itemKey === rows[0]!.sku);
      expect(p?.message ?? '', `a problem naming ${rows[0]!.sku}`).toMatch(new RegExp(rows[0]!.sku!));
      expect(`${p?.message} ${p?.hint}`).toMatch(outcome.blocksCreate);
      expect(inStore(rows[0]!.sku!)).toBeUndefined();
    } else if ('warns' in outcome) {
      expect(problems.find((x) => x.itemKey === rows[0]!.sku)?.code).toBe(outcome.warns);
      expect(inStore(rows[0]!.sku!)).toBeDefined();
    } else {
      const p = inStore(rows[0]!.sku!);
      expect(p, `${rows[0]!.sku} in the store`).toBeDefined();
      if (outcome.store.sku !== undefined) expect(p!.sku).toBe(outcome.store.sku);
      if (outcome.store.price !== undefined) expect(p!.regularPrice).toBe(outcome.store.price);
      if (outcome.store.stock !== undefined) expect(p!.stockQuantity).toBe(outcome.store.stock);
    }
  });
});

/** Bad web orders, through the order mapper (the step that decides whether the POS gets an invoice). */
const orderCases: { kind: string; order: ReturnType<typeof storeOrder>; expect: { problem: string; names: RegExp } | { lines: number } }[] = [
  { kind: 'no e-mail (customers matched by e-mail)', order: storeOrder({ number: '9001', customerId: 7, billing: { ...emptyAddress(), firstName: 'No', lastName: 'Mail', email: '' } }), expect: { problem: 'no-email', names: /9001/ } },
  { kind: 'a zero-quantity line', order: storeOrder({ lines: [storeLine('A-1', 2, '20.00'), storeLine('B-1', 0, '0.00')] }), expect: { lines: 1 } },
  { kind: '500 lines', order: storeOrder({ lines: Array.from({ length: 500 }, (_, i) => storeLine(`L-${i}`, 1, '1.00')), totals: { ...storeOrder().totals, total: '500.00' } }), expect: { lines: 500 } },
  { kind: 'a line whose product was deleted in the store (no SKU, no product)', order: storeOrder({ number: '9004', lines: [storeLine('', 1, '5.00', '5.00', { name: 'Gone Teapot' })] }), expect: { problem: 'line-without-sku', names: /Gone Teapot/ } },
  { kind: 'a negative quantity', order: storeOrder({ number: '9005', lines: [storeLine('A-1', -1, '-10.00')] }), expect: { problem: 'bad-order-data', names: /9005.*quantity -1/ } },
  { kind: 'a fractional quantity', order: storeOrder({ number: '9006', lines: [storeLine('A-1', 0.5, '5.00')] }), expect: { problem: 'bad-order-data', names: /9006/ } },
  { kind: 'a total that is not money', order: storeOrder({ number: '9007', totals: { ...storeOrder().totals, total: 'NaN' } }), expect: { problem: 'bad-order-data', names: /9007.*order total/ } },
];

describe('bad web orders stop only themselves, with the order named', () => {
  it.each(orderCases)('$kind', ({ order, expect: want }) => {
    const r = toPosOrder(order, { ...DEFAULT_ORDER_SETTINGS, requireEmail: true }, bareResolver(), `${order.number}-REF`);
    if ('problem' in want) {
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.problem.code).toBe(want.problem);
      expect(r.problem.message).toMatch(want.names);
      expect((r.problem.hint ?? '').length).toBeGreaterThan(15);
    } else {
      expect(r.ok, r.ok ? '' : r.problem.message).toBe(true);
      if (r.ok) expect(r.order.lines).toHaveLength(want.lines);
    }
  });
});

/** Store answers that are not what the API returns, through the store client. */
const storeCases: { kind: string; answer: WooHttpResponse; expect: { data: unknown } | { code: string; says: RegExp; retryable: boolean } }[] = [
  { kind: 'a PHP warning before the JSON', answer: { status: 200, headers: {}, body: '<br />\n<b>Warning</b>:  Undefined index: x in <b>/var/www/wp-content/plugins/p.php</b> on line <b>3</b><br />\n[{"id":7}]' }, expect: { data: [{ id: 7 }] } },
  { kind: 'a PHP notice (plain text) before the JSON', answer: { status: 200, headers: {}, body: 'PHP Notice:  Undefined variable: y in /var/www/x.php on line 9\n{"id":8}' }, expect: { data: { id: 8 } } },
  { kind: 'an HTML maintenance page (503)', answer: { status: 503, headers: { 'retry-after': '60' }, body: '<!DOCTYPE html><html><body>Briefly unavailable for scheduled maintenance.</body></html>' }, expect: { code: 'http_503', says: /./, retryable: true } },
  { kind: 'a captive portal (200 with a web page)', answer: { status: 200, headers: {}, body: '<html><body><form>Accept the Wi-Fi terms</form></body></html>' }, expect: { code: 'tillbridge_invalid_response', says: /web page instead of WooCommerce data/, retryable: false } },
  { kind: 'an empty 200 answer', answer: { status: 200, headers: {}, body: '' }, expect: { code: 'tillbridge_invalid_response', says: /not JSON/, retryable: false } },
  { kind: 'JSON cut off in the middle', answer: { status: 200, headers: {}, body: '[{"id":1,"sku":"A' }, expect: { code: 'tillbridge_invalid_response', says: /not JSON/, retryable: false } },
  { kind: 'a redirect to a login page', answer: { status: 302, headers: { location: 'https://shop.example.com/wp-login.php' }, body: '' }, expect: { code: 'http_302', says: /./, retryable: false } },
];

describe('store answers that are not WooCommerce JSON', () => {
  it.each(storeCases)('$kind', async ({ answer, expect: want }) => {
    const client = new WooClient(parseWooConfig({ url: 'https://shop.example.com', consumerKey: 'ck_k', consumerSecret: 'cs_secret_value' }),
      { transport: async () => answer, sleep: async () => undefined, backoff: { baseMs: 1, capMs: 1, maxRetryAfterMs: 120_000 } });
    const got = await client.get('products').then((data) => ({ data }), (error: { code: string; message: string; hint: string; retryable: boolean }) => ({ error }));
    if ('data' in want) {
      expect(got).toEqual({ data: want.data });
    } else {
      expect('error' in got).toBe(true);
      if (!('error' in got)) return;
      expect(got.error.code).toBe(want.code);
      expect(got.error.message).toMatch(want.says);
      expect(got.error.hint.length).toBeGreaterThan(15);
      expect(got.error.retryable).toBe(want.retryable);
      expect(`${got.error.message} ${got.error.hint}`).not.toContain('cs_secret_value');
    }
  });
});

/** What the merchant does to a linked product in the store. */
describe('a linked product retyped in the store', () => {
  it('a product made variable in the store: the dropped price is a problem naming the SKU, the other items go on', async () => {
    const shop = await openPracticeStore();
    try {
      let items = [row({ posId: 'r1', sku: 'RETYPE-1', regularPrice: '5.00' }), row({ posId: 'r2', sku: 'PLAIN-2', regularPrice: '6.00' })];
      const pos: PosItemsPort = { check: async () => ({ ok: true, message: '', problems: [] }), readItems: async () => ({ items, complete: true, removedPosIds: [], cursor: '' }), changeMarker: async () => '1', close: async () => undefined };
      const config = parseConfig({ store: { url: shop.emulator.url, consumerKey: 'ck_x', consumerSecret: 'cs_x' }, pos: { profile: 'demo', driver: 'sqlite', sqlite: { file: 'x' } } });
      const e = new Engine({ config, db: shop.db, pos, catalog: shop.catalog });
      expect((await e.syncProducts({ trigger: 'manual' })).status).toBe('ok');
      const p = [...shop.emulator.state.products.values()].find((x) => x.sku === 'RETYPE-1')!;
      expect((await shop.call('PUT', `products/${p.id}`, { type: 'variable' })).status).toBe(200);
      items = [row({ posId: 'r1', sku: 'RETYPE-1', regularPrice: '7.00' }), row({ posId: 'r2', sku: 'PLAIN-2', regularPrice: '8.00' })];
      expect((await e.syncProducts({ trigger: 'manual' })).status).toBe('partial');
      const problem = e.errors.open('product').find((x) => x.itemKey === 'RETYPE-1');
      expect(problem?.code).toBe('store-type-changed');
      expect(problem?.message).toMatch(/RETYPE-1.*now a variable product.*7\.00 was not kept/);
      expect(problem?.hint).toMatch(/back to a simple product/);
      expect([...shop.emulator.state.products.values()].find((x) => x.sku === 'PLAIN-2')!.regularPrice).toBe('8.00');
    } finally {
      await shop.close();
    }
  });
});

/** Settings that name what the POS lacks: a stock location, a price level. */
describe('a location or price level the settings name but the POS lacks', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tb-badcfg-'));
    file = join(dir, 'pos.sqlite');
    await createSqliteDemoPos(file, { items: 12, seed: 4 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a missing location: check names it; when no configured location exists a pass refuses instead of zeroing the web stock', async () => {
    const partly = openPosSide({ driver: 'sqlite', sqlite: { file } }, { profile: 'demo', options: { locations: ['MAIN', 'SHOP'] } });
    const partlyCheck = await partly.items.check();
    expect(partlyCheck.ok).toBe(false);
    expect(partlyCheck.message).toMatch(/location "SHOP" that the settings name has no stock row in the POS.*pos\.options\.locations/);
    expect((await partly.items.readItems()).items.some((i) => i.onHand > 0), 'MAIN still counts').toBe(true);
    await partly.close();

    const none = openPosSide({ driver: 'sqlite', sqlite: { file } }, { profile: 'demo', options: { locations: ['SHOP'] } });
    expect((await none.items.check()).message).toMatch(/None of the stock locations the settings name \("SHOP"\)/);
    await expect(none.items.readItems()).rejects.toMatchObject({ code: 'bad-profile', message: expect.stringMatching(/every web stock would be 0; nothing is sent/) });
    await none.close();
  });

  it('a missing price level is refused when the settings are read, naming it', () => {
    expect(() => openPosSide({ driver: 'sqlite', sqlite: { file } }, { profile: 'demo', options: { regularLevel: '9' } })).toThrow(/profile "demo" with the shop's options is invalid[\s\S]*9/);
  });
});

afterAll(() => {
  recordSoak('bad-data', { badInputs: posCases.length + orderCases.length + storeCases.length + 4,
    note: `${posCases.length} POS rows, ${orderCases.length} orders, ${storeCases.length} store answers, 3 settings naming what the POS lacks, 1 product retyped in the store (store-side product changes: product-sync.test.ts)` });
});

/*
 * Covered by their own tests: a SKU edited in the store, a product deleted or trashed in the store
 * (test/electron/engine/products/product-sync.test.ts); an unknown SKU in an order, a POS refusal,
 * a refund after export (test/electron/engine/orders/order-exporter.test.ts); one batch item refused
 * by the store (the fault proxy's batch-item-error, store-faults.test.ts).
 */
