/**
 * Whether the store runs a guard of its own for stock (for WooCommerce: the Tillbridge Stock Guard
 * plugin, connectors/woocommerce/stock-guard/): stock moves applied atomically in the store's
 * database and checkouts that cannot sell the same last units twice. Tillbridge works without it;
 * `tillbridge check` and the dashboard say whether it is there.
 */
export interface StoreStockGuardInfo {
  /** The store answered the guard's status route. */
  installed: boolean;
  /** Installed and switched on in the store's settings: stock moves go through it. */
  enabled: boolean;
  /** The guard's version as the store reports it; null when not installed. */
  version: string | null;
  /** One sentence for a person. */
  message: string;
  /** When this was found out (ISO 8601). */
  checkedAt: string;
}
