/**
 * Bucket change detection (profile `changes.buckets`), written once and run on SQLite and on
 * real Firebird over a generated demo POS: a one-item change reads one bucket (rows counted,
 * never timed), inserts and deletes are reported, a change landing during a read is read by
 * the next one, and random edits applied incrementally give what a full read gives.
 */
import fc from 'fast-check';
import { afterEach, expect, it } from 'vitest';
import { deleteDemoItem, setDemoStock, updateDemoItem } from '../../../connectors/pos/demo/demo-activity';
import { demoBucketProfile } from '../../../connectors/pos/demo/demo-bucket-profile';
import type { PosItem, ReadResult } from '../../../connectors/core/pos-items-port';
import { ProfileConnector } from '../../../connectors/pos/profile-connector';
import { checkProfileRules } from '../../../connectors/pos/profile-rules';
import type { SqlDriver } from '../../../connectors/pos/drivers/sql-driver';
import { CountingDriver } from '../../helpers/counting-driver';

export interface BucketTestEnv {
  /** A new driver on the POS (a fresh generated demo POS of `items` rows, filled by the env before each test). */
  driver(): SqlDriver;
  /** The till's own connection. */
  pos: SqlDriver;
  items: number;
}

export const WIDTH = 100;

export function bucketScenarios(getEnv: () => BucketTestEnv): void {
  const open: ProfileConnector[] = [];
  const connector = (hook?: (label: string) => Promise<void>) => {
    const counting = new CountingDriver(getEnv().driver(), hook);
    const c = new ProfileConnector(demoBucketProfile(WIDTH, engineOf(getEnv().pos)), counting);
    open.push(c);
    return { c, counting };
  };
  afterEach(async () => { await Promise.all(open.splice(0).map((c) => c.close())); });

  it('the bucket profile is valid, and check() prepares its bucket statement', async () => {
    expect(checkProfileRules(demoBucketProfile(WIDTH, engineOf(getEnv().pos)))).toEqual([]);
    expect((await connector().c.check()).problems).toEqual([]);
  });

  it('a one-item change re-reads only its bucket, and nothing when nothing changed', async () => {
    const { c, counting } = connector();
    const full = await c.readItems();
    const fullItemRows = counting.rows('items.sql');
    expect(fullItemRows).toBe(getEnv().items);

    counting.reset();
    const quiet = await c.readItems({ since: full.cursor });
    expect(quiet.items).toEqual([]);
    expect(counting.rows('items.sql')).toBe(0);
    expect(quiet.cursor).toBe(full.cursor);

    const target = full.items.find((i) => !i.isParent && i.parentPosId === null)!;
    await updateDemoItem(getEnv().pos, Number(target.posId), { PRICE1: '77.70' });
    counting.reset();
    const one = await c.readItems({ since: quiet.cursor });
    expect(one.complete).toBe(false);
    expect(one.items.find((i) => i.posId === target.posId)).toMatchObject({ regularPrice: '77.70' });
    // One bucket of WIDTH ids (plus the matrix families it touches), not the catalogue.
    expect(counting.rows('items.sql')).toBeLessThanOrEqual(2 * WIDTH);
    expect(counting.rows('items.sql')).toBeLessThan(fullItemRows / 4);
    expect(counting.statements('items.sql')).toBeLessThanOrEqual(3);
    expect(counting.rows('stock.sql')).toBeLessThan(counting.rows('items.sql') * 3);
    expect(one.removedPosIds).toEqual([]);

    counting.reset();
    const after = await c.readItems({ since: one.cursor });
    expect(after.items).toEqual([]);
    expect(counting.rows('items.sql')).toBe(0);
  });

  it('Firebird: a stock change runs only the stock part of the bucket statements (the items\' record counters stood still)', async () => {
    const env = getEnv();
    if (env.pos.engine !== 'firebird') return;
    const { c, counting } = connector();
    const full = await c.readItems();
    const plain = full.items.filter((i) => !i.isParent && i.parentPosId === null);
    await setDemoStock(env.pos, Number(plain[5]!.posId), 'MAIN', 77);
    counting.reset();
    const r = await c.readItems({ since: full.cursor });
    expect(r.items.find((i) => i.posId === plain[5]!.posId)?.onHandByLocation?.MAIN).toBe(77);
    expect(counting.statements('changes.buckets.parts.0.sql')).toBe(0); // the items' hashes: the costly one
    expect(counting.statements('changes.buckets.parts.2.sql')).toBe(1);
    await updateDemoItem(env.pos, Number(plain[6]!.posId), { NAME: 'Renamed' });
    counting.reset();
    const r2 = await c.readItems({ since: r.cursor });
    expect(r2.items.find((i) => i.posId === plain[6]!.posId)).toMatchObject({ name: 'Renamed' });
    expect(counting.statements('changes.buckets.parts.0.sql')).toBe(1);
    expect(counting.statements('changes.buckets.parts.2.sql')).toBe(0);
  });

  it('a stock change, an insert and a delete are seen; the deleted item is reported removed', async () => {
    const env = getEnv();
    const { c } = connector();
    const full = await c.readItems();
    const plain = full.items.filter((i) => !i.isParent && i.parentPosId === null);
    const stocked = plain[3]!;
    const doomed = plain[10]!;
    await setDemoStock(env.pos, Number(stocked.posId), 'MAIN', 123);
    await deleteDemoItem(env.pos, Number(doomed.posId));
    const newId = env.items + 500; // a bucket that did not exist
    await write(env.pos, "INSERT INTO ITEMS (ID, SKU, NAME, PRICE1, WEB, CHANGED_AT) VALUES (:id, 'NEW-1', 'New', '3.00', 1, '2026-01-01 00:00:00.000')", { id: newId });
    const r = await c.readItems({ since: full.cursor });
    const byId = new Map(r.items.map((i) => [i.posId, i]));
    expect(byId.get(stocked.posId)?.onHandByLocation?.MAIN).toBe(123);
    expect(byId.get(String(newId))).toMatchObject({ sku: 'NEW-1', onWeb: true });
    expect(r.removedPosIds).toEqual([doomed.posId]);

    await write(env.pos, 'DELETE FROM ITEMS WHERE ID = :id', { id: newId });
    const gone = await c.readItems({ since: r.cursor });
    expect(gone.removedPosIds).toEqual([String(newId)]);
    expect(gone.items).toEqual([]);
  });

  it('a matrix parent read in its bucket is on the web through a child kept in another bucket', async () => {
    const env = getEnv();
    const { c } = connector();
    const full = await c.readItems();
    const parent = full.items.find((i) => i.isParent)!;
    const farChild = env.items + 300;
    await write(env.pos, 'UPDATE ITEMS SET WEB = 0 WHERE ID = :id OR PARENT_ID = :id', { id: Number(parent.posId) });
    await write(env.pos, "INSERT INTO ITEMS (ID, SKU, NAME, PRICE1, WEB, PARENT_ID, SIZE_NAME, CHANGED_AT) VALUES (:id, 'FAR-1', 'Far', '3.00', 1, :parent, 'XL', '2026-01-01 00:00:00.000')",
      { id: farChild, parent: Number(parent.posId) });
    const before = await c.readItems();
    expect(before.items.find((i) => i.posId === parent.posId)).toMatchObject({ onWeb: true });
    await updateDemoItem(env.pos, Number(parent.posId), { NAME: 'Renamed parent' });
    const r = await c.readItems({ since: before.cursor });
    expect(r.complete).toBe(false);
    expect(r.items.find((i) => i.posId === parent.posId)).toMatchObject({ name: 'Renamed parent', onWeb: true });
  });

  it('a change that lands during a read is read by the next incremental read', async () => {
    const env = getEnv();
    let target = 0;
    let fired = false;
    const { c } = connector(async (label) => {
      // The till commits right after the (items') bucket statement, before the items are read.
      if ((label === 'changes.buckets.sql' || label === 'changes.buckets.parts.0.sql') && target > 0 && !fired) {
        fired = true;
        await updateDemoItem(env.pos, target, { NAME: 'Changed meanwhile' });
      }
    });
    const full = await c.readItems();
    const plain = full.items.filter((i) => !i.isParent && i.parentPosId === null);
    await updateDemoItem(env.pos, Number(plain[0]!.posId), { PRICE1: '1.23' });
    target = Number(plain.at(-1)!.posId); // another bucket
    const during = await c.readItems({ since: full.cursor });
    expect(fired).toBe(true);
    const next = await c.readItems({ since: during.cursor });
    const seen = [...during.items, ...next.items].filter((i) => i.posId === String(target));
    expect(seen.at(-1)).toMatchObject({ name: 'Changed meanwhile' });
    expect(next.items.map((i) => i.posId)).toContain(String(target));
  });

  it('random edits applied incrementally give what a full read gives', async () => {
    const env = getEnv();
    const { c } = connector();
    const first = await c.readItems();
    const state = new Map(first.items.map((i) => [i.posId, i]));
    let cursor = first.cursor;
    let incremental = 0;
    let nextId = env.items + 1000;
    const plainIds = first.items.filter((i) => !i.isParent && i.parentPosId === null).map((i) => Number(i.posId));
    const parentIds = first.items.filter((i) => i.isParent).map((i) => Number(i.posId));
    const childIds = first.items.filter((i) => i.parentPosId !== null).map((i) => Number(i.posId));
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('parentSku' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('childWeb' as const), at: fc.nat(), web: fc.integer({ min: 0, max: 1 }) }),
      fc.record({ kind: fc.constant('parentWeb' as const), at: fc.nat(), web: fc.integer({ min: 0, max: 1 }) }),
      fc.record({ kind: fc.constant('price' as const), at: fc.nat(), cents: fc.integer({ min: 1, max: 99999 }) }),
      fc.record({ kind: fc.constant('stock' as const), at: fc.nat(), qty: fc.integer({ min: 0, max: 50 }) }),
      fc.record({ kind: fc.constant('web' as const), at: fc.nat(), web: fc.integer({ min: 0, max: 1 }) }),
      fc.record({ kind: fc.constant('sku' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('insert' as const) }),
      fc.record({ kind: fc.constant('farChild' as const), at: fc.nat(), web: fc.integer({ min: 0, max: 1 }) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
    );
    await fc.assert(fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 6 }), async (edits) => {
      for (const e of edits) {
        if (e.kind === 'insert') {
          const id = nextId++;
          await write(env.pos, "INSERT INTO ITEMS (ID, SKU, NAME, PRICE1, WEB, CHANGED_AT) VALUES (:id, :sku, 'Inserted', '2.50', 1, '2026-01-01 00:00:00.000')", { id, sku: `INS-${id}` });
          plainIds.push(id);
          continue;
        }
        if (e.kind === 'parentSku' && parentIds.length > 0) {
          const id = parentIds[e.at % parentIds.length]!;
          await updateDemoItem(env.pos, id, { SKU: `P-${id}-${e.at % 89}` });
          continue;
        }
        if (e.kind === 'farChild') {
          if (parentIds.length === 0) continue;
          const id = nextId++;
          await write(env.pos, "INSERT INTO ITEMS (ID, SKU, NAME, PRICE1, WEB, PARENT_ID, SIZE_NAME, CHANGED_AT) VALUES (:id, :sku, 'Far child', '4.00', :web, :parent, 'XXL', '2026-01-01 00:00:00.000')",
            { id, sku: `FAR-${id}`, web: e.web, parent: parentIds[e.at % parentIds.length]! });
          childIds.push(id);
          continue;
        }
        if (e.kind === 'parentWeb') {
          if (parentIds.length > 0) await updateDemoItem(env.pos, parentIds[e.at % parentIds.length]!, { WEB: e.web });
          continue;
        }
        if (e.kind === 'childWeb') {
          if (childIds.length > 0) await updateDemoItem(env.pos, childIds[e.at % childIds.length]!, { WEB: e.web });
          continue;
        }
        if (plainIds.length === 0) continue;
        const id = plainIds[e.at % plainIds.length]!;
        if (e.kind === 'price') await updateDemoItem(env.pos, id, { PRICE1: (e.cents / 100).toFixed(2) });
        if (e.kind === 'stock') await setDemoStock(env.pos, id, 'MAIN', e.qty);
        if (e.kind === 'web') await updateDemoItem(env.pos, id, { WEB: e.web });
        if (e.kind === 'sku') await updateDemoItem(env.pos, id, { SKU: `SKU-${id}-${e.at % 97}` });
        if (e.kind === 'delete') {
          await deleteDemoItem(env.pos, id);
          plainIds.splice(plainIds.indexOf(id), 1);
        }
      }
      const r = await c.readItems({ since: cursor });
      apply(state, r);
      if (!r.complete) incremental++;
      cursor = r.cursor;
      const fresh = await c.readItems();
      expect(webView(state)).toEqual(webView(new Map(fresh.items.map((i) => [i.posId, i]))));
    }), { numRuns: 40, seed: 20261204 }); // a fixed seed: the count below never varies between runs
    expect(incremental).toBeGreaterThan(5); // most runs took the bucket path, not the full-read fallback
  });
}

function engineOf(pos: SqlDriver): 'sqlite' | 'firebird' {
  return pos.engine === 'firebird' ? 'firebird' : 'sqlite';
}

function write(pos: SqlDriver, sql: string, params: Record<string, string | number>): Promise<unknown> {
  return pos.transaction((tx) => tx.query(sql, params), { mode: 'write', label: 'test write' });
}

/** What an engine keeps after a read: a complete read replaces everything; else changed items replace, removed ones go. */
function apply(state: Map<string, PosItem>, r: ReadResult): void {
  if (r.complete) state.clear();
  for (const i of r.items) state.set(i.posId, i);
  for (const id of r.removedPosIds) state.delete(id);
}

/** The web selection, sorted by posId. */
function webView(state: Map<string, PosItem>): PosItem[] {
  return [...state.values()].filter((i) => i.onWeb).sort((a, b) => Number(a.posId) - Number(b.posId));
}
