import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatWallClock } from '../../../connectors/pos/drivers/wall-clock';
import { MATRIX_RETAIL_SCHEMA_FIREBIRD } from '../../../connectors/pos/matrix-retail/matrix-retail-schema';
import type { PosItem } from '../../../connectors/core/pos-items-port';
import type { Profile } from '../../../connectors/pos/profile';
import { ProfileConnector } from '../../../connectors/pos/profile-connector';
import { builtInProfile, withParameters } from '../../../connectors/pos/profile-loader';
import type { SqlDriver } from '../../../connectors/pos/drivers/sql-driver';
import type { SqlParams } from '../../../connectors/pos/drivers/sql-params';
import { createTestFirebirdDatabase, type TestFirebirdDatabase } from '../../helpers/firebird';
import { loadMatrixRetailFixture } from './fixtures/matrix-retail-fixture';

const byId = (items: PosItem[]) => Object.fromEntries(items.map((i) => [i.posId, i]));

describe('matrix-retail profile on Firebird', () => {
  let db: TestFirebirdDatabase;
  let pos: SqlDriver;
  const open: ProfileConnector[] = [];
  const connector = (profile: Profile = builtInProfile('matrix-retail')) => {
    const c = new ProfileConnector(profile, db.driver());
    open.push(c);
    return c;
  };
  /** The built-in profile without the overlap window, so "exactly these items changed" can be asserted. */
  const exact = () => {
    const p = builtInProfile('matrix-retail');
    p.changes.overlap = 0;
    return p;
  };
  /** A till/back-office write, stamping MODIFIED like the ERP does. */
  const posWrite = (sql: string, params: SqlParams = {}) =>
    pos.transaction((tx) => tx.query(sql, { ...params, now: formatWallClock(new Date()) }), { mode: 'write' });

  beforeAll(async () => {
    db = await createTestFirebirdDatabase('matrix-retail', MATRIX_RETAIL_SCHEMA_FIREBIRD);
    pos = db.driver();
  });
  afterAll(async () => { await db?.drop(); });
  beforeEach(async () => { await loadMatrixRetailFixture(pos); });
  afterEach(async () => { await Promise.all(open.splice(0).map((c) => c.close())); });

  it('grosses up net prices exactly, inherits parent prices, sums counted branches and links variations', async () => {
    const result = await connector().readItems();
    const items = byId(result.items);
    expect(Object.keys(items).sort((a, b) => Number(a) - Number(b))).toEqual(['1', '2', '10', '11', '12']);
    expect(items['1']).toEqual({
      posId: '1', sku: '100001', name: 'Organic Green Tea 250 g', regularPrice: '3.99', salePrice: null, saleFrom: null, saleTo: null,
      onHand: 7.5, onHandByLocation: { SHOP: 5, WH1: 2.5 }, onWeb: true, parentSku: null, parentPosId: null, isParent: false, attributes: {},
      description: 'Loose leaf.\nSold by weight.', category: 'Food & Drink', weight: '0.250', barcode: '5000000000014',
    });
    expect(items['2']).toMatchObject({ regularPrice: '19.99', salePrice: '14.99', saleFrom: '2026-06-01', saleTo: '2026-06-14', onHand: 0 });
    expect(items['10']).toMatchObject({ sku: '200010', isParent: true, regularPrice: '59.99', salePrice: '49.99', parentSku: null });
    expect(items['11']).toMatchObject({
      sku: '200010-NAVY-M', parentSku: '200010', parentPosId: '10', attributes: { Size: 'M', Colour: 'Navy' },
      regularPrice: '59.99', salePrice: '49.99', saleFrom: '2026-06-01', saleTo: '2026-06-30', onHand: 4, onWeb: true,
    });
    expect(items['12']).toMatchObject({ regularPrice: '63.99', salePrice: '49.99', onHand: 0, attributes: { Size: 'XL', Colour: 'Navy' } });
  });

  it('another web store is another selection', async () => {
    const items = byId((await connector(withParameters(builtInProfile('matrix-retail'), { webStore: 2 })).readItems()).items);
    expect(Object.keys(items).sort()).toEqual(['2', '3']);
    expect(items['3']).toMatchObject({ regularPrice: '10.00', onHand: 1, onWeb: true });
  });

  it('notices membership rows deleted or added without any change time, and products deleted outright', async () => {
    const c = connector(exact());
    const full = await c.readItems();
    await posWrite('DELETE FROM WEB_STORE_PRODUCTS WHERE STORE_ID = 1 AND PRODUCT_ID = 1');
    await posWrite('INSERT INTO WEB_STORE_PRODUCTS (STORE_ID, PRODUCT_ID, ADDED_AT) VALUES (1, 3, :now)');
    const inc = await c.readItems({ since: full.cursor });
    const items = byId(inc.items);
    expect(items['1']).toMatchObject({ onWeb: false, sku: '100001' });
    expect(items['3']).toMatchObject({ onWeb: true, regularPrice: '10.00' });
    expect(items['2']).toBeUndefined();

    await posWrite('DELETE FROM WEB_STORE_PRODUCTS WHERE PRODUCT_ID = 2');
    await posWrite('DELETE FROM PRODUCT_PRICES WHERE PRODUCT_ID = 2');
    await posWrite('DELETE FROM PRODUCTS WHERE PRODUCT_ID = 2');
    const after = await c.readItems({ since: inc.cursor });
    expect(after.removedPosIds).toEqual(['2']);
    expect(after.items.map((i) => i.posId)).not.toContain('2');
  });

  it('a variant switched off or on in the ERP leaves or joins the selection through its parent', async () => {
    const c = connector(exact());
    const full = await c.readItems();
    await posWrite("UPDATE PRODUCTS SET ACTIVE = 'N', MODIFIED = :now WHERE PRODUCT_ID = 11");
    await posWrite("UPDATE PRODUCTS SET ACTIVE = 'Y', MODIFIED = :now WHERE PRODUCT_ID = 13");
    const items = byId((await c.readItems({ since: full.cursor })).items);
    expect(items['11']).toMatchObject({ onWeb: false, parentSku: '200010' });
    expect(items['13']).toMatchObject({ onWeb: true, parentSku: '200010', attributes: { Size: 'S', Colour: 'Navy' }, onHand: 2 });
    expect(items['10']).toMatchObject({ onWeb: true, isParent: true });
  });

  it('a parent price change reaches the variations that inherit it', async () => {
    const c = connector(exact());
    const full = await c.readItems();
    const marker = await c.changeMarker();
    await posWrite("UPDATE PRODUCT_PRICES SET NET_PRICE = '33.3250', MODIFIED = :now WHERE PRODUCT_ID = 10 AND LEVEL_CODE = 'PRM'");
    expect(await c.changeMarker()).not.toBe(marker);
    const items = byId((await c.readItems({ since: full.cursor })).items);
    expect(items['10']).toMatchObject({ salePrice: '39.99' });
    expect(items['11']).toMatchObject({ salePrice: '39.99', regularPrice: '59.99' });
    expect(items['12']).toMatchObject({ salePrice: '39.99', regularPrice: '63.99' });
    expect(items['1']).toBeUndefined();
  });

  it('stock moves in a branch that does not count change the marker but not the quantity', async () => {
    const c = connector();
    const full = await c.readItems();
    await posWrite("UPDATE STOCK_LEVELS SET QTY = QTY + 10, MODIFIED = :now WHERE PRODUCT_ID = 1 AND BRANCH_CODE = 'OUTL'");
    await posWrite("INSERT INTO STOCK_LEVELS (PRODUCT_ID, BRANCH_CODE, QTY, MODIFIED) VALUES (12, 'WH1', '6.000', :now)");
    const items = byId((await c.readItems({ since: full.cursor })).items);
    expect(items['1']).toMatchObject({ onHand: 7.5 });
    expect(items['12']).toMatchObject({ onHand: 6, parentSku: '200010' });
  });

  it('check() prepares every statement and finds every mapped column', async () => {
    const result = await connector().check();
    expect(result.problems).toEqual([]);
    expect(result.message).toMatch(/^Connected to Firebird 3\.\d+\.\d+; the 14 statements and the \d+ export statements of profile "matrix-retail" work\.$/);
  });
});
