import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PosItem } from '../../../connectors/core/pos-items-port';
import { ProfileConnector } from '../../../connectors/pos/profile-connector';
import { builtInProfile, withParameters } from '../../../connectors/pos/profile-loader';
import type { SqlDriver } from '../../../connectors/pos/drivers/sql-driver';
import { OSPOS_SCHEMA_MYSQL } from '../../../connectors/pos/ospos/ospos-schema';
import { createTestMariadbDatabase, type TestMariadbDatabase } from '../../helpers/mariadb';
import { loadOsposFixture } from './fixtures/ospos-fixture';

const byId = (items: PosItem[]) => Object.fromEntries(items.map((i) => [i.posId, i]));

describe('ospos profile on MariaDB', () => {
  let db: TestMariadbDatabase;
  let till: SqlDriver;
  const open: ProfileConnector[] = [];
  const connector = (options: Record<string, unknown> = {}) => {
    const c = new ProfileConnector(withParameters(builtInProfile('ospos'), options), db.driver());
    open.push(c);
    return c;
  };
  const write = (sql: string) => till.transaction((tx) => tx.query(sql), { mode: 'write' });

  beforeAll(async () => {
    db = await createTestMariadbDatabase('ospos', OSPOS_SCHEMA_MYSQL);
    till = db.driver();
  });
  afterAll(async () => { await db?.drop(); });
  beforeEach(async () => { await loadOsposFixture(till); });
  afterEach(async () => { await Promise.all(open.splice(0).map((c) => c.close())); });

  it('grosses net unit prices up by the item\'s taxes, leaves out deleted and stockless items, sums the chosen locations', async () => {
    const items = byId((await connector().readItems()).items);
    expect(Object.keys(items).sort()).toEqual(['11', '12', '14']);
    expect(items['11']).toEqual({
      posId: '11', sku: '4000000000111', name: 'Organic Green Tea 250 g', regularPrice: '3.99', salePrice: null, saleFrom: null, saleTo: null,
      onHand: 5, onHandByLocation: { 1: 5 }, onWeb: true, parentSku: null, parentPosId: null, isParent: false, attributes: {},
      description: 'Loose leaf.', category: 'Food & Drink', weight: null, barcode: null,
    });
    expect(items['12']).toMatchObject({ sku: 'MUG-1', regularPrice: '19.99', onHand: 0 });
    expect(items['14']).toMatchObject({ sku: 'TS-NAVY-M', regularPrice: '59.99', onHand: 3, parentSku: null });
    expect(byId((await connector({ locations: [1, 2] }).readItems()).items)['11']).toMatchObject({ onHand: 7.5, onHandByLocation: { 1: 5, 2: 2.5 } });
  });

  it('with OSPOS set to "tax included" the unit price is already the shop price', async () => {
    await loadOsposFixture(till, { taxIncluded: true });
    await write("UPDATE ospos_items SET unit_price = '19.99' WHERE item_id = 12");
    expect(byId((await connector().readItems()).items)['12']).toMatchObject({ regularPrice: '19.99' });
  });

  it('the table hash moves with every change the profile reads, including the tax-included switch', async () => {
    const c = connector();
    const marker = await c.changeMarker();
    expect(await c.changeMarker()).toBe(marker);
    let last = marker;
    for (const [what, sql] of [
      ['a till sale', 'UPDATE ospos_item_quantities SET quantity = quantity - 1 WHERE item_id = 11 AND location_id = 1'],
      ['a price edit', "UPDATE ospos_items SET unit_price = '17.49' WHERE item_id = 12"],
      ['a tax change', "UPDATE ospos_items_taxes SET percent = '5.000' WHERE item_id = 14"],
      ['an item deleted', 'UPDATE ospos_items SET deleted = 1 WHERE item_id = 11'],
      ['tax included switched on', "UPDATE ospos_app_config SET value = '1' WHERE `key` = 'tax_included'"],
    ] as const) {
      await write(sql);
      const next = await c.changeMarker();
      expect(next, what).not.toBe(last);
      last = next;
    }
    const items = byId((await c.readItems()).items);
    expect(items['11']).toBeUndefined();
    expect(items['12']).toMatchObject({ regularPrice: '17.49' });
  });

  it('check() names Open Source POS and the release its migrations belong to', async () => {
    const result = await connector().check();
    expect(result.problems).toEqual([]);
    expect(result.pos).toEqual({ name: 'Open Source POS', version: '3.4.2 or later (database migration 20250729170000)' });
    expect(result.message).toMatch(/\(Open Source POS 3\.4\.2 or later \(database migration 20250729170000\)\); the 8 statements and the \d+ export statements of profile "ospos" work\.$/);
  });
});
