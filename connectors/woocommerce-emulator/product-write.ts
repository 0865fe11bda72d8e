/**
 * Creating and updating products and variations the way WooCommerce's REST controllers and
 * WC_Product::save do: setters applied in the controller's order with PHP's loose conversions
 * (batch items skip schema checks), SKU uniqueness, price cleaning, the sale-price rules, stock
 * rules, then the save-time fix-ups. Works on a copy, so a refused write changes nothing.
 */
import { parseWcDate } from './clock';
import { restError, type EmuResponse } from './router';
import { noteProduct, sameSku, skuHolders, slugHolders } from './product-index';
import {
  blankProduct,
  deriveStockStatus,
  findAnyBySku,
  isOnSale,
  type AttributeRecord,
  type Backorders,
  type ProductRecord,
  type ProductType,
} from './product-model';
import { storedMetaValue } from './meta-values';
import { idList, phpBool, phpInt, phpString, stripSlashes, wcClean } from './php-values';
import { applyGlobalUniqueId, catalogVisibilityOf, measureOf, stockStatusOf, taxClassOf, taxStatusOf } from './product-setters';
import { defineStateSlot, type EmuState } from './state';
import { filterTitle, formatDecimal, phpCompareStrings, slugify, wpSlug } from './wp-text';

export type WriteResult = { ok: true; record: ProductRecord } | { ok: false; error: EmuResponse };

type Input = Record<string, unknown>;

/** How the item arrived: a batch item skips WordPress's argument sanitizing, so a null there is "not sent". */
export interface WriteOptions {
  batch?: boolean;
}

/**
 * The controllers test fields with isset(), so a null is the same as leaving the field out. On the
 * single routes WordPress first turns a null of a typed field into that type's empty value ("" for
 * a string, 0, false), which the setters then apply — except the sale and creation dates, typed
 * null-or-string, whose null stays null. Batch items are not sanitized at all. low_stock_amount is
 * the one field tested with array_key_exists (null clears it).
 */
function effectiveInput(input: Input, options: WriteOptions): Input {
  const out: Input = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === null && key !== 'low_stock_amount' && (options.batch || NULL_STAYS_NULL.has(key))) continue;
    out[key] = value;
  }
  return out;
}

const NULL_STAYS_NULL = new Set(['date_on_sale_from', 'date_on_sale_from_gmt', 'date_on_sale_to', 'date_on_sale_to_gmt', 'date_created', 'date_created_gmt']);

/**
 * get_post_status_object: the statuses WordPress and WooCommerce register. A batch item's unknown
 * status becomes "draft" (the schema enum only guards the single routes).
 */
const REGISTERED_STATUSES = new Set([
  'publish', 'future', 'draft', 'pending', 'private', 'trash', 'auto-draft', 'inherit',
  'request-pending', 'request-confirmed', 'request-failed', 'request-completed',
  'wc-pending', 'wc-processing', 'wc-on-hold', 'wc-completed', 'wc-cancelled', 'wc-refunded', 'wc-failed', 'wc-checkout-draft',
]);

function postStatus(value: unknown): string {
  const status = phpString(value);
  return REGISTERED_STATUSES.has(status) ? status : 'draft';
}

const PRODUCT_TYPES: readonly ProductType[] = ['simple', 'grouped', 'external', 'variable'];

/** The message WooCommerce gives when a variation is written through /products. */
export const USE_VARIATIONS_ENDPOINT =
  'To manipulate product variations you should use the /products/&lt;product_id&gt;/variations/&lt;id&gt; endpoint.';

/**
 * Creates (existing = null) or updates a product through the /products endpoint rules. A `type`
 * picks the product class (WC_Product_Factory::get_classname_from_product_type): an unknown type is
 * a simple product, "variation" the variation class, which this endpoint refuses.
 */
export function writeProduct(state: EmuState, rawInput: Input, existing: ProductRecord | null, options: WriteOptions = {}): WriteResult {
  const input = effectiveInput(rawInput, options);
  const typeText = has(input, 'type') ? phpString(input.type) : null;
  const requestedType = typeText === null ? null : PRODUCT_TYPES.includes(typeText as ProductType) ? (typeText as ProductType) : typeText === 'variation' ? 'variation' : 'simple';
  if (requestedType === 'variation' || (existing && existing.type === 'variation' && requestedType === null)) {
    return { ok: false, error: restError('woocommerce_rest_invalid_product_id', USE_VARIATIONS_ENDPOINT, 404) };
  }
  const p = existing ? structuredClone(existing) : blankProduct(state, requestedType ?? 'simple');
  if (requestedType) p.type = requestedType;

  // wp_filter_post_kses in the controller, then wp_insert_post unslashes: one level of backslashes goes.
  if (has(input, 'name')) p.name = filterTitle(stripSlashes(phpString(input.name)));
  if (has(input, 'slug')) p.slug = wpSlug(phpString(input.slug));
  if (has(input, 'status')) p.status = postStatus(input.status);
  if (has(input, 'featured')) p.featured = phpBool(input.featured);
  if (has(input, 'catalog_visibility')) {
    const visibility = catalogVisibilityOf(input.catalog_visibility);
    if (typeof visibility !== 'string') return { ok: false, error: visibility };
    p.catalogVisibility = visibility;
  }
  if (has(input, 'description')) p.description = stripSlashes(phpString(input.description));
  if (has(input, 'short_description')) p.shortDescription = stripSlashes(phpString(input.short_description));
  if (has(input, 'virtual')) p.virtual = phpBool(input.virtual);
  if (has(input, 'downloadable')) p.downloadable = phpBool(input.downloadable);
  const taxError = applyTax(p, input);
  if (taxError) return { ok: false, error: taxError };
  if (has(input, 'external_url')) p.externalUrl = phpString(input.external_url);
  if (has(input, 'button_text')) p.buttonText = phpString(input.button_text);
  // The controller itself calls wp_unslash on the purchase note.
  if (has(input, 'purchase_note')) p.purchaseNote = stripSlashes(phpString(input.purchase_note));
  if (has(input, 'shipping_class')) p.shippingClass = phpString(input.shipping_class);

  const skuError = applySku(state, p, input, existing === null);
  if (skuError) return { ok: false, error: skuError };
  const gtinError = has(input, 'global_unique_id') ? applyGlobalUniqueId(state, p, input.global_unique_id) : null;
  if (gtinError) return { ok: false, error: gtinError };

  if (has(input, 'attributes')) p.attributes = parentAttributes(input.attributes);
  if (has(input, 'default_attributes') && Array.isArray(input.default_attributes)) {
    p.defaultAttributes = input.default_attributes.map((a) => {
      const o = (a ?? {}) as Input;
      return { id: phpInt(o.id), name: phpString(o.name), option: phpString(o.option) };
    });
  }

  if (p.type === 'variable' || p.type === 'grouped') {
    p.regularPrice = '';
    p.salePrice = '';
    p.saleFrom = null;
    p.saleTo = null;
    p.price = '';
  } else {
    applyPrices(p, input);
  }
  if (has(input, 'parent_id')) p.parentId = phpInt(input.parent_id);
  if (has(input, 'sold_individually')) p.soldIndividually = phpBool(input.sold_individually);
  applyStock(state, p, input);
  applyCommon(state, p, input);
  if (has(input, 'reviews_allowed')) p.reviewsAllowed = phpBool(input.reviews_allowed);
  if (has(input, 'upsell_ids')) p.upsellIds = idList(input.upsell_ids);
  if (has(input, 'cross_sell_ids')) p.crossSellIds = idList(input.cross_sell_ids);
  if (has(input, 'grouped_products')) p.groupedIds = idList(input.grouped_products);
  if (has(input, 'post_password')) p.postPassword = phpString(input.post_password);
  if (has(input, 'categories')) p.categoryIds = idList(input.categories).filter((id) => state.categories.has(id));
  if (p.categoryIds.length === 0) p.categoryIds = [...state.categories.keys()].slice(0, 1);

  if (existing === null && p.name === '') p.name = 'Product';
  return commit(state, p, existing);
}

/** Creates (existing = null) or updates a variation of `parent` through the variations endpoint. */
export function writeVariation(state: EmuState, parent: ProductRecord, rawInput: Input, existing: ProductRecord | null, options: WriteOptions = {}): WriteResult {
  const input = effectiveInput(rawInput, options);
  const v = existing ? structuredClone(existing) : blankProduct(state, 'variation', parent.id);
  if (has(input, 'status')) v.status = postStatus(input.status);
  const skuError = applySku(state, v, input, existing === null);
  if (skuError) return { ok: false, error: skuError };
  // Saved as _variation_description with update_post_meta and no slashing: one level of backslashes goes.
  if (has(input, 'description')) v.description = stripSlashes(phpString(input.description));
  if (has(input, 'virtual')) v.virtual = phpBool(input.virtual);
  if (has(input, 'downloadable')) v.downloadable = phpBool(input.downloadable);
  const taxError = applyTax(v, input);
  if (taxError) return { ok: false, error: taxError };
  if (has(input, 'shipping_class')) v.shippingClass = phpString(input.shipping_class);
  const gtinError = has(input, 'global_unique_id') ? applyGlobalUniqueId(state, v, input.global_unique_id) : null;
  if (gtinError) return { ok: false, error: gtinError };
  applyStock(state, v, input);
  applyPrices(v, input);
  applyCommon(state, v, input);
  if (has(input, 'attributes')) v.attributes = variationAttributes(parent, input.attributes);
  return commit(state, v, existing);
}

function applyTax(p: ProductRecord, input: Input): EmuResponse | null {
  if (has(input, 'tax_status')) {
    const status = taxStatusOf(input.tax_status);
    if (typeof status !== 'string') return status;
    p.taxStatus = status;
  }
  if (has(input, 'tax_class')) p.taxClass = taxClassOf(input.tax_class, p.type === 'variation');
  return null;
}

function has(input: Input, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(input, key);
}

/**
 * SKU rules: another live product or variation with the SKU → product_invalid_sku naming it and
 * the first free "SKU-n"; on create, a trashed product still holding the SKU in WooCommerce's
 * lookup table → woocommerce_rest_product_not_created without a resource id.
 */
function applySku(state: EmuState, p: ProductRecord, input: Input, creating: boolean): EmuResponse | null {
  if (!has(input, 'sku')) return null;
  const sku = wcClean(input.sku);
  if (sku !== '' && !sameSku(sku, p.sku)) {
    const live = liveSkuOwner(state, sku, p.id);
    if (live) {
      return restError('product_invalid_sku', 'Invalid or duplicated SKU.', 400, {
        resource_id: live.id,
        unique_sku: uniqueSku(state, sku, p.id),
      });
    }
    if (creating && findAnyBySku(state, sku, p.id)) {
      return restError(
        'woocommerce_rest_product_not_created',
        `The product with SKU (${sku}) you are trying to insert is already present in the lookup table`,
        400,
      );
    }
  }
  p.sku = sku;
  return null;
}

function liveSkuOwner(state: EmuState, sku: string, exceptId: number): ProductRecord | undefined {
  return skuHolders(state, sku).find((other) => other.id !== exceptId && other.status !== 'trash');
}

/** wc_product_generate_unique_sku: the SKU itself if free, else SKU-1, SKU-2, ... */
function uniqueSku(state: EmuState, sku: string, exceptId: number): string {
  for (let i = 0; ; i++) {
    const candidate = i === 0 ? sku : `${sku}-${i}`;
    if (!liveSkuOwner(state, candidate, exceptId)) return candidate;
  }
}

function applyPrices(p: ProductRecord, input: Input): void {
  if (has(input, 'regular_price')) p.regularPrice = formatDecimal(input.regular_price);
  if (has(input, 'sale_price')) p.salePrice = formatDecimal(input.sale_price);
  if (has(input, 'date_on_sale_from')) p.saleFrom = siteDate(input.date_on_sale_from);
  if (has(input, 'date_on_sale_from_gmt')) p.saleFrom = gmtDate(input.date_on_sale_from_gmt);
  if (has(input, 'date_on_sale_to')) p.saleTo = siteDate(input.date_on_sale_to);
  if (has(input, 'date_on_sale_to_gmt')) p.saleTo = gmtDate(input.date_on_sale_to_gmt);
}

/** Stands for a date WooCommerce could not read: the epoch, stored as 0, which reads back as no date. */
const EPOCH = 0;

/**
 * WC_Data::set_date_prop for `date_on_sale_from`/`_to`: an empty value ("", "0", 0, false) clears
 * the date, a number is a timestamp, a string is a site-time date; a string strtotime cannot read
 * becomes 1970-01-01 (the epoch), which is saved as 0 and so reads back as no date (commit).
 */
function siteDate(value: unknown): number | null {
  if (value === '' || value === '0' || value === 0 || value === false || value === null) return null;
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'boolean') return EPOCH;
  const parsed = parseWcDate(phpString(value));
  return parsed ?? EPOCH;
}

/** The `_gmt` fields: the controller passes `value ? strtotime(value) : null`, so junk clears the date. */
function gmtDate(value: unknown): number | null {
  if (value === '' || value === '0' || value === 0 || value === false || value === null) return null;
  if (typeof value === 'number') return Math.trunc(value);
  return parseWcDate(phpString(value));
}

function createdDate(value: unknown): number | null {
  if (typeof value === 'number') return Math.trunc(value);
  const text = phpString(value).trim();
  return text === '' ? null : parseWcDate(text);
}

/**
 * Stock levels read at the start of a request carrying `inventory_delta`, by product/variation id,
 * set only while that request is applied (races.ts, server.ts): WooCommerce saves read + delta.
 */
export const deltaReads = defineStateSlot('inventory-delta-reads', () => new Map<number, number | null>());

/** The controller's stock block (store-wide stock management is on in the recorded store). */
function applyStock(state: EmuState, p: ProductRecord, input: Input): void {
  const requestedStatus = has(input, 'stock_status') ? stockStatusOf(input.stock_status) : null;
  if (requestedStatus) p.stockStatus = requestedStatus;
  if (has(input, 'manage_stock')) p.manageStock = phpBool(input.manage_stock);
  if (has(input, 'backorders')) p.backorders = phpString(input.backorders) as Backorders;
  if (has(input, 'low_stock_amount')) {
    const raw = input.low_stock_amount;
    p.lowStockAmount = raw === null || raw === '' ? null : phpInt(raw);
  }
  if (p.type === 'grouped' || p.type === 'external') {
    p.manageStock = false;
    p.stockQuantity = null;
    return;
  }
  if (p.manageStock) {
    if (has(input, 'stock_quantity')) p.stockQuantity = phpInt(input.stock_quantity);
    else if (has(input, 'inventory_delta')) {
      // With the inventory_delta race on, the base is the stock read when the request started.
      const reads = deltaReads(state);
      const base = reads.has(p.id) ? reads.get(p.id) : p.stockQuantity;
      p.stockQuantity = phpInt(base) + phpInt(input.inventory_delta);
    }
  } else {
    p.stockQuantity = null;
  }
}

/** Fields both endpoints share after stock: weight, dimensions, menu order, meta, dates. */
function applyCommon(state: EmuState, p: ProductRecord, input: Input): void {
  if (has(input, 'weight')) p.weight = measureOf(input.weight);
  if (has(input, 'dimensions') && input.dimensions !== null && typeof input.dimensions === 'object') {
    const d = input.dimensions as Input;
    if (has(d, 'length')) p.length = measureOf(d.length);
    if (has(d, 'width')) p.width = measureOf(d.width);
    if (has(d, 'height')) p.height = measureOf(d.height);
  }
  if (has(input, 'menu_order')) p.menuOrder = phpInt(input.menu_order);
  if (has(input, 'meta_data') && Array.isArray(input.meta_data)) {
    for (const item of input.meta_data) {
      if (item === null || typeof item !== 'object') continue;
      const m = item as Input;
      const key = phpString(m.key);
      const value = m.value === undefined || m.value === null ? null : storedMetaValue(m.value, { wpMetaTable: true });
      const byId = has(m, 'id') ? p.metaData.find((x) => x.id === phpInt(m.id)) : undefined;
      const target = byId ?? p.metaData.find((x) => x.key === key);
      if (value === null) {
        if (target) p.metaData = p.metaData.filter((x) => x !== target);
      } else if (target) {
        target.value = value;
        if (key !== '') target.key = key;
      } else if (key !== '') p.metaData.push({ id: state.nextId('postmeta'), key, value });
    }
  }
  if (has(input, 'date_created')) {
    const t = createdDate(input.date_created);
    if (t !== null) p.dateCreated = t;
  }
  if (has(input, 'date_created_gmt')) {
    const t = createdDate(input.date_created_gmt);
    if (t !== null) p.dateCreated = t;
  }
}

function parentAttributes(value: unknown): AttributeRecord[] {
  if (!Array.isArray(value)) return [];
  const out: AttributeRecord[] = [];
  value.forEach((raw, i) => {
    if (raw === null || typeof raw !== 'object') return;
    const a = raw as Input;
    const name = wcClean(a.name);
    if (name === '') return;
    const options = Array.isArray(a.options) ? a.options.map((o) => wcClean(o)) : phpString(a.options).split('|').map((o) => o.trim());
    out.push({
      id: 0,
      name,
      slug: name,
      position: has(a, 'position') ? phpInt(a.position) : i,
      visible: phpBool(a.visible),
      variation: phpBool(a.variation),
      options: options.filter((o) => o !== ''),
      option: '',
    });
  });
  return out;
}

function variationAttributes(parent: ProductRecord, value: unknown): AttributeRecord[] {
  if (!Array.isArray(value)) return [];
  const out: AttributeRecord[] = [];
  for (const raw of value) {
    if (raw === null || typeof raw !== 'object') continue;
    const a = raw as Input;
    const given = wcClean(a.name);
    const slug = slugify(given);
    const onParent = parent.attributes.find((pa) => slugify(pa.name) === slug);
    if (!onParent && given === '') continue;
    out.push({
      id: 0,
      name: onParent?.name ?? given,
      slug,
      position: 0,
      visible: false,
      variation: true,
      options: [],
      option: wcClean(a.option),
    });
  }
  return out;
}

/** WC_Product::save: validate_props, the price fix-ups of the data store, slug, title, dates. */
function commit(state: EmuState, p: ProductRecord, before: ProductRecord | null): WriteResult {
  if (!p.manageStock) {
    p.stockQuantity = null;
    p.backorders = 'no';
    p.lowStockAmount = null;
  } else {
    p.stockStatus = deriveStockStatus(p);
  }

  const creating = before === null;
  const pricesTouched = creating || before.regularPrice !== p.regularPrice || before.salePrice !== p.salePrice;
  const scheduleTouched = creating || before.saleFrom !== p.saleFrom || before.saleTo !== p.saleTo || before.type !== p.type;
  if (p.type !== 'variable' && p.type !== 'grouped') {
    if (pricesTouched && phpCompareStrings(p.salePrice, p.regularPrice) >= 0) p.salePrice = '';
    if (pricesTouched || scheduleTouched) p.price = isOnSale(state, p) ? p.salePrice : p.regularPrice;
  }
  // A date saved as the epoch is stored as 0 and read back as no date (read_product_data).
  if (p.saleFrom === EPOCH) p.saleFrom = null;
  if (p.saleTo === EPOCH) p.saleTo = null;

  if (before?.status === 'trash' && p.status !== 'trash') p.statusBeforeTrash = null;
  const now = state.now();
  if (creating) {
    p.id = state.nextPostId();
    p.dateCreated = p.dateCreated || now;
  }
  if (p.type === 'variation') p.name = variationTitle(state, p);
  const hasPublicSlug = ['publish', 'private', 'future'].includes(p.status) || p.type === 'variation';
  if (p.slug === '' && hasPublicSlug) p.slug = uniqueSlug(state, wpSlug(p.name) || String(p.id), p.id);
  p.dateModified = now;
  state.products.set(p.id, p);
  noteProduct(state, p);
  return { ok: true, record: p };
}

/** A variation's post title: "Parent - S" (or "Parent - S, Red") when it has one or two attributes. */
function variationTitle(state: EmuState, v: ProductRecord): string {
  const parentName = state.products.get(v.parentId)?.name ?? '';
  const options = v.attributes.map((a) => a.option).filter((o) => o !== '');
  if (options.length === 0 || options.length > 2) return parentName;
  return `${parentName} - ${options.join(', ')}`;
}

function uniqueSlug(state: EmuState, slug: string, ownId: number): string {
  const taken = (s: string) => slugHolders(state, s).some((other) => other.id !== ownId);
  if (!taken(slug)) return slug;
  for (let i = 2; ; i++) if (!taken(`${slug}-${i}`)) return `${slug}-${i}`;
}
