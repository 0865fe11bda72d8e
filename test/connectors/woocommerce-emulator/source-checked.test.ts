/**
 * Emulator behaviours no recording shows, each checked against WooCommerce's (or WordPress's) own
 * source rather than inferred. Every test names, in one line, the function or file that decides
 * the behaviour in a real store; connectors/woocommerce-emulator/README.md lists them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../connectors/woocommerce-emulator/clock';
import { startEmulator, type RunningEmulator } from '../../../connectors/woocommerce-emulator/server';
import { bySku, wc } from './emulator-client';

let emu: RunningEmulator;
let clock: FakeClock;
beforeEach(async () => {
  clock = new FakeClock(Date.UTC(2026, 10, 28, 12, 0, 0));
  emu = await startEmulator({ clock });
});
afterEach(async () => {
  await emu.close();
});

type J = Record<string, unknown> & { id: number };

async function create(body: Record<string, unknown>): Promise<J> {
  const res = await wc(emu, 'POST', '/products', { status: 'draft', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as J;
}

async function get(path: string): Promise<J> {
  const res = await wc(emu, 'GET', path);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as J;
}

async function variable(): Promise<{ parent: J; variation: J }> {
  const parent = await create({ name: 'Tee', type: 'variable', sku: 'TEE', attributes: [{ name: 'Size', options: ['M', 'L'], variation: true }] });
  const res = await wc(emu, 'POST', `/products/${parent.id}/variations`, { sku: 'TEE-M', regular_price: '12.00', attributes: [{ name: 'Size', option: 'M' }] });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { parent, variation: res.body as J };
}

const skus = (rows: Record<string, unknown>[]) => rows.map((r) => r.sku).sort();

describe('SKU lookups and stored SKUs', () => {
  // wc_clean (sanitize_text_field) on the sku in prepare_object_for_database: trimmed, inner runs collapsed.
  it('stores a SKU trimmed and with inner runs of spaces made one', async () => {
    const p = await create({ name: 'Spaced', sku: '  AB   C  ' });
    expect(p.sku).toBe('AB C');
    const v = await variable();
    const res = await wc(emu, 'PUT', `/products/${v.parent.id}/variations/${v.variation.id}`, { sku: ' TEE  M \t' });
    expect((res.body as J).sku).toBe('TEE M');
  });

  // get_collection_params declares `sku` with sanitize_callback sanitize_text_field; prepare_objects_query splits on ",".
  it('sanitizes the ?sku= parameter the same way, single and in comma lists', async () => {
    await create({ name: 'One', sku: 'AB C' });
    await create({ name: 'Two', sku: 'XY' });
    expect(skus(await bySku(emu, '  AB   C '))).toEqual(['AB C']);
    expect(skus(await bySku(emu, 'AB  C,XY'))).toEqual(['AB C', 'XY']);
    expect(skus(await bySku(emu, 'AB C ,XY  '))).toEqual(['AB C', 'XY']);
  });

  // WP_Meta_Query compares `_sku IN (...)` under utf8mb4_unicode_520_ci: PAD SPACE, so only a part's leading space counts.
  it('misses a list part with a leading space, finds one with a trailing space', async () => {
    await create({ name: 'One', sku: 'AB C' });
    await create({ name: 'Two', sku: 'XY' });
    expect(skus(await bySku(emu, 'AB C, XY'))).toEqual(['AB C']);
    expect(skus(await bySku(emu, 'XY ,AB C'))).toEqual(['AB C', 'XY']);
  });

  // utf8mb4_unicode_520_ci (WordPress's table collation on MariaDB): case- and accent-blind, ß = ss.
  it('matches SKUs case- and accent-blind, with ß equal to ss, and refuses such a twin as a duplicate', async () => {
    await create({ name: 'Street', sku: 'Straße-1' });
    expect(skus(await bySku(emu, 'STRASSE-1'))).toEqual(['Straße-1']);
    await create({ name: 'Cafe', sku: 'Café' });
    expect(skus(await bySku(emu, 'cafe'))).toEqual(['Café']);
    const twin = await wc(emu, 'POST', '/products', { name: 'Twin', sku: 'strasse-1' });
    expect(twin.status).toBe(400);
    expect((twin.body as { code: string }).code).toBe('product_invalid_sku');
  });

  // _sanitize_text_fields removes percent-encoded octets after trimming.
  it('drops percent-encoded octets from a SKU', async () => {
    const p = await create({ name: 'Pct', sku: 'A%20B' });
    expect(p.sku).toBe('AB');
  });
});

describe('meta values read back as the database gives them', () => {
  // CustomMetaDataStore::add_meta (HPOS) stores maybe_serialize()d text; save_object answers from a fresh read.
  it('turns order meta scalars into strings and keeps the types inside arrays', async () => {
    const res = await wc(emu, 'POST', '/orders', {
      meta_data: [
        { key: 'five', value: 5 },
        { key: 'yes', value: true },
        { key: 'no', value: false },
        { key: 'half', value: 1.5 },
        { key: 'third', value: 0.1 + 0.2 },
        { key: 'gone', value: null },
        { key: 'empty', value: '' },
        { key: 'obj', value: { n: 1, ok: true, none: null, list: [1, 'a'] } },
        { key: 'blank', value: {} },
        { key: 'slash', value: 'a\\b' },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const meta = Object.fromEntries(((res.body as { meta_data: { key: string; value: unknown }[] }).meta_data).map((m) => [m.key, m.value]));
    expect(meta).toEqual({ five: '5', yes: '1', no: '', half: '1.5', third: '0.3', empty: '', obj: { n: 1, ok: true, none: null, list: [1, 'a'] }, blank: [], slash: 'a\\b' });
    const again = await get(`/orders/${(res.body as J).id}`);
    expect(again.meta_data).toEqual((res.body as J).meta_data);
  });

  // WC_Data_Store_WP::add_meta slashes only string values before add_metadata unslashes the whole value.
  it('does the same for product meta, where strings inside arrays also lose a backslash', async () => {
    const p = await create({ name: 'Meta', sku: 'M-1', meta_data: [{ key: 'n', value: 7 }, { key: 'flag', value: false }, { key: 'top', value: 'x\\y' }, { key: 'deep', value: { path: 'c:\\tmp' } }] });
    const meta = Object.fromEntries((p.meta_data as { key: string; value: unknown }[]).map((m) => [m.key, m.value]));
    expect(meta).toEqual({ n: '7', flag: '', top: 'x\\y', deep: { path: 'c:tmp' } });
  });

  // WC_Data_Store_WP::filter_raw_meta_data hides only the data store's internal keys and "wp_" keys.
  it('lists a product\'s own "_" meta keys but not WooCommerce\'s internal ones', async () => {
    const p = await create({ name: 'Keys', sku: 'M-2', meta_data: [{ key: '_tillbridge_pos_id', value: '17' }, { key: '_edit_lock', value: '1' }, { key: 'wp_x', value: '1' }] });
    expect((p.meta_data as { key: string }[]).map((m) => m.key)).toEqual(['_tillbridge_pos_id']);
  });

  // WC_Data::save_meta_data: a null value deletes an existing entry and never creates one.
  it('deletes meta written as null', async () => {
    const res = await wc(emu, 'POST', '/orders', { meta_data: [{ key: 'k', value: 1 }] });
    const id = (res.body as J).id;
    const cleared = await wc(emu, 'PUT', `/orders/${id}`, { meta_data: [{ key: 'k', value: null }] });
    expect((cleared.body as J).meta_data).toEqual([]);
  });
});

describe('sale dates', () => {
  // WC_REST_Products_V2_Controller::get_product_data: wc_rest_prepare_date_response gives null for no date.
  it('are null when unset, on products and variations, in both contexts', async () => {
    const p = await create({ name: 'Plain', sku: 'D-0', regular_price: '5' });
    const v = await variable();
    for (const body of [p, await get(`/products/${p.id}`), v.variation, await get(`/products/${v.parent.id}/variations/${v.variation.id}`)]) {
      expect(body).toMatchObject({ date_on_sale_from: null, date_on_sale_from_gmt: null, date_on_sale_to: null, date_on_sale_to_gmt: null });
    }
  });

  // prepare_object_for_database tests isset(): null is skipped; the date-time type becomes null|string (adjust_wp_5_5_datatype_compatibility), so null stays null.
  it('ignore null and clear on "", on the single routes and in batches, for products and variations', async () => {
    const p = await create({ name: 'Sale', sku: 'D-1', regular_price: '10', sale_price: '8', date_on_sale_from: '2026-01-01T00:00:00', date_on_sale_to: '2099-01-01T00:00:00' });
    const kept = await wc(emu, 'PUT', `/products/${p.id}`, { date_on_sale_from: null, date_on_sale_to_gmt: null });
    expect(kept.body).toMatchObject({ date_on_sale_from: '2026-01-01T00:00:00', date_on_sale_to: '2099-01-01T00:00:00' });
    const batchKept = await wc(emu, 'POST', '/products/batch', { update: [{ id: p.id, date_on_sale_to: null, sale_price: null }] });
    expect((batchKept.body as { update: J[] }).update[0]).toMatchObject({ date_on_sale_to: '2099-01-01T00:00:00', sale_price: '8' });
    const cleared = await wc(emu, 'PUT', `/products/${p.id}`, { date_on_sale_from: '', date_on_sale_to_gmt: '' });
    expect(cleared.body).toMatchObject({ date_on_sale_from: null, date_on_sale_from_gmt: null, date_on_sale_to: null, date_on_sale_to_gmt: null, on_sale: true });

    const v = await variable();
    const path = `/products/${v.parent.id}/variations`;
    await wc(emu, 'PUT', `${path}/${v.variation.id}`, { sale_price: '9', date_on_sale_to: '2099-02-02T00:00:00' });
    const vKept = await wc(emu, 'POST', `${path}/batch`, { update: [{ id: v.variation.id, date_on_sale_to: null }] });
    expect((vKept.body as { update: J[] }).update[0]).toMatchObject({ date_on_sale_to: '2099-02-02T00:00:00' });
    const vCleared = await wc(emu, 'PUT', `${path}/${v.variation.id}`, { date_on_sale_to: '' });
    expect(vCleared.body).toMatchObject({ date_on_sale_to: null, date_on_sale_to_gmt: null });
  });

  // rest_validate_value_from_schema with type [null, string]; batch_items never validates, and set_date_prop takes a number as a timestamp.
  it('refuse a JSON number on a single request but take it as a timestamp in a batch', async () => {
    const p = await create({ name: 'Stamp', sku: 'D-2', regular_price: '10', sale_price: '8' });
    const single = await wc(emu, 'PUT', `/products/${p.id}`, { date_on_sale_to: 4102444800 });
    expect(single.status).toBe(400);
    expect(single.body).toMatchObject({ code: 'rest_invalid_param', data: { params: { date_on_sale_to: 'date_on_sale_to is not of type null,string.' } } });
    const batch = await wc(emu, 'POST', '/products/batch', { update: [{ id: p.id, date_on_sale_to: 4102444800 }] });
    expect((batch.body as { update: J[] }).update[0]).toMatchObject({ date_on_sale_to: '2100-01-01T00:00:00' });
  });

  // set_date_prop: an unreadable string becomes the epoch, saved as 0, which read_product_data reads as no date; `_gmt` passes strtotime()'s false, which clears.
  it('read back as null after an unreadable date', async () => {
    const p = await create({ name: 'Junk', sku: 'D-3', regular_price: '10', sale_price: '8', date_on_sale_from: '2026-01-01', date_on_sale_to: '2099-01-01' });
    const res = await wc(emu, 'PUT', `/products/${p.id}`, { date_on_sale_from: 'not a date', date_on_sale_to_gmt: 'nor this' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ date_on_sale_from: null, date_on_sale_to: null, sale_price: '8' });
  });
});

describe('invalid values inside batches', () => {
  // WC_REST_Controller::batch_items calls create_item/update_item directly: no argument validation, so the setters' PHP conversions decide.
  it('never fail the batch with rest_invalid_param; coerce what the setters coerce', async () => {
    const p = await create({ name: 'Target', sku: 'B-1', regular_price: '10', manage_stock: true, stock_quantity: 5 });
    const res = await wc(emu, 'POST', '/products/batch', {
      create: [{ name: 'Odd', sku: 'B-2', status: 'bogus', type: 'gadget', regular_price: 12, manage_stock: 'yes', stock_quantity: 'abc' }],
      update: [{ id: p.id, regular_price: 'abc', stock_quantity: '7 units', backorders: 'no', catalog_visibility: 'visible' }],
    });
    expect(res.status).toBe(200);
    const body = res.body as { create: J[]; update: J[] };
    expect(body.create[0]).toMatchObject({ status: 'draft', type: 'simple', regular_price: '12', manage_stock: true, stock_quantity: 0, stock_status: 'outofstock' });
    expect(body.update[0]).toMatchObject({ regular_price: '', price: '', stock_quantity: 7 });
    const single = await wc(emu, 'PUT', `/products/${p.id}`, { status: 'bogus' });
    expect(single.status).toBe(400);
    expect((single.body as { code: string }).code).toBe('rest_invalid_param');
  });

  // Setters that throw WC_Data_Exception (set_tax_status, set_catalog_visibility, set_sku) fail only their item: {id, error: {code, message, data}}.
  it('fail only the item whose setter throws, with the item id and the error object', async () => {
    const p = await create({ name: 'Target', sku: 'B-3', regular_price: '10' });
    const res = await wc(emu, 'POST', '/products/batch', { update: [{ id: p.id, catalog_visibility: 'nowhere' }, { id: p.id, regular_price: '11' }] });
    expect(res.status).toBe(200);
    const update = (res.body as { update: J[] }).update;
    expect(update[0]).toEqual({ id: p.id, error: { code: 'product_invalid_catalog_visibility', message: 'Invalid catalog visibility option.', data: { status: 400 } } });
    expect(update[1]).toMatchObject({ id: p.id, regular_price: '11' });
  });

  // register_routes gives /batch the item schema's arguments: item fields at the top level are validated, the lists are not.
  it('fail as a whole only for an invalid item field at the top level of the body', async () => {
    const p = await create({ name: 'Target', sku: 'B-4', regular_price: '10' });
    const top = await wc(emu, 'POST', '/products/batch', { status: 'bogus', update: [{ id: p.id, regular_price: '11' }] });
    expect(top.status).toBe(400);
    expect(top.body).toMatchObject({ code: 'rest_invalid_param', data: { params: { status: expect.any(String) } } });
    expect((await get(`/products/${p.id}`)).regular_price).toBe('10');
    const notAList = await wc(emu, 'POST', '/products/batch', { create: 'x' });
    expect(notAList).toMatchObject({ status: 200, body: [] });
  });

  // WC_Product_Factory::get_classname_from_product_type("variation") is the variation class, which the products controller refuses.
  it('refuse type "variation" per item on /products/batch', async () => {
    const res = await wc(emu, 'POST', '/products/batch', { create: [{ name: 'Sneaky', type: 'variation' }] });
    expect((res.body as { create: J[] }).create[0]).toMatchObject({ id: 0, error: { code: 'woocommerce_rest_invalid_product_id', data: { status: 404 } } });
  });

  // The variations controller: get_post_status_object() ? status : 'draft'; set_stock_quantity through wc_stock_amount (intval).
  it('coerce a variation batch item the same way', async () => {
    const v = await variable();
    const res = await wc(emu, 'POST', `/products/${v.parent.id}/variations/batch`, { update: [{ id: v.variation.id, status: 'bogus', manage_stock: true, stock_quantity: 2.9, regular_price: 13 }] });
    expect((res.body as { update: J[] }).update[0]).toMatchObject({ status: 'draft', stock_quantity: 2, regular_price: '13' });
  });
});

describe('backslashes', () => {
  // wp_filter_post_kses in prepare_object_for_database, then wp_insert_post's wp_unslash: one level of backslashes goes.
  it('are dropped from names, descriptions and purchase notes, but kept in SKUs', async () => {
    const p = await create({ name: '1,5–10 mm \\ métricas', sku: 'BS\\1', description: 'a\\b', short_description: 'c\\\\d', purchase_note: 'e\\f' });
    expect(p).toMatchObject({ name: '1,5–10 mm  métricas', sku: 'BS\\1', description: 'ab', short_description: 'c\\d', purchase_note: 'ef' });
    expect(await get(`/products/${p.id}?context=edit`)).toMatchObject({ name: '1,5–10 mm  métricas', description: 'ab' });
    expect(skus(await bySku(emu, 'BS\\1'))).toEqual(['BS\\1']);
  });

  // WC_Product_Variation_Data_Store_CPT::update_post_meta saves _variation_description without wp_slash, so update_post_meta unslashes it.
  it('are dropped from variation descriptions', async () => {
    const v = await variable();
    const res = await wc(emu, 'PUT', `/products/${v.parent.id}/variations/${v.variation.id}`, { description: 'M \\ 6' });
    expect((res.body as J).description).toBe('M  6');
  });

  // WC_Order::add_order_note stores through wp_insert_comment, which unslashes; HPOS order meta keeps them.
  it('are dropped from order notes', async () => {
    const order = (await wc(emu, 'POST', '/orders', {})).body as J;
    const note = await wc(emu, 'POST', `/orders/${order.id}/notes`, { note: 'path c:\\pos\\export' });
    expect((note.body as { note: string }).note).toBe('path c:posexport');
  });
});

describe('orders', () => {
  // WC_REST_Orders_V2_Controller::save_object checks get_user_by() before the first save.
  it('refuses an unknown customer id on create without leaving an order behind', async () => {
    const res = await wc(emu, 'POST', '/orders', { customer_id: 999, billing: { email: 'x@example.com' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'woocommerce_rest_invalid_customer_id', message: 'Customer ID is invalid.', data: { status: 400 } });
    expect(await get('/orders')).toEqual([]);
  });

  // The create handler's WC_Data_Exception branch sets checkout-draft and saves; WC_Order::status_transition notes every status change.
  it('notes the move to Draft on the order an unknown coupon leaves behind', async () => {
    const res = await wc(emu, 'POST', '/orders', { coupon_lines: [{ code: 'nope' }] });
    expect(res.status).toBe(400);
    const draftId = (res.body as { data: { new_draft_order_id: number } }).data.new_draft_order_id;
    const notes = (await wc(emu, 'GET', `/orders/${draftId}/notes`)).body as { note: string }[];
    expect(notes.map((n) => n.note)).toEqual(['Order status changed from Pending payment to Draft.']);
  });

  // WC_Discounts::apply_coupon_percent floors each line, then tops up to the cart figure rounded with WC_DISCOUNT_ROUNDING_MODE (2 = PHP_ROUND_HALF_DOWN).
  it('rounds a percent coupon\'s half cent down', async () => {
    const p = await create({ name: 'Dime', sku: 'C-1', regular_price: '0.10', status: 'publish' });
    await wc(emu, 'POST', '/coupons', { code: 'fifteen', discount_type: 'percent', amount: '15' });
    const res = await wc(emu, 'POST', '/orders', { line_items: [{ product_id: p.id, quantity: 1 }], coupon_lines: [{ code: 'fifteen' }] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ discount_total: '0.01', total: '0.09' });
  });
});

describe('scheduled sales', () => {
  const DAY = 24 * 3600 * 1000;

  // WC_Product_Data_Store_CPT::handle_updated_props stores _price from is_on_sale('edit'); is_on_sale reads the dates live.
  it('show the regular price while the start date is ahead, and on_sale without the sale price once it has passed, until the daily job', async () => {
    const p = await create({ name: 'Soon', sku: 'S-1', regular_price: '20.00', sale_price: '15.00', date_on_sale_from: '2026-11-28T18:00:00' });
    expect(p).toMatchObject({ price: '20.00', regular_price: '20.00', sale_price: '15.00', on_sale: false });
    clock.advance(7 * 3600 * 1000); // 19:00, same day
    expect(await get(`/products/${p.id}`)).toMatchObject({ price: '20.00', on_sale: true, date_on_sale_from: '2026-11-28T18:00:00' });
  });

  // WC_Product_Variation_Data_Store_CPT::read_product_data sets a variation's price from is_on_sale('edit') on every read.
  it('move a variation\'s price as soon as its window opens or closes, without the daily job', async () => {
    const v = await variable();
    const path = `/products/${v.parent.id}/variations/${v.variation.id}`;
    const set = await wc(emu, 'PUT', path, { sale_price: '9.00', date_on_sale_from: '2026-11-28T18:00:00', date_on_sale_to: '2026-11-28T20:00:00' });
    expect(set.body).toMatchObject({ price: '12.00', on_sale: false });
    clock.advance(7 * 3600 * 1000); // 19:00
    expect(await get(path)).toMatchObject({ price: '9.00', on_sale: true });
    expect(await get(`/products/${v.parent.id}`)).toMatchObject({ price: '9.00', on_sale: true });
    clock.advance(2 * 3600 * 1000); // 21:00
    expect(await get(path)).toMatchObject({ price: '12.00', on_sale: false });
  });

  // wc_scheduled_sales, a daily Action Scheduler action at midnight (WooCommerce::register_recurring_actions), via get_starting_sales/get_ending_sales.
  it('start at the next midnight run (price set, start date cleared) and end at the one after the end date', async () => {
    const p = await create({ name: 'Window', sku: 'S-2', regular_price: '20.00', sale_price: '15.00', date_on_sale_from: '2026-11-28T18:00:00', date_on_sale_to: '2026-11-30T06:00:00' });
    clock.advance(DAY); // 2026-11-29 12:00: the midnight run has happened
    const started = await get(`/products/${p.id}`);
    expect(started).toMatchObject({ price: '15.00', sale_price: '15.00', on_sale: true, date_on_sale_from: null, date_on_sale_to: '2026-11-30T06:00:00', date_modified: '2026-11-29T00:00:00' });
    clock.advance(DAY); // 2026-11-30 12:00: the end date passed at 06:00, after that day's run
    expect(await get(`/products/${p.id}`)).toMatchObject({ price: '15.00', on_sale: false, sale_price: '15.00' });
    clock.advance(DAY); // 2026-12-01 12:00
    expect(await get(`/products/${p.id}`)).toMatchObject({ price: '20.00', sale_price: '', on_sale: false, date_on_sale_from: null, date_on_sale_to: null, date_modified: '2026-12-01T00:00:00' });
  });
});
