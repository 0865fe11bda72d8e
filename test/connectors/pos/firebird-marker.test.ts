/**
 * The demo profile's Firebird marker (changes.markerSqlFor.firebird): MAX(CHANGED_AT) from the
 * descending indexes plus Firebird's own record counters (MON$TABLE_STATS), no table scan. It
 * must move on every committed insert, update and delete, also when the change was still
 * uncommitted while the marker was taken (the engine stores the marker it took before reading),
 * and stay put while nothing is written. Rows read are counted by the server, never timed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteDemoItem, setDemoStock, updateDemoItem } from '../../../connectors/pos/demo/demo-activity';
import { ProfileConnector } from '../../../connectors/pos/profile-connector';
import { builtInProfile } from '../../../connectors/pos/profile-loader';
import { markerStatements } from '../../../connectors/pos/profile-rules';
import type { SqlDriver } from '../../../connectors/pos/drivers/sql-driver';
import { DEMO_SCHEMA_FIREBIRD } from '../../../connectors/pos/demo/demo-schema';
import { createTestFirebirdDatabase, type TestFirebirdDatabase } from '../../helpers/firebird';
import { loadDemoFixture } from './fixtures/demo-fixture';

describe('the demo profile\'s Firebird change marker', { timeout: 60_000 }, () => {
  let db: TestFirebirdDatabase;
  let till: SqlDriver;
  let c: ProfileConnector;

  beforeAll(async () => {
    db = await createTestFirebirdDatabase('marker', DEMO_SCHEMA_FIREBIRD);
    till = db.driver();
    await loadDemoFixture(till);
    c = new ProfileConnector(builtInProfile('demo'), db.driver());
  });
  afterAll(async () => { await c.close(); await db.drop(); });

  it('uses the Firebird statements, and check() accepts them', async () => {
    expect(markerStatements(builtInProfile('demo'), 'firebird')[0]).toBe('changes.markerSqlFor.firebird');
    expect(markerStatements(builtInProfile('demo'), 'sqlite')[0]).toBe('changes.markerSql');
    const result = await c.check();
    expect(result.problems).toEqual([]);
  });

  it('stays put while nothing is written, reads included', async () => {
    const m = await c.changeMarker();
    await c.readItems();
    expect(await c.changeMarker()).toBe(m);
  });

  it('moves on a committed update, insert and delete (deletes without a change time too)', async () => {
    let last = await c.changeMarker();
    const moves: [string, () => Promise<unknown>][] = [
      ['a price change', () => updateDemoItem(till, 1, { PRICE1: '13.00' })],
      ['a stock change', () => setDemoStock(till, 2, 'MAIN', 17)],
      ['an insert', () => till.transaction((tx) => tx.query("INSERT INTO ITEMS (ID, SKU, NAME, WEB, CHANGED_AT) VALUES (900, 'M-1', 'M', 1, '2000-01-01 00:00:00')"), { mode: 'write' })],
      ['a delete', () => deleteDemoItem(till, 900)],
      // A row that keeps an old change time: MAX(CHANGED_AT) cannot see it, the record counters do.
      ['an update with an old change time', () => till.transaction((tx) => tx.query("UPDATE ITEMS SET NAME = 'Old time', CHANGED_AT = '2000-01-01 00:00:00' WHERE ID = 3"), { mode: 'write' })],
    ];
    for (const [what, change] of moves) {
      await change();
      const next = await c.changeMarker();
      expect(next, what).not.toBe(last);
      last = next;
    }
  });

  it('a user who may not see other attachments\' counters gets the row counts instead (the old cost, still correct)', async () => {
    const [, list] = markerStatements(builtInProfile('demo'), 'firebird');
    const fallback = list.at(-1)!.replace("s.MON$TABLE_NAME IN ('ITEMS', 'STOCK')", "s.MON$TABLE_NAME IN ('NO_SUCH_TABLE')");
    const rows = await till.query(fallback);
    expect(rows[0]).toMatchObject({ WRITES: null, N_ITEMS: expect.anything() as unknown, N_STOCK: expect.anything() as unknown });
    const seen = (await till.query(list.at(-1)!))[0]!;
    expect(seen.WRITES).not.toBeNull();
    expect(seen.N_ITEMS).toBeNull();
  });

  it('a change uncommitted while the marker is taken moves it when it commits', async () => {
    const writer = db.driver();
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => { release = r; });
      let written!: () => void;
      const wrote = new Promise<void>((r) => { written = r; });
      const tx = writer.transaction(async (t) => {
        await t.query("UPDATE ITEMS SET NAME = 'Pending', CHANGED_AT = '2000-01-01 00:00:00' WHERE ID = 2");
        written();
        await held;
      }, { mode: 'write' });
      await wrote;
      const during = await c.changeMarker(); // what the engine stores with a read that cannot see the change
      release();
      await tx;
      expect(await c.changeMarker()).not.toBe(during);
    } finally {
      await writer.close();
    }
  });

  it('reads no table row: the server counts no sequential or indexed reads of ITEMS and STOCK for it', async () => {
    const own = db.driver();
    try {
      const reads = async () => {
        const rows = await own.query('SELECT SUM(r.MON$RECORD_SEQ_READS) AS SEQ, SUM(r.MON$RECORD_IDX_READS) AS IDX FROM MON$TABLE_STATS s ' +
          'JOIN MON$RECORD_STATS r ON r.MON$STAT_ID = s.MON$RECORD_STAT_ID JOIN MON$ATTACHMENTS a ON a.MON$STAT_ID = s.MON$STAT_ID ' +
          "WHERE a.MON$ATTACHMENT_ID = CURRENT_CONNECTION AND s.MON$TABLE_NAME IN ('ITEMS', 'STOCK')");
        return { seq: Number(rows[0]?.SEQ ?? 0), idx: Number(rows[0]?.IDX ?? 0) };
      };
      const [, list] = markerStatements(builtInProfile('demo'), 'firebird');
      const before = await reads();
      for (const sql of list) await own.query(sql);
      const after = await reads();
      expect(after.seq - before.seq).toBe(0);
      expect(after.idx - before.idx).toBeLessThanOrEqual(2); // MAX() takes the first entry of each descending index
      // The old marker's COUNT(*) reads every row, for comparison.
      await own.query('SELECT COUNT(*) AS N FROM ITEMS');
      expect((await reads()).seq - after.seq).toBeGreaterThan(0);
    } finally {
      await own.close();
    }
  });
});
