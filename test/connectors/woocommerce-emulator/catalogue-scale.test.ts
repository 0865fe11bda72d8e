/**
 * The emulator must not be the bottleneck of a benchmark: once its indexes are built, a write or
 * a keyed read (SKUs, ids, a parent's variations) never walks the whole catalogue. A spy counts
 * the walks; the answers stay what WooCommerce gives (unique slugs, refused duplicate GTINs).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../connectors/woocommerce-emulator/server';
import { wc } from './emulator-client';

let emu: RunningEmulator;
beforeEach(async () => { emu = await startEmulator(); });
afterEach(async () => { await emu.close(); });

type P = Record<string, unknown> & { id: number };

/** Counts walks over every stored record from here on. */
function countWalks(): { walks: number } {
  const seen = { walks: 0 };
  const products = emu.state.products;
  const values = products.values.bind(products);
  products.values = () => { seen.walks++; return values(); };
  return seen;
}

describe('writes and keyed reads at catalogue scale', () => {
  it('creates, updates and looks up without walking the catalogue', async () => {
    for (let b = 0; b < 5; b++) {
      const create = Array.from({ length: 100 }, (_, i) => ({ name: `Mug ${b}-${i}`, sku: `M-${b}-${i}`, regular_price: '5.00', status: 'publish', global_unique_id: `4000${b}${String(i).padStart(3, '0')}` }));
      expect((await wc(emu, 'POST', '/products/batch', { create })).status).toBe(200);
    }
    const parent = (await wc(emu, 'POST', '/products', { name: 'Shirt', sku: 'SH', type: 'variable', status: 'publish', attributes: [{ name: 'Size', options: ['S', 'M'], variation: true }] })).body as P;
    // Indexes exist now; count from here.
    const seen = countWalks();
    const made = await wc(emu, 'POST', '/products/batch', { create: [
      { name: 'Mug 0-1', sku: 'X-1', regular_price: '5.00', status: 'publish' },
      { name: 'Clash', sku: 'X-2', regular_price: '5.00', global_unique_id: '40000001' },
    ] });
    const [same, clash] = (made.body as { create: P[] }).create;
    expect(same!.slug).toBe('mug-0-1-2');
    expect(clash!.error).toMatchObject({ code: 'product_invalid_global_unique_id' });
    const variations = await wc(emu, 'POST', `/products/${parent.id}/variations/batch`, { create: [
      { sku: 'SH-S', regular_price: '9.00', attributes: [{ name: 'Size', option: 'S' }] },
      { sku: 'SH-M', regular_price: '9.00', attributes: [{ name: 'Size', option: 'M' }] },
    ] });
    expect((variations.body as { create: P[] }).create.map((v) => v.sku)).toEqual(['SH-S', 'SH-M']);
    const update = await wc(emu, 'POST', '/products/batch', { update: [{ id: same!.id, stock_quantity: 4, manage_stock: true }, { id: parent.id, regular_price: '1.00' }] });
    expect(update.status).toBe(200);
    const bySku = await wc(emu, 'GET', '/products?sku=M-1-7,SH-M,m-4-99&per_page=100');
    expect((bySku.body as P[]).map((p) => p.sku).sort()).toEqual(['M-1-7', 'M-4-99', 'SH-M']);
    const byId = await wc(emu, 'GET', `/products?include=${same!.id},${parent.id}&_fields=id,stock_quantity&per_page=100&orderby=id&order=asc`);
    expect((byId.body as P[]).map((p) => p.stock_quantity)).toEqual([null, 4]);
    const listed = await wc(emu, 'GET', `/products/${parent.id}/variations?per_page=100`);
    expect((listed.body as P[]).length).toBe(2);
    expect(seen.walks).toBe(0);
  });
});
