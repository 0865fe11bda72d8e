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

/**
 * Batch requests the product flow keeps in flight toward the store. Measured on a real store (2
 * cores shared with its PHP, six PHP-FPM workers): 23 products/s with one lane, 39/s with six.
 * Four lanes take most of that gain (README, Benchmarks) while leaving two of the usual six PHP
 * workers free for shoppers; lanes beyond the store's workers only queue there.
 */
export const DEFAULT_STORE_CONCURRENCY = 4;
