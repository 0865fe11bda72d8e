/**
 * The whole product flow on real parts for the MySQL POS systems: a uniCenta or OSPOS database on
 * the MariaDB server, read through the built-in profile, synced by the engine into the practice
 * store over HTTP. Neither POS has change columns: the table hash notices the change and the
 * read that follows reads the buckets that moved (changes.buckets) and sends only what changed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createOsposPos } from '../../../../connectors/pos/ospos/ospos-pos';
import { ProfileConnector } from '../../../../connectors/pos/profile-connector';
import { builtInProfile, withParameters } from '../../../../connectors/pos/profile-loader';
import type { SqlDriver } from '../../../../connectors/pos/drivers/sql-driver';
import { createUnicentaPos } from '../../../../connectors/pos/unicenta/unicenta-pos';
import { parseConfig } from '../../../../electron/engine/settings/config';
import { Engine } from '../../../../electron/engine/engine';
import { createTestMariadbDatabase, type TestMariadbDatabase } from '../../../helpers/mariadb';
import { openPracticeStore, type PracticeStore } from '../../../helpers/practice-store';

const config = parseConfig({
  store: { url: 'http://127.0.0.1:1', consumerKey: 'ck_x', consumerSecret: 'cs_x' },
  pos: { profile: 'unicenta', driver: 'mysql', mysql: { database: 'x', user: 'x', password: 'x' } },
  sync: { safetyBuffer: 0 },
});

let db: TestMariadbDatabase | undefined;
let store: PracticeStore | undefined;
let pos: SqlDriver;
let connector: ProfileConnector | undefined;
let engine: Engine;

async function openWorld(profile: 'unicenta' | 'ospos', options: Record<string, unknown>, fill: (d: SqlDriver) => Promise<unknown>) {
  db = await createTestMariadbDatabase(`flow_${profile}`);
  pos = db.driver();
  await fill(pos);
  store = await openPracticeStore();
  connector = new ProfileConnector(withParameters(builtInProfile(profile), options), db.driver());
  engine = new Engine({ config, db: store.db, pos: connector, catalog: store.catalog });
}

afterEach(async () => {
  await connector?.close();
  await store?.close();
  await db?.drop();
  connector = undefined;
  store = undefined;
  db = undefined;
});

interface StoreRow { regular: string; stock: number | null; status: string; type: string; attributes: string }

async function storeView(): Promise<Map<string, StoreRow>> {
  const view = new Map<string, StoreRow>();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- store JSON
  const put = (p: Record<string, any>) => view.set(String(p.sku), {
    regular: p.regular_price, stock: p.stock_quantity, status: p.status, type: p.type,
    attributes: (p.attributes ?? []).map((a: { name: string; option?: string }) => `${a.name}=${a.option ?? ''}`).join(','),
  });
  for (let page = 1; ; page++) {
    const list = (await store!.call('GET', `products?per_page=100&page=${page}&orderby=id&order=asc`)).body as Record<string, unknown>[];
    for (const p of list) {
      put(p);
      if (p.type === 'variable') for (const v of (await store!.call('GET', `products/${p.id}/variations?per_page=100`)).body as Record<string, unknown>[]) put(v);
    }
    if (list.length < 100) break;
  }
  return view;
}

describe('MySQL POS → engine → practice store', () => {
  describe.each([
    { profile: 'unicenta' as const, options: { locations: ['0', 'WH'] }, fill: (d: SqlDriver) => createUnicentaPos(d, { products: 300, seed: 5 }) },
    { profile: 'ospos' as const, options: { locations: [1, 2] }, fill: (d: SqlDriver) => createOsposPos(d, { items: 300, seed: 5 }) },
  ])('$profile profile', ({ profile, options, fill }) => {
    it('creates every web item (variations included) as a draft at its gross price and stock, is quiet the second time, and carries a till sale and a price edit', async () => {
      await openWorld(profile, options, fill);
      const read = await connector!.readItems();
      // OSPOS shops leave some barcodes empty: those items wait with a message, the rest go through.
      const noSku = read.items.filter((i) => i.onWeb && i.sku.trim() === '');
      const web = read.items.filter((i) => i.onWeb && i.sku.trim() !== '');
      const first = await engine.syncProducts({ trigger: 'manual' });
      expect(first.result!.failed).toBe(noSku.length);
      expect(engine.errors.open('product').map((e) => e.code)).toEqual(noSku.map(() => 'sku-invalid'));
      const view = await storeView();
      let variations = 0;
      for (const item of web) {
        const p = view.get(item.sku.trim());
        expect(p, item.sku).toBeDefined();
        if (item.isParent) { expect(p!.type).toBe('variable'); continue; }
        if (item.parentSku) {
          variations++;
          expect(p!.type).toBe('variation');
          expect(p!.attributes).toBe(Object.entries(item.attributes).map(([k, v]) => `${k}=${v}`).join(','));
        }
        expect(p!.regular, item.sku).toBe(item.regularPrice);
        expect(p!.stock, item.sku).toBe(Math.max(0, Math.floor(item.onHand)));
      }
      if (profile === 'unicenta') expect(variations / web.length).toBeGreaterThan(0.15);
      expect([...view.values()].filter((p) => p.type !== 'variation').every((p) => p.status === 'draft')).toBe(true);
      expect((await engine.syncProducts({ trigger: 'manual' })).result).toMatchObject({ created: 0, updated: 0, failed: noSku.length, requests: 0 });

      // A till sale and a price edit, with no change column anywhere: the marker moves, one item is sent.
      const marker = await connector!.changeMarker();
      const saleLocation = profile === 'unicenta' ? '0' : '1';
      const target = web.find((i) => !i.isParent && !i.parentSku && (i.onHandByLocation?.[saleLocation] ?? 0) >= 3 && !/pack/i.test(i.name))!;
      if (profile === 'unicenta') {
        await pos.transaction(async (tx) => {
          await tx.query("UPDATE stockcurrent SET units = units - 2 WHERE product = :id AND location = '0' AND attributesetinstance_id IS NULL", { id: target.posId });
          await tx.query('UPDATE products SET pricesell = 25 WHERE id = :id', { id: target.posId });
        }, { mode: 'write' });
      } else {
        await pos.transaction(async (tx) => {
          await tx.query('UPDATE ospos_item_quantities SET quantity = quantity - 2 WHERE item_id = :id AND location_id = 1', { id: Number(target.posId) });
          await tx.query("UPDATE ospos_items SET unit_price = '25.00' WHERE item_id = :id", { id: Number(target.posId) });
        }, { mode: 'write' });
      }
      expect(await connector!.changeMarker()).not.toBe(marker);
      const run = await engine.syncProducts({ trigger: 'pos-change', incremental: true });
      const now = (await connector!.readItems()).items;
      // What changed: the item, and a pack made from it (its stock comes from its components).
      const shown = (i: { regularPrice: string | null; onHand: number }) => `${i.regularPrice}/${Math.max(0, Math.floor(i.onHand))}`;
      const before = new Map(web.map((i) => [i.posId, shown(i)]));
      const changed = now.filter((i) => i.onWeb && before.has(i.posId) && before.get(i.posId) !== shown(i));
      expect(changed.map((i) => i.posId)).toContain(target.posId);
      expect(run.result).toMatchObject({ updated: changed.length, failed: noSku.length });
      const after = now.find((i) => i.posId === target.posId)!;
      expect(after.onHand).toBe(target.onHand - 2);
      expect((await storeView()).get(target.sku.trim())).toMatchObject({ regular: after.regularPrice, stock: Math.max(0, Math.floor(after.onHand)) });

      // An item deleted outright: the bucket read reports it removed, and its web stock goes to 0.
      const inPacks = new Set(profile === 'unicenta' ? (await pos.query('SELECT product_bundle AS ID FROM products_bundle')).map((r) => String(r.ID)) : []);
      const doomed = web.find((i) => i.posId !== target.posId && !i.isParent && !i.parentSku && !inPacks.has(i.posId) && !/pack/i.test(i.name) && Math.floor(i.onHand) > 0)!;
      await pos.transaction(async (tx) => {
        if (profile === 'unicenta') {
          for (const t of ['stockcurrent', 'products_cat']) await tx.query(`DELETE FROM ${t} WHERE product = :id`, { id: doomed.posId });
          await tx.query('DELETE FROM products_bundle WHERE product = :id', { id: doomed.posId });
          await tx.query('DELETE FROM products WHERE id = :id', { id: doomed.posId });
        } else {
          for (const t of ['ospos_item_quantities', 'ospos_items_taxes', 'ospos_items']) await tx.query(`DELETE FROM ${t} WHERE item_id = :id`, { id: Number(doomed.posId) });
        }
      }, { mode: 'write' });
      await engine.syncProducts({ trigger: 'pos-change', incremental: true });
      expect((await storeView()).get(doomed.sku.trim())).toMatchObject({ stock: 0 });
    });
  });
});
