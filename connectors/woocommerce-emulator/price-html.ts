/**
 * `price_html` as the store renders it (USD, 2 decimals, "," thousands). It is presentation in the
 * contract (compared by type only) but a demo store should still show sensible markup.
 */
import { phpCompareStrings } from './wp-text';

const SYMBOL = '<span class="woocommerce-Price-currencySymbol">&#36;</span>';

/** wc_price: a formatted amount in the store's currency markup. */
export function wcPrice(amount: string, ariaHidden = false): string {
  const n = Number(amount === '' ? 0 : amount);
  const negative = n < 0;
  const fixed = Math.abs(Number.isFinite(n) ? n : 0).toFixed(2);
  const [whole = '0', frac = '00'] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const hidden = ariaHidden ? ' aria-hidden="true"' : '';
  return `<span class="woocommerce-Price-amount amount"${hidden}><bdi>${negative ? '-' : ''}${SYMBOL}${grouped}.${frac}</bdi></span>`;
}

/** Plain "&#036;19.99" text used inside the screen-reader hints. */
function plain(amount: string): string {
  const n = Number(amount === '' ? 0 : amount);
  return `&#036;${(Number.isFinite(n) ? n : 0).toFixed(2)}`;
}

/** Markup for a simple product or variation: empty, a single price, or a struck-through sale. */
export function simplePriceHtml(price: string, regular: string, onSale: boolean): string {
  if (price === '') return '';
  if (!onSale) return wcPrice(price);
  return (
    `<del aria-hidden="true">${wcPrice(regular)}</del> <span class="screen-reader-text">Original price was: ${plain(regular)}.</span>` +
    `<ins aria-hidden="true">${wcPrice(price)}</ins><span class="screen-reader-text">Current price is: ${plain(price)}.</span>`
  );
}

/** Markup for a variable product: a range when its variations' prices differ. */
export function rangePriceHtml(prices: string[]): string {
  const real = prices.filter((p) => p !== '').sort(phpCompareStrings);
  if (real.length === 0) return '';
  const min = real[0]!;
  const max = real[real.length - 1]!;
  if (phpCompareStrings(min, max) === 0) return wcPrice(min);
  return (
    `${wcPrice(min, true)} <span aria-hidden="true">&ndash;</span> ${wcPrice(max, true)}` +
    `<span class="screen-reader-text">Price range: &#36;${Number(min).toFixed(2)} through &#36;${Number(max).toFixed(2)}</span>`
  );
}
