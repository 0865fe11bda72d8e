import { describe, expect, it } from 'vitest';
import type { PosItem } from '../../../../connectors/core/pos-items-port';
import { validateItems } from '../../../../electron/engine/products/validate-items';

function item(over: Partial<PosItem> & { sku: string }): PosItem {
  return { posId: over.sku || 'X', name: `Item ${over.sku}`, regularPrice: '10.00', salePrice: null, saleFrom: null, saleTo: null,
    onHand: 5, onWeb: true, parentSku: null, attributes: {}, ...over } as PosItem;
}

describe('validateItems', () => {
  it('lets good items through with canonical prices and whole quantities', () => {
    const { items, problems } = validateItems([item({ sku: ' A-1 ', regularPrice: '9.5', onHand: '3.7' as unknown as number })]);
    expect(problems).toEqual([]);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ sku: 'A-1', key: 'a-1', regularPrice: '9.50', salePrice: null, onHand: 3 });
  });

  it('stops each bad item alone, with a message naming it', () => {
    const { items, problems } = validateItems([
      item({ sku: '' , posId: 'P17', name: 'No sku cup' }),
      item({ sku: 'B-1', regularPrice: 'abc' }),
      item({ sku: 'B-2', regularPrice: '-4' }),
      item({ sku: 'B-3', onHand: 'lots' as unknown as number }),
      item({ sku: 'B-4', onHand: 5_000_000_000 }),
      item({ sku: 'B-5', salePrice: 'x' }),
      item({ sku: 'GOOD' }),
    ]);
    expect(items.map((i) => i.sku)).toEqual(['GOOD']);
    const byKey = Object.fromEntries(problems.map((p) => [p.itemKey, p]));
    expect(byKey['POS item P17']?.message).toMatch(/P17.*No sku cup.*SKU is empty/);
    expect(byKey['B-1']?.code).toBe('price-invalid');
    expect(byKey['B-2']?.code).toBe('price-negative');
    expect(byKey['B-3']?.code).toBe('quantity-invalid');
    expect(byKey['B-4']?.code).toBe('quantity-absurd');
    expect(byKey['B-5']?.code).toBe('sale-price-invalid');
    for (const p of problems) expect(p.hint.length).toBeGreaterThan(10);
  });

  it('stops every item sharing a SKU the way the store compares SKUs', () => {
    const { items, problems } = validateItems([item({ sku: 'dup-1', posId: '1' }), item({ sku: 'DUP-1 ', posId: '2' }), item({ sku: 'ok' })]);
    expect(items.map((i) => i.sku)).toEqual(['ok']);
    expect(problems.filter((p) => p.code === 'sku-duplicate-pos')).toHaveLength(2);
    expect(problems[0]!.message).toContain('2 POS items');
  });

  it('sends a sale price not below the regular price as no sale, with a warning', () => {
    const { items, problems } = validateItems([item({ sku: 'S', regularPrice: '10', salePrice: '12' })]);
    expect(items[0]!.salePrice).toBeNull();
    expect(problems).toMatchObject([{ itemKey: 'S', code: 'sale-not-below-regular', severity: 'warning' }]);
  });

  it('counts negative POS stock as zero and lets off-web items through for zeroing', () => {
    const { items } = validateItems([item({ sku: 'N', onHand: -4 }), item({ sku: 'OFF', onWeb: false, regularPrice: null })]);
    expect(items.find((i) => i.sku === 'N')!.onHand).toBe(0);
    expect(items.find((i) => i.sku === 'OFF')!.onWeb).toBe(false);
  });

  it('blocks creation, not syncing, for long or garbled names', () => {
    const { items, problems } = validateItems([item({ sku: 'L', name: 'x'.repeat(500) }), item({ sku: 'G', name: 'CafÃ© cup' })]);
    expect(problems).toEqual([]);
    expect(items.find((i) => i.sku === 'L')!.createBlocker).toMatch(/500 characters/);
    expect(items.find((i) => i.sku === 'G')!.createBlocker).toMatch(/encoding/);
  });

  it('treats items named as parents as variable products and needs the parent present', () => {
    const { items, problems } = validateItems([
      item({ sku: 'TEE', regularPrice: null, onHand: 0 }),
      item({ sku: 'TEE-S', parentSku: 'TEE', attributes: { Size: 'S' } }),
      item({ sku: 'CAP-S', parentSku: 'CAP', attributes: { Size: 'S' } }),
    ]);
    expect(items.find((i) => i.sku === 'TEE')!.isParent).toBe(true);
    expect(items.find((i) => i.sku === 'TEE-S')!.parentKey).toBe('tee');
    expect(problems).toMatchObject([{ itemKey: 'CAP-S', code: 'parent-missing' }]);
  });
});
