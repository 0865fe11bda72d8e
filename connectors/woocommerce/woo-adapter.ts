/**
 * One place to build the whole store adapter from settings: validated config, one client (one
 * retry policy, one connection pool), and the product, order and customer sides sharing it.
 */
import { WooClient, type WooClientOptions } from './woo-client';
import { parseWooConfig, type WooConfig } from './woo-config';
import { WooCustomers } from './woo-customers';
import { WooOrders } from './woo-orders';
import { WooProducts, type WooProductsOptions } from './woo-products';

export interface WooAdapter {
  config: WooConfig;
  client: WooClient;
  products: WooProducts;
  orders: WooOrders;
  customers: WooCustomers;
}

/** Validates `settings` (throws an Error listing every problem) and wires the adapter. */
export function createWooAdapter(settings: unknown, options: WooClientOptions & { products?: WooProductsOptions } = {}): WooAdapter {
  const config = parseWooConfig(settings);
  const client = new WooClient(config, options);
  return {
    config,
    client,
    products: new WooProducts(client, options.products),
    orders: new WooOrders(client),
    customers: new WooCustomers(client),
  };
}
