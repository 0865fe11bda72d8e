/**
 * Product and variation rules beyond the recorded scenarios, each following WooCommerce's code
 * paths: batch items skip schema checks (PHP conversions apply), SKU comparison follows the
 * database collation, backorders and stock status, scheduled sales, trashing a variable product,
 * parent sync from variations, and the request plumbing (forms, wc/v2, ?rest_route=, HEAD).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../connectors/woocommerce-emulator/clock';
import { adjustStock, findBySku } from '../../../connectors/woocommerce-emulator/product-model';
import { startEmulator, type RunningEmulator } from '../../../connectors/woocommerce-emulator/server';
import { wc } from './emulator-client';

let emu: RunningEmulator;
let clock: FakeClock;
beforeEach(async () => {
  clock = new FakeClock(Date.UTC(2026, 10, 28, 12, 0, 0));
  emu = await startEmulator({ clock });
});
afterEach(async () => {
  await emu.close();
});

type P = Record<string, unknown> & { id: number };

async function create(body: Record<string, unknown>): Promise<P> {
  const res = await wc(emu, 'POST', '/products', { status: 'draft', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as P;
}

describe('batch items skip the schema checks of single requests', () => {
  it('truncates a float stock quantity and keeps a numeric price in a batch, while a single PUT refuses both', async () => {
    const p = await create({ name: 'Weighed', sku: 'BW-1', regular_price: '5.00', manage_stock: true, stock_quantity: 1 });
    const single = await wc(emu, 'PUT', `/products/${p.id}`, { stock_quantity: 3.7, regular_price: 6.5 });
    expect(single.status).toBe(400);
    expect(Object.keys((single.body as { data: { params: object } }).data.params)).toEqual(['regular_price', 'stock_quantity']);
    const batch = await wc(emu, 'POST', '/products/batch', { update: [{ id: p.id, stock_quantity: 3.7, regular_price: 6.5 }] });
    const updated = (batch.body as { update: P[] }).update[0]!;
    expect(updated.stock_quantity).toBe(3);
    expect(updated.regular_price).toBe('6.5');
  });
});

describe('SKUs', () => {
  it('treats SKUs differing only in letter case or accents as duplicates, and finds them by ?sku=', async () => {
    const p = await create({ name: 'Case', sku: 'CASE-Ä1' });
    const dup = await wc(emu, 'POST', '/products', { name: 'Case 2', status: 'draft', sku: 'case-a1' });
    expect(dup.status).toBe(400);
    expect(dup.body).toMatchObject({ code: 'product_invalid_sku', data: { resource_id: p.id, unique_sku: 'case-a1-1' } });
    const found = await wc(emu, 'GET', '/products?sku=case-ä1&_fields=id');
    expect(found.body).toEqual([{ id: p.id }]);
    expect(findBySku(emu.state, 'CASE-A1')?.id).toBe(p.id);
  });

  it('counts up the suggested unique SKU past taken ones and lets a product keep or re-case its own SKU', async () => {
    const a = await create({ name: 'A', sku: 'U-1' });
    await create({ name: 'B', sku: 'U-1-1' });
    const dup = await wc(emu, 'POST', '/products', { name: 'C', status: 'draft', sku: 'U-1' });
    expect((dup.body as { data: { unique_sku: string } }).data.unique_sku).toBe('U-1-2');
    const same = await wc(emu, 'PUT', `/products/${a.id}`, { sku: 'u-1' });
    expect(same.status).toBe(200);
    expect((same.body as P).sku).toBe('u-1');
  });

  it('refuses to take another product\'s SKU on update, naming it', async () => {
    const a = await create({ name: 'A', sku: 'TAKE-A' });
    const b = await create({ name: 'B', sku: 'TAKE-B' });
    const res = await wc(emu, 'PUT', `/products/${b.id}`, { sku: 'TAKE-A', stock_quantity: 1 });
    expect(res.body).toMatchObject({ code: 'product_invalid_sku', data: { status: 400, resource_id: a.id } });
    expect(emu.state.products.get(b.id)?.sku).toBe('TAKE-B');
  });
});

describe('stock', () => {
  it('gives onbackorder when backorders are allowed and stock runs out, and reports backordered', async () => {
    const p = await create({ name: 'Back', sku: 'BO-1', manage_stock: true, stock_quantity: 0, backorders: 'notify' });
    expect(p).toMatchObject({ stock_status: 'onbackorder', backorders_allowed: true, backordered: true });
    const neg = await wc(emu, 'PUT', `/products/${p.id}`, { stock_quantity: -2 });
    expect(neg.body).toMatchObject({ stock_status: 'onbackorder', backordered: true });
    const off = await wc(emu, 'PUT', `/products/${p.id}`, { manage_stock: false });
    expect(off.body).toMatchObject({ backorders: 'no', stock_quantity: null });
  });

  it('keeps a written stock_status while stock is not managed', async () => {
    const p = await create({ name: 'Manual', sku: 'MS-1', stock_status: 'outofstock' });
    expect(p.stock_status).toBe('outofstock');
  });

  it('applies inventory_delta to managed stock', async () => {
    const p = await create({ name: 'Delta', sku: 'ID-1', manage_stock: true, stock_quantity: 5 });
    const res = await wc(emu, 'PUT', `/products/${p.id}`, { inventory_delta: -2 });
    expect((res.body as P).stock_quantity).toBe(3);
  });

  it('adjustStock changes managed stock only and re-derives the status', async () => {
    const managed = await create({ name: 'M', sku: 'AS-1', manage_stock: true, stock_quantity: 2 });
    const unmanaged = await create({ name: 'U', sku: 'AS-2' });
    expect(adjustStock(emu.state, managed.id, -2)).toBe(0);
    expect(emu.state.products.get(managed.id)?.stockStatus).toBe('outofstock');
    expect(adjustStock(emu.state, unmanaged.id, -1)).toBeNull();
    expect(adjustStock(emu.state, 999999, 1)).toBeNull();
  });
});

describe('prices', () => {
  it('cleans price strings like wc_format_decimal', async () => {
    const p = await create({ name: 'Clean', sku: 'PC-1', regular_price: ' 1.234.5abc ' });
    expect(p.regular_price).toBe('1234.5');
    const comma = await wc(emu, 'PUT', `/products/${p.id}`, { regular_price: '12,50' });
    expect((comma.body as P).regular_price).toBe('1250');
  });

  it('drops a sale price when there is no regular price', async () => {
    const p = await create({ name: 'No regular', sku: 'NR-1', sale_price: '5.00' });
    expect(p).toMatchObject({ sale_price: '', price: '', on_sale: false, purchasable: false });
  });

  it('fixes the price at save time: a started sale shows on_sale at once, the stored price moves when a price or date changes', async () => {
    const p = await create({ name: 'Later', sku: 'SCH-1', regular_price: '20.00', sale_price: '15.00', date_on_sale_from: '2026-11-29T00:00:00' });
    expect(p).toMatchObject({ price: '20.00', on_sale: false });
    clock.advance(24 * 3600 * 1000);
    const read = await wc(emu, 'GET', `/products/${p.id}?_fields=price,on_sale`);
    expect(read.body).toMatchObject({ price: '20.00', on_sale: true });
    const unchanged = await wc(emu, 'PUT', `/products/${p.id}`, { sale_price: '15.00', regular_price: '20.00' });
    expect(unchanged.body).toMatchObject({ price: '20.00', on_sale: true });
    const saved = await wc(emu, 'PUT', `/products/${p.id}`, { date_on_sale_from: '2026-11-28T00:00:00' });
    expect(saved.body).toMatchObject({ price: '15.00', on_sale: true });
  });

  it('clears sale dates with an empty string', async () => {
    const p = await create({ name: 'Dates', sku: 'SD-1', regular_price: '9', sale_price: '8', date_on_sale_to: '2099-01-01' });
    const res = await wc(emu, 'PUT', `/products/${p.id}`, { date_on_sale_to: '' });
    expect(res.body).toMatchObject({ date_on_sale_to: null, date_on_sale_to_gmt: null, on_sale: true });
  });
});

describe('variable products', () => {
  async function shirt(): Promise<{ parent: P; s: P; m: P }> {
    const parent = await create({ name: 'Shirt', type: 'variable', sku: 'SH', attributes: [{ name: 'Size', options: ['S', 'M'], variation: true }] });
    const batch = await wc(emu, 'POST', `/products/${parent.id}/variations/batch`, {
      create: [
        { sku: 'SH-S', regular_price: '10.00', manage_stock: true, stock_quantity: 0, attributes: [{ name: 'Size', option: 'S' }] },
        { sku: 'SH-M', regular_price: '12.00', sale_price: '11.00', manage_stock: true, stock_quantity: 2, attributes: [{ name: 'Size', option: 'M' }] },
      ],
    });
    const [s, m] = (batch.body as { create: P[] }).create as [P, P];
    return { parent, s, m };
  }

  it('takes price, sale flag and stock status from its variations', async () => {
    const { parent, m } = await shirt();
    const read = await wc(emu, 'GET', `/products/${parent.id}?_fields=price,on_sale,stock_status,variations,purchasable`);
    expect(read.body).toMatchObject({ price: '10.00', on_sale: true, stock_status: 'instock', purchasable: true });
    await wc(emu, 'PUT', `/products/${parent.id}/variations/${m.id}`, { stock_quantity: 0 });
    const after = await wc(emu, 'GET', `/products/${parent.id}?_fields=stock_status`);
    expect((after.body as P).stock_status).toBe('outofstock');
  });

  it('trashes its variations with it; force delete removes them', async () => {
    const { parent, s } = await shirt();
    expect((await wc(emu, 'DELETE', `/products/${parent.id}`)).status).toBe(200);
    expect(emu.state.products.get(s.id)?.status).toBe('trash');
    expect((await wc(emu, 'GET', '/products?sku=SH-S')).body).toEqual([]);
    await wc(emu, 'DELETE', `/products/${parent.id}?force=true`);
    expect(emu.state.products.has(s.id)).toBe(false);
  });

  it('shows stock managed by the parent on variations that leave it to the parent, and moves the parent\'s stock', async () => {
    const parent = await create({ name: 'Mug', type: 'variable', sku: 'MUG', manage_stock: true, stock_quantity: 6, weight: '0.4', attributes: [{ name: 'Colour', options: ['Red'], variation: true }] });
    const made = await wc(emu, 'POST', `/products/${parent.id}/variations`, { sku: 'MUG-R', regular_price: '5.00', attributes: [{ name: 'Colour', option: 'Red' }] });
    const v = made.body as P;
    expect(v).toMatchObject({ manage_stock: false, stock_quantity: null, weight: '' });
    const read = await wc(emu, 'GET', `/products/${parent.id}/variations/${v.id}`);
    expect(read.body).toMatchObject({ manage_stock: 'parent', stock_quantity: 6, weight: '0.4' });
    expect(adjustStock(emu.state, v.id, -2)).toBe(4);
    expect(emu.state.products.get(parent.id)?.stockQuantity).toBe(4);
  });

  it('refuses a variation under a product that does not exist', async () => {
    const res = await wc(emu, 'POST', '/products/999999/variations', { sku: 'ORPHAN' });
    expect(res.status).toBe(404);
  });
});

describe('request plumbing', () => {
  it('understands PHP-style form arrays', async () => {
    const p = await create({ name: 'Form', sku: 'FM-1' });
    const { ck, cs } = emu.state.keys;
    const res = await fetch(`${emu.url}/wp-json/wc/v3/products/${p.id}`, {
      method: 'PUT',
      headers: { Authorization: `Basic ${Buffer.from(`${ck}:${cs}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'dimensions[length]=10&meta_data[0][key]=pos_id&meta_data[0][value]=77',
    });
    const body = (await res.json()) as { dimensions: { length: string }; meta_data: { key: string; value: unknown }[] };
    expect(body.dimensions.length).toBe('10');
    expect(body.meta_data.map((m) => [m.key, m.value])).toEqual([['pos_id', '77']]);
  });

  it('answers under wc/v2 and through ?rest_route=, and HEAD has headers only', async () => {
    const p = await create({ name: 'Ns', sku: 'NS-1' });
    const { ck, cs } = emu.state.keys;
    const auth = { Authorization: `Basic ${Buffer.from(`${ck}:${cs}`).toString('base64')}` };
    const v2 = await fetch(`${emu.url}/wp-json/wc/v2/products/${p.id}`, { headers: auth });
    expect(((await v2.json()) as { _links: { self: { href: string }[] } })._links.self[0]!.href).toContain('/wc/v2/');
    const plain = await fetch(`${emu.url}/?rest_route=/wc/v3/products/${p.id}`, { headers: auth });
    expect(plain.status).toBe(200);
    const head = await fetch(`${emu.url}/wp-json/wc/v3/products`, { method: 'HEAD', headers: auth });
    expect(head.headers.get('X-WP-Total')).toBe('1');
    expect(await head.text()).toBe('');
  });

  it('tells anyone that a missing id is invalid, but refuses anonymous reads of existing ones', async () => {
    const p = await create({ name: 'Anon', sku: 'AN-1' });
    const missing = await fetch(`${emu.url}/wp-json/wc/v3/products/999999`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('woocommerce_rest_product_invalid_id');
    const existing = await fetch(`${emu.url}/wp-json/wc/v3/products/${p.id}`);
    expect(existing.status).toBe(401);
    expect(await existing.json()).toMatchObject({ code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot view this resource.' });
  });

  it('lets JSON parameters outrank the URL, as WordPress orders parameters', async () => {
    const a = await create({ name: 'A', sku: 'ORD-A' });
    const b = await create({ name: 'B', sku: 'ORD-B' });
    const res = await wc(emu, 'PUT', `/products/${a.id}`, { id: b.id, name: 'B renamed' });
    expect((res.body as P).id).toBe(b.id);
    expect(emu.state.products.get(a.id)?.name).toBe('A');
  });

  it('refuses anonymous writes per action, and bad list arguments before permissions', async () => {
    const anon = await fetch(`${emu.url}/wp-json/wc/v3/products/batch`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(((await anon.json()) as { code: string }).code).toBe('woocommerce_rest_cannot_batch');
    const bad = await fetch(`${emu.url}/wp-json/wc/v3/products?include=1,abc`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { data: { params: Record<string, string> } }).data.params).toEqual({ include: 'include[1] is not of type integer.' });
  });
});

describe('setters that clean or refuse values', () => {
  it('keeps digits and hyphens of a GTIN and refuses a duplicate, naming the owner', async () => {
    const a = await create({ name: 'G1', sku: 'GT-1', global_unique_id: 'EAN 4006381-333931' });
    expect(a.global_unique_id).toBe('4006381-333931');
    const dup = await wc(emu, 'POST', '/products', { name: 'G2', status: 'draft', sku: 'GT-2', global_unique_id: '4006381-333931' });
    expect(dup.status).toBe(400);
    expect(dup.body).toMatchObject({ code: 'product_invalid_global_unique_id', data: { status: 400, resource_id: a.id } });
    expect(await wc(emu, 'GET', '/products?sku=GT-2').then((r) => r.body)).toEqual([]);
  });

  it('in a batch, refuses an unknown tax status per item and falls back for tax class and stock status', async () => {
    const res = await wc(emu, 'POST', '/products/batch', {
      create: [
        { name: 'T1', status: 'draft', sku: 'TX-1', tax_status: 'sometimes' },
        { name: 'T2', status: 'draft', sku: 'TX-2', tax_class: 'Reduced Rate', stock_status: 'maybe', weight: '1,5kg' },
      ],
    });
    const [bad, good] = (res.body as { create: Record<string, unknown>[] }).create;
    expect(bad).toMatchObject({ id: 0, error: { code: 'product_invalid_tax_status', data: { status: 400 } } });
    expect(good).toMatchObject({ sku: 'TX-2', tax_class: 'reduced-rate', stock_status: 'instock', weight: '15' });
  });
});
