/**
 * The generated POS databases (what `tillbridge demo` and trials start from) are bookable as
 * they come: customers with the WEB account, and for matrix-retail the counters, registers and
 * one open till session. Both profiles' exports run on the SQLite twins too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteDemoPos } from '../../../../connectors/pos/demo/demo-pos';
import { SqliteDriver } from '../../../../connectors/pos/drivers/sqlite-driver';
import { createMatrixRetailPos } from '../../../../connectors/pos/matrix-retail/matrix-retail-pos';
import { builtInProfile } from '../../../../connectors/pos/profile-loader';
import { ProfilePosOrderPort } from '../../../../connectors/pos/profile-order-port';
import { byEmail, dec, sampleOrder, webAccount } from './order-samples';

describe('generated POS databases take web orders', () => {
  let dir: string;
  const closers: { close(): Promise<void> }[] = [];
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'tb-generated-export-')); });
  afterAll(async () => {
    await Promise.all(closers.map((c) => c.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('the demo POS: a customer book with the WEB account, and an order booked against generated items', async () => {
    const file = join(dir, 'demo.sqlite');
    const stats = await createSqliteDemoPos(file, { items: 300, seed: 5 });
    expect(stats.customers).toBe(21);
    const till = new SqliteDriver({ file });
    closers.push(till);
    expect(await till.query("SELECT COUNT(*) AS N FROM CUSTOMERS WHERE ACCOUNT = 'WEB'")).toEqual([{ N: 1 }]);
    expect((await till.query('SELECT COUNT(DISTINCT UPPER(EMAIL)) AS N FROM CUSTOMERS WHERE EMAIL IS NOT NULL'))[0]!.N).toBe(20);

    const skus = (await till.query('SELECT SKU FROM ITEMS WHERE PARENT_ID IS NOT NULL OR ID NOT IN (SELECT PARENT_ID FROM ITEMS WHERE PARENT_ID IS NOT NULL) ORDER BY ID')).map((r) => String(r.SKU));
    const port = new ProfilePosOrderPort(builtInProfile('demo'), new SqliteDriver({ file }));
    closers.push(port);
    expect([...await port.knownSkus([skus[0]!, skus[1]!.toLowerCase(), 'NOT-IN-POS'])]).toEqual([skus[0], skus[1]!.toLowerCase()]);
    const existing = String((await till.query('SELECT EMAIL FROM CUSTOMERS WHERE EMAIL IS NOT NULL ORDER BY ID'))[0]!.EMAIL);
    expect(await port.exportOrder(sampleOrder({ reference: '501', skus: [skus[0]!, skus[1]!], customer: byEmail(existing.toUpperCase()) }))).toEqual({ invoiceNumber: '10001' });
    expect(await till.query('SELECT COUNT(*) AS N FROM CUSTOMERS')).toEqual([{ N: 21 }]);
  });

  it('matrix-retail (SQLite twin): counters, registers and one open till session; the same export profile books there too', async () => {
    const file = join(dir, 'matrix.sqlite');
    new Database(file).close();
    const till = new SqliteDriver({ file });
    closers.push(till);
    await createMatrixRetailPos(till, { products: 200, seed: 3 });
    expect(await till.query('SELECT REGISTER_ID FROM REGISTER_SESSIONS WHERE CLOSED_AT IS NULL')).toEqual([{ REGISTER_ID: 1 }]);
    expect(await till.query("SELECT COUNT(*) AS N FROM CUSTOMERS WHERE ACCOUNT_CODE = 'WEB'")).toEqual([{ N: 1 }]);

    const skus = (await till.query("SELECT PRODUCT_CODE FROM PRODUCTS WHERE PRODUCT_TYPE <> 'M' ORDER BY PRODUCT_ID")).map((r) => String(r.PRODUCT_CODE));
    const port = new ProfilePosOrderPort(builtInProfile('matrix-retail'), new SqliteDriver({ file }));
    closers.push(port);
    expect(await port.exportOrder(sampleOrder({ reference: '601', skus: [skus[0]!, skus[1]!], customer: byEmail('first.time@example.org') }))).toEqual({ invoiceNumber: 'IN100001' });
    expect(await port.exportOrder(sampleOrder({ reference: '602', skus: [skus[2]!, skus[3]!], customer: webAccount() }))).toEqual({ invoiceNumber: 'IN100002' });
    expect((await till.query("SELECT ACCOUNT_CODE FROM CUSTOMERS WHERE EMAIL = 'first.time@example.org'"))).toEqual([{ ACCOUNT_CODE: 'C21' }]);
    const sale = (await till.query("SELECT NET_TOTAL, TAX_TOTAL, GROSS_TOTAL, STATUS FROM SALES WHERE DOC_NO = 'IN100001'"))[0]!;
    expect([dec(sale.NET_TOTAL), dec(sale.TAX_TOTAL), dec(sale.GROSS_TOTAL), sale.STATUS]).toEqual(['38.5', '7.7', '46.2', 'C']);
    expect(await till.query("SELECT COUNT(*) AS N FROM SALE_LINES l JOIN SALES s ON s.SALE_ID = l.SALE_ID WHERE s.DOC_NO = 'IN100001'")).toEqual([{ N: 4 }]);
  });
});
