/**
 * A SqlDriver that counts the statements run and the rows they returned, per profile label, so
 * tests can say how much a read touched without timing it. An optional hook runs after each
 * statement (a test's till writing in the middle of a read).
 */
import type { QueryOptions, Row, SqlDriver, SqlTransaction } from '../../connectors/pos/drivers/sql-driver';
import type { PositionalParams, SqlParams } from '../../connectors/pos/drivers/sql-params';

export class CountingDriver implements SqlDriver {
  private readonly counts = new Map<string, { statements: number; rows: number }>();

  constructor(private readonly inner: SqlDriver, private readonly after?: (label: string) => Promise<void>) {}

  get engine(): SqlDriver['engine'] { return this.inner.engine; }

  rows(label: string): number { return this.counts.get(label)?.rows ?? 0; }
  statements(label: string): number { return this.counts.get(label)?.statements ?? 0; }
  reset(): void { this.counts.clear(); }

  query(sql: string, params?: SqlParams | PositionalParams, opts?: QueryOptions): Promise<Row[]> {
    return this.counted(this.inner, sql, params, opts);
  }

  describe(sql: string, params?: SqlParams, opts?: QueryOptions): Promise<string[]> {
    return this.inner.describe(sql, params, opts);
  }

  transaction<T>(fn: (tx: SqlTransaction) => Promise<T>, opts?: Parameters<SqlDriver['transaction']>[1]): Promise<T> {
    return this.inner.transaction((tx) => fn({ query: (sql, params, o) => this.counted(tx, sql, params, o) }), opts);
  }

  serverVersion(): Promise<string> { return this.inner.serverVersion(); }
  close(): Promise<void> { return this.inner.close(); }

  private async counted(runner: { query: SqlDriver['query'] }, sql: string, params?: SqlParams | PositionalParams, opts?: QueryOptions): Promise<Row[]> {
    const rows = await runner.query(sql, params, opts);
    const label = opts?.label ?? '(none)';
    const c = this.counts.get(label) ?? { statements: 0, rows: 0 };
    c.statements++;
    c.rows += rows.length;
    this.counts.set(label, c);
    if (this.after) await this.after(label);
    return rows;
  }
}
