import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProfile } from '../../../connectors/pos/profile';
import { builtInProfile, builtInProfileNames, loadProfileFile, parseProfileJson, resolveProfile, withParameters } from '../../../connectors/pos/profile-loader';
import { PosError } from '../../../connectors/core/pos-errors';
import demoJson from '../../../connectors/pos/profiles/demo.json';

/** Free-form JSON the tests edit deep inside, the way a person edits a profile file. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** The demo profile as plain JSON, changed by `edit`, then validated; returns the error message. */
function problemsOf(edit: (p: Json) => void): string {
  const json = structuredClone(demoJson) as Json;
  edit(json);
  try {
    parseProfile(json, '"edited"');
  } catch (err) {
    expect(err).toBeInstanceOf(PosError);
    expect((err as PosError).code).toBe('bad-profile');
    return (err as Error).message;
  }
  throw new Error('expected the profile to be refused');
}

describe('profiles', () => {
  it('ships valid built-in profiles', () => {
    expect(builtInProfileNames().sort()).toEqual(['demo', 'demo-catalogue', 'matrix-retail', 'ospos', 'unicenta']);
    expect(builtInProfile('unicenta').engines).toEqual(['mysql']);
    expect(builtInProfile('ospos').recognise?.columns).toEqual({ name: 'POS_NAME', version: 'POS_VERSION' });
    for (const name of builtInProfileNames()) expect(builtInProfile(name).name).toBe(name);
    expect(builtInProfile('demo').tuning).toEqual({ idsPerStatement: 500, fullReadAbove: 5000 });
    expect(() => builtInProfile('nope')).toThrow(/no built-in POS profile "nope".*demo/);
  });

  it('takes an attribute\'s name from a column when the POS keeps names as data, and checks the recognise statement\'s parameters', () => {
    const json = structuredClone(demoJson) as Json;
    json.items.attributes = [{ nameColumn: 'ATTR_NAME', column: 'ATTR_VALUE' }];
    expect(parseProfile(json).items.attributes).toEqual([{ nameColumn: 'ATTR_NAME', column: 'ATTR_VALUE' }]);
    expect(problemsOf((p) => { p.items.attributes = [{ column: 'SIZE_NAME' }]; })).toContain('- items.attributes.0:');
    expect(problemsOf((p) => { p.recognise = { sql: 'SELECT NAME, VERSION FROM APP WHERE ID = :appId', columns: { name: 'NAME', version: 'VERSION' } }; }))
      .toContain('- recognise.sql: uses :appId, which is not in "parameters"');
  });

  it('names a misspelt key', () => {
    const message = problemsOf((p) => { p.items.colums = p.items.columns; delete p.items.columns; });
    expect(message).toContain('- items.colums: unknown key (did you mean "columns"?)');
    expect(message).toContain('- items.columns: is missing');
    expect(problemsOf((p) => { p.stock.extra = 1; })).toContain('- stock.extra: unknown key (check its spelling against PROFILES.md)');
  });

  it('names a missing or malformed column mapping', () => {
    expect(problemsOf((p) => { delete p.items.columns.sku; })).toContain('- items.columns.sku: is missing');
    expect(problemsOf((p) => { p.stock.columns.quantity = 'QTY; DROP TABLE X'; })).toContain('- stock.columns.quantity: must be a plain column name');
  });

  it('names a wrong kind of web selection', () => {
    expect(problemsOf((p) => { p.webSelection = { kind: 'flagged', column: 'WEB' }; }))
      .toContain('- webSelection.kind: must be one of "flag", "membership", "all"');
    expect(problemsOf((p) => { p.webSelection = { kind: 'membership', column: 'POS_ID' }; })).toContain('- webSelection.sql: is missing');
  });

  it('names a placeholder without a value, and the statement that uses it', () => {
    expect(problemsOf((p) => { p.stock.sql = p.stock.sql.replace(':locations', ':locatons'); }))
      .toContain('- stock.sql: uses :locatons, which is not in "parameters" (declared: regularLevel, saleLevel, locations, saleLocation)');
  });

  it('checks price levels, tax and incremental-read parts against each other', () => {
    expect(problemsOf((p) => { p.parameters.saleLevel = '9'; })).toContain('- parameters.saleLevel: "9" is not one of prices.levels (1, 2, 3)');
    expect(problemsOf((p) => { delete p.parameters.regularLevel; })).toContain('- parameters.regularLevel: is missing');
    expect(problemsOf((p) => { p.prices.includesTax = false; })).toContain('- prices.includesTax: is false, so map items.columns.taxRate or set parameters.taxRate');
    expect(problemsOf((p) => { p.prices.includesTax = false; p.parameters.taxRate = 'twenty'; })).toContain('- parameters.taxRate: "twenty" is not a percentage');
    expect(problemsOf((p) => { delete p.changes.highWaterSql; })).toContain('- changes.highWaterSql: is missing (needed with changes.changedSql)');
    expect(problemsOf((p) => { p.changes.changedSql = 'SELECT ID AS POS_ID, CHANGED_AT AS CHANGED FROM ITEMS'; })).toContain('- changes.changedSql: must compare the change column with :since');
    expect(problemsOf((p) => { p.format = 'tillbridge-pos-profile/9'; })).toContain('- format: must be "tillbridge-pos-profile/1"');
  });

  it('reports a JSON syntax error with its line and column', () => {
    const text = '{\n  "format": "tillbridge-pos-profile/1",\n  "name": "x",,\n}';
    expect(() => parseProfileJson(text, 'shop.json')).toThrow(/shop\.json is not valid JSON at line 3, column \d+/);
  });

  it('loads a profile file by path and a built-in by name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tb-profile-'));
    try {
      const file = join(dir, 'shop.json');
      writeFileSync(file, JSON.stringify({ ...demoJson, name: 'shop' }));
      expect(loadProfileFile(file).name).toBe('shop');
      expect(resolveProfile(file).name).toBe('shop');
      expect(resolveProfile('matrix-retail').prices.from).toBe('rows');
      expect(() => loadProfileFile(join(dir, 'missing.json'))).toThrow(/Cannot read the POS profile file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets the shop override declared parameters only', () => {
    const p = withParameters(builtInProfile('demo'), { locations: ['MAIN'], saleLevel: null });
    expect(p.parameters).toMatchObject({ locations: ['MAIN'], saleLevel: null, regularLevel: '1' });
    expect(() => withParameters(builtInProfile('demo'), { location: ['MAIN'] }))
      .toThrow(/options\.location: the profile has no parameter "location" \(it has: regularLevel, saleLevel, locations, saleLocation\)/);
    expect(() => withParameters(builtInProfile('demo'), { regularLevel: '7' })).toThrow(/parameters\.regularLevel: "7" is not one of prices\.levels/);
  });
});
