import { describe, expect, it } from 'vitest';
import { bindNamed, placeholderNames } from '../../../connectors/pos/drivers/sql-params';
import { PosError } from '../../../connectors/core/pos-errors';

describe('named parameters', () => {
  it('binds by name in order, repeating a name where it repeats', () => {
    expect(bindNamed('SELECT * FROM T WHERE A > :since OR B > :since AND C = :c', { since: 't', c: 3 }))
      .toEqual({ sql: 'SELECT * FROM T WHERE A > ? OR B > ? AND C = ?', args: ['t', 't', 3] });
  });

  it('expands a list to one marker per value, and an empty list to NULL', () => {
    expect(bindNamed('X IN (:locations)', { locations: ['MAIN', 'BACK'] })).toEqual({ sql: 'X IN (?, ?)', args: ['MAIN', 'BACK'] });
    expect(bindNamed('X IN (:locations)', { locations: [] })).toEqual({ sql: 'X IN (NULL)', args: [] });
  });

  it('leaves string literals, quoted names, comments and casts alone', () => {
    const sql = `SELECT ':no', "a:b", x::int FROM T -- :comment\n WHERE /* :block */ Y = :yes AND Z = 'it''s :not'`;
    expect(placeholderNames(sql)).toEqual(['yes']);
    expect(bindNamed(sql, { yes: 1 }).sql).toBe(`SELECT ':no', "a:b", x::int FROM T -- :comment\n WHERE /* :block */ Y = ? AND Z = 'it''s :not'`);
  });

  it('names the missing parameter', () => {
    expect(() => bindNamed('A = :webStore', {})).toThrow(PosError);
    expect(() => bindNamed('A = :webStore', {})).toThrow(/parameter :webStore/);
  });

  it('never splices a value into the SQL text', () => {
    const evil = "x'); DROP TABLE ITEMS; --";
    const bound = bindNamed('SELECT 1 FROM T WHERE CODE IN (:codes) AND N = :n', { codes: [evil, 'ok'], n: evil });
    expect(bound.sql).toBe('SELECT 1 FROM T WHERE CODE IN (?, ?) AND N = ?');
    expect(bound.args).toEqual([evil, 'ok', evil]);
  });
});
