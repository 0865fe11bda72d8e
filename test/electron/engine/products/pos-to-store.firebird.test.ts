/**
 * The whole product flow on real parts: a POS database on the Firebird server, read through a
 * built-in profile, synced by the engine into the practice store over HTTP.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDemoPos } from '../../../../connectors/pos/demo/demo-pos';
import { setDemoStock, updateDemoItem } from '../../../../connectors/pos/demo/demo-activity';
import { formatWallClock } from '../../../../connectors/pos/drivers/wall-clock';
import { createMatrixRetailPos } from '../../../../connectors/pos/matrix-retail/matrix-retail-pos';
import { ProfileConnector } from '../../../../connectors/pos/profile-connector';
import { builtInProfile } from '../../../../connectors/pos/profile-loader';
import type { SqlDriver } from '../../../../connectors/pos/drivers/sql-driver';
import { parseConfig } from '../../../../electron/engine/settings/config';
import { Engine } from '../../../../electron/engine/engine';
import { createTestFirebirdDatabase, type TestFirebirdDatabase } from '../../../helpers/firebird';
import { openPracticeStore, type PracticeStore } from '../../../helpers/practice-store';

const config = parseConfig({
  store: { url: 'http://127.0.0.1:1', consumerKey: 'ck_x', consumerSecret: 'cs_x' },
  pos: { profile: 'demo', driver: 'firebird', firebird: { database: 'x', password: 'x' } },
  sync: { safetyBuffer: 0 },
});

let db: TestFirebirdDatabase;
let store: PracticeStore;
let pos: SqlDriver;
let connector: ProfileConnector;
let engine: Engine;

async function openWorld(profile: 'demo' | 'matrix-retail', fill: (d: SqlDriver) => Promise<unknown>) {
  db = await createTestFirebirdDatabase(`flow-${profile}`);
  pos = db.driver();
  await fill(pos);
  store = await openPracticeStore();
  const p = builtInProfile(profile);
  p.changes.overlap = 0;
  connector = new ProfileConnector(p, db.driver());
  engine = new Engine({ config, db: store.db, pos: connector, catalog: store.catalog });
}

afterEach(async () => {
  await connector?.close();
  await store?.close();
  await db?.drop();
});

interface StoreRow { regular: string; sale: string; stock: number | null; status: string; type: string; parent: number }

/** The store's products and variations as SKU → owned values, read over the REST API. */
async function storeView(): Promise<Map<string, StoreRow>> {
  const view = new Map<string, StoreRow>();
  const put = (p: Record<string, any>) => view.set(String(p.sku), { // eslint-disable-line @typescript-eslint/no-explicit-any
    regular: p.regular_price, sale: p.sale_price, stock: p.stock_quantity, status: p.status, type: p.type, parent: p.parent_id });
  for (let page = 1; ; page++) {
    const list = (await store.call('GET', `products?per_page=100&page=${page}&orderby=id&order=asc`)).body as Record<string, unknown>[];
    for (const p of list) {
      put(p);
      if (p.type === 'variable') {
        for (const v of (await store.call('GET', `products/${p.id}/variations?per_page=100`)).body as Record<string, unknown>[]) put(v);
      }
    }
    if (list.length < 100) break;
  }
  return view;
}

describe('POS on Firebird → engine → practice store', () => {
  describe('demo profile', () => {
    beforeEach(async () => { await openWorld('demo', (d) => createDemoPos(d, { items: 120, seed: 3 })); });

    it('creates every web item as a draft with the POS values, then a second run sends nothing', async () => {
      const read = await connector.readItems();
      const web = read.items.filter((i) => i.onWeb);
      const first = await engine.syncProducts({ trigger: 'manual' });
      expect(first.status).toBe('ok');
      expect(first.result!.failed).toBe(0);
      const view = await storeView();
      for (const item of web) {
        const p = view.get(item.sku.trim());
        expect(p, item.sku).toBeDefined();
        if (item.isParent) { expect(p!.type).toBe('variable'); continue; }
        expect(p!.regular).toBe(item.regularPrice);
        expect(p!.stock).toBe(Math.max(0, Math.floor(item.onHand)));
      }
      expect([...view.values()].filter((p) => p.type !== 'variation').every((p) => p.status === 'draft')).toBe(true);

      const second = await engine.syncProducts({ trigger: 'manual' });
      expect(second.result).toMatchObject({ created: 0, updated: 0, failed: 0, requests: 0 });
    });

    it('follows a till sale and a price change through the incremental path only', async () => {
      await engine.syncProducts({ trigger: 'manual' });
      const read = await connector.readItems();
      const target = read.items.find((i) => i.onWeb && !i.isParent && !i.parentSku)!;
      await setDemoStock(pos, Number(target.posId), 'MAIN', 42);
      await updateDemoItem(pos, Number(target.posId), { PRICE1: '77.70' });
      const run = await engine.syncProducts({ trigger: 'pos-change', incremental: true });
      expect(run.result).toMatchObject({ updated: 1, failed: 0, requests: 1 });
      const after = (await connector.readItems()).items.find((i) => i.posId === target.posId)!;
      expect((await storeView()).get(target.sku.trim())).toMatchObject({ regular: '77.70', stock: after.onHand });
    });

    it('holds back each kind of bad POS record with a message naming it, and syncs the rest', async () => {
      const now = formatWallClock(new Date());
      const rows: [number, string | null, string, string, number][] = [
        [9001, '', 'Empty SKU mug', '5.00', 1],
        [9002, 'DUP-9', 'Duplicate one', '5.00', 1],
        [9003, 'dup-9 ', 'Duplicate two', '5.00', 1],
        [9004, 'NEG-9', 'Negative price', '-5.00', 1],
        [9005, 'QTY-9', 'Absurd quantity', '5.00', 900_000_000],
        [9006, 'CTRL-9', 'Bell\u0007character', '5.00', 1],
        [9007, 'ENC-9', 'CafÃ© au lait bowl', '5.00', 1],
        [9008, 'GOOD-9', 'A good item', '5.00', 3],
      ];
      await pos.transaction(async (tx) => {
        for (const [id, sku, name, price, qty] of rows) {
          await tx.query('INSERT INTO ITEMS (ID, SKU, NAME, PRICE1, WEB, CHANGED_AT) VALUES (:id, :sku, :name, :price, 1, :now)', { id, sku, name, price, now });
          await tx.query("INSERT INTO STOCK (ITEM_ID, LOCATION, QTY, CHANGED_AT) VALUES (:id, 'MAIN', :qty, :now)", { id, qty, now });
        }
      }, { mode: 'write' });
      const run = await engine.syncProducts({ trigger: 'manual' });
      expect(run.status).toBe('partial');
      const errs = engine.errors.open('product');
      const codeOf = (key: string) => errs.filter((e) => e.itemKey === key).map((e) => e.code);
      expect(codeOf('POS item 9001')).toEqual(['sku-invalid']);
      expect(codeOf('DUP-9')).toEqual(['sku-duplicate-pos']);
      expect(codeOf('dup-9 '.trim())).toEqual(['sku-duplicate-pos']);
      expect(codeOf('NEG-9')).toEqual(['price-negative']);
      expect(codeOf('QTY-9')).toEqual(['quantity-absurd']);
      expect(codeOf('CTRL-9')).toEqual(['name-invalid']);
      expect(codeOf('ENC-9')).toEqual(['name-invalid']);
      for (const e of errs) { expect(e.message.length).toBeGreaterThan(20); expect(e.hint).toBeTruthy(); }
      const view = await storeView();
      expect(view.get('GOOD-9')).toMatchObject({ regular: '5.00', stock: 3, status: 'draft' });
      for (const sku of ['DUP-9', 'NEG-9', 'QTY-9', 'CTRL-9', 'ENC-9']) expect(view.has(sku), sku).toBe(false);
      // every other web item went through
      const web = (await connector.readItems()).items.filter((i) => i.onWeb && Number(i.posId) < 9000);
      expect(web.every((i) => view.has(i.sku.trim()))).toBe(true);
    });
  });

  describe('matrix-retail profile', () => {
    beforeEach(async () => { await openWorld('matrix-retail', (d) => createMatrixRetailPos(d, { products: 150, seed: 5 })); });

    it('creates matrix items as variable drafts with variations at gross prices, and is quiet the second time', async () => {
      const read = await connector.readItems();
      const first = await engine.syncProducts({ trigger: 'manual' });
      expect(first.result!.failed).toBe(0);
      const view = await storeView();
      const children = read.items.filter((i) => i.onWeb && i.parentSku);
      expect(children.length).toBeGreaterThan(0);
      for (const child of children) {
        const v = view.get(child.sku.trim())!;
        const parent = view.get(child.parentSku!.trim())!;
        expect(v, child.sku).toMatchObject({ type: 'variation', regular: child.regularPrice, stock: Math.max(0, Math.floor(child.onHand)) });
        expect(parent.type).toBe('variable');
      }
      expect((await engine.syncProducts({ trigger: 'manual' })).result).toMatchObject({ created: 0, updated: 0, requests: 0 });
    });

    it('sets web stock to 0 when an item leaves the web store, seen by the incremental read', async () => {
      await engine.syncProducts({ trigger: 'manual' });
      const read = await connector.readItems();
      const simple = read.items.find((i) => i.onWeb && !i.isParent && !i.parentSku && i.onHand >= 1)!;
      await pos.transaction((tx) => tx.query('DELETE FROM WEB_STORE_PRODUCTS WHERE PRODUCT_ID = :id', { id: Number(simple.posId) }), { mode: 'write' });
      const run = await engine.syncProducts({ trigger: 'pos-change', incremental: true });
      expect(run.result).toMatchObject({ updated: 1, failed: 0 });
      expect((await storeView()).get(simple.sku.trim())).toMatchObject({ stock: 0, status: 'draft' });
      expect(engine.links.link(simple.sku.trim().toLowerCase())!.note).toMatch(/left the web selection/);
    });
  });
});
