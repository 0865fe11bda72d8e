/**
 * Orders and customers as the store returns them (WooCommerce's own snake_case names: the
 * mapper, not the adapter, turns them into POS terms). Parsing checks the fields the export and
 * the allocation rely on and keeps every other field as sent. Money stays in strings; note that
 * `line_items[].price` is a float in WooCommerce's answer and is deliberately left untyped.
 */
import { z } from 'zod';

const metaSchema = z.looseObject({ id: z.number().optional(), key: z.string(), value: z.unknown() });

const addressSchema = z.looseObject({
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  company: z.string().optional(),
  address_1: z.string().optional(),
  address_2: z.string().optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  postcode: z.string().optional(),
  country: z.string().optional(),
  email: z.string().nullable().optional(),
  phone: z.string().optional(),
});

const lineSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  product_id: z.number(),
  variation_id: z.number(),
  quantity: z.number(),
  sku: z.string().nullable(),
  subtotal: z.string(),
  subtotal_tax: z.string(),
  total: z.string(),
  total_tax: z.string(),
  meta_data: z.array(metaSchema),
});

const orderSchema = z.looseObject({
  id: z.number().int().positive(),
  number: z.string(),
  status: z.string(),
  currency: z.string(),
  prices_include_tax: z.boolean(),
  date_created_gmt: z.string(),
  date_modified_gmt: z.string(),
  date_completed_gmt: z.string().nullable(),
  date_paid_gmt: z.string().nullable(),
  customer_id: z.number(),
  customer_note: z.string(),
  billing: addressSchema,
  shipping: addressSchema,
  payment_method: z.string(),
  payment_method_title: z.string(),
  discount_total: z.string(),
  discount_tax: z.string(),
  shipping_total: z.string(),
  shipping_tax: z.string(),
  total: z.string(),
  total_tax: z.string(),
  line_items: z.array(lineSchema),
  shipping_lines: z.array(z.looseObject({ id: z.number(), method_id: z.string(), method_title: z.string(), total: z.string(), total_tax: z.string() })),
  fee_lines: z.array(z.looseObject({ id: z.number(), name: z.string(), total: z.string(), total_tax: z.string() })),
  coupon_lines: z.array(z.looseObject({ id: z.number(), code: z.string(), discount: z.string(), discount_tax: z.string() })),
  meta_data: z.array(metaSchema),
});

/** A store order (the fields listed are checked; others pass through untyped). */
export type WooOrder = z.infer<typeof orderSchema>;
export type WooOrderLine = z.infer<typeof lineSchema>;
export type WooMeta = z.infer<typeof metaSchema>;
export type WooAddress = z.infer<typeof addressSchema>;

/** Throws when the object lacks what an order must have. */
export function parseOrder(raw: unknown): WooOrder {
  return orderSchema.parse(raw);
}

const noteSchema = z.looseObject({
  id: z.number().int().positive(),
  note: z.string(),
  customer_note: z.boolean(),
  date_created_gmt: z.string(),
  author: z.string().optional(),
});

/** An order note (private or to the customer). */
export type WooOrderNote = z.infer<typeof noteSchema>;

export function parseNote(raw: unknown): WooOrderNote {
  return noteSchema.parse(raw);
}

const customerSchema = z.looseObject({
  id: z.number().int().positive(),
  email: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  username: z.string(),
  role: z.string(),
  billing: addressSchema,
  shipping: addressSchema,
  meta_data: z.array(metaSchema),
  date_modified_gmt: z.string().nullable().optional(),
});

/** A registered customer (guests have no customer record). */
export type WooCustomer = z.infer<typeof customerSchema>;

export function parseCustomer(raw: unknown): WooCustomer {
  return customerSchema.parse(raw);
}

/** What a customer create/update may send; WooCommerce field names. */
export interface CustomerPayload {
  email?: string;
  first_name?: string;
  last_name?: string;
  username?: string;
  billing?: Partial<Record<keyof WooAddress, string>>;
  shipping?: Partial<Record<keyof WooAddress, string>>;
  meta_data?: { key: string; value: unknown }[];
  [field: string]: unknown;
}
