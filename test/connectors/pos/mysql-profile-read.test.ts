/**
 * The profile runner on MariaDB: the demo profile's reading part (portable SQL), declared for
 * 'mysql', over the demo tables written in MariaDB's DDL. Shows the chain works end to end
 * (check(), full and incremental reads with the id-batch wrapper, the change marker) and that a
 * profile not written for 'mysql' is refused. The built-in profiles for MySQL POS systems come
 * with their own tests.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PosItem } from '../../../connectors/core/pos-items-port';
import { createSqlDriver } from '../../../connectors/pos/open-pos';
import { parseProfile } from '../../../connectors/pos/profile';
import { ProfileConnector } from '../../../connectors/pos/profile-connector';
import { builtInProfile } from '../../../connectors/pos/profile-loader';
import { createTestMariadbDatabase, type TestMariadbDatabase } from '../../helpers/mariadb';
import { loadDemoFixture } from './fixtures/demo-fixture';

const SCHEMA = [
  'CREATE TABLE LOCATIONS (CODE VARCHAR(10) NOT NULL PRIMARY KEY, NAME VARCHAR(60) NOT NULL) ENGINE=InnoDB',
  `CREATE TABLE ITEMS (ID INT NOT NULL PRIMARY KEY, SKU VARCHAR(60), NAME VARCHAR(200), DESCRIPTION VARCHAR(2000),
    CATEGORY VARCHAR(60), WEIGHT DECIMAL(9,3), BARCODE VARCHAR(20), PRICE1 DECIMAL(15,2), PRICE2 DECIMAL(15,2),
    PROMO_FROM DATE, PROMO_TO DATE, PRICE3 DECIMAL(15,2), WEB SMALLINT NOT NULL DEFAULT 0, PARENT_ID INT,
    SIZE_NAME VARCHAR(20), COLOUR_NAME VARCHAR(30), CHANGED_AT DATETIME(3) NOT NULL, KEY ITEMS_CHANGED_AT (CHANGED_AT)) ENGINE=InnoDB`,
  `CREATE TABLE STOCK (ITEM_ID INT NOT NULL, LOCATION VARCHAR(10) NOT NULL, QTY INT NOT NULL, CHANGED_AT DATETIME(3) NOT NULL,
    PRIMARY KEY (ITEM_ID, LOCATION), KEY STOCK_CHANGED_AT (CHANGED_AT)) ENGINE=InnoDB`,
];

/** The demo profile's reading part, declared for MariaDB/MySQL. */
function mysqlDemoProfile(overlap = 120) {
  const { export: _export, ...reading } = structuredClone(builtInProfile('demo'));
  return parseProfile({ ...reading, name: 'demo-on-mysql', engines: ['mysql'], changes: { ...reading.changes, overlap }, tuning: { idsPerStatement: 2, fullReadAbove: 5000 } });
}

const byId = (items: PosItem[]) => Object.fromEntries(items.map((i) => [i.posId, i]));

describe('profile runner on MariaDB', () => {
  let db: TestMariadbDatabase;
  const open: ProfileConnector[] = [];
  const connector = (profile = mysqlDemoProfile()) => {
    const c = new ProfileConnector(profile, createSqlDriver({ driver: 'mysql', mysql: db.config }));
    open.push(c);
    return c;
  };

  beforeAll(async () => { db = await createTestMariadbDatabase('profile', SCHEMA); });
  afterAll(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
    await db?.drop();
  });
  beforeEach(async () => { await loadDemoFixture(db.driver()); });

  it('check() prepares every statement and names the server', async () => {
    const result = await connector().check();
    expect(result.ok).toBe(true);
    expect(result.message).toMatch(/MariaDB \d+\.\d+/);
  });

  it('full read: exact prices, sale dates, summed stock, matrix links, unicode', async () => {
    const items = byId((await connector().readItems()).items);
    expect(Object.keys(items).sort()).toEqual(['1', '2', '3', '5', '6', '7', '8']);
    expect(items['1']).toEqual({
      posId: '1', sku: 'MUG-1', name: 'Enamel Mug', regularPrice: '12.50', salePrice: null, saleFrom: null, saleTo: null,
      onHand: 8, onHandByLocation: { MAIN: 5, BACK: 3 }, onWeb: true, parentSku: null, parentPosId: null, isParent: false, attributes: {},
      description: 'A sturdy mug.', category: 'Kitchen', weight: '0.350', barcode: '2000000000015',
    });
    expect(items['2']).toMatchObject({ regularPrice: '4.99', salePrice: '3.99', saleFrom: '2026-06-01', saleTo: '2026-06-30', onHand: 10 });
    expect(items['7']).toMatchObject({ parentSku: 'TS-1', parentPosId: '5', attributes: { Size: 'L', Colour: 'Navy' }, onHand: 2 });
    expect(items['8']).toMatchObject({ sku: ' SPACE-1 ', name: 'Ünïcode Ñame', regularPrice: '1.10' });
  });

  it('incremental read (ids in batches through the derived-table wrapper) and the change marker', async () => {
    const c = connector(mysqlDemoProfile(0));
    const full = await c.readItems();
    const m1 = await c.changeMarker();
    const till = db.driver();
    await till.transaction(async (tx) => {
      await tx.query("UPDATE STOCK SET QTY = 1, CHANGED_AT = '2026-02-01 10:00:00.000' WHERE ITEM_ID = 1 AND LOCATION = 'MAIN'");
      await tx.query("UPDATE ITEMS SET WEB = 0, CHANGED_AT = '2026-02-01 10:00:00.000' WHERE ID = 2");
      await tx.query("UPDATE ITEMS SET WEB = 1, PRICE1 = '1.50', CHANGED_AT = '2026-02-01 10:00:00.000' WHERE ID = 4");
    }, { mode: 'write' });
    expect(await c.changeMarker()).not.toBe(m1);
    const inc = await c.readItems({ since: full.cursor });
    const items = byId(inc.items);
    expect(Object.keys(items).sort()).toEqual(['1', '2', '4']);
    expect(items['1']).toMatchObject({ onHand: 4, onWeb: true });
    expect(items['2']).toMatchObject({ onWeb: false });
    expect(items['4']).toMatchObject({ onWeb: true, regularPrice: '1.50', onHand: 7 });
    expect((await c.readItems({ since: inc.cursor })).items).toEqual([]);
  });

  it('refuses a profile written for other engines', async () => {
    const result = await connector(builtInProfile('demo')).check();
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/written for sqlite and firebird, not mysql/);
  });
});
