/**
 * The WooCommerce side from settings: validated config, one client (one retry policy, one
 * connection pool), and the two store ports over it. The composition root (electron/compose/)
 * calls this; the REST details stay behind the ports.
 */
import type { StoreCatalogPort } from '../core/store-catalog-port';
import type { StoreOrdersPort } from '../core/store-orders-port';
import { WooCatalog } from './woo-catalog';
import type { StoreCheck } from './woo-check';
import { WooClient, type WooClientOptions } from './woo-client';
import { parseWooConfig, type WooConfig } from './woo-config';
import { WooCustomers } from './woo-customers';
import { WooOrderStore } from './woo-order-store';
import { WooOrders } from './woo-orders';
import { WooProducts, type WooProductsOptions } from './woo-products';
import { WooStockGuard, type WooStockGuardOptions } from './woo-stock-guard';

export interface WooAdapter {
  config: WooConfig;
  client: WooClient;
  products: WooProducts;
  orders: WooOrders;
  customers: WooCustomers;
  /** The Tillbridge Stock Guard plugin in the store, if any: detection and atomic stock moves. */
  stockGuard: WooStockGuard;
  /** The product flow's port. */
  catalog: StoreCatalogPort;
  /** The order flow's port. */
  orderStore: StoreOrdersPort;
  /** "Test connection": reachability, keys, permissions, in words. */
  check(): Promise<StoreCheck>;
}

/** Validates `settings` (throws an Error listing every problem) and wires the adapter. */
export function createWooAdapter(
  settings: unknown,
  options: WooClientOptions & { products?: WooProductsOptions; stockGuard?: WooStockGuardOptions } = {},
): WooAdapter {
  const config = parseWooConfig(settings);
  const client = new WooClient(config, options);
  const products = new WooProducts(client, options.products);
  const orders = new WooOrders(client);
  const stockGuard = new WooStockGuard(client, options.stockGuard);
  return {
    config, client, products, orders, stockGuard,
    customers: new WooCustomers(client),
    catalog: new WooCatalog(products, stockGuard),
    orderStore: new WooOrderStore(client, orders),
    check: () => client.check(),
  };
}
