/**
 * Fast row loading for the data generators. On Firebird every INSERT is a network round trip,
 * even with the statement kept prepared, so rows are gathered and sent as one EXECUTE BLOCK of
 * many INSERTs. The block's input message must stay under Firebird's 64 KB: text parameters are
 * declared just long enough for the values at hand (in power-of-two steps, so few distinct
 * blocks are ever prepared), other parameters take the column's own type (`TYPE OF COLUMN`), so
 * the server converts exactly as for a plain INSERT. SQLite (no network) and MariaDB/MySQL insert
 * row by row.
 * A table's buffer is sent when it is full, after the buffers of the tables first written
 * before it, so parent rows always land before the rows that refer to them.
 */
import type { SqlDriver, SqlTransaction } from '../drivers/sql-driver';
import type { SqlScalar } from '../drivers/sql-params';
import { insertRow } from './bulk-insert';

type RowValues = Readonly<Record<string, SqlScalar>>;

/** What the block needs to know about a column. */
interface ColumnInfo {
  /** Characters for CHAR/VARCHAR columns; null for every other type. */
  textLength: number | null;
  /** Bytes in the input message for non-text columns. */
  bytes: number;
}

interface Pending {
  table: string;
  columns: string[];
  info: ColumnInfo[];
  rows: RowValues[];
  perBlock: number;
}

const MESSAGE_BUDGET = 60_000; // bytes of input message per block, under Firebird's 64 KB
const MAX_PARAMETERS = 1_200;
const TYPICAL_TEXT = 64; // characters assumed per text value when sizing blocks
const FIREBIRD_TEXT_TYPES = new Set([14, 37]); // CHAR, VARCHAR

export class BulkWriter {
  private readonly pending = new Map<string, Pending>();
  private readonly tableInfo = new Map<string, Map<string, ColumnInfo>>();

  constructor(private readonly tx: SqlTransaction, private readonly engine: SqlDriver['engine']) {}

  /** Adds one row; sends buffered rows once a block is full. */
  async insert(table: string, row: RowValues): Promise<void> {
    if (this.engine !== 'firebird') {
      await insertRow(this.tx, table, row);
      return;
    }
    const columns = Object.keys(row);
    const key = `${table}(${columns.join(',')})`;
    let p = this.pending.get(key);
    if (!p) {
      const info = await this.columnInfo(table, columns);
      const rowBytes = info.reduce((sum, c) => sum + (c.textLength === null ? c.bytes : 4 * Math.min(c.textLength, TYPICAL_TEXT) + 2) + 8, 0);
      const perBlock = Math.max(1, Math.min(Math.floor(MESSAGE_BUDGET / 2 / rowBytes), Math.floor(MAX_PARAMETERS / columns.length), 200));
      p = { table, columns, info, rows: [], perBlock };
      this.pending.set(key, p);
    }
    p.rows.push(row);
    if (p.rows.length >= p.perBlock) {
      for (const earlier of this.pending.values()) {
        await this.drain(earlier);
        if (earlier === p) break;
      }
    }
  }

  /** Sends everything still buffered; call before the transaction commits. */
  async flush(): Promise<void> {
    for (const p of this.pending.values()) await this.drain(p);
  }

  private async drain(p: Pending): Promise<void> {
    while (p.rows.length > 0) {
      let size = p.perBlock;
      while (size > p.rows.length) size = 2 ** Math.floor(Math.log2(p.rows.length));
      await this.sendBlock(p, p.rows.splice(0, size));
    }
  }

  private async sendBlock(p: Pending, rows: RowValues[]): Promise<void> {
    if (rows.length === 1) {
      await insertRow(this.tx, p.table, rows[0]!);
      return;
    }
    // One declared length per text column for the whole block: the longest value, rounded up.
    const types = p.columns.map((c, i) => {
      const info = p.info[i]!;
      if (info.textLength === null) return { decl: `TYPE OF COLUMN ${p.table}.${c}`, bytes: info.bytes };
      const longest = rows.reduce((m, r) => Math.max(m, typeof r[c] === 'string' ? (r[c] as string).length : 0), 0);
      const chars = Math.min(info.textLength, Math.max(16, 2 ** Math.ceil(Math.log2(Math.max(1, longest)))));
      return { decl: `VARCHAR(${chars}) CHARACTER SET UTF8`, bytes: 4 * chars + 2 };
    });
    const message = rows.length * types.reduce((sum, t) => sum + t.bytes + 8, 0);
    if (message > MESSAGE_BUDGET) {
      const half = 2 ** Math.floor(Math.log2(rows.length - 1));
      await this.sendBlock(p, rows.slice(0, half));
      await this.sendBlock(p, rows.slice(half));
      return;
    }
    const declarations: string[] = [];
    const inserts: string[] = [];
    const args: SqlScalar[] = [];
    rows.forEach((row, r) => {
      const names = p.columns.map((_, i) => `P${r}_${i}`);
      names.forEach((n, i) => declarations.push(`${n} ${types[i]!.decl} = ?`));
      inserts.push(`INSERT INTO ${p.table} (${p.columns.join(', ')}) VALUES (${names.map((n) => `:${n}`).join(', ')});`);
      for (const c of p.columns) args.push(row[c] ?? null);
    });
    await this.tx.query(`EXECUTE BLOCK (${declarations.join(', ')}) AS BEGIN ${inserts.join(' ')} END`, args);
  }

  private async columnInfo(table: string, columns: string[]): Promise<ColumnInfo[]> {
    let info = this.tableInfo.get(table);
    if (!info) {
      const rows = await this.tx.query(
        `SELECT TRIM(rf.RDB$FIELD_NAME) AS NAME, f.RDB$FIELD_TYPE AS FIELD_TYPE, f.RDB$FIELD_LENGTH AS LEN, f.RDB$CHARACTER_LENGTH AS CHARS
         FROM RDB$RELATION_FIELDS rf JOIN RDB$FIELDS f ON f.RDB$FIELD_NAME = rf.RDB$FIELD_SOURCE WHERE rf.RDB$RELATION_NAME = :tableName`,
        { tableName: table });
      info = new Map(rows.map((r) => [String(r.NAME), {
        textLength: FIREBIRD_TEXT_TYPES.has(Number(r.FIELD_TYPE)) ? Number(r.CHARS ?? r.LEN) : null,
        bytes: Number(r.LEN),
      }]));
      this.tableInfo.set(table, info);
    }
    return columns.map((c) => info.get(c.toUpperCase()) ?? { textLength: null, bytes: 256 });
  }
}
