import { describe, expect, it } from 'vitest';
import {
  errorFromBatchItem,
  errorFromNetwork,
  errorFromResponse,
  invalidResponse,
  isRetryableStatus,
  type CallContext,
} from '../../../connectors/woocommerce/woo-error-classify';
import { StoreError, withItem } from '../../../connectors/woocommerce/woo-errors';

const get: CallContext = { method: 'GET', path: 'products', idempotent: true, storeUrl: 'https://shop.test' };
const create: CallContext = { method: 'POST', path: 'products', idempotent: false, item: { sku: 'A-1' } };
const put: CallContext = { method: 'PUT', path: 'products/12', idempotent: true, item: { sku: 'A-1', productId: 12 } };

function wc(status: number, code: string, message = 'x', data: Record<string, unknown> = {}) {
  return { status, headers: {}, body: { code, message, data: { status, ...data } } };
}

describe('retryable vs permanent by HTTP status', () => {
  it.each([408, 429, 500, 502, 503, 504])('%i is retryable', (status) => {
    expect(isRetryableStatus(status)).toBe(true);
    expect(errorFromResponse({ status, headers: {}, body: '' }, get).retryable).toBe(true);
  });

  it.each([400, 401, 403, 404, 405, 409, 413, 422])('%i is permanent', (status) => {
    expect(isRetryableStatus(status)).toBe(false);
    expect(errorFromResponse({ status, headers: {}, body: '' }, get).retryable).toBe(false);
  });

  it('a redirect is permanent and names where it goes', () => {
    const e = errorFromResponse({ status: 301, headers: { location: 'https://www.shop.test/wp-json/wc/v3/products' }, body: '' }, get);
    expect(e.retryable).toBe(false);
    expect(e.message).toContain('https://www.shop.test');
  });
});

describe('retryable network failures', () => {
  it.each(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'EAI_AGAIN', 'tillbridge_timeout'])('%s is retryable', (code) => {
    const e = errorFromNetwork(Object.assign(new Error('boom'), { code }), get);
    expect(e.retryable).toBe(true);
    expect(e.code).toBe(code);
    expect(e.status).toBeUndefined();
  });

  it('"socket hang up" without a code counts as a reset', () => {
    const e = errorFromNetwork(new Error('socket hang up'), get);
    expect(e.code).toBe('ECONNRESET');
    expect(e.retryable).toBe(true);
  });

  it('the code may sit on the cause (axios wraps node errors)', () => {
    const e = errorFromNetwork(Object.assign(new Error('Network Error'), { code: 'ERR_NETWORK', cause: { code: 'ECONNREFUSED' } }), get);
    expect(e.code).toBe('ECONNREFUSED');
  });

  it('TLS certificate failures are permanent and say so', () => {
    const e = errorFromNetwork(Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' }), get);
    expect(e.retryable).toBe(false);
    expect(e.hint).toMatch(/certificate/);
  });

  it('a cancelled call is not retryable', () => {
    expect(errorFromNetwork({ code: 'ERR_CANCELED' }, get).retryable).toBe(false);
  });
});

describe('did a failed write happen?', () => {
  it('a create cut off mid-call may have been applied', () => {
    const e = errorFromNetwork(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), create);
    expect(e.writeMayHaveHappened).toBe(true);
    expect(e.hint).toMatch(/look it up/i);
  });

  it('a create whose connection was refused cannot have happened', () => {
    expect(errorFromNetwork({ code: 'ECONNREFUSED' }, create).writeMayHaveHappened).toBe(false);
  });

  it('429 and 503 mean the store did not process the create; 500/502/504 leave it open', () => {
    expect(errorFromResponse({ status: 429, headers: {}, body: '' }, create).writeMayHaveHappened).toBe(false);
    expect(errorFromResponse({ status: 503, headers: {}, body: '' }, create).writeMayHaveHappened).toBe(false);
    expect(errorFromResponse({ status: 500, headers: {}, body: '' }, create).writeMayHaveHappened).toBe(true);
    expect(errorFromResponse({ status: 504, headers: {}, body: '' }, create).writeMayHaveHappened).toBe(true);
  });

  it('an idempotent PUT never reports an ambiguous write (repeating it is safe)', () => {
    expect(errorFromNetwork({ code: 'ECONNRESET' }, put).writeMayHaveHappened).toBe(false);
  });

  it('a permanent 400 on a create did not happen', () => {
    expect(errorFromResponse(wc(400, 'rest_invalid_param'), create).writeMayHaveHappened).toBe(false);
  });
});

describe('Retry-After', () => {
  it('is read from a 429 in seconds', () => {
    const e = errorFromResponse({ status: 429, headers: { 'retry-after': '3' }, body: '' }, get);
    expect(e.retryAfterMs).toBe(3000);
  });

  it('is read from an HTTP date', () => {
    const now = Date.parse('2026-11-28T10:00:00Z');
    const e = errorFromResponse({ status: 503, headers: { 'retry-after': 'Sat, 28 Nov 2026 10:00:10 GMT' }, body: '' }, get, now);
    expect(e.retryAfterMs).toBe(10_000);
  });
});

describe('plain-words messages and hints', () => {
  it('401 anonymous: check the keys, or the stripped Authorization header (try query)', () => {
    const e = errorFromResponse(wc(401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.'), get);
    expect(e.retryable).toBe(false);
    expect(e.hint).toMatch(/consumer key and secret/);
    expect(e.hint).toMatch(/Authorization header/);
    expect(e.hint).toMatch(/'query'/);
  });

  it('401 with a wrong secret says the secret does not match', () => {
    const e = errorFromResponse(wc(401, 'woocommerce_rest_authentication_error', 'Consumer secret is invalid.'), get);
    expect(e.message).toMatch(/secret does not match/);
  });

  it('read-only key (WooCommerce answers 401) says so and how to fix', () => {
    const e = errorFromResponse(
      wc(401, 'woocommerce_rest_authentication_error', 'The API key provided does not have write permissions.'),
      create,
    );
    expect(e.message).toMatch(/read-only/);
    expect(e.hint).toMatch(/Read\/Write/);
  });

  it('403 points at key permissions or a firewall', () => {
    const e = errorFromResponse({ status: 403, headers: {}, body: '<html>blocked</html>' }, get);
    expect(e.retryable).toBe(false);
    expect(e.hint).toMatch(/Read\/Write/);
    expect(e.hint).toMatch(/firewall/);
  });

  it('404 rest_no_route: the REST API is not at that URL (permalinks)', () => {
    const e = errorFromResponse(wc(404, 'rest_no_route', 'No route was found matching the URL and request method.'), get);
    expect(e.message).toContain('https://shop.test');
    expect(e.hint).toMatch(/Permalinks/);
  });

  it('413 from WooCommerce: batch too large', () => {
    const e = errorFromResponse(wc(413, 'woocommerce_rest_request_entity_too_large', 'Unable to accept more than 100 items for this request.'), get);
    expect(e.message).toMatch(/more than 100/);
    expect(e.retryable).toBe(false);
  });

  it('duplicate SKU names the SKU and the product that holds it, and keeps resource_id', () => {
    const e = errorFromResponse(wc(400, 'product_invalid_sku', 'Invalid or duplicated SKU.', { resource_id: 40, unique_sku: 'A-1-1' }), create);
    expect(e.resourceId).toBe(40);
    expect(e.message).toBe('SKU "A-1": this SKU is already used by product 40 in the store.');
    expect(e.hint).toMatch(/product 40/);
  });

  it('a SKU held by a trashed product says to empty the trash', () => {
    const e = errorFromResponse(
      wc(400, 'woocommerce_rest_product_not_created', 'The SKU (A-1) you are trying to insert is already under processing / already present in the lookup table.'),
      create,
    );
    expect(e.message).toMatch(/trash/);
    expect(e.resourceId).toBeUndefined();
  });

  it('validation errors list the parameters', () => {
    const e = errorFromResponse(
      wc(400, 'rest_invalid_param', 'Invalid parameter(s): stock_quantity', { params: { stock_quantity: 'stock_quantity is not of type integer.' } }),
      put,
    );
    expect(e.params).toEqual({ stock_quantity: 'stock_quantity is not of type integer.' });
    expect(e.message).toContain('stock_quantity is not of type integer.');
    expect(e.message.startsWith('SKU "A-1" (product 12):')).toBe(true);
  });

  it('decodes HTML entities in store messages', () => {
    const e = errorFromResponse(
      wc(404, 'woocommerce_rest_invalid_product_id', 'To manipulate product variations you should use the /products/&lt;product_id&gt;/variations/&lt;id&gt; endpoint.'),
      put,
    );
    expect(e.storeMessage).toContain('/products/<product_id>/variations/<id>');
    expect(e.message).toMatch(/variation/);
  });

  it('a web page instead of JSON is explained', () => {
    const e = invalidResponse(200, '<!DOCTYPE html><html>Coming soon</html>', get, 'JSON');
    expect(e.message).toMatch(/web page/);
    expect(e.retryable).toBe(false);
  });
});

describe('batch item errors', () => {
  it('keep the per-item status: an unknown delete id is a permanent 404', () => {
    const e = errorFromBatchItem(
      { code: 'woocommerce_rest_product_invalid_id', message: 'Invalid ID.', data: { status: 404 } },
      { method: 'POST', path: 'products/batch', idempotent: true, item: { productId: 999998 } },
    );
    expect(e.status).toBe(404);
    expect(e.retryable).toBe(false);
    expect(e.message).toMatch(/^product 999998:/);
  });
});

describe('StoreError', () => {
  it('withItem renames the item and keeps the rest', () => {
    const e = errorFromResponse(wc(400, 'product_invalid_sku', 'dup', { resource_id: 5 }), { ...create, item: undefined });
    const named = withItem(e, { sku: 'B-2' });
    expect(named).toBeInstanceOf(StoreError);
    expect(named.message).toBe('SKU "B-2": this SKU is already used by product 5 in the store.');
    expect(named.resourceId).toBe(5);
  });

  it('serialises to JSON with message, hint and flags', () => {
    const e = errorFromResponse({ status: 503, headers: { 'retry-after': '2' }, body: '' }, get);
    const json = JSON.parse(JSON.stringify(e)) as Record<string, unknown>;
    expect(json).toMatchObject({ name: 'StoreError', retryable: true, status: 503, retryAfterMs: 2000 });
    expect(typeof json.message).toBe('string');
    expect(typeof json.hint).toBe('string');
  });
});
