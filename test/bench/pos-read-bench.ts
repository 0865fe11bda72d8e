/**
 * Benchmark 4: how fast the demo profile reads a large POS, on the embedded SQLite file and on a
 * real Firebird server: a full read, an incremental read with nothing changed and with ten items
 * changed, and the change-marker query a quiet cycle costs. Then change detection without change
 * columns (change-detect-bench.ts): buckets against a whole-table hash, also on MariaDB.
 */
import { join } from 'node:path';
import { updateDemoItem, setDemoStock } from '../../connectors/pos/demo/demo-activity';
import { createDemoPos, createSqliteDemoPos } from '../../connectors/pos/demo/demo-pos';
import { SqliteDriver } from '../../connectors/pos/drivers/sqlite-driver';
import { createSqlDriver, openPosConnector, type PosConnectionConfig } from '../../connectors/pos/open-pos';
import { builtInProfile } from '../../connectors/pos/profile-loader';
import { markerStatements } from '../../connectors/pos/profile-rules';
import { demoBucketProfile } from '../../connectors/pos/demo/demo-bucket-profile';
import type { SqlDriver } from '../../connectors/pos/drivers/sql-driver';
import { createTestFirebirdDatabase } from '../helpers/firebird';
import { check, liveHeapMb, median, MemorySampler, newResult, round, timed, type Bench, type BenchContext, type BenchResult } from './bench-kit';
import { asyncWrites } from './firebird-async-writes';
import { measureBucketRead, osposBucketBench, type OneItemChange } from './change-detect-bench';

const SEED = 7;

export const posReadBench: Bench = {
  name: 'pos-read',
  async run(ctx) {
    const items = ctx.sizes.read;
    const results: BenchResult[] = [];

    ctx.log(`pos-read: SQLite demo POS of ${items} rows ...`);
    const file = join(ctx.tmp, 'read-pos.sqlite');
    const sqliteSetup = await timed(() => createSqliteDemoPos(file, { items, seed: SEED }));
    const writer = new SqliteDriver({ file });
    try {
      results.push(await measureReads(ctx, 'sqlite', { driver: 'sqlite', sqlite: { file } }, writer, items, sqliteSetup.ms));
      results.push(await measureBucketRead(ctx, 'sqlite', `demo profile with buckets of 1,000 ids, ${items} catalogue rows on sqlite`,
        { driver: 'sqlite', sqlite: { file } }, demoBucketProfile(1000), oneItem(writer, items), oneSale(writer, items)));
    } finally {
      await writer.close();
    }

    ctx.log(`pos-read: Firebird demo POS of ${items} rows (inserting takes a while) ...`);
    const fb = await createTestFirebirdDatabase('bench-read');
    try {
      const c = fb.config;
      const fast = await asyncWrites({ host: c.host ?? '127.0.0.1', port: c.port ?? 3050, path: fb.path, user: c.user ?? 'SYSDBA', password: c.password });
      const fbWriter = fb.driver();
      const fbSetup = await timed(() => createDemoPos(fbWriter, { items, seed: SEED }));
      if (!fast) ctx.log('pos-read: gfix was not available; the Firebird database was loaded with forced writes on');
      results.push(await measureReads(ctx, 'firebird', { driver: 'firebird', firebird: fb.config }, fbWriter, items, fbSetup.ms));
      results.push(await measureBucketRead(ctx, 'firebird', `demo profile with buckets of 1,000 ids, ${items} catalogue rows on firebird`,
        { driver: 'firebird', firebird: fb.config }, demoBucketProfile(1000, 'firebird'), oneItem(fbWriter, items), oneSale(fbWriter, items)));
    } finally {
      await fb.drop();
    }
    results.push(await osposBucketBench(ctx, items));
    return results;
  },
};

/** A price change on the item in the middle of the catalogue (a plain item or a variation, either way one bucket). */
function oneItem(writer: SqlDriver, rows: number): OneItemChange {
  const id = Math.floor(rows / 2) + 1;
  return { posId: String(id), apply: () => updateDemoItem(writer, id, { PRICE1: '6.66' }) };
}

/** A till sale of another item: a stock row only. */
function oneSale(writer: SqlDriver, rows: number): OneItemChange {
  const id = Math.floor(rows / 3) + 1;
  return { posId: String(id), apply: () => setDemoStock(writer, id, 'MAIN', 3) };
}

async function measureReads(ctx: BenchContext, engine: string, config: PosConnectionConfig, writer: SqlDriver, rows: number, setupMs: number): Promise<BenchResult> {
  const r = newResult(`4 POS read ${engine}`, `demo profile, ${rows} catalogue rows on ${engine}`);
  const pos = openPosConnector(config, { profile: 'demo' });
  try {
    await pos.changeMarker(); // connect once, outside the timings
    const before = liveHeapMb();
    const sampler = new MemorySampler().start();
    const first = await timed(() => pos.readItems());
    const mem = sampler.stop();
    const kept = round(liveHeapMb() - before, 1); // the items of `first`, still referenced

    const fullRuns = [first.ms];
    for (let i = 0; i < 2; i++) fullRuns.push((await timed(() => pos.readItems())).ms);
    const cursor = first.value.cursor;

    const markers: number[] = [];
    for (let i = 0; i < 20; i++) markers.push((await timed(() => pos.changeMarker())).ms);
    r.notes.push(`marker statements one by one: ${await markerParts(config)}`);
    if (config.driver === 'firebird') r.notes.push(`the old marker's row counts: ${await timedStatements(config, ['SELECT COUNT(*) AS N FROM ITEMS', 'SELECT COUNT(*) AS N FROM STOCK'])}`);
    r.notes.push('a quiet incremental read still returns the items changed within the profile\'s 120 s overlap before the newest change');

    const quiet: number[] = [];
    let quietItems = 0;
    for (let i = 0; i < 5; i++) {
      const t = await timed(() => pos.readItems({ since: cursor }));
      quiet.push(t.ms);
      quietItems = t.value.items.length;
    }

    ctx.log(`pos-read ${engine}: changing 10 items ...`);
    for (let i = 0; i < 10; i++) {
      const id = 1 + Math.floor((i * rows) / 10);
      await updateDemoItem(writer, id, { PRICE3: `${5 + i}.25` });
      await setDemoStock(writer, id, 'MAIN', 50 + i);
    }
    const changed: number[] = [];
    let changedItems = 0;
    for (let i = 0; i < 3; i++) {
      const t = await timed(() => pos.readItems({ since: cursor }));
      changed.push(t.ms);
      changedItems = t.value.items.length;
    }
    Object.assign(r.metrics, {
      rows,
      webItems: first.value.items.length,
      fullReadMs: median(fullRuns),
      firstFullReadMs: first.ms,
      itemsPerS: round(first.value.items.length / (median(fullRuns)! / 1000)),
      fullReadPeakHeapMb: mem.peakHeapMb,
      fullReadPeakRssMb: mem.peakRssMb,
      itemsHeldMb: kept,
      incrQuietMs: median(quiet),
      incrQuietItems: quietItems,
      incr10Ms: median(changed),
      incr10Items: changedItems,
      markerMs: median(markers),
      markerMaxMs: Math.max(...markers),
      setupS: round(setupMs / 1000, 1),
    });
    check(r, first.value.complete && first.value.items.length > 0, 'the full read returned no items or was not complete');
    check(r, changedItems >= 10, `an incremental read after 10 changes returned ${changedItems} item(s)`);
    return r;
  } finally {
    await pos.close();
  }
}

/** Median time of each change-marker statement the demo profile runs on this engine, to show which one costs. */
function markerParts(config: PosConnectionConfig): Promise<string> {
  return timedStatements(config, markerStatements(builtInProfile('demo'), config.driver)[1]);
}

async function timedStatements(config: PosConnectionConfig, statements: readonly string[]): Promise<string> {
  const driver = createSqlDriver(config);
  try {
    const parts: string[] = [];
    for (const sql of statements) {
      await driver.query(sql);
      const runs: number[] = [];
      for (let i = 0; i < 10; i++) runs.push((await timed(() => driver.query(sql))).ms);
      parts.push(`${median(runs)} ms for "${sql}"`);
    }
    return parts.join('; ');
  } finally {
    await driver.close();
  }
}
