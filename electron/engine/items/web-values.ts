import { sameMoney } from '../../../connectors/core/money';
import type { WebItem } from './web-item';

/**
 * The three things Tillbridge owns on a linked product: regular price, sale price (with its dates)
 * and stock quantity. Everything else belongs to the merchant.
 */
export interface WebValues {
  regularPrice: string | null;
  /** '' when there is no sale. */
  salePrice: string;
  saleFrom: string;
  saleTo: string;
  /** null for a variable parent, which carries no stock of its own. */
  stock: number | null;
}

/** What the store should show for an item, given what is allocated to unshipped web orders. */
export function desiredValues(item: WebItem, allocated: number, safetyBuffer: number): WebValues {
  const stock = item.isParent ? null : webStock(item.onWeb ? item.onHand : 0, allocated, safetyBuffer);
  return {
    regularPrice: item.isParent ? null : item.regularPrice,
    salePrice: item.salePrice ?? '',
    saleFrom: item.salePrice ? normaliseDate(item.saleFrom) : '',
    saleTo: item.salePrice ? normaliseDate(item.saleTo) : '',
    stock,
  };
}

/**
 * web stock = max(0, on-hand − buffer) − allocated, in whole units: what the POS has for the web
 * (never below 0) less what unshipped web orders hold. Below 0 only when those orders hold more
 * than the POS had for the web (oversold): the store then shows the units it owes, so that a
 * cancellation, which WooCommerce answers by giving the order's units back to the stock, brings it
 * to the right value instead of offering units that are not there.
 */
export function webStock(onHand: number, allocated: number, safetyBuffer: number): number {
  return desiredStock(onHand, allocated, safetyBuffer);
}

/** The same value, under the name the stock race check (stock-guard/stock-race.ts) uses. */
export function desiredStock(onHand: number, allocated: number, safetyBuffer: number): number {
  return Math.max(0, Math.floor(onHand) - Math.max(0, safetyBuffer)) - Math.max(0, allocated);
}

/** Which of the owned values differ between what we want and what the store holds. */
export function changedParts(want: WebValues, have: WebValues | null): { prices: boolean; stock: boolean } {
  if (!have) return { prices: want.regularPrice !== null, stock: want.stock !== null };
  const prices = want.regularPrice !== null && (
    !sameMoney(want.regularPrice, have.regularPrice) ||
    !sameMoney(want.salePrice, have.salePrice) ||
    normaliseDate(want.saleFrom) !== normaliseDate(have.saleFrom) ||
    normaliseDate(want.saleTo) !== normaliseDate(have.saleTo));
  const stock = want.stock !== null && want.stock !== have.stock;
  return { prices, stock };
}

/** Sale dates as the store echoes them: "YYYY-MM-DDTHH:MM:SS", or '' for none. */
export function normaliseDate(value: string | null | undefined): string {
  if (value == null || value === '') return '';
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?))?/.exec(value.trim());
  if (!m) return value.trim();
  const time = m[2] ? (m[2].length === 5 ? m[2] + ':00' : m[2]) : '00:00:00';
  return `${m[1]}T${time}`;
}
