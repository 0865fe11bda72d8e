import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCatalogue } from '../../../connectors/pos/demo/demo-data';
import { createSqliteDemoPos } from '../../../connectors/pos/demo/demo-pos';
import { SqliteDriver } from '../../../connectors/pos/drivers/sqlite-driver';
import { matrixRetailCatalogue } from '../../../connectors/pos/matrix-retail/matrix-retail-data';
import { createMatrixRetailPos } from '../../../connectors/pos/matrix-retail/matrix-retail-pos';
import { ProfileConnector } from '../../../connectors/pos/profile-connector';
import { builtInProfile } from '../../../connectors/pos/profile-loader';

describe('demo data generators', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'tb-generators-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the same seed gives the same catalogue; another seed another one', () => {
    const a = [...demoCatalogue({ items: 300, seed: 5 })];
    const b = [...demoCatalogue({ items: 300, seed: 5 })];
    const c = [...demoCatalogue({ items: 300, seed: 6 })];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a).toHaveLength(300);
    expect(a.map((e) => e.item.ID)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
  });

  it('makes believable, well-formed rows with matrix groups and missing stock rows', () => {
    const entries = [...demoCatalogue({ items: 3000, seed: 1 })];
    const skus = new Set(entries.map((e) => e.item.SKU));
    expect(skus.size).toBe(3000);
    const odd = entries.filter(({ item, stock }) => !/^\d+\.\d{2}$/.test(item.PRICE1 ?? '')
      || (item.PRICE2 !== null && !(Number(item.PRICE2) < Number(item.PRICE1)))
      || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/.test(item.CHANGED_AT)
      || (item.BARCODE !== null && !/^20\d{11}$/.test(item.BARCODE))
      || stock.some((s) => !['MAIN', 'BACK', 'REPAIR'].includes(s.LOCATION)));
    expect(odd).toEqual([]);
    const children = entries.filter((e) => e.item.PARENT_ID !== null);
    expect(children.length).toBeGreaterThan(50);
    const ids = new Set(entries.map((e) => e.item.ID));
    expect(children.filter((c) => !ids.has(c.item.PARENT_ID!))).toEqual([]);
    expect(entries.filter((e) => e.stock.length === 0 && e.item.PARENT_ID === null).length).toBeGreaterThan(100);
    expect(entries.filter((e) => e.item.PROMO_FROM !== null).length).toBeGreaterThan(100);
  });

  it('builds an embedded demo POS file that the demo profile reads, and never overwrites a file', async () => {
    const file = join(dir, 'demo.sqlite');
    const stats = await createSqliteDemoPos(file, { items: 2000, seed: 3 });
    expect(stats.items).toBe(2000);
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    const connector = new ProfileConnector(builtInProfile('demo'), new SqliteDriver({ file }));
    expect((await connector.check()).ok).toBe(true);
    const read = await connector.readItems();
    // Web items, plus matrix parents of web children (which share their flag here).
    expect(read.items.length).toBe(stats.webItems);
    expect(read.items.some((i) => i.parentSku !== null && Object.keys(i.attributes).length === 2)).toBe(true);
    await connector.close();

    const occupied = join(dir, 'occupied.sqlite');
    writeFileSync(occupied, 'precious');
    await expect(createSqliteDemoPos(occupied, { items: 1 })).rejects.toThrow(/already exists/);
  });

  it('matrix-retail data grosses up to shop prices and loads into its SQLite twin, readable by its profile', async () => {
    const entries = [...matrixRetailCatalogue({ products: 500, seed: 2 })];
    expect(entries).toEqual([...matrixRetailCatalogue({ products: 500, seed: 2 })]);
    expect(entries.some((e) => e.product.PRODUCT_TYPE === 'M')).toBe(true);

    const file = join(dir, 'matrix.sqlite');
    new Database(file).close();
    const driver = new SqliteDriver({ file });
    const stats = await createMatrixRetailPos(driver, { products: 500, seed: 2 });
    expect(stats.products).toBe(500);
    const connector = new ProfileConnector(builtInProfile('matrix-retail'), driver);
    expect((await connector.check()).problems).toEqual([]);
    const read = await connector.readItems();
    expect(read.items.length).toBeGreaterThan(200);
    expect(read.items.filter((x) => !x.isParent && !/^\d+\.(\d9|00|50|95|49)$/.test(x.regularPrice ?? ''))).toEqual([]);
    expect(read.items.some((i) => i.isParent)).toBe(true);
    await connector.close();
  });
});
