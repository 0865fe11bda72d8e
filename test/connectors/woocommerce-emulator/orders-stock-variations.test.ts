/**
 * Order stock effects for variations: a variation that manages its own stock, and one that leaves
 * stock to its parent ("manage_stock": "parent" in WooCommerce), ordered by id and by SKU.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshStore, moveTo, notesOf, placeOrder, reducedStock, stockOf, variableProduct, type Store } from './orders-stock-helpers';

let s: Store;
beforeEach(async () => {
  s = await freshStore();
});
afterEach(async () => {
  await s.emu.close();
});

describe('variations in orders', () => {
  it('a variation with its own stock is reduced and restored, the parent untouched', async () => {
    const { parent, variation } = await variableProduct(s, { variationStock: 20 });
    const order = await placeOrder(s, { status: 'processing', line_items: [{ product_id: parent, variation_id: variation, quantity: 3 }] });
    const line = order.line_items[0]!;
    expect(line).toMatchObject({ product_id: parent, variation_id: variation, name: 'Tee - M', sku: 'TEE-M', parent_name: 'Tee' });
    expect(reducedStock(line)).toBe('3');
    expect(await stockOf(s, variation)).toEqual({ quantity: 17, status: 'instock' });
    expect((await notesOf(s, order.id))[0]).toBe('Stock levels reduced: Tee - M (TEE-M)<span class="description"></span> 20&rarr;17');
    await moveTo(s, order.id, 'cancelled');
    expect((await stockOf(s, variation)).quantity).toBe(20);
  });

  it('a line given only by the variation SKU resolves parent and variation and takes stock', async () => {
    const { parent, variation } = await variableProduct(s, { variationStock: 5 });
    const order = await placeOrder(s, { set_paid: true, line_items: [{ sku: 'TEE-M', quantity: 5 }] });
    expect(order.line_items[0]).toMatchObject({ product_id: parent, variation_id: variation });
    expect(await stockOf(s, variation)).toEqual({ quantity: 0, status: 'outofstock' });
  });

  it('a variation without its own stock draws on the parent that manages stock', async () => {
    const { parent, variation } = await variableProduct(s, { parentStock: 8 });
    const order = await placeOrder(s, { status: 'on-hold', line_items: [{ variation_id: variation, quantity: 2 }] });
    expect(reducedStock(order.line_items[0]!)).toBe('2');
    expect((await stockOf(s, parent)).quantity).toBe(6);
    await moveTo(s, order.id, 'pending');
    expect((await stockOf(s, parent)).quantity).toBe(8);
  });
});
