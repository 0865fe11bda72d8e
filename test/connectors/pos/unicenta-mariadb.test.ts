import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PosItem } from '../../../connectors/core/pos-items-port';
import { ProfileConnector } from '../../../connectors/pos/profile-connector';
import { builtInProfile, withParameters } from '../../../connectors/pos/profile-loader';
import type { SqlDriver } from '../../../connectors/pos/drivers/sql-driver';
import { UNICENTA_SCHEMA_MYSQL } from '../../../connectors/pos/unicenta/unicenta-schema';
import { createTestMariadbDatabase, type TestMariadbDatabase } from '../../helpers/mariadb';
import { UC, loadUnicentaFixture } from './fixtures/unicenta-fixture';

const byId = (items: PosItem[]) => Object.fromEntries(items.map((i) => [i.posId, i]));

describe('unicenta profile on MariaDB', () => {
  let db: TestMariadbDatabase;
  let till: SqlDriver;
  const open: ProfileConnector[] = [];
  const connector = (options: Record<string, unknown> = {}) => {
    const c = new ProfileConnector(withParameters(builtInProfile('unicenta'), options), db.driver());
    open.push(c);
    return c;
  };
  const write = (sql: string, params = {}) => till.transaction((tx) => tx.query(sql, params), { mode: 'write' });

  beforeAll(async () => {
    db = await createTestMariadbDatabase('unicenta', UNICENTA_SCHEMA_MYSQL);
    till = db.driver();
  });
  afterAll(async () => { await db?.drop(); });
  beforeEach(async () => { await loadUnicentaFixture(till); });
  afterEach(async () => { await Promise.all(open.splice(0).map((c) => c.close())); });

  it('grosses up the net DOUBLE prices with the tax category\'s rate, reads variants from attribute set instances, packs from their components', async () => {
    const items = byId((await connector().readItems()).items);
    expect(items[UC.tea]).toEqual({
      posId: UC.tea, sku: '300001', name: 'Organic Green Tea 250 g', regularPrice: '3.99', salePrice: null, saleFrom: null, saleTo: null,
      onHand: 5, onHandByLocation: { 0: 5 }, onWeb: true, parentSku: null, parentPosId: null, isParent: false, attributes: {},
      description: null, category: 'Food & Drink', weight: null, barcode: '2100000000012',
    });
    expect(items[UC.mug]).toMatchObject({ regularPrice: '19.99', onHand: 0, onWeb: true });
    expect(items[UC.screws]).toBeUndefined(); // not in the till's catalogue: not on the web
    expect(items[UC.jumper]).toMatchObject({ sku: '300010', isParent: true, regularPrice: '59.99', onWeb: true });
    expect(items[`${UC.jumper}/${UC.navyM}`]).toMatchObject({
      sku: '300010-M-Navy', name: 'Merino Jumper M, Navy', parentSku: '300010', parentPosId: UC.jumper, attributes: { Size: 'M', Colour: 'Navy' },
      regularPrice: '59.99', onHand: 3, onWeb: true, isParent: false,
    });
    expect(items[`${UC.jumper}/${UC.navyXl}`]).toMatchObject({ sku: '300010-XL-Navy', onHand: 0 });
    expect(items[`${UC.jumper}/${UC.greenS}`]).toMatchObject({ sku: '300010-S-ForestGreen', attributes: { Size: 'S', Colour: 'Forest Green' }, onHand: 0 });
    // The pack: 5 teas at "General" make 2 packs of 2; 4 boxes of screws would make 4.
    expect(items[UC.pack]).toMatchObject({ sku: '300020', regularPrice: '24.99', onHand: 2, isParent: false });
  });

  it('counts the locations the shop chose', async () => {
    const items = byId((await connector({ locations: ['0', 'WH'] }).readItems()).items);
    expect(items[UC.tea]).toMatchObject({ onHand: 7.5, onHandByLocation: { 0: 5, WH: 2.5 } });
    expect(items[`${UC.jumper}/${UC.navyXl}`]).toMatchObject({ onHand: 6 });
    expect(items[UC.pack]).toMatchObject({ onHand: 2 }); // the warehouse has tea (1 pack) but no screws
  });

  it('the table hash moves with every change the profile reads (no change columns) and stays put otherwise', async () => {
    const c = connector();
    const marker = await c.changeMarker();
    expect(await c.changeMarker()).toBe(marker);
    const moves: [string, string][] = [
      ['a till sale', `UPDATE stockcurrent SET units = units - 1 WHERE product = '${UC.tea}' AND location = '0'`],
      ['a price edit', `UPDATE products SET pricesell = 20 WHERE id = '${UC.mug}'`],
      ['a product leaves the catalogue', `DELETE FROM products_cat WHERE product = '${UC.mug}'`],
      ['a tax rate change', "UPDATE taxes SET rate = 0.21 WHERE id = '001'"],
      ['a new variant stock row', `INSERT INTO stockcurrent (location, product, attributesetinstance_id, units) VALUES ('WH', '${UC.jumper}', '${UC.greenS.replace(/1$/, '2')}', 1)`],
    ];
    let last = marker;
    for (const [what, sql] of moves) {
      await write(sql);
      const next = await c.changeMarker();
      expect(next, what).not.toBe(last);
      last = next;
    }
    const items = byId((await c.readItems()).items);
    expect(items[UC.mug]).toBeUndefined(); // left the catalogue
    expect(items[UC.jumper]).toMatchObject({ regularPrice: '60.49' }); // 59.99 / 1.2 × 1.21
    expect(items[UC.tea]).toMatchObject({ onHand: 4 });
  });

  it('check() names uniCenta and its version, and says so when the database is another POS', async () => {
    const result = await connector().check();
    expect(result.problems).toEqual([]);
    expect(result.pos).toEqual({ name: 'uniCenta oPOS', version: '4.2.2' });
    expect(result.message).toMatch(/^Connected to MariaDB [\d.]+[^ ]* \(uniCenta oPOS 4\.2\.2\); the 16 statements and the \d+ export statements of profile "unicenta" work\.$/);

    const other = await createTestMariadbDatabase('not-unicenta', ['CREATE TABLE ITEMS (ID INT PRIMARY KEY)']);
    try {
      const wrong = new ProfileConnector(builtInProfile('unicenta'), other.driver());
      const r = await wrong.check();
      await wrong.close();
      expect(r.ok).toBe(false);
      expect(r.pos).toBeUndefined();
      expect(r.message).toMatch(/^This database does not look like the POS the profile "unicenta" is written for: .*applications/);
    } finally {
      await other.drop();
    }
  });
});
