/**
 * WooCatalog.readStock against the emulator over HTTP: the read the stock race check makes just
 * before each write batch (one request per 100 products, per 100 variations of one parent).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WooCatalog } from '../../../connectors/woocommerce/woo-catalog';
import { WooProducts } from '../../../connectors/woocommerce/woo-products';
import { clientFor, seedProducts, startStore, type Emulator } from './store-fixture';

let emu: Emulator;
beforeAll(async () => { emu = await startStore(); });
afterAll(async () => { await emu.close(); });
beforeEach(() => { emu.reset(); emu.faults.clear(); });

describe('readStock', () => {
  it('reads 150 products in two requests of at most 100 ids, trimmed to id and stock_quantity', async () => {
    const c = clientFor(emu);
    const ids = await seedProducts(c.client, 'RS', 150, { stock_quantity: 7 });
    await c.client.put(`products/${ids[3]!}`, { stock_quantity: 2 });
    const catalog = new WooCatalog(new WooProducts(c.client));
    c.calls.length = 0;
    const stock = await catalog.readStock(ids.map((id) => ({ id, parentId: null })));
    expect(stock.size).toBe(150);
    expect(stock.get(ids[3]!)).toBe(2);
    expect(stock.get(ids[149]!)).toBe(7);
    expect(c.calls).toHaveLength(2);
    expect(catalog.requestCount()).toBe(2);
    for (const call of c.calls) {
      expect(call.endpoint).toBe('products');
      expect(call.params?._fields).toBe('id,stock_quantity');
      expect(String(call.params?.include).split(',').length).toBeLessThanOrEqual(100);
    }
  });

  it('reads variations through their parent, gives null where stock is not managed, and leaves out unknown ids', async () => {
    const c = clientFor(emu);
    const parent = await c.client.post<{ id: number }>('products', { name: 'Tee', type: 'variable', status: 'draft', sku: 'TEE',
      attributes: [{ name: 'Size', options: ['S', 'M'], variation: true, visible: true }] });
    const made = await c.client.post<{ create: { id: number }[] }>(`products/${parent.id}/variations/batch`, { create: [
      { sku: 'TEE-S', regular_price: '5.00', manage_stock: true, stock_quantity: 4, attributes: [{ name: 'Size', option: 'S' }] },
      { sku: 'TEE-M', regular_price: '5.00', attributes: [{ name: 'Size', option: 'M' }] },
    ] });
    const [s, m] = made.create.map((v) => v.id) as [number, number];
    const [plain] = await seedProducts(c.client, 'PL', 1, { stock_quantity: 9 });
    const catalog = new WooCatalog(new WooProducts(c.client));
    c.calls.length = 0;
    const stock = await catalog.readStock([{ id: s, parentId: parent.id }, { id: m, parentId: parent.id }, { id: plain!, parentId: null }, { id: 999_999, parentId: null }]);
    expect(stock.get(s)).toBe(4);
    expect(stock.has(m)).toBe(true);
    expect(stock.get(m)).toBeNull();
    expect(stock.get(plain!)).toBe(9);
    expect(stock.has(999_999)).toBe(false);
    expect(c.calls.map((call) => call.endpoint).sort()).toEqual(['products', `products/${parent.id}/variations`]);
  });
});
