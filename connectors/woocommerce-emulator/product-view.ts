/**
 * Turns stored products and variations into the JSON a WooCommerce 10 store returns, field for
 * field and in the store's key order. Two shapes exist for a variation (the /products shape and the
 * variations-endpoint shape), and two contexts: 'view' for reads, 'edit' for the answers to writes
 * (raw description, `average_rating` "0", plus `permalink_template` and `generated_slug`).
 */
import { formatWcDate } from './clock';
import { rangePriceHtml, simplePriceHtml } from './price-html';
import { publishedProducts } from './product-index';
import { childrenOf, currentPrice, isOnSale, type ProductRecord } from './product-model';
import type { EmuState } from './state';
import { autop, phpCompareStrings, readableSlug, slugify, wpSlug } from './wp-text';

export type ViewContext = 'view' | 'edit';

/** Where links point: the store origin and the namespace the request used (wc/v3 or wc/v2). */
export interface LinkBase {
  base: string;
  namespace: string;
}

const ITEM_ALLOW = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** A product (or a variation reached through /products) in the /products shape. */
export function productJson(state: EmuState, p: ProductRecord, ctx: ViewContext, at: LinkBase): Record<string, unknown> {
  const isVariation = p.type === 'variation';
  const parent = isVariation ? state.products.get(p.parentId) : undefined;
  const derived = derivedPricing(state, p);
  const json: Record<string, unknown> = {
    id: p.id,
    name: p.name,
    slug: p.slug,
    permalink: permalink(state, p, at.base),
    ...dates(p),
    type: p.type,
    status: p.status,
    featured: p.featured,
    catalog_visibility: p.catalogVisibility,
    description: ctx === 'edit' ? p.description : autop(p.description),
    short_description: ctx === 'edit' ? p.shortDescription : autop(p.shortDescription),
    sku: p.sku,
    price: derived.price,
    regular_price: p.type === 'variable' ? '' : p.regularPrice,
    sale_price: p.type === 'variable' ? '' : p.salePrice,
    ...saleDates(p),
    on_sale: derived.onSale,
    purchasable: derived.price !== '',
    total_sales: isVariation ? String(p.totalSales) : p.totalSales,
    virtual: p.virtual,
    downloadable: p.downloadable,
    downloads: [],
    download_limit: -1,
    download_expiry: -1,
    external_url: p.externalUrl,
    button_text: p.buttonText,
    tax_status: p.taxStatus,
    tax_class: taxClass(p, parent, ctx),
    ...stockFields(p, parent, ctx),
    low_stock_amount: p.lowStockAmount,
    sold_individually: p.soldIndividually,
    ...measures(p, parent, ctx),
    shipping_required: !p.virtual,
    shipping_taxable: !p.virtual && (p.taxStatus === 'taxable' || p.taxStatus === 'shipping'),
    shipping_class: p.shippingClass,
    shipping_class_id: 0,
    reviews_allowed: isVariation ? false : p.reviewsAllowed,
    average_rating: ctx === 'edit' ? '0' : '0.00',
    rating_count: 0,
    upsell_ids: p.upsellIds,
    cross_sell_ids: p.crossSellIds,
    parent_id: p.parentId,
    purchase_note: p.purchaseNote,
    categories: p.categoryIds.flatMap((id) => {
      const c = state.categories.get(id);
      return c ? [{ id: c.id, name: c.name, slug: c.slug }] : [];
    }),
    brands: [],
    tags: [],
    images: [],
    attributes: isVariation ? variationAttributes(p) : parentAttributes(p),
    default_attributes: p.defaultAttributes,
    variations: p.type === 'variable' ? childrenOf(state, p.id).map((c) => c.id) : [],
    grouped_products: p.groupedIds,
    menu_order: p.menuOrder,
    price_html: derived.priceHtml,
    related_ids: relatedIds(state, p),
    meta_data: metaJson(p),
    stock_status: isVariation ? stockFields(p, parent, ctx).stock_status : derived.stockStatus,
    has_options: p.type === 'variable',
    post_password: p.postPassword,
    global_unique_id: p.globalUniqueId,
  };
  if (ctx === 'edit') {
    json.permalink_template = `${at.base}/product/%pagename%/`;
    json.generated_slug = readableSlug(wpSlug(p.name)) || String(p.id);
  }
  const selfHref = `${at.base}/wp-json/${at.namespace}/products/${p.id}`;
  const links: Record<string, unknown> = {
    self: [{ href: selfHref, targetHints: { allow: ITEM_ALLOW } }],
    collection: [{ href: `${at.base}/wp-json/${at.namespace}/products` }],
  };
  if (isVariation) links.up = [{ href: `${at.base}/wp-json/${at.namespace}/products/${p.parentId}` }];
  json._links = links;
  return json;
}

/** A variation in the shape of /products/{parent}/variations. */
export function variationJson(state: EmuState, v: ProductRecord, ctx: ViewContext, at: LinkBase): Record<string, unknown> {
  const parent = state.products.get(v.parentId);
  const onSale = isOnSale(state, v);
  const base = `${at.base}/wp-json/${at.namespace}/products/${v.parentId}`;
  return {
    id: v.id,
    type: 'variation',
    ...dates(v),
    description: ctx === 'edit' ? v.description : autop(v.description),
    permalink: permalink(state, v, at.base),
    sku: v.sku,
    global_unique_id: v.globalUniqueId,
    price: currentPrice(state, v),
    regular_price: v.regularPrice,
    sale_price: v.salePrice,
    ...saleDates(v),
    on_sale: onSale,
    status: v.status,
    purchasable: currentPrice(state, v) !== '',
    virtual: v.virtual,
    downloadable: v.downloadable,
    downloads: [],
    download_limit: -1,
    download_expiry: -1,
    tax_status: v.taxStatus,
    tax_class: taxClass(v, parent, ctx),
    ...stockFields(v, parent, ctx),
    low_stock_amount: v.lowStockAmount,
    ...measures(v, parent, ctx),
    shipping_class: v.shippingClass,
    shipping_class_id: 0,
    image: null,
    attributes: variationAttributes(v),
    menu_order: v.menuOrder,
    meta_data: metaJson(v),
    name: v.attributes.map((a) => a.option).filter((o) => o !== '').join(', '),
    parent_id: v.parentId,
    _links: {
      self: [{ href: `${base}/variations/${v.id}`, targetHints: { allow: ITEM_ALLOW } }],
      collection: [{ href: `${base}/variations` }],
      up: [{ href: base }],
    },
  };
}

interface Derived {
  price: string;
  onSale: boolean;
  priceHtml: string;
  stockStatus: string;
}

/** Price, sale flag and stock status; a variable product takes them from its variations. */
function derivedPricing(state: EmuState, p: ProductRecord): Derived {
  if (p.type !== 'variable') {
    const onSale = isOnSale(state, p);
    const price = currentPrice(state, p);
    return { price, onSale, priceHtml: simplePriceHtml(price, p.regularPrice, onSale), stockStatus: p.stockStatus };
  }
  const children = childrenOf(state, p.id);
  const prices = children.map((c) => currentPrice(state, c)).filter((x) => x !== '');
  const sorted = [...prices].sort(phpCompareStrings);
  const statuses = children.map((c) => c.stockStatus);
  const stockStatus = statuses.includes('instock') ? 'instock' : statuses.includes('onbackorder') ? 'onbackorder' : 'outofstock';
  return {
    price: sorted[0] ?? '',
    onSale: children.some((c) => isOnSale(state, c)),
    priceHtml: rangePriceHtml(prices),
    stockStatus,
  };
}

/**
 * wc_get_related_products: up to 5 other published, catalog-visible products sharing a category
 * or tag (upsells excluded). WooCommerce shuffles them; they are returned sorted here.
 */
function relatedIds(state: EmuState, p: ProductRecord): number[] {
  if (p.type === 'variation' || (p.categoryIds.length === 0 && p.tagIds.length === 0)) return [];
  const related: number[] = [];
  for (const o of publishedProducts(state)) {
    if (o.status !== 'publish' || o.id === p.id || p.upsellIds.includes(o.id)) continue;
    if (o.catalogVisibility === 'hidden' || o.catalogVisibility === 'search') continue;
    if (o.categoryIds.some((c) => p.categoryIds.includes(c)) || o.tagIds.some((t) => p.tagIds.includes(t))) related.push(o.id);
    if (related.length === 5) break;
  }
  return related.sort((a, b) => a - b);
}

function dates(p: ProductRecord): Record<string, string> {
  const created = formatWcDate(p.dateCreated);
  const modified = formatWcDate(p.dateModified);
  return { date_created: created, date_created_gmt: created, date_modified: modified, date_modified_gmt: modified };
}

function saleDates(p: ProductRecord): Record<string, string | null> {
  const from = p.saleFrom === null ? null : formatWcDate(p.saleFrom);
  const to = p.saleTo === null ? null : formatWcDate(p.saleTo);
  return { date_on_sale_from: from, date_on_sale_from_gmt: from, date_on_sale_to: to, date_on_sale_to_gmt: to };
}

function taxClass(p: ProductRecord, parent: ProductRecord | undefined, ctx: ViewContext): string {
  if (p.type !== 'variation' || ctx === 'edit' || p.taxClass !== 'parent') return p.taxClass;
  return parent?.taxClass ?? '';
}

/**
 * Stock fields; a variation that does not manage stock while its parent does shows
 * manage_stock "parent" and the parent's quantity, backorders and status (view context).
 */
function stockFields(p: ProductRecord, parent: ProductRecord | undefined, ctx: ViewContext): Record<string, unknown> {
  const source = p.type === 'variation' && !p.manageStock && parent?.manageStock && ctx === 'view' ? parent : p;
  return {
    manage_stock: source === p ? p.manageStock : 'parent',
    stock_quantity: source.manageStock ? source.stockQuantity : null,
    stock_status: source.stockStatus,
    backorders: source.backorders,
    backorders_allowed: source.backorders !== 'no',
    backordered: isBackordered(source),
  };
}

/** Weight and dimensions; in view context an empty value of a variation falls back to its parent's. */
function measures(p: ProductRecord, parent: ProductRecord | undefined, ctx: ViewContext): Record<string, unknown> {
  const inherit = (own: string, fromParent: string | undefined): string => (p.type === 'variation' && ctx === 'view' && own === '' ? (fromParent ?? '') : own);
  return {
    weight: inherit(p.weight, parent?.weight),
    dimensions: { length: inherit(p.length, parent?.length), width: inherit(p.width, parent?.width), height: inherit(p.height, parent?.height) },
  };
}

function isBackordered(p: ProductRecord): boolean {
  if (p.stockStatus === 'onbackorder') return true;
  return p.manageStock && p.backorders !== 'no' && (p.stockQuantity ?? 0) < 0;
}

function parentAttributes(p: ProductRecord): unknown[] {
  return p.attributes.map((a) => ({
    id: a.id,
    name: a.name,
    slug: a.slug,
    position: a.position,
    visible: a.visible,
    variation: a.variation,
    options: a.options,
  }));
}

function variationAttributes(v: ProductRecord): unknown[] {
  return v.attributes.map((a) => ({ id: a.id, name: a.name, slug: a.slug, option: a.option }));
}

/**
 * WC_Data_Store_WP::filter_raw_meta_data: meta_data leaves out the data store's internal keys
 * (WC_Product_Data_Store_CPT::$internal_meta_keys and every data prop with a "_" in front), keys
 * starting with "wp_", and for variations "attribute_" keys. Other "_" keys are listed.
 */
function metaJson(p: ProductRecord): unknown[] {
  return p.metaData
    .filter((m) => !INTERNAL_META.has(m.key) && !/^wp_/i.test(m.key) && !(p.type === 'variation' && /^attribute_/i.test(m.key)))
    .map((m) => ({ id: m.id, key: m.key, value: m.value }));
}

const INTERNAL_META = new Set([
  ...['_visibility', '_sku', '_global_unique_id', '_price', '_regular_price', '_sale_price', '_sale_price_dates_from', '_sale_price_dates_to',
    'total_sales', '_tax_status', '_tax_class', '_manage_stock', '_stock', '_stock_status', '_backorders', '_low_stock_amount',
    '_sold_individually', '_weight', '_length', '_width', '_height', '_upsell_ids', '_crosssell_ids', '_purchase_note',
    '_default_attributes', '_product_attributes', '_virtual', '_downloadable', '_download_limit', '_download_expiry', '_featured',
    '_downloadable_files', '_wc_rating_count', '_wc_average_rating', '_wc_review_count', '_variation_description', '_thumbnail_id',
    '_file_paths', '_product_image_gallery', '_product_version', '_wp_old_slug', '_edit_last', '_edit_lock', '_cogs_total_value'],
  ...['name', 'slug', 'date_created', 'date_modified', 'status', 'featured', 'catalog_visibility', 'description', 'short_description',
    'sku', 'global_unique_id', 'price', 'regular_price', 'sale_price', 'date_on_sale_from', 'date_on_sale_to', 'total_sales',
    'tax_status', 'tax_class', 'manage_stock', 'stock_quantity', 'stock_status', 'backorders', 'low_stock_amount', 'sold_individually',
    'weight', 'length', 'width', 'height', 'upsell_ids', 'cross_sell_ids', 'parent_id', 'reviews_allowed', 'purchase_note',
    'attributes', 'default_attributes', 'menu_order', 'post_password', 'virtual', 'downloadable', 'category_ids', 'tag_ids',
    'brand_ids', 'shipping_class_id', 'downloads', 'image_id', 'gallery_image_ids', 'download_limit', 'download_expiry',
    'rating_counts', 'average_rating', 'review_count', 'cogs_value'].map((k) => `_${k}`),
]);

/** Draft-like posts have no pretty permalink; variations link to the parent with the attribute chosen. */
function permalink(state: EmuState, p: ProductRecord, base: string): string {
  if (p.type === 'variation') {
    const parent = state.products.get(p.parentId);
    const query = p.attributes
      .filter((a) => a.option !== '')
      .map((a) => `attribute_${encodeURIComponent(slugify(a.name))}=${encodeURIComponent(a.option)}`)
      .join('&');
    if (parent && parent.status === 'publish' && parent.slug !== '') return `${base}/product/${parent.slug}/${query ? '?' + query : ''}`;
    return `${base}/?post_type=product&p=${p.parentId}${query ? '&' + query : ''}`;
  }
  if (p.status === 'publish' && p.slug !== '') return `${base}/product/${p.slug}/`;
  return `${base}/?post_type=product&p=${p.id}`;
}
