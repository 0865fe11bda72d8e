/**
 * Customer endpoints beyond the recordings: unknown ids, deletion, usernames, meta, paying
 * customers and the e-mail rules the integrator's customer matching depends on.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wc } from './emulator-client';
import { freshStore, orderOf, simpleProduct, type Store } from './orders-stock-helpers';

let s: Store;
beforeEach(async () => {
  s = await freshStore();
});
afterEach(async () => {
  await s.emu.close();
});

async function customer(email: string, extra: Record<string, unknown> = {}): Promise<Record<string, unknown> & { id: number }> {
  const res = await wc(s.emu, 'POST', '/customers', { email, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Record<string, unknown> & { id: number };
}

describe('customers', () => {
  it('unknown ids are 404 wc_user_invalid_id for read, update and delete', async () => {
    for (const [method, body] of [['GET', undefined], ['PUT', { first_name: 'x' }], ['DELETE', undefined]] as const) {
      const res = await wc(s.emu, method, '/customers/999999?force=true', body);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'wc_user_invalid_id' });
    }
  });

  it('delete needs force and removes the customer for good', async () => {
    const c = await customer('gone@example.com');
    expect((await wc(s.emu, 'DELETE', `/customers/${c.id}`)).status).toBe(501);
    const res = await wc(s.emu, 'DELETE', `/customers/${c.id}?force=true`);
    expect(res).toMatchObject({ status: 200, body: { id: c.id, email: 'gone@example.com' } });
    expect((await wc(s.emu, 'GET', `/customers/${c.id}`)).status).toBe(404);
  });

  it('usernames come from the e-mail, stay unique and cannot be edited', async () => {
    const first = await customer('sam@example.com');
    const second = await customer('sam@other.example');
    expect(first.username).toBe('sam');
    expect(second.username).not.toBe('sam');
    const res = await wc(s.emu, 'PUT', `/customers/${first.id}`, { username: 'renamed' });
    expect(res.body).toMatchObject({ code: 'woocommerce_rest_customer_invalid_argument' });
  });

  it('meta_data is writable and keeps its ids across updates', async () => {
    const c = await customer('meta@example.com', { password: 'secret-123', meta_data: [{ key: 'pos_id', value: 'C-1' }] });
    const meta = c.meta_data as { id: number; key: string; value: unknown }[];
    expect(meta).toEqual([{ id: expect.any(Number), key: 'pos_id', value: 'C-1' }]);
    const res = await wc(s.emu, 'PUT', `/customers/${c.id}`, { meta_data: [{ key: 'pos_id', value: 'C-2' }] });
    expect((res.body as { meta_data: unknown[] }).meta_data).toEqual([{ id: meta[0]!.id, key: 'pos_id', value: 'C-2' }]);
  });

  it('becomes a paying customer when an order of theirs is completed', async () => {
    const c = await customer('buyer@example.com');
    const p = await simpleProduct(s, 'A', null);
    const order = await orderOf(s, p, 1, { customer_id: c.id });
    expect(((await wc(s.emu, 'GET', `/customers/${c.id}`)).body as { is_paying_customer: boolean }).is_paying_customer).toBe(false);
    await wc(s.emu, 'PUT', `/orders/${order.id}`, { status: 'completed' });
    expect(((await wc(s.emu, 'GET', `/customers/${c.id}`)).body as { is_paying_customer: boolean }).is_paying_customer).toBe(true);
  });

  it('an order for an unknown customer id is refused and leaves no order', async () => {
    const p = await simpleProduct(s, 'A', null);
    const res = await wc(s.emu, 'POST', '/orders', { customer_id: 424242, line_items: [{ product_id: p, quantity: 1 }] });
    expect(res.body).toMatchObject({ code: 'woocommerce_rest_invalid_customer_id' });
    expect((await wc(s.emu, 'GET', '/orders?status=any')).body).toEqual([]);
  });

  it('?email= never matches billing e-mails and answers 400 for a malformed one', async () => {
    await customer('account@example.com', { billing: { email: 'billing@example.com' } });
    expect((await wc(s.emu, 'GET', '/customers?email=billing@example.com')).body).toEqual([]);
    expect((await wc(s.emu, 'GET', '/customers?email=ACCOUNT@example.com')).body).toHaveLength(1);
    expect((await wc(s.emu, 'GET', '/customers?email=nope')).status).toBe(400);
  });

  it('batch creates and reports a duplicate e-mail per item', async () => {
    await customer('dup@example.com');
    const res = await wc(s.emu, 'POST', '/customers/batch', { create: [{ email: 'new@example.com' }, { email: 'DUP@example.com' }] });
    const created = (res.body as { create: Record<string, unknown>[] }).create;
    expect(created[0]).toMatchObject({ email: 'new@example.com', role: 'customer' });
    expect(created[1]).toMatchObject({ id: 0, error: { code: 'registration-error-email-exists' } });
  });
});
