/**
 * The engine's neutral write shapes as WooCommerce payloads, and WooCommerce's failures as the
 * port's kinds: everything WooCommerce-specific about product writes lives in the adapter.
 */
import { describe, expect, it } from 'vitest';
import type { Prices } from '../../../connectors/core/store-catalog-port';
import { toFailure } from '../../../connectors/woocommerce/woo-catalog';
import { errorFromBatchItem, errorFromNetwork, errorFromResponse, failureKind, type CallContext } from '../../../connectors/woocommerce/woo-error-classify';
import { productCreatePayload, updatePayload, variationCreatePayload } from '../../../connectors/woocommerce/woo-product-payloads';
import { checkFields } from '../../../connectors/woocommerce/woo-products';

const onSale: Prices = { regular: '10.00', sale: '8.50', saleFrom: '2025-01-01T00:00:00', saleTo: '2025-01-31T00:00:00' };
const noSale: Prices = { regular: '12.00', sale: '', saleFrom: '', saleTo: '' };

describe('create payloads', () => {
  it('a simple product is a draft with its prices (sale window included) and managed stock', () => {
    const p = productCreatePayload({ kind: 'simple', sku: 'CUP-1', name: 'Cup', prices: onSale, stock: 5, description: 'Porcelain', weight: '0.25', barcode: '4006381333931' });
    expect(p).toEqual({
      name: 'Cup', type: 'simple', status: 'draft', sku: 'CUP-1',
      regular_price: '10.00', sale_price: '8.50', date_on_sale_from: '2025-01-01T00:00:00', date_on_sale_to: '2025-01-31T00:00:00',
      manage_stock: true, stock_quantity: 5,
      description: 'Porcelain', weight: '0.25', global_unique_id: '4006381333931',
    });
    expect(checkFields(p, { sku: 'CUP-1' })).toBeUndefined();
  });

  it('a variable parent is a draft with its attributes for variations, visible, and no price or stock', () => {
    const p = productCreatePayload({ kind: 'variable', sku: 'TEE', name: 'Tee', attributes: [{ name: 'Size', options: ['S', 'M'] }, { name: 'Colour', options: ['Red'] }] });
    expect(p).toEqual({
      name: 'Tee', type: 'variable', status: 'draft', sku: 'TEE',
      attributes: [
        { name: 'Size', options: ['S', 'M'], variation: true, visible: true },
        { name: 'Colour', options: ['Red'], variation: true, visible: true },
      ],
    });
  });

  it('leaves out what the product does not have', () => {
    expect(productCreatePayload({ kind: 'simple', sku: 'A', name: 'A' })).toEqual({ name: 'A', type: 'simple', status: 'draft', sku: 'A' });
  });

  it('a variation carries its options, prices, stock, weight and barcode', () => {
    expect(variationCreatePayload({ sku: 'TEE-S', prices: noSale, stock: 3, attributes: [{ name: 'Size', option: 'S' }], weight: '0.2', barcode: '123' })).toEqual({
      sku: 'TEE-S', regular_price: '12.00', sale_price: '', date_on_sale_from: '', date_on_sale_to: '',
      manage_stock: true, stock_quantity: 3, attributes: [{ name: 'Size', option: 'S' }], weight: '0.2', global_unique_id: '123',
    });
  });
});

describe('update payloads', () => {
  it('prices travel together; an empty sale clears the sale and its dates', () => {
    expect(updatePayload({ id: 7, prices: noSale })).toEqual({ id: 7, regular_price: '12.00', sale_price: '', date_on_sale_from: '', date_on_sale_to: '' });
  });

  it('a stock move is inventory_delta and nothing else about stock', () => {
    expect(updatePayload({ id: 7, stock: { move: -3 } })).toEqual({ id: 7, inventory_delta: -3 });
    expect(updatePayload({ id: 7, prices: noSale, stock: { move: 2 } })).toMatchObject({ id: 7, regular_price: '12.00', inventory_delta: 2 });
  });

  it('a set stock is an absolute, managed quantity; adoption turns stock management on', () => {
    expect(updatePayload({ id: 7, stock: { set: 0 } })).toEqual({ id: 7, manage_stock: true, stock_quantity: 0 });
    expect(updatePayload({ id: 7, prices: noSale, manageStock: true })).toEqual({ ...updatePayload({ id: 7, prices: noSale }), manage_stock: true });
  });

  it('an empty change is just the id', () => {
    expect(updatePayload({ id: 7 })).toEqual({ id: 7 });
  });
});

describe('failure kinds', () => {
  const create: CallContext = { method: 'POST', path: 'products/batch', idempotent: false, item: { sku: 'A-1' } };
  const update: CallContext = { method: 'POST', path: 'products/batch', idempotent: true, item: { sku: 'A-1', productId: 12 } };
  const item = (code: string, message: string, data: Record<string, unknown> = {}) => ({ code, message, data: { status: 400, ...data } });

  it('a duplicate SKU names the product holding it', () => {
    const f = toFailure(errorFromBatchItem(item('product_invalid_sku', 'Invalid or duplicated SKU.', { resource_id: 31, unique_sku: 'A-1-1' }), create));
    expect(f).toMatchObject({ kind: 'duplicate-sku', resourceId: 31, code: 'product_invalid_sku', retryable: false });
  });

  it('a duplicate GTIN names its holder too, but is refused, not a SKU match', () => {
    const f = toFailure(errorFromBatchItem(item('product_invalid_global_unique_id', 'Invalid or duplicated GTIN, UPC, EAN or ISBN.', { resource_id: 31 }), create));
    expect(f.kind).toBe('refused');
  });

  it('a SKU held by a trashed product (the lookup table) is in-trash; other refused creates are not', () => {
    const trash = errorFromBatchItem(item('woocommerce_rest_product_not_created', 'The product with SKU (A-1) you are trying to insert is already present in the lookup table'), create);
    expect(failureKind(trash)).toBe('in-trash');
    expect(failureKind(errorFromBatchItem(item('woocommerce_rest_product_not_created', 'Something else went wrong'), create))).toBe('refused');
  });

  it('a product or variation the store does not have any more is not-found', () => {
    expect(failureKind(errorFromBatchItem(item('woocommerce_rest_product_invalid_id', 'Invalid ID.', { status: 400 }), update))).toBe('not-found');
    expect(failureKind(errorFromBatchItem(item('woocommerce_rest_product_variation_invalid_id', 'Invalid ID.'), update))).toBe('not-found');
    expect(failureKind(errorFromResponse({ status: 404, headers: {}, body: { code: 'rest_no_route', message: 'x', data: { status: 404 } } }, update))).toBe('not-found');
  });

  it('a create whose answer was lost is uncertain; a store that could not be reached is unavailable', () => {
    expect(toFailure(errorFromNetwork(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), create))).toMatchObject({ kind: 'uncertain', retryable: true });
    expect(toFailure(errorFromNetwork(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }), create))).toMatchObject({ kind: 'unavailable', retryable: true });
    expect(failureKind(errorFromResponse({ status: 503, headers: {}, body: '' }, update))).toBe('unavailable');
  });

  it('a value the store refuses is refused', () => {
    expect(failureKind(errorFromBatchItem(item('rest_invalid_param', 'Invalid parameter(s): regular_price', { params: { regular_price: 'bad' } }), update))).toBe('refused');
  });
});
