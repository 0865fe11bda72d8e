import type { Money } from '../../../connectors/core/money';

/**
 * A POS item that passed validation and may go to the store. Prices are exact canonical strings;
 * quantities are whole units (the web cannot sell a fraction of a stocked unit).
 */
export interface WebItem {
  sku: string;
  key: string;
  posId: string;
  name: string;
  regularPrice: Money;
  /** null when the item is not on sale (or its sale price is not below the regular price). */
  salePrice: Money | null;
  saleFrom: string | null;
  saleTo: string | null;
  onHand: number;
  onWeb: boolean;
  /** SKU of the variable parent when this item is a variation. */
  parentSku: string | null;
  parentKey: string | null;
  /** True for a matrix parent: it becomes a variable product and carries no stock of its own. */
  isParent: boolean;
  attributes: Record<string, string>;
  description: string | null;
  category: string | null;
  weight: string | null;
  barcode: string | null;
  /** Why the item cannot be created in the store (a bad name), though a linked one still syncs. */
  createBlocker: string | null;
  /**
   * Several POS items share this linked SKU and none of them is the linked one: only the stock
   * (the lowest of theirs) is written, never prices, and nothing is created.
   */
  stockOnly?: boolean;
}

/** Why one POS item cannot go to the store: it stops that item only. */
export interface ItemProblem {
  /** The SKU as the POS has it, or a stand-in naming the POS record when the SKU is unusable. */
  itemKey: string;
  code: string;
  message: string;
  hint: string;
  /** Warnings let the item through (with a change the person should know about). */
  severity: 'error' | 'warning';
  /** The POS item the problem stops, when several items share the key (a duplicated SKU). */
  posId?: string;
}
