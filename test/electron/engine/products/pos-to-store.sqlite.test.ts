/**
 * Bad records that only a loosely typed POS column can hold (text in a price column, a name longer
 * than any sane title), read from the embedded demo POS on SQLite and synced into the practice store.
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
import { openPracticeStore, type PracticeStore } from '../../../helpers/practice-store';

let store: PracticeStore;
let pos: SqliteDriver;
let connector: ProfileConnector;
let engine: Engine;

beforeEach(async () => {
  store = await openPracticeStore();
  const file = join(store.dir, 'demo-pos.sqlite');
  await createSqliteDemoPos(file, { items: 30, seed: 9 });
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

it('holds back a non-numeric price and an overlong name, each with its own message, and syncs the rest', async () => {
  const now = formatWallClock(new Date());
  await pos.transaction(async (tx) => {
    await tx.query("INSERT INTO ITEMS (ID, SKU, NAME, PRICE1, WEB, CHANGED_AT) VALUES (9101, 'JUNK-1', 'Junk price', 'twelve', 1, :now)", { now });
    await tx.query("INSERT INTO ITEMS (ID, SKU, NAME, PRICE1, WEB, CHANGED_AT) VALUES (9102, 'LONG-1', :name, '4.00', 1, :now)", { name: 'Very long name '.repeat(40), now });
    await tx.query("INSERT INTO ITEMS (ID, SKU, NAME, PRICE1, WEB, CHANGED_AT) VALUES (9103, 'FINE-1', 'Fine item', '4.00', 1, :now)", { now });
  }, { mode: 'write' });
  const run = await engine.syncProducts({ trigger: 'manual' });
  expect(run.status).toBe('partial');
  const errors = engine.errors.open('product');
  expect(errors.find((e) => e.itemKey === 'JUNK-1')).toMatchObject({ code: 'price-invalid' });
  expect(errors.find((e) => e.itemKey === 'JUNK-1')!.message).toMatch(/9101.*JUNK-1.*not a number/);
  expect(errors.find((e) => e.itemKey === 'LONG-1')).toMatchObject({ code: 'name-invalid' });
  const skus = (await store.call('GET', 'products?per_page=100')).body.map((p: { sku: string }) => p.sku);
  expect(skus).toContain('FINE-1');
  expect(skus).not.toContain('JUNK-1');
  expect(skus).not.toContain('LONG-1');
});
