import { describe, expect, it } from 'vitest';
import { returningColumns } from '../../../../connectors/pos/drivers/mysql-returning';

describe('returningColumns (MariaDB prepares INSERT … RETURNING without its columns)', () => {
  it.each([
    ['INSERT INTO T (N) VALUES (?) RETURNING ID', ['ID']],
    ['INSERT INTO T (N) VALUES (?) RETURNING ID, INVOICE_NO', ['ID', 'INVOICE_NO']],
    ['INSERT INTO T (N) VALUES (?) returning t.id, n AS num, CONCAT(PREFIX, N) doc_no, `ROW`', ['ID', 'NUM', 'DOC_NO', 'ROW']],
    ["INSERT INTO T (S) VALUES ('RETURNING x, y') RETURNING ID", ['ID']],
    ['INSERT INTO T (N) SELECT (SELECT 1 RETURNING) RETURNING N + 1', ['N + 1']],
    ['DELETE FROM T WHERE ID = ? RETURNING ID;', ['ID']],
  ])('%s → %j', (sql, names) => {
    expect(returningColumns(sql)).toEqual(names);
  });

  it('gives up on * and on statements without RETURNING', () => {
    expect(returningColumns('INSERT INTO T (N) VALUES (1) RETURNING *')).toBeNull();
    expect(returningColumns('INSERT INTO T (N) VALUES (1) RETURNING t.*')).toBeNull();
    expect(returningColumns("UPDATE T SET S = 'RETURNING' WHERE ID = 1")).toBeNull();
  });
});
