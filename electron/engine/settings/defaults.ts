/**
 * Defaults that more than one part of the engine needs, kept in one place: the settings schema
 * (config.ts) fills them in, and parts built without a full configuration (tests, tools) fall
 * back to the same values.
 */

/** Order statuses whose units are held back from the web (WooCommerce's unshipped states). */
export const DEFAULT_OPEN_STATUSES: readonly string[] = ['pending', 'processing', 'on-hold'];

/** Order statuses that send an order to the POS. */
export const DEFAULT_EXPORT_STATUSES: readonly string[] = ['completed'];

/** WooCommerce's own default for "Hold stock (minutes)" (Settings → Products → Inventory). */
export const DEFAULT_HOLD_STOCK_MINUTES = 60;
