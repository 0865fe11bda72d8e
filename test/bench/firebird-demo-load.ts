/**
 * Loads the demo catalogue into a Firebird database fast enough for a benchmark: the same rows
 * as createDemoPos (same generator, same schema), but sent as EXECUTE BLOCKs of a few hundred
 * literal INSERTs each instead of one round trip per row. Row-by-row loading of 100,000 items
 * and their stock (~230,000 rows) takes minutes on a busy 2-core machine; blocks take seconds.
 * Values come from the generator only, never from input, and are quoted as SQL literals.
 */
import { execFile } from 'node:child_process';
import { demoCatalogue, type DemoOptions } from '../../connectors/pos/demo/demo-data';
import { DEMO_LOCATIONS, DEMO_SCHEMA_FIREBIRD } from '../../connectors/pos/demo/demo-schema';
import type { DemoPosStats } from '../../connectors/pos/demo/demo-pos';
import { applySchema } from '../../connectors/pos/generators/bulk-insert';
import type { SqlDriver, SqlTransaction } from '../../connectors/pos/sql-driver';

/** Firebird 3 takes statements far longer than this; smaller blocks keep each compile quick. */
const MAX_BLOCK_CHARS = 60_000;
/** Each INSERT is a "context" and Firebird allows at most 255 in one statement. */
const MAX_BLOCK_STATEMENTS = 250;

export async function loadFirebirdDemoPos(driver: SqlDriver, opts: DemoOptions): Promise<DemoPosStats> {
  await applySchema(driver, DEMO_SCHEMA_FIREBIRD);
  return driver.transaction(async (tx) => {
    const stats: DemoPosStats = { items: 0, stockRows: 0, webItems: 0 };
    const block = new BlockWriter(tx);
    for (const l of DEMO_LOCATIONS) await block.add(insertSql('LOCATIONS', l));
    for (const { item, stock } of demoCatalogue(opts)) {
      await block.add(insertSql('ITEMS', item));
      for (const row of stock) await block.add(insertSql('STOCK', row));
      stats.items++;
      stats.stockRows += stock.length;
      if (item.WEB === 1) stats.webItems++;
    }
    await block.flush();
    return stats;
  }, { mode: 'write', label: 'bench demo data' });
}

class BlockWriter {
  private statements: string[] = [];
  private chars = 0;

  constructor(private readonly tx: SqlTransaction) {}

  async add(statement: string): Promise<void> {
    if (this.chars + statement.length > MAX_BLOCK_CHARS || this.statements.length >= MAX_BLOCK_STATEMENTS) await this.flush();
    this.statements.push(statement);
    this.chars += statement.length + 1;
  }

  async flush(): Promise<void> {
    if (this.statements.length === 0) return;
    const sql = `EXECUTE BLOCK AS BEGIN\n${this.statements.join('\n')}\nEND`;
    this.statements = [];
    this.chars = 0;
    await this.tx.query(sql);
  }
}

function insertSql(table: string, row: Readonly<Record<string, string | number | null>>): string {
  const columns = Object.keys(row);
  return `INSERT INTO ${table} (${columns.join(',')}) VALUES (${columns.map((c) => literal(row[c] ?? null)).join(',')});`;
}

function literal(v: string | number | null): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a finite number for the demo data: ${v}`);
    return String(v);
  }
  return `'${v.replace(/'/g, "''")}'`;
}

/**
 * Turns forced (synchronous) writes off for a scratch benchmark database, which makes loading it
 * about a third faster; reads are unaffected. Uses gfix with the credentials in its environment
 * (never on the command line). Resolves false when gfix is not installed or refuses.
 */
export function asyncWrites(server: { host: string; port: number; path: string; user: string; password: string }): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('gfix', ['-write', 'async', `${server.host}/${server.port}:${server.path}`],
      { env: { ...process.env, ISC_USER: server.user, ISC_PASSWORD: server.password }, timeout: 30_000 },
      (err) => resolve(err === null));
  });
}
