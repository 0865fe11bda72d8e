import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseMoney, type Money } from '../../../connectors/core/money';
import { WooProducts } from '../../../connectors/woocommerce/woo-products';
import type { ItemResult } from '../../../connectors/woocommerce/woo-batch';
import type { WooProductRef } from '../../../connectors/woocommerce/woo-product-types';
import { clientFor, seedProducts, startStore, type Emulator } from './store-fixture';

let emu: Emulator;
beforeAll(async () => {
  emu = await startStore();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  emu.reset();
  emu.faults.clear();
});

function money(text: string): Money {
  const m = parseMoney(text);
  if (!m.ok) throw new Error(m.reason);
  return m.value;
}

function ok<T>(r: ItemResult<T> | undefined): T {
  if (!r || !r.ok) throw new Error(`expected success, got ${r ? r.error.message : 'nothing'}`);
  return r.value;
}

function endpoints(calls: { method: string; endpoint: string }[]): string[] {
  return calls.map((c) => `${c.method} ${c.endpoint}`);
}

/** A variable product with one variation per option; returns parent id and variation refs by option. */
async function variable(products: WooProducts, c: ReturnType<typeof clientFor>, sku: string, options: string[]) {
  const parent = await c.client.post<{ id: number }>('products', {
    name: `Var ${sku}`,
    type: 'variable',
    status: 'draft',
    sku,
    attributes: [{ name: 'Size', options, variation: true, visible: true }],
  });
  const res = await products.batchVariations(parent.id, {
    create: options.map((o) => ({ sku: `${sku}-${o}`, regular_price: money('20'), manage_stock: true, stock_quantity: 2, attributes: [{ name: 'Size', option: o }] })),
  });
  return { parentId: parent.id, variations: res.create.map((r) => ok(r)) };
}

describe('findBySkus', () => {
  it('finds 12 SKUs in one request (per_page raised; the default page would hold 10)', async () => {
    const c = clientFor(emu);
    await seedProducts(c.client, 'LK', 12);
    c.calls.length = 0;
    const skus = Array.from({ length: 12 }, (_, i) => `LK-${String(i + 1).padStart(4, '0')}`);
    const r = await new WooProducts(c.client).findBySkus(skus);
    expect(r.missing).toEqual([]);
    expect([...r.found.keys()].sort()).toEqual(skus);
    expect(c.calls).toHaveLength(1);
    expect(c.calls[0]!.params?.per_page).toBe('100');
  });

  it('looks up 250 SKUs in 3 requests and reports the missing ones', async () => {
    const c = clientFor(emu);
    await seedProducts(c.client, 'MN', 245);
    c.calls.length = 0;
    const skus = Array.from({ length: 250 }, (_, i) => `MN-${String(i + 1).padStart(4, '0')}`);
    const r = await new WooProducts(c.client, { concurrency: 1 }).findBySkus(skus);
    expect(r.found.size).toBe(245);
    expect(r.missing).toEqual(['MN-0246', 'MN-0247', 'MN-0248', 'MN-0249', 'MN-0250']);
    expect(r.requests).toBe(3);
    expect(c.calls).toHaveLength(3);
  });

  it('splits by URL length when SKUs are long', async () => {
    const c = clientFor(emu);
    const long = (i: number) => `LONG-${'X'.repeat(60)}-${i}`;
    await c.client.post('products/batch', { create: [1, 2, 3, 4].map((i) => ({ name: `L${i}`, sku: long(i), status: 'draft' })) });
    c.calls.length = 0;
    const r = await new WooProducts(c.client, { maxSkuParamLength: 150 }).findBySkus([1, 2, 3, 4].map(long));
    expect(r.found.size).toBe(4);
    expect(c.calls.length).toBeGreaterThanOrEqual(2);
  });

  it('finds variations, with their parent, next to simple products', async () => {
    const c = clientFor(emu);
    const products = new WooProducts(c.client);
    await seedProducts(c.client, 'SP', 1);
    const { parentId, variations } = await variable(products, c, 'TEE', ['S', 'M']);
    const r = await products.findBySkus(['SP-0001', 'TEE-M', 'TEE', 'NOPE']);
    const tee = r.found.get('TEE-M')![0]!;
    expect(tee).toMatchObject({ id: variations[1]!.id, type: 'variation', parentId, sku: 'TEE-M', regularPrice: '20.00', stockQuantity: 2 });
    expect(r.found.get('TEE')![0]).toMatchObject({ id: parentId, type: 'variable', parentId: 0 });
    expect(r.found.get('SP-0001')![0]).toMatchObject({ type: 'simple', status: 'draft', regularPrice: '10.00', manageStock: true, stockQuantity: 5 });
    expect(r.missing).toEqual(['NOPE']);
  });

  it('finds a SKU holding a comma with a request of its own, without mixing in its parts', async () => {
    const c = clientFor(emu);
    await c.client.post('products/batch', {
      create: [
        { name: 'Comma', sku: 'A,B', status: 'draft' },
        { name: 'A', sku: 'A', status: 'draft' },
        { name: 'C', sku: 'C', status: 'draft' },
      ],
    });
    c.calls.length = 0;
    const r = await new WooProducts(c.client).findBySkus(['A,B', 'C', '  ']);
    expect(r.found.get('A,B')!.map((p) => p.sku)).toEqual(['A,B']);
    expect(r.found.get('C')!.map((p) => p.sku)).toEqual(['C']);
    expect(r.found.has('A')).toBe(false);
    expect(r.unsearchable).toEqual(['  ']);
    expect(c.calls.map((x) => x.params?.sku).sort()).toEqual(['A,B', 'C']);
  });

  it('pairs answers with SKUs the way the database compares them (case, accents)', async () => {
    const c = clientFor(emu);
    await c.client.post('products', { name: 'Cafe', sku: 'CAFÉ-1', status: 'draft' });
    const r = await new WooProducts(c.client).findBySkus(['cafe-1']);
    expect(r.found.get('cafe-1')!.map((p) => p.sku)).toEqual(['CAFÉ-1']);
  });
});

describe('lists', () => {
  it('listAllProductRefs pages over more than 100 products', async () => {
    const c = clientFor(emu);
    const ids = await seedProducts(c.client, 'AL', 130);
    const refs = await new WooProducts(c.client).listAllProductRefs();
    expect(refs.map((r) => r.id)).toEqual(ids);
    expect(refs[0]).toMatchObject({ sku: 'AL-0001', regularPrice: '10.00', stockQuantity: 5 });
  });

  it('listVariations returns refs naming the parent', async () => {
    const c = clientFor(emu);
    const products = new WooProducts(c.client);
    const { parentId } = await variable(products, c, 'LV', ['S', 'M', 'L']);
    const vs = await products.listVariations(parentId);
    expect(vs.map((v) => v.sku)).toEqual(['LV-S', 'LV-M', 'LV-L']);
    expect(vs.every((v) => v.parentId === parentId && v.type === 'variation')).toBe(true);
  });
});

describe('batchProducts', () => {
  it('splits 250 updates into 3 requests of at most 100 and applies them all', async () => {
    const c = clientFor(emu);
    const ids = await seedProducts(c.client, 'BU', 250);
    c.calls.length = 0;
    const update = ids.map((id, i) => ({ id, stock_quantity: i, regular_price: money('12.5') }));
    const r = await new WooProducts(c.client).batchProducts({ update });
    expect(r.requests).toBe(3);
    expect(endpoints(c.calls)).toEqual(['POST products/batch', 'POST products/batch', 'POST products/batch']);
    const sizes = c.calls.map((call) => ((call.body as { update: unknown[] }).update ?? []).length);
    expect(sizes).toEqual([100, 100, 50]);
    expect(r.update.map((u) => ok(u).stockQuantity)).toEqual(ids.map((_, i) => i));
    expect(ok(r.update[249]).regularPrice).toBe('12.50');
  });

  it('counts creates, updates and deletes together against the 100 limit, results in input order', async () => {
    const c = clientFor(emu);
    const ids = await seedProducts(c.client, 'MX', 60);
    c.calls.length = 0;
    const create = Array.from({ length: 70 }, (_, i) => ({ name: `New ${i}`, sku: `NEW-${i}`, status: 'draft' as const, regular_price: money('1') }));
    const update = ids.slice(0, 50).map((id) => ({ id, stock_quantity: 1 }));
    const r = await new WooProducts(c.client).batchProducts({ create, update, delete: ids.slice(50) });
    expect(r.requests).toBe(2);
    const first = c.calls[0]!.body as Record<string, unknown[]>;
    expect([first.create?.length, first.update?.length, first.delete?.length]).toEqual([70, 30, undefined]);
    expect(r.create.map((x) => ok(x).sku)).toEqual(create.map((x) => x.sku));
    expect(r.update.map((x) => ok(x).id)).toEqual(ids.slice(0, 50));
    expect(r.delete.map((x) => ok(x).id)).toEqual(ids.slice(50));
  });

  it('reports per-item errors naming the SKU or id, and applies the good items', async () => {
    const c = clientFor(emu);
    const [existing] = await seedProducts(c.client, 'PE', 1);
    const r = await new WooProducts(c.client).batchProducts(
      {
        create: [
          { name: 'Fresh', sku: 'PE-NEW', status: 'draft', regular_price: money('6') },
          { name: 'Dup', sku: 'PE-0001', status: 'draft', regular_price: money('6') },
        ],
        update: [
          { id: existing!, stock_quantity: 4 },
          { id: 999999, stock_quantity: 1 },
        ],
        delete: [999998],
      },
      { skus: new Map([[999999, 'GONE-1']]) },
    );
    expect(ok(r.create[0]).sku).toBe('PE-NEW');
    const dup = r.create[1]!;
    expect(dup.ok).toBe(false);
    if (!dup.ok) {
      expect(dup.error).toMatchObject({ code: 'product_invalid_sku', resourceId: existing, retryable: false });
      expect(dup.error.message).toBe(`SKU "PE-0001": this SKU is already used by product ${existing} in the store.`);
    }
    expect(ok(r.update[0]).stockQuantity).toBe(4);
    const missing = r.update[1]!;
    expect(!missing.ok && missing.error.message.startsWith('SKU "GONE-1" (product 999999):')).toBe(true);
    const del = r.delete[0]!;
    expect(!del.ok && del.error.status === 404 && del.error.item?.productId === 999998).toBe(true);
  });

  it('refuses a junk price before sending, and sends the rest', async () => {
    const c = clientFor(emu);
    const ids = await seedProducts(c.client, 'JP', 2);
    c.calls.length = 0;
    const r = await new WooProducts(c.client).batchProducts({
      update: [
        { id: ids[0]!, regular_price: 'abc' as Money },
        { id: ids[1]!, regular_price: money('3.00') },
      ],
    });
    const bad = r.update[0]!;
    expect(!bad.ok && bad.error.code === 'tillbridge_invalid_value').toBe(true);
    expect(ok(r.update[1]).regularPrice).toBe('3.00');
    expect((c.calls[0]!.body as { update: unknown[] }).update).toHaveLength(1);
  });

  it('a store that is down fails the first request after retries and the rest without calls', async () => {
    const c = clientFor(emu, { maxRetries: 1 });
    const ids = await seedProducts(c.client, 'DN', 250);
    c.calls.length = 0;
    emu.faults.add({ method: 'POST', path: '/wp-json/wc/v3/products/batch', status: 503, times: 100 });
    const r = await new WooProducts(c.client).batchProducts({ update: ids.map((id) => ({ id, stock_quantity: 0 })) });
    expect(c.calls).toHaveLength(2);
    expect(r.update.every((u) => !u.ok && u.error.status === 503 && u.error.retryable)).toBe(true);
    const last = r.update[249]!;
    expect(!last.ok && last.error.item?.productId === ids[249]).toBe(true);
  });

  it('a batch gets a longer deadline than an ordinary call (100 items take seconds on a real store)', async () => {
    // An ordinary call would give up after 2 s; the batch waits its longer deadline (4×) for a 3 s answer.
    const c = clientFor(emu, { timeoutMs: 2000, maxRetries: 0 });
    const ids = await seedProducts(c.client, 'SL', 2);
    emu.faults.add({ method: 'POST', path: '/wp-json/wc/v3/products/batch', delayMs: 3000 });
    const r = await new WooProducts(c.client).batchProducts({ update: ids.map((id) => ({ id, stock_quantity: 7 })) });
    expect(r.update.map((u) => ok(u).stockQuantity)).toEqual([7, 7]);
  });

  it('a create batch cut off after the write is not resent; each create says it may exist', async () => {
    const c = clientFor(emu);
    emu.faults.add({ method: 'POST', path: '/wp-json/wc/v3/products/batch', drop: 'after' });
    const create = [1, 2, 3].map((i) => ({ name: `Cut ${i}`, sku: `CUT-${i}`, status: 'draft' as const }));
    const r = await new WooProducts(c.client).batchProducts({ create });
    expect(c.calls).toHaveLength(1);
    for (const x of r.create) expect(!x.ok && x.error.writeMayHaveHappened && x.error.retryable).toBe(true);
    const again = await new WooProducts(c.client).findBySkus(['CUT-1', 'CUT-2', 'CUT-3']);
    expect(again.found.size).toBe(3);
  });
});

describe('variation routing', () => {
  it('a variation id sent to /products/batch fails per item (why routing is needed)', async () => {
    const c = clientFor(emu);
    const products = new WooProducts(c.client);
    const { variations } = await variable(products, c, 'WR', ['S']);
    const r = await products.batchProducts({ update: [{ id: variations[0]!.id, stock_quantity: 1 }] });
    const x = r.update[0]!;
    expect(!x.ok && x.error.code === 'woocommerce_rest_invalid_product_id').toBe(true);
  });

  it("writeProducts sends each variation through its parent's endpoint and products through /products/batch", async () => {
    const c = clientFor(emu);
    const products = new WooProducts(c.client);
    const [p1, p2] = await seedProducts(c.client, 'RT', 2);
    const a = await variable(products, c, 'RA', ['S', 'M']);
    const b = await variable(products, c, 'RB', ['L']);
    c.calls.length = 0;
    const writes = [
      { id: p1!, parentId: 0, sku: 'RT-0001', fields: { stock_quantity: 11 } },
      { ...a.variations[1]!, fields: { stock_quantity: 12, regular_price: money('21'), sale_price: money('19') } },
      { ...b.variations[0]!, fields: { stock_quantity: 13 } },
      { id: p2!, parentId: 0, fields: { stock_quantity: 14 } },
      { ...a.variations[0]!, fields: { stock_quantity: 15 } },
    ];
    const r = await products.writeProducts(writes);
    expect(r.requests).toBe(3);
    expect(endpoints(c.calls).sort()).toEqual(
      ['POST products/batch', `POST products/${a.parentId}/variations/batch`, `POST products/${b.parentId}/variations/batch`].sort(),
    );
    const values: WooProductRef[] = r.results.map((x) => ok(x));
    expect(values.map((v) => v.stockQuantity)).toEqual([11, 12, 13, 14, 15]);
    expect(values[1]).toMatchObject({ regularPrice: '21.00', salePrice: '19.00', parentId: a.parentId });
    const check = await products.findBySkus(['RA-M', 'RB-L']);
    expect(check.found.get('RA-M')![0]!.stockQuantity).toBe(12);
    expect(check.found.get('RB-L')![0]!.stockQuantity).toBe(13);
  });

  it('a variation write under the wrong parent fails for that item only, naming SKU and parent', async () => {
    const c = clientFor(emu);
    const products = new WooProducts(c.client);
    const [p1] = await seedProducts(c.client, 'WP', 1);
    const a = await variable(products, c, 'WA', ['S']);
    const r = await products.writeProducts([
      { id: a.variations[0]!.id, parentId: p1!, sku: 'WA-S', fields: { stock_quantity: 3 } },
      { id: p1!, parentId: 0, fields: { stock_quantity: 3 } },
    ]);
    const bad = r.results[0]!;
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(new RegExp(`^SKU "WA-S" \\(variation ${a.variations[0]!.id} of product ${p1}\\):`));
    expect(ok(r.results[1]).stockQuantity).toBe(3);
  });
});
