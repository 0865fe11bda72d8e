/**
 * An item that only leaves the web selection (WEB flag off in the POS) is not an item deleted in
 * the POS: a full read tells the two apart, the link and the preview say which, and the link
 * report keeps listing it with what happens to its store product.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { join } from 'node:path';
import { createSqliteDemoPos } from '../../../../connectors/pos/demo/demo-pos';
import { SqliteDriver } from '../../../../connectors/pos/drivers/sqlite-driver';
import { formatWallClock } from '../../../../connectors/pos/drivers/wall-clock';
import { ProfileConnector } from '../../../../connectors/pos/profile-connector';
import { builtInProfile } from '../../../../connectors/pos/profile-loader';
import { parseConfig } from '../../../../electron/engine/settings/config';
import { Engine } from '../../../../electron/engine/engine';
import { buildLinkReport } from '../../../../electron/engine/products/link-report';
import { openPracticeStore, type PracticeStore } from '../../../helpers/practice-store';

let store: PracticeStore;
let pos: SqliteDriver;
let connector: ProfileConnector;
let engine: Engine;

beforeEach(async () => {
  store = await openPracticeStore();
  const file = join(store.dir, 'demo-pos.sqlite');
  await createSqliteDemoPos(file, { items: 0, seed: 3 });
  pos = new SqliteDriver({ file });
  connector = new ProfileConnector(builtInProfile('demo'), new SqliteDriver({ file }));
  const config = parseConfig({ store: { url: store.emulator.url, consumerKey: 'ck_x', consumerSecret: 'cs_x' }, pos: { profile: 'demo', driver: 'sqlite', sqlite: { file } } });
  engine = new Engine({ config, db: store.db, pos: connector, catalog: store.catalog });
});
afterEach(async () => {
  await connector.close();
  await pos.close();
  await store.close();
});

async function write(sql: string): Promise<void> {
  const now = formatWallClock(new Date());
  await pos.transaction(async (tx) => { await tx.query(sql, { now }); }, { mode: 'write' });
}

it('a full read tells "left the web selection" from "deleted in the POS", and the link report keeps both', async () => {
  await write("INSERT INTO ITEMS (ID, SKU, NAME, PRICE1, WEB, CHANGED_AT) VALUES (9201, 'STAY-1', 'Stays', '4.00', 1, :now)");
  await write("INSERT INTO ITEMS (ID, SKU, NAME, PRICE1, WEB, CHANGED_AT) VALUES (9202, 'LEAVE-1', 'Leaves the web', '4.00', 1, :now)");
  await write("INSERT INTO ITEMS (ID, SKU, NAME, PRICE1, WEB, CHANGED_AT) VALUES (9203, 'GONE-1', 'Deleted', '4.00', 1, :now)");
  await write("INSERT INTO STOCK (ITEM_ID, LOCATION, QTY, CHANGED_AT) VALUES (9202, 'MAIN', 6, :now)");
  await write("INSERT INTO STOCK (ITEM_ID, LOCATION, QTY, CHANGED_AT) VALUES (9203, 'MAIN', 6, :now)");
  expect((await engine.syncProducts({ trigger: 'manual' })).result!.created).toBe(3);

  await write('UPDATE ITEMS SET WEB = 0, CHANGED_AT = :now WHERE ID = 9202');
  await write('DELETE FROM STOCK WHERE ITEM_ID = 9203');
  await write('DELETE FROM ITEMS WHERE ID = 9203');

  const preview = await engine.syncProducts({ trigger: 'manual', dryRun: true });
  const reasons = Object.fromEntries(preview.result!.plan.updates.map((u) => [u.displaySku, u.reason]));
  expect(reasons).toEqual({ 'LEAVE-1': 'off-web', 'GONE-1': 'deleted-in-pos' });

  await engine.syncProducts({ trigger: 'manual' });
  expect(engine.links.link('leave-1')!.note).toMatch(/left the web selection/);
  expect(engine.links.link('gone-1')!.note).toMatch(/deleted in the POS/);
  const products = (await store.call('GET', 'products?per_page=100')).body as { sku: string; stock_quantity: number; status: string }[];
  expect(products.find((p) => p.sku === 'LEAVE-1')).toMatchObject({ stock_quantity: 0, status: 'draft' });
  expect(products.find((p) => p.sku === 'GONE-1')).toMatchObject({ stock_quantity: 0, status: 'draft' });

  const read = await connector.readItems();
  const report = await buildLinkReport(read.items, engine.links.allLinks(), store.catalog, { leftSelection: read.leftSelection });
  const bySku = Object.fromEntries(report.map((r) => [r.sku, r]));
  expect(bySku['STAY-1']!.category).toBe('linked');
  expect(bySku['LEAVE-1']).toMatchObject({ category: 'off-web', posId: '9202', name: 'Leaves the web', onWeb: false });
  expect(bySku['LEAVE-1']!.detail).toMatch(/left the web selection.*stays in the store.*stock 0/);
  expect(bySku['GONE-1']).toMatchObject({ category: 'deleted-in-pos', posId: '9203' });
  expect(bySku['GONE-1']!.detail).toMatch(/deleted in the POS.*stays in the store.*stock 0/);
});
