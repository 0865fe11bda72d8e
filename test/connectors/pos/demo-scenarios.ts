/**
 * The demo profile's behaviour, written once and run against both drivers (SQLite and real
 * Firebird): the same profile must read the same items from the same tables on either engine.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { deleteDemoItem, sellDemoItem, setDemoStock, updateDemoItem } from '../../../connectors/pos/demo/demo-activity';
import type { PosItem } from '../../../connectors/core/pos-items-port';
import type { Profile } from '../../../connectors/pos/profile';
import { ProfileConnector } from '../../../connectors/pos/profile-connector';
import { builtInProfile, withParameters } from '../../../connectors/pos/profile-loader';
import type { SqlDriver } from '../../../connectors/pos/drivers/sql-driver';
import { loadDemoFixture } from './fixtures/demo-fixture';

export interface DemoTestEnv {
  /** A new driver for a connector under test (closed by the scenario). */
  connectorDriver(): SqlDriver;
  /** The "till": writes the way the POS software does. */
  pos: SqlDriver;
}

const byId = (items: PosItem[]) => Object.fromEntries(items.map((i) => [i.posId, i]));

export function demoProfileScenarios(getEnv: () => DemoTestEnv): void {
  const open: ProfileConnector[] = [];
  const connector = (profile: Profile = builtInProfile('demo')) => {
    const c = new ProfileConnector(profile, getEnv().connectorDriver());
    open.push(c);
    return c;
  };
  const zeroOverlap = () => {
    const p = builtInProfile('demo');
    p.changes.overlap = 0;
    return p;
  };

  beforeEach(async () => { await loadDemoFixture(getEnv().pos); });
  afterEach(async () => { await Promise.all(open.splice(0).map((c) => c.close())); });

  it('full read returns the web selection with exact prices, sale dates, summed stock and matrix links', async () => {
    const result = await connector().readItems();
    expect(result.complete).toBe(true);
    expect(result.removedPosIds).toEqual([]);
    const items = byId(result.items);
    expect(Object.keys(items).sort()).toEqual(['1', '2', '3', '5', '6', '7', '8']);
    expect(items['1']).toEqual({
      posId: '1', sku: 'MUG-1', name: 'Enamel Mug', regularPrice: '12.50', salePrice: null, saleFrom: null, saleTo: null,
      onHand: 8, onHandByLocation: { MAIN: 5, BACK: 3 }, onWeb: true, parentSku: null, parentPosId: null, isParent: false, attributes: {},
      description: 'A sturdy mug.', category: 'Kitchen', weight: '0.350', barcode: '2000000000015',
    });
    expect(items['2']).toMatchObject({ regularPrice: '4.99', salePrice: '3.99', saleFrom: '2026-06-01', saleTo: '2026-06-30', onHand: 10 });
    expect(items['3']).toMatchObject({ regularPrice: '29.00', salePrice: null, saleFrom: null, onHand: 0 });
    expect(items['5']).toMatchObject({ sku: 'TS-1', isParent: true, parentSku: null, attributes: {} });
    expect(items['6']).toMatchObject({ parentSku: 'TS-1', parentPosId: '5', isParent: false, attributes: { Size: 'M', Colour: 'Navy' }, onHand: 4, regularPrice: '20.00' });
    expect(items['7']).toMatchObject({ parentSku: 'TS-1', attributes: { Size: 'L', Colour: 'Navy' }, onHand: 2, regularPrice: '22.00' });
    expect(Object.keys(items['7']!.attributes)).toEqual(['Size', 'Colour']);
    expect(items['8']).toMatchObject({ sku: ' SPACE-1 ', name: 'Ünïcode Ñame', regularPrice: '1.10', onHand: 0 });
  });

  it('whole-catalogue profile puts every item on the web, including the unflagged one', async () => {
    const result = await connector(builtInProfile('demo-catalogue')).readItems();
    const items = byId(result.items);
    expect(Object.keys(items).sort()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(items['4']).toMatchObject({ onWeb: true, onHand: 7, regularPrice: '1.00' });
  });

  it('shop options choose the price levels and the counted locations', async () => {
    const onlyMain = byId((await connector(withParameters(builtInProfile('demo'), { locations: ['MAIN'] })).readItems()).items);
    expect(onlyMain['1']!.onHand).toBe(5);
    const withRepair = byId((await connector(withParameters(builtInProfile('demo'), { locations: ['MAIN', 'BACK', 'REPAIR'] })).readItems()).items);
    expect(withRepair['1']!.onHand).toBe(10);
    expect(withRepair['8']!.onHand).toBe(9);
    const trade = byId((await connector(withParameters(builtInProfile('demo'), { regularLevel: '3', saleLevel: null })).readItems()).items);
    expect(trade['1']).toMatchObject({ regularPrice: '10.00', salePrice: null });
    expect(trade['2']).toMatchObject({ regularPrice: '4.00', salePrice: null, saleFrom: null, saleTo: null });
  });

  it('change marker changes when, and only when, something changed', async () => {
    const c = connector();
    const env = getEnv();
    const m1 = await c.changeMarker();
    expect(await c.changeMarker()).toBe(m1);
    // A till transaction that is rolled back changes nothing.
    await env.pos.transaction(async (tx) => {
      await tx.query("UPDATE ITEMS SET PRICE1 = '99.99', CHANGED_AT = '2030-01-01 00:00:00.000' WHERE ID = 1");
      throw new Error('cashier cancelled');
    }, { mode: 'write' }).catch(() => undefined);
    // Firebird's marker counts record writes (MON$ counters), rolled back or not: one extra pass that finds nothing.
    const afterRollback = await c.changeMarker();
    if (env.pos.engine !== 'firebird') expect(afterRollback).toBe(m1);
    await sellDemoItem(env.pos, 1, 1);
    const m2 = await c.changeMarker();
    expect(m2).not.toBe(afterRollback);
    expect(await c.changeMarker()).toBe(m2);
    await updateDemoItem(env.pos, 4, { WEB: 1 });
    const m3 = await c.changeMarker();
    expect(m3).not.toBe(m2);
    await deleteDemoItem(env.pos, 3);
    expect(await c.changeMarker()).not.toBe(m3);
  });

  it('incremental read returns exactly the changed items, including one that left the web selection', async () => {
    const c = connector(zeroOverlap());
    const full = await c.readItems();
    const env = getEnv();
    await sellDemoItem(env.pos, 1, 2);
    await updateDemoItem(env.pos, 2, { WEB: 0 });
    await updateDemoItem(env.pos, 4, { WEB: 1, PRICE1: '1.50' });
    const inc = await c.readItems({ since: full.cursor });
    expect(inc.complete).toBe(false);
    const items = byId(inc.items);
    expect(Object.keys(items).sort()).toEqual(['1', '2', '4']);
    expect(items['1']).toMatchObject({ onHand: 6, onWeb: true });
    expect(items['2']).toMatchObject({ onWeb: false, sku: 'TEA-1' });
    expect(items['4']).toMatchObject({ onWeb: true, regularPrice: '1.50', onHand: 7 });

    // Nothing changed since: the next read is empty, and the cursor moved on.
    const quiet = await c.readItems({ since: inc.cursor });
    expect(quiet.items).toEqual([]);
  });

  it('incremental read re-reads the overlap window and brings the parent of a changed variation', async () => {
    const c = connector();
    const full = await c.readItems();
    await setDemoStock(getEnv().pos, 7, 'MAIN', 6); // creates the missing MAIN row of a variation
    const items = byId((await c.readItems({ since: full.cursor })).items);
    expect(items['7']).toMatchObject({ onHand: 8, parentSku: 'TS-1' });
    expect(items['5']).toMatchObject({ isParent: true });
    // Item 8 changed within the 120 s before the previous high-water mark: read again, harmlessly.
    expect(items['8']).toBeDefined();
    expect(items['1']).toBeUndefined();
  });

  it('a deleted item disappears from the next full read (incremental reads cannot see hard deletes)', async () => {
    const c = connector(zeroOverlap());
    const full = await c.readItems();
    await deleteDemoItem(getEnv().pos, 3);
    const inc = await c.readItems({ since: full.cursor });
    expect(inc.items.map((i) => i.posId)).not.toContain('3');
    const again = await c.readItems();
    expect(again.items.map((i) => i.posId).sort()).toEqual(['1', '2', '5', '6', '7', '8']);
  });

  it('check() passes on a good setup and names the statement and column of a bad mapping', async () => {
    const ok = await connector().check();
    expect(ok.problems).toEqual([]);
    expect(ok.ok).toBe(true);
    expect(ok.message).toMatch(/^Connected to (Firebird|SQLite) .*statements of profile "demo" work/);

    const bad = builtInProfile('demo');
    bad.items.columns.sku = 'SKUU';
    bad.stock!.sql = 'SELECT s.ITEM_ID AS POS_ID, s.LOCATION, s.QTY FROM STOCKS s WHERE s.LOCATION IN (:locations)';
    const result = await connector(bad).check();
    expect(result.ok).toBe(false);
    const items = result.problems.find((p) => p.statement === 'items.sql');
    expect(items?.message).toMatch(/"items\.sql" returns no column SKUU \(mapped by items\.columns\.sku\)/);
    const stock = result.problems.find((p) => p.statement === 'stock.sql');
    expect(stock?.code).toBe('bad-sql');
    expect(stock?.message).toMatch(/The profile statement "stock\.sql" failed: .*STOCKS/i);
  });
}
