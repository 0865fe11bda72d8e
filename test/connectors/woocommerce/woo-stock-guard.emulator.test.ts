/**
 * The WooCommerce catalogue with and without the Tillbridge Stock Guard plugin in the store, over
 * real HTTP to the emulator: detection, moves sent to the plugin's route (not as inventory_delta)
 * while it is there and on, the stock it reports read back, prices still through the batch, and the
 * fallback to inventory_delta without it, switched off, or removed between two writes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WooCatalog } from '../../../connectors/woocommerce/woo-catalog';
import { WooProducts } from '../../../connectors/woocommerce/woo-products';
import { WooStockGuard } from '../../../connectors/woocommerce/woo-stock-guard';
import { clientFor, seedProducts, startStore, type CountingClient, type Emulator } from './store-fixture';

let emu: Emulator;
let c: CountingClient;
let now = 1_000_000;
beforeEach(async () => {
  emu = await startStore();
  c = clientFor(emu);
});
afterEach(async () => {
  await emu.close();
});

function catalogue(): { catalog: WooCatalog; guard: WooStockGuard } {
  const guard = new WooStockGuard(c.client, { recheckMs: 60_000, now: () => now });
  return { catalog: new WooCatalog(new WooProducts(c.client), guard), guard };
}

const sent = () => c.calls.map((r) => `${r.method} ${r.namespace ?? 'wc/v3'}/${r.endpoint}`);
const sentBodies = () => c.calls.map((r) => JSON.stringify(r.body ?? null)).join('\n');

describe('Stock Guard plugin detection', () => {
  it('says not installed on a store without it, and version and switch with it', async () => {
    const { guard } = catalogue();
    expect(await guard.status()).toEqual(expect.objectContaining({ installed: false, enabled: false, version: null, message: expect.stringContaining('not installed') }));
    emu.stockGuardPlugin.set({ installed: true });
    expect(await guard.status()).toEqual(expect.objectContaining({ installed: true, enabled: true, version: '1.0.0' }));
    emu.stockGuardPlugin.set({ enabled: false });
    expect(await guard.status()).toEqual(expect.objectContaining({ installed: true, enabled: false, message: expect.stringContaining('switched off') }));
    expect(guard.known()?.enabled).toBe(false);
    expect(sent()).toEqual(Array(3).fill('GET wc-tillbridge-stock-guard/v1/status'));
  });
});

describe('stock moves through the catalogue', () => {
  it('with the plugin on: moves go to its route, prices to the batch, and the stock it reports comes back', async () => {
    emu.stockGuardPlugin.set({ installed: true });
    const [a, b] = await seedProducts(c.client, 'SG', 2);
    const { catalog } = catalogue();
    c.calls.length = 0;
    const out = await catalog.updateProducts([
      { id: a!, stock: { move: -2 } },
      { id: b!, stock: { move: 4 }, prices: { regular: '12.00', sale: '', saleFrom: '', saleTo: '' } },
    ]);
    expect(out).toEqual([
      { ok: true, item: expect.objectContaining({ id: a, sku: 'SG-0001', stockQuantity: 3, manageStock: true }) },
      { ok: true, item: expect.objectContaining({ id: b, regularPrice: '12.00', stockQuantity: 9 }) },
    ]);
    expect(sent()).toEqual(['GET wc-tillbridge-stock-guard/v1/status', 'POST wc-tillbridge-stock-guard/v1/moves', 'POST wc/v3/products/batch']);
    expect(sentBodies()).not.toContain('inventory_delta');
    expect(sentBodies()).toContain('"moves":[{"id":' + a + ',"delta":-2},{"id":' + b + ',"delta":4}]');
    expect(catalog.requestCount()).toBe(3);
    // The status answer is kept: the next write asks nothing more.
    c.calls.length = 0;
    await catalog.updateProducts([{ id: a!, stock: { move: 1 } }]);
    expect(sent()).toEqual(['POST wc-tillbridge-stock-guard/v1/moves']);
    const stock = await catalog.readStock([{ id: a!, parentId: null }, { id: b!, parentId: null }]);
    expect([...stock.values()]).toEqual([4, 9]);
  });

  it('variations too; absolute values and stock management still go through the batch', async () => {
    emu.stockGuardPlugin.set({ installed: true });
    const parent = await c.client.post<{ id: number }>('products', { name: 'Tee', type: 'variable', attributes: [{ name: 'Size', options: ['M', 'L'], variation: true }] });
    const m = await c.client.post<{ id: number }>(`products/${parent.id}/variations`, { sku: 'TEE-M', regular_price: '5.00', manage_stock: true, stock_quantity: 6, attributes: [{ name: 'Size', option: 'M' }] });
    const l = await c.client.post<{ id: number }>(`products/${parent.id}/variations`, { sku: 'TEE-L', regular_price: '5.00', attributes: [{ name: 'Size', option: 'L' }] });
    const { catalog } = catalogue();
    c.calls.length = 0;
    const out = await catalog.updateVariations(parent.id, [{ id: m.id, stock: { move: -1 } }, { id: l.id, stock: { set: 8 }, manageStock: true }]);
    expect(out.map((o) => (o.ok ? [o.item.id, o.item.parentId, o.item.stockQuantity] : o.error.code))).toEqual([[m.id, parent.id, 5], [l.id, parent.id, 8]]);
    expect(sent()).toEqual(['GET wc-tillbridge-stock-guard/v1/status', 'POST wc-tillbridge-stock-guard/v1/moves', `POST wc/v3/products/${parent.id}/variations/batch`]);
    expect(sentBodies()).not.toContain('inventory_delta');
  });

  it('a move the plugin refuses for one item fails only that item, with the port\'s kind', async () => {
    emu.stockGuardPlugin.set({ installed: true });
    const [a] = await seedProducts(c.client, 'ER', 1);
    const [u] = await seedProducts(c.client, 'UN', 1, { manage_stock: false });
    const { catalog } = catalogue();
    const out = await catalog.updateProducts([{ id: u!, stock: { move: 1 } }, { id: a!, stock: { move: 1 } }, { id: 999_999, stock: { move: 1 } }]);
    expect(out.map((o) => (o.ok ? o.item.stockQuantity : [o.error.kind, o.error.code]))).toEqual([['refused', 'tbsg_stock_not_managed'], 6, ['not-found', 'tbsg_not_found']]);
  });

  it('without the plugin: moves are sent as inventory_delta in the batch, as always', async () => {
    const [a] = await seedProducts(c.client, 'NO', 1);
    const { catalog } = catalogue();
    c.calls.length = 0;
    const out = await catalog.updateProducts([{ id: a!, stock: { move: -3 } }]);
    expect(out[0]).toEqual({ ok: true, item: expect.objectContaining({ stockQuantity: 2 }) });
    expect(sent()).toEqual(['GET wc-tillbridge-stock-guard/v1/status', 'POST wc/v3/products/batch']);
    expect(sentBodies()).toContain('"inventory_delta":-3');
    // A write without a move never asks about the plugin.
    const fresh = catalogue().catalog;
    c.calls.length = 0;
    await fresh.updateProducts([{ id: a!, prices: { regular: '11.00', sale: '', saleFrom: '', saleTo: '' } }]);
    expect(sent()).toEqual(['POST wc/v3/products/batch']);
  });

  it('switched off, or removed after it was seen: the same write falls back to inventory_delta', async () => {
    emu.stockGuardPlugin.set({ installed: true, enabled: false });
    const [a] = await seedProducts(c.client, 'FB', 1);
    const { catalog, guard } = catalogue();
    await catalog.updateProducts([{ id: a!, stock: { move: 1 } }]);
    expect(sentBodies()).toContain('"inventory_delta":1');

    emu.stockGuardPlugin.set({ enabled: true });
    now += 60_000; // the kept answer expires
    await catalog.updateProducts([{ id: a!, stock: { move: 1 } }]);
    expect(guard.known()?.enabled).toBe(true);
    emu.stockGuardPlugin.set({ installed: false });
    c.calls.length = 0;
    const out = await catalog.updateProducts([{ id: a!, stock: { move: 1 } }]);
    expect(out[0]).toEqual({ ok: true, item: expect.objectContaining({ stockQuantity: 8 }) });
    expect(sent()).toEqual(['POST wc-tillbridge-stock-guard/v1/moves', 'POST wc/v3/products/batch']);
    expect(guard.known()).toBeNull();
  });
});

describe('a moves request that fails as a whole', () => {
  it('fails the changes with a move (kind from the failure) and still writes the ones without', async () => {
    emu.stockGuardPlugin.set({ installed: true });
    const [a, b] = await seedProducts(c.client, 'WH', 2);
    const { catalog } = catalogue();
    await catalog.updateProducts([{ id: a!, stock: { move: 0 } }]); // learns the plugin is there
    emu.faults.add({ method: 'POST', path: '/wp-json/wc-tillbridge-stock-guard/v1/moves', drop: 'after' });
    const out = await catalog.updateProducts([
      { id: a!, stock: { move: -1 }, prices: { regular: '13.00', sale: '', saleFrom: '', saleTo: '' } },
      { id: b!, prices: { regular: '14.00', sale: '', saleFrom: '', saleTo: '' } },
    ]);
    expect(out[0]).toEqual({ ok: false, error: expect.objectContaining({ kind: 'uncertain' }) });
    expect(out[1]).toEqual({ ok: true, item: expect.objectContaining({ id: b, regularPrice: '14.00' }) });
    // The store applied the move before the connection dropped: a fresh read shows it.
    expect((await catalog.readStock([{ id: a!, parentId: null }])).get(a!)).toBe(4);
  });
});

describe('a status question that fails', () => {
  it('means inventory_delta for this write, and is asked again at the next one', async () => {
    emu.stockGuardPlugin.set({ installed: true });
    const [a] = await seedProducts(c.client, 'SF', 1);
    const { catalog, guard } = catalogue();
    emu.faults.add({ method: 'GET', path: '/wp-json/wc-tillbridge-stock-guard/v1/status', status: 500, times: 5 });
    c.calls.length = 0;
    await catalog.updateProducts([{ id: a!, stock: { move: -1 } }]);
    expect(guard.known()).toEqual(expect.objectContaining({ installed: false, message: expect.stringContaining('Could not ask') }));
    expect(sentBodies()).toContain('"inventory_delta":-1');
    emu.faults.clear();
    c.calls.length = 0;
    await catalog.updateProducts([{ id: a!, stock: { move: -1 } }]);
    expect(sent()).toEqual(['GET wc-tillbridge-stock-guard/v1/status', 'POST wc-tillbridge-stock-guard/v1/moves']);
    expect((await catalog.readStock([{ id: a!, parentId: null }])).get(a!)).toBe(3);
  });
});
