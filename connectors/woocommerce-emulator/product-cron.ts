/**
 * WooCommerce's scheduled-sales job (wc_scheduled_sales). WooCommerce 10.0 runs it once a day, at
 * midnight in the store's timezone (UTC here), as a recurring Action Scheduler action; the exact
 * per-product start/end actions only arrived in 10.5. Between two runs nothing moves the stored
 * price: a sale whose start date has passed shows `on_sale: true` (is_on_sale reads the dates
 * live) while `price` is still the regular price, and an ended sale shows `on_sale: false` with
 * the sale price still in `price`, until the next midnight run rewrites them.
 *
 * The emulator runs the job for every midnight the clock has passed, as of that midnight, when the
 * next REST request arrives (rest-dispatch.ts), so a FakeClock moved past midnight sees it happen.
 */
import type { ProductRecord } from './product-model';
import { touchCatalog } from './product-index';
import { defineStateSlot, type EmuState } from './state';

const DAY = 86_400;

/** The last midnight the job ran for; null until the first request of this store (or after reset). */
const lastRun = defineStateSlot('scheduled-sales-cron', () => ({ midnight: null as number | null }));

/** Runs the job for every midnight passed since the last run. Cheap when none was. */
export function runDueScheduledSales(state: EmuState): void {
  const slot = lastRun(state);
  const today = Math.floor(state.now() / DAY) * DAY;
  if (slot.midnight === null) {
    slot.midnight = today;
    return;
  }
  while (slot.midnight < today) {
    slot.midnight += DAY;
    scheduledSales(state, slot.midnight);
  }
}

/**
 * One run at `at` (seconds): sales due to start (get_starting_sales: a start date before now and a
 * stored price that is not the sale price) get the sale price as price and lose their start date,
 * or lose both dates when there is no sale price; then sales due to end (get_ending_sales: an end
 * date before now and a price that is not the regular price) go back to the regular price with
 * sale price and both dates cleared. Each change is a product save, so date_modified moves.
 */
export function scheduledSales(state: EmuState, at: number): void {
  let changed = false;
  const save = (p: ProductRecord) => {
    p.dateModified = at;
    changed = true;
  };
  for (const p of state.products.values()) {
    if (p.saleFrom !== null && p.saleFrom > 0 && p.saleFrom < at && p.price !== p.salePrice) {
      if (phpTruthy(p.salePrice)) {
        p.price = p.salePrice;
        p.saleFrom = null;
      } else {
        p.saleFrom = null;
        p.saleTo = null;
      }
      save(p);
    }
  }
  for (const p of state.products.values()) {
    if (p.saleTo !== null && p.saleTo > 0 && p.saleTo < at && p.price !== p.regularPrice) {
      p.price = p.regularPrice;
      p.salePrice = '';
      p.saleFrom = null;
      p.saleTo = null;
      save(p);
    }
  }
  if (changed) touchCatalog(state);
}

function phpTruthy(text: string): boolean {
  return text !== '' && text !== '0';
}
