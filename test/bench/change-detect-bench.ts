/**
 * Benchmark 4b: change detection on a POS without change columns. A one-item change costs a
 * whole-table-hash profile a full read (every row); a bucket profile (`changes.buckets`) reads
 * the bucket statement and the one bucket that moved. Rows are counted by a counting driver,
 * times measured. On the demo POS (SQLite and Firebird, with the demo bucket profile) and on
 * OSPOS in MariaDB (the built-in profile), skipped with the reason when MariaDB is not there.
 */
import type { PosConnectionConfig } from '../../connectors/pos/open-pos';
import { createSqlDriver } from '../../connectors/pos/open-pos';
import { createOsposPos } from '../../connectors/pos/ospos/ospos-pos';
import type { Profile } from '../../connectors/pos/profile';
import { ProfileConnector } from '../../connectors/pos/profile-connector';
import { builtInProfile } from '../../connectors/pos/profile-loader';
import type { SqlDriver } from '../../connectors/pos/drivers/sql-driver';
import { CountingDriver } from '../helpers/counting-driver';
import { createTestMariadbDatabase, requireMariadbServer } from '../helpers/mariadb';
import { check, median, newResult, round, timed, type BenchContext, type BenchResult } from './bench-kit';

export interface OneItemChange {
  /** The posId the change touches. */
  posId: string;
  apply(): Promise<void>;
}

/** Full read (what a moved whole-table hash costs) against a bucket read after one item changed. */
export async function measureBucketRead(ctx: BenchContext, label: string, scenario: string, config: PosConnectionConfig,
  profile: Profile, change: OneItemChange, stockChange?: OneItemChange): Promise<BenchResult> {
  const r = newResult(`4b change detection ${label}`, scenario);
  const counting = new CountingDriver(createSqlDriver(config));
  const c = new ProfileConnector(profile, counting);
  try {
    await c.changeMarker(); // connect outside the timings
    const markers: number[] = [];
    for (let i = 0; i < 5; i++) markers.push((await timed(() => c.changeMarker())).ms);
    counting.reset();
    const full = await timed(() => c.readItems());
    const fullRows = counting.rows('items.sql') + counting.rows('stock.sql') + counting.rows('prices.sql');
    const quiet: number[] = [];
    for (let i = 0; i < 3; i++) quiet.push((await timed(() => c.readItems({ since: full.value.cursor }))).ms);
    ctx.log(`change-detect ${label}: one item changes ...`);
    await change.apply();
    counting.reset();
    const one = await timed(() => c.readItems({ since: full.value.cursor }));
    const bucketRows = counting.rows('items.sql') + counting.rows('stock.sql') + counting.rows('prices.sql');
    const statements = ['items.sql', 'stock.sql', 'prices.sql', 'changes.buckets.sql'].reduce((n, l) => n + counting.statements(l), 0);
    Object.assign(r.metrics, {
      fullReadMs: round(full.ms),
      fullReadRows: fullRows,
      bucketReadMs: round(one.ms),
      bucketReadRows: bucketRows,
      bucketStatements: statements,
      bucketQuietMs: median(quiet),
      hashMarkerMs: median(markers),
      cursorKb: round(one.value.cursor.length / 1024, 1),
    });
    r.notes.push(`a one-item change: whole-table hash → full read of ${fullRows} rows in ${round(full.ms)} ms; buckets → ${bucketRows} rows in ${round(one.ms)} ms (bucket statement alone, nothing changed: ${median(quiet)} ms)`);
    if (stockChange) {
      await stockChange.apply();
      counting.reset();
      const stock = await timed(() => c.readItems({ since: one.value.cursor }));
      r.metrics.stockChangeReadMs = round(stock.ms);
      r.metrics.stockChangeReadRows = counting.rows('items.sql') + counting.rows('stock.sql') + counting.rows('prices.sql');
      r.notes.push(`a stock-only change (a till sale): ${r.metrics.stockChangeReadRows} rows in ${round(stock.ms)} ms`);
      check(r, stock.value.items.some((i) => i.posId === stockChange.posId), `the bucket read missed the stock change of ${stockChange.posId}`);
    }
    check(r, !one.value.complete, 'the one-item change fell back to a full read');
    check(r, one.value.items.some((i) => i.posId === change.posId), `the bucket read missed the changed item ${change.posId}`);
    check(r, bucketRows < fullRows / 10, `the bucket read read ${bucketRows} of ${fullRows} rows`);
    return r;
  } finally {
    await c.close();
  }
}

/** OSPOS on MariaDB with `rows` generated items and the built-in profile; a result that says why when there is no server. */
export async function osposBucketBench(ctx: BenchContext, rows: number): Promise<BenchResult> {
  try {
    await requireMariadbServer();
  } catch (e) {
    const r = newResult('4b change detection mariadb', 'skipped');
    r.notes.push(`skipped: ${(e as Error).message}`);
    ctx.log(`change-detect mariadb: skipped, ${(e as Error).message}`);
    return r;
  }
  ctx.log(`change-detect: OSPOS on MariaDB with ${rows} items (inserting takes a while) ...`);
  const db = await createTestMariadbDatabase('bench-buckets');
  try {
    const till: SqlDriver = db.driver();
    await createOsposPos(till, { items: rows, seed: 11 });
    const id = Math.floor(rows / 2);
    return await measureBucketRead(ctx, 'mariadb', `ospos profile (buckets of 1,000 item ids), ${rows} items on MariaDB`,
      { driver: 'mysql', mysql: db.config }, builtInProfile('ospos'), {
        posId: String(id),
        apply: async () => { await till.transaction((tx) => tx.query("UPDATE ospos_items SET unit_price = '4.56' WHERE item_id = :id", { id }), { mode: 'write' }); },
      });
  } finally {
    await db.drop();
  }
}
