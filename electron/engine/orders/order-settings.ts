import type { TillbridgeConfig } from '../settings/config';
import { DEFAULT_EXPORT_STATUSES, DEFAULT_OPEN_STATUSES } from '../settings/defaults';

/** The order side's choices, in one plain object (from the config file, or set by tests). */
export interface OrderSettings {
  /** The store's address (config store.url): part of every POS reference (export-reference.ts). */
  storeUrl: string;
  /** Orders in these statuses count as outstanding (allocated) while not exported. */
  openStatuses: readonly string[];
  /** Orders reaching these statuses are exported to the POS (default: completed; a "shipped" plugin status can be added). */
  exportStatuses: readonly string[];
  /** Guest orders: booked to the shared web-customer account, or a POS customer created from the e-mail. */
  guests: 'web-customer' | 'create';
  webCustomerAccount: string;
  /** An order whose customer must be matched by e-mail but has none waits with an error (else: the web-customer account). */
  requireEmail: boolean;
  /** The poll re-reads this far behind the watermark (clock skew, orders sharing the watermark's second). */
  overlapSeconds: number;
  /** Orders per store request when polling (the store's cap is 100). */
  pageSize: number;
  /** Each page starts this many orders before the previous page ended (dedupe by id). */
  pageOverlap: number;
}

/** Everything but the store's address, which has no sensible default. */
export const DEFAULT_ORDER_SETTINGS: Omit<OrderSettings, 'storeUrl'> = {
  openStatuses: DEFAULT_OPEN_STATUSES,
  exportStatuses: DEFAULT_EXPORT_STATUSES,
  guests: 'web-customer',
  webCustomerAccount: 'WEB',
  requireEmail: true,
  overlapSeconds: 300,
  pageSize: 100,
  pageOverlap: 10,
};

/** Settings from a parsed config. */
export function orderSettingsFrom(config: TillbridgeConfig): OrderSettings {
  return {
    ...DEFAULT_ORDER_SETTINGS,
    storeUrl: config.store.url,
    openStatuses: config.sync.openStatuses,
    exportStatuses: config.sync.exportStatuses,
    guests: config.orders.guests,
    webCustomerAccount: config.orders.webCustomerAccount,
    requireEmail: config.orders.requireEmail,
  };
}
