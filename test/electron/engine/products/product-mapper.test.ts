/** The engine's neutral mapper: POS items and owned values as the catalogue port's write shapes. */
import { describe, expect, it } from 'vitest';
import type { Money } from '../../../../connectors/core/money';
import { itemChange, newProduct, newVariation, variationAttributes } from '../../../../electron/engine/products/product-mapper';
import type { WebItem } from '../../../../electron/engine/items/web-item';
import { desiredValues, type WebValues } from '../../../../electron/engine/items/web-values';

function web(sku: string, over: Partial<WebItem> = {}): WebItem {
  return { sku, key: sku.toLowerCase(), posId: `P-${sku}`, name: `Item ${sku}`, regularPrice: '10.00' as Money, salePrice: null, saleFrom: null, saleTo: null,
    onHand: 5, onWeb: true, parentSku: null, parentKey: null, isParent: false, attributes: {}, description: null, category: null, weight: null,
    barcode: null, createBlocker: null, ...over };
}

const values = (item: WebItem): WebValues => desiredValues(item, 0, 0);

describe('new products and variations', () => {
  it('a simple item: prices together, stock, and the creation-only fields it has', () => {
    const item = web('CUP-1', { salePrice: '8.50' as Money, saleFrom: '2025-01-01', description: 'Porcelain', weight: '0.25', barcode: '4006381333931' });
    expect(newProduct(item, values(item))).toEqual({
      kind: 'simple', sku: 'CUP-1', name: 'Item CUP-1',
      prices: { regular: '10.00', sale: '8.50', saleFrom: '2025-01-01T00:00:00', saleTo: '' },
      stock: 5, description: 'Porcelain', weight: '0.25', barcode: '4006381333931',
    });
    const plain = web('CUP-2');
    expect(newProduct(plain, values(plain))).toEqual({ kind: 'simple', sku: 'CUP-2', name: 'Item CUP-2', prices: { regular: '10.00', sale: '', saleFrom: '', saleTo: '' }, stock: 5 });
  });

  it('a matrix parent: a variable product with every attribute its children use, no price or stock', () => {
    const parent = web('TEE', { isParent: true, description: 'Cotton' });
    const children = [
      web('TEE-S-RED', { parentSku: 'TEE', parentKey: 'tee', attributes: { Size: 'S', Colour: 'Red' } }),
      web('TEE-M-RED', { parentSku: 'TEE', parentKey: 'tee', attributes: { Size: 'M', Colour: 'Red' } }),
      web('TEE-M-BLUE', { parentSku: 'TEE', parentKey: 'tee', attributes: { Size: 'M', Colour: 'Blue' } }),
    ];
    expect(newProduct(parent, values(parent), children)).toEqual({
      kind: 'variable', sku: 'TEE', name: 'Item TEE', description: 'Cotton',
      attributes: [{ name: 'Size', options: ['S', 'M'] }, { name: 'Colour', options: ['Red', 'Blue'] }],
    });
    expect(variationAttributes([])).toEqual([]);
  });

  it('a variation: its options in order, prices, stock, weight and barcode (no description)', () => {
    const v = web('TEE-S', { parentSku: 'TEE', parentKey: 'tee', attributes: { Size: 'S', Colour: 'Red' }, onHand: 3, weight: '0.2', description: 'ignored' });
    expect(newVariation(v, values(v))).toEqual({
      sku: 'TEE-S', prices: { regular: '10.00', sale: '', saleFrom: '', saleTo: '' }, stock: 3,
      attributes: [{ name: 'Size', option: 'S' }, { name: 'Colour', option: 'Red' }], weight: '0.2',
    });
  });
});

describe('changes of linked items', () => {
  const want: WebValues = { regularPrice: '12.00', salePrice: '', saleFrom: '2025-01-01T00:00:00', saleTo: '', stock: 4 };

  it('only the parts that changed; a cleared sale clears its dates too', () => {
    expect(itemChange(7, want, { prices: true, stock: false })).toEqual({ id: 7, prices: { regular: '12.00', sale: '', saleFrom: '', saleTo: '' } });
    expect(itemChange(7, want, { prices: false, stock: true })).toEqual({ id: 7, stock: { set: 4 } });
    expect(itemChange(7, want, { prices: false, stock: false })).toEqual({ id: 7 });
  });

  it('adoption turns stock management on once, except for a parent without stock', () => {
    expect(itemChange(7, want, { prices: true, stock: true }, true)).toMatchObject({ id: 7, stock: { set: 4 }, manageStock: true });
    expect(itemChange(7, { ...want, regularPrice: null, stock: null }, { prices: false, stock: false }, true)).toEqual({ id: 7 });
  });
});
