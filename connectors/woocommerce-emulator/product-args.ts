/**
 * The writable product and variation fields WooCommerce declares for single create/update
 * requests. Only their JSON types and enums matter here: a wrong type or enum is the 400
 * rest_invalid_param the recordings show (a JSON number for a price, a float stock quantity,
 * "yes" for a boolean, an unknown status). Undeclared fields are ignored, as WooCommerce ignores them.
 */
import type { ArgSchemas } from './wp-args';

const STATUS = ['draft', 'pending', 'private', 'publish', 'future', 'auto-draft', 'trash'];

/**
 * WooCommerce declares its date fields with the non-standard type "date-time", which its
 * controller turns into null-or-string for WordPress 5.5+ (adjust_wp_5_5_datatype_compatibility):
 * a JSON number is refused as "is not of type null,string", any string passes to the setter.
 */
const DATE: ArgSchemas[string] = { type: ['null', 'string'] };

const SHARED: ArgSchemas = {
  description: { type: 'string' },
  sku: { type: 'string' },
  global_unique_id: { type: 'string' },
  regular_price: { type: 'string' },
  sale_price: { type: 'string' },
  date_on_sale_from: DATE,
  date_on_sale_from_gmt: DATE,
  date_on_sale_to: DATE,
  date_on_sale_to_gmt: DATE,
  virtual: { type: 'boolean' },
  downloadable: { type: 'boolean' },
  downloads: { type: 'array' },
  download_limit: { type: 'integer' },
  download_expiry: { type: 'integer' },
  tax_status: { type: 'string', enum: ['taxable', 'shipping', 'none'] },
  tax_class: { type: 'string' },
  manage_stock: { type: 'boolean' },
  stock_quantity: { type: 'integer' },
  stock_status: { type: 'string', enum: ['instock', 'outofstock', 'onbackorder'] },
  backorders: { type: 'string', enum: ['no', 'notify', 'yes'] },
  low_stock_amount: { type: 'integer' },
  weight: { type: 'string' },
  dimensions: { type: 'object' },
  shipping_class: { type: 'string' },
  menu_order: { type: 'integer' },
  meta_data: { type: 'array' },
};

/** Arguments of POST /products and POST|PUT|PATCH /products/{id}. */
export const PRODUCT_WRITE_ARGS: ArgSchemas = {
  name: { type: 'string' },
  slug: { type: 'string' },
  type: { type: 'string', enum: ['simple', 'grouped', 'external', 'variable'] },
  status: { type: 'string', enum: STATUS },
  featured: { type: 'boolean' },
  catalog_visibility: { type: 'string', enum: ['visible', 'catalog', 'search', 'hidden'] },
  short_description: { type: 'string' },
  external_url: { type: 'string' },
  button_text: { type: 'string' },
  sold_individually: { type: 'boolean' },
  reviews_allowed: { type: 'boolean' },
  upsell_ids: { type: 'array', items: { type: 'integer' } },
  cross_sell_ids: { type: 'array', items: { type: 'integer' } },
  parent_id: { type: 'integer' },
  purchase_note: { type: 'string' },
  categories: { type: 'array' },
  tags: { type: 'array' },
  images: { type: 'array' },
  attributes: { type: 'array' },
  default_attributes: { type: 'array' },
  post_password: { type: 'string' },
  date_created: DATE,
  date_created_gmt: DATE,
  ...SHARED,
};

/** Arguments of the variation create/update routes. */
export const VARIATION_WRITE_ARGS: ArgSchemas = {
  status: { type: 'string', enum: ['draft', 'pending', 'private', 'publish'] },
  image: { type: 'object' },
  attributes: { type: 'array' },
  ...SHARED,
};

/** `force` and `context` on item routes. */
export const ITEM_ARGS: ArgSchemas = {
  context: { type: 'string', enum: ['view', 'edit'] },
  force: { type: 'boolean' },
};
