/**
 * ErrorLog rules the oversell problems rely on: a code kept until acknowledged survives the
 * passes' resolution (item by item and whole-scope), its acknowledgement too; other codes of the
 * same item still resolve; the facts stored with a problem come back with its open and its
 * acknowledged row.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/engine/db/database';
import { ErrorLog } from '../../../../electron/engine/state/error-log';

let dir: string;
let db: Database;
let log: ErrorLog;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tb-errors-'));
  db = openDatabase(join(dir, 'state.sqlite'));
  log = new ErrorLog(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const codes = (item: string) => log.open('product').filter((e) => e.itemKey === item).map((e) => e.code).sort();

describe('ErrorLog', () => {
  it('a code kept until acknowledged survives resolve and resolveAllExcept; other codes resolve', () => {
    log.keepUntilAcknowledged('oversold');
    log.report({ scope: 'product', itemKey: 'A', code: 'oversold', message: 'A is oversold' });
    log.report({ scope: 'product', itemKey: 'A', code: 'price-negative', message: 'bad price' });
    log.report({ scope: 'product', itemKey: 'B', code: 'oversold', message: 'B is oversold' });
    log.resolve('product', 'A');
    expect(codes('A')).toEqual(['oversold']);
    log.resolveAllExcept('product', new Set());
    expect(codes('A')).toEqual(['oversold']);
    expect(codes('B')).toEqual(['oversold']);
  });

  it('without the rule the same passes resolve it (control)', () => {
    log.report({ scope: 'product', itemKey: 'A', code: 'oversold', message: 'A is oversold' });
    log.resolve('product', 'A');
    expect(codes('A')).toEqual([]);
  });

  it('an acknowledgement of a kept code is not ended by the passes; the same words stay closed', () => {
    log.keepUntilAcknowledged('oversold');
    log.report({ scope: 'product', itemKey: 'A', code: 'oversold', message: 'A is oversold' });
    expect(log.ignore(log.open('product')[0]!.id)).toBe(true);
    log.resolve('product', 'A');
    log.resolveAllExcept('product', new Set());
    expect(log.report({ scope: 'product', itemKey: 'A', code: 'oversold', message: 'A is oversold' })).toBe(false);
    expect(codes('A')).toEqual([]);
  });

  it('keeps the facts of a problem: latest gives the open row and the newest acknowledged row with their detail', () => {
    log.report({ scope: 'product', itemKey: 'A', code: 'oversold', message: 'one', detail: { shortfall: 1, orders: ['7'] } });
    const first = log.latest('product', 'A', 'oversold');
    expect(first.open).toEqual({ id: expect.any(Number), message: 'one', detail: { shortfall: 1, orders: ['7'] } });
    expect(first.acknowledged).toBeNull();
    log.report({ scope: 'product', itemKey: 'A', code: 'oversold', message: 'two', detail: { shortfall: 2, orders: ['7', '8'] } });
    expect(log.latest('product', 'A', 'oversold').open?.detail).toEqual({ shortfall: 2, orders: ['7', '8'] });
    log.ignore(first.open!.id);
    const after = log.latest('product', 'A', 'oversold');
    expect(after.open).toBeNull();
    expect(after.acknowledged).toEqual({ id: first.open!.id, message: 'two', detail: { shortfall: 2, orders: ['7', '8'] } });
  });
});
