import { describe, expect, it } from 'vitest';
import { assembleItems, type SectionRows } from '../../../connectors/pos/item-assembly';
import { parseProfile, PROFILE_FORMAT } from '../../../connectors/pos/profile';
import type { Row } from '../../../connectors/pos/drivers/sql-driver';

/** A minimal profile around the part under test. */
function profile(over: Record<string, unknown> = {}) {
  return parseProfile({
    format: PROFILE_FORMAT,
    name: 'unit',
    parameters: { regularLevel: 'R', saleLevel: 'S', locations: ['A', 'B'] },
    items: { sql: 'SELECT 1', columns: { posId: 'ID', sku: 'SKU', name: 'NAME', parentId: 'PARENT' }, attributes: [{ name: 'Size', column: 'SIZE' }] },
    prices: { from: 'rows', sql: 'SELECT 1', columns: { posId: 'ID', level: 'LVL', price: 'P', saleFrom: 'F', saleTo: 'T' } },
    stock: { sql: 'SELECT 1', columns: { posId: 'ID', quantity: 'Q', location: 'LOC' } },
    webSelection: { kind: 'flag', column: 'WEB' },
    changes: { markerSql: ['SELECT 1'] },
    ...over,
  });
}

const item = (id: number, v: Row = {}): Row => ({ ID: id, SKU: `S${id}`, NAME: `N${id}`, PARENT: null, SIZE: null, WEB: 1, ...v });

describe('assembling PosItems from rows', () => {
  it('picks the configured levels from price rows and keeps the first row of a level', () => {
    const out = assembleItems(profile(), {
      items: [item(1)],
      prices: [
        { ID: 1, LVL: 'R   ', P: '10.00', F: null, T: null }, { ID: 1, LVL: 'R', P: '11.00', F: null, T: null },
        { ID: 1, LVL: 'S', P: '8.00', F: '2026-06-01 08:30:00.000', T: '2026-06-30 00:00:00.000' }, { ID: 1, LVL: 'X', P: '1.00', F: null, T: null },
      ],
      stock: [], selection: null,
    });
    expect(out.get('1')).toMatchObject({ regularPrice: '10.00', salePrice: '8.00', saleFrom: '2026-06-01T08:30:00', saleTo: '2026-06-30' });
  });

  it('treats a zero or empty sale price as no sale unless the profile says otherwise, and drops its dates', () => {
    const rows: SectionRows = { items: [item(1)], prices: [{ ID: 1, LVL: 'R', P: '10.00' }, { ID: 1, LVL: 'S', P: '0.000', F: '2026-01-01', T: null }], stock: [], selection: null };
    expect(assembleItems(profile(), rows).get('1')).toMatchObject({ salePrice: null, saleFrom: null });
    const keepZero = profile({ prices: { from: 'rows', sql: 'SELECT 1', columns: { posId: 'ID', level: 'LVL', price: 'P', saleFrom: 'F' }, zeroSaleMeansNone: false } });
    expect(assembleItems(keepZero, rows).get('1')).toMatchObject({ salePrice: '0.000', saleFrom: '2026-01-01' });
  });

  it('grosses up net prices with the item rate, else the profile rate, and passes junk through untouched', () => {
    const p = profile({
      parameters: { regularLevel: 'R', saleLevel: 'S', locations: ['A'], taxRate: '20' },
      items: { sql: 'SELECT 1', columns: { posId: 'ID', sku: 'SKU', name: 'NAME', taxRate: 'RATE' } },
      prices: { from: 'rows', sql: 'SELECT 1', columns: { posId: 'ID', level: 'LVL', price: 'P' }, includesTax: false },
    });
    const out = assembleItems(p, {
      items: [item(1, { RATE: '5.00' }), item(2, { RATE: null }), item(3)],
      prices: [{ ID: 1, LVL: 'R', P: '9.5238' }, { ID: 2, LVL: 'R', P: '16.6583' }, { ID: 2, LVL: 'S', P: '12.4917' }, { ID: 3, LVL: 'R', P: '12,5O' }],
      stock: [], selection: null,
    });
    expect(out.get('1')?.regularPrice).toBe('10.00');
    expect(out.get('2')).toMatchObject({ regularPrice: '19.99', salePrice: '14.99' });
    expect(out.get('3')?.regularPrice).toBe('12,5O');
  });

  it('sums only the counted locations (any letter case, CHAR padding) and counts a missing row as zero', () => {
    const out = assembleItems(profile(), {
      items: [item(1), item(2), item(3), item(4)],
      prices: [],
      stock: [
        { ID: 1, LOC: 'A', Q: 2 }, { ID: 1, LOC: 'b ', Q: '1.500' }, { ID: 1, LOC: 'C', Q: 100 },
        { ID: 2, LOC: 'A', Q: '0.1' }, { ID: 2, LOC: 'A', Q: '0.2' },
        { ID: 4, LOC: 'A', Q: 'lots' },
      ],
      selection: null,
    });
    expect(out.get('1')?.onHand).toBe(3.5);
    expect(out.get('2')?.onHand).toBe(0.3);
    expect(out.get('3')?.onHand).toBe(0);
    expect(out.get('4')?.onHand).toBeNaN(); // validation reports it as not a number
  });

  it('reads the web flag with the default or the profile\'s own yes-values', () => {
    const rows = (web: unknown[]) => ({ items: web.map((w, i) => item(i + 1, { WEB: w as Row[string] })), prices: [], stock: [], selection: null });
    const flags = [...assembleItems(profile(), rows([1, 0, 'Y', 'n', ' yes ', true, null, 'T'])).values()].map((i) => i.onWeb);
    expect(flags).toEqual([true, false, true, false, true, true, false, true]);
    const own = profile({ webSelection: { kind: 'flag', column: 'WEB', trueValues: ['W', 2] } });
    expect([...assembleItems(own, rows(['w', 2, 1])).values()].map((i) => i.onWeb)).toEqual([true, true, false]);
  });

  it('links matrix children to their parent, marks the parent, and puts it on the web with a selected child', () => {
    const out = assembleItems(profile(), {
      items: [item(10, { WEB: 0 }), item(11, { PARENT: 10, SIZE: ' M ' }), item(12, { PARENT: 10, SIZE: '', WEB: 0 }), item(13, { PARENT: 99 })],
      prices: [], stock: [], selection: null,
    });
    expect(out.get('10')).toMatchObject({ isParent: true, onWeb: true, parentSku: null });
    expect(out.get('11')).toMatchObject({ parentSku: 'S10', parentPosId: '10', attributes: { Size: 'M' } });
    expect(out.get('12')).toMatchObject({ parentSku: 'S10', attributes: {}, onWeb: false });
    expect(out.get('13')).toMatchObject({ parentSku: null, parentPosId: '99' }); // parent not read: validation reports it
  });

  it('uses membership ids for membership selections and an on-hand column when there is no stock table', () => {
    const p = profile({
      items: { sql: 'SELECT 1', columns: { posId: 'ID', sku: 'SKU', name: 'NAME', onHand: 'QTY' } },
      stock: undefined,
      webSelection: { kind: 'membership', sql: 'SELECT 1', column: 'ID' },
    });
    const out = assembleItems(p, { items: [item(1, { QTY: '4.000' }), item(2, { QTY: null })], prices: [], stock: [], selection: new Set(['2']) });
    expect(out.get('1')).toMatchObject({ onWeb: false, onHand: 4 });
    expect(out.get('2')).toMatchObject({ onWeb: true, onHand: 0 });
  });
});
