import { parseMoney, toMinor, type Money } from '../../../connectors/core/money';
import type { PosItem } from '../../../connectors/core/pos-items-port';
import { skuKey, skuProblem } from '../items/sku';
import type { ItemProblem, WebItem } from '../items/web-item';
import type { Link } from '../links/link-store';

/** Limits that catch data no shop means: a typo of 10^6 too many, or a garbage column. */
export interface ValidationLimits {
  maxQuantity: number;
  maxNameLength: number;
  maxPrice: Money;
}

export const DEFAULT_LIMITS: ValidationLimits = {
  maxQuantity: 1_000_000,
  maxNameLength: 200,
  maxPrice: '1000000.00' as Money,
};

/** What validation needs to know of the links: which POS item a linked SKU follows. */
export interface LinkFacts {
  /** The POS id recorded on the link of this SKU key (null when unknown or not linked). */
  linkedPosId?: (key: string) => string | null;
  /** True when this SKU key is linked to a store product or variation. */
  isLinked?: (key: string) => boolean;
}

/** What validation needs of the links (which POS item a linked SKU follows). */
export function linkFacts(links: ReadonlyMap<string, Link>): LinkFacts {
  return {
    linkedPosId: (key) => links.get(key)?.posId ?? null,
    isLinked: (key) => { const l = links.get(key); return Boolean(l && l.storeId !== null && (l.state === 'linked' || l.state === 'off-web')); },
  };
}

export interface ValidationResult {
  items: WebItem[];
  problems: ItemProblem[];
}

/**
 * Sorts POS items into those that can go to the web and problems that stop single items. One bad
 * record never stops the others; every message names the item and says how to fix it. Items that
 * left the web selection are validated only as far as needed to zero their web stock.
 */
export function validateItems(raw: readonly PosItem[], limits: ValidationLimits = DEFAULT_LIMITS, opts: LinkFacts = {}): ValidationResult {
  const problems: ItemProblem[] = [];
  const candidates: WebItem[] = [];
  // A matrix parent is any item that other items name as their parent.
  const parentKeys = new Set(raw.filter((i) => i.parentSku && i.parentSku.trim()).map((i) => skuKey(i.parentSku!)));

  for (const item of raw) {
    const label = describe(item);
    const skuWhy = skuProblem(item.sku);
    if (skuWhy) {
      problems.push(problem(item.sku?.trim() || `POS item ${item.posId}`, 'sku-invalid',
        `${label}: ${skuWhy}.`, 'Give the item a unique SKU in the POS; the SKU is what links it to the web store.'));
      continue;
    }
    const sku = item.sku.normalize('NFC').trim();
    const checked = checkValues(item, sku, parentKeys.has(skuKey(sku)), label, limits, problems);
    if (checked) candidates.push(checked);
  }

  // Duplicates are judged on the store's own SKU rule (trimmed, any letter case). When one of the
  // items sharing a SKU is the one already linked (its POS id is on the link), it keeps flowing
  // and only the newcomers stop: freezing the linked product's stock would let the store sell
  // what the POS no longer has. When none of them is the linked one, none is sent, but the
  // linked product's stock follows the lowest of theirs (stock only, never prices).
  const byKey = new Map<string, WebItem[]>();
  for (const c of candidates) {
    const list = byKey.get(c.key);
    if (list) list.push(c); else byKey.set(c.key, [c]);
  }
  // Every POS id read per SKU key, valid or not: a linked item stopped by bad data of its own
  // still owns its SKU, so a newcomer does not take its product over.
  const posIdsByKey = new Map<string, Set<string>>();
  for (const item of raw) {
    if (skuProblem(item.sku)) continue;
    const k = skuKey(item.sku.normalize('NFC').trim());
    const set = posIdsByKey.get(k) ?? new Set<string>();
    set.add(String(item.posId));
    posIdsByKey.set(k, set);
  }
  const name = (i: { posId: string; name: string }) => `POS item ${i.posId} "${clip(i.name, 40)}"`;
  const items: WebItem[] = [];
  for (const [key, list] of byKey) {
    const linkedPosId = opts.linkedPosId?.(key) ?? null;
    if (list.length === 1) {
      const only = list[0]!;
      if (linkedPosId !== null && only.posId !== linkedPosId && posIdsByKey.get(key)?.has(linkedPosId)) {
        problems.push({ ...problem(only.sku, 'sku-duplicate-pos',
          `SKU ${only.sku} of ${name(only)} is already used by POS item ${linkedPosId}, which is linked to the store; ${name(only)} is not sent (the linked product keeps following POS item ${linkedPosId}).`,
          `Give POS item ${only.posId} its own SKU in the POS (the store treats SKUs as equal regardless of letter case and surrounding spaces); it is then created as a draft on the next sync.`), posId: only.posId });
        continue;
      }
      items.push(only);
      continue;
    }
    const keeper = linkedPosId === null ? undefined : list.find((i) => i.posId === linkedPosId);
    if (keeper) {
      items.push(keeper);
      for (const dup of list) {
        if (dup === keeper) continue;
        problems.push({ ...problem(dup.sku, 'sku-duplicate-pos',
          `SKU ${dup.sku} of ${name(dup)} is already used by ${name(keeper)}, which is linked to the store; ${name(dup)} is not sent (the linked product keeps following POS item ${keeper.posId}).`,
          `Give POS item ${dup.posId} its own SKU in the POS (the store treats SKUs as equal regardless of letter case and surrounding spaces); it is then created as a draft on the next sync.`), posId: dup.posId });
      }
      continue;
    }
    const ids = list.map(name).join(', ');
    const linked = opts.isLinked?.(key) ?? false;
    const lowest = list.reduce((a, b) => (b.onHand < a.onHand ? b : a));
    if (linked) items.push({ ...lowest, stockOnly: true });
    for (const dup of list) {
      problems.push({ ...problem(dup.sku, 'sku-duplicate-pos',
        `SKU ${dup.sku} is used by ${list.length} POS items (${ids}); none of them is sent until it is unique` +
          (linked ? `. The linked store product shows the lowest of their stock (${lowest.onHand}) meanwhile, and its prices are not changed.` : '.'),
        'Change the SKU of all but one of these items in the POS (the store treats SKUs as equal regardless of letter case and surrounding spaces).'), posId: dup.posId });
    }
  }

  // A variation needs its parent in the selection.
  const keys = new Set(items.map((i) => i.key));
  const kept: WebItem[] = [];
  for (const i of items) {
    if (i.parentKey && !keys.has(i.parentKey) && i.onWeb) {
      problems.push(problem(i.sku, 'parent-missing',
        `${i.sku} is a variation of ${i.parentSku}, but no usable POS item with SKU ${i.parentSku} is in the web selection.`,
        `Put the parent item ${i.parentSku} in the web selection, or fix its own error first.`));
      continue;
    }
    kept.push(i);
  }
  return { items: kept, problems };
}

function checkValues(item: PosItem, sku: string, isParent: boolean, label: string, limits: ValidationLimits, problems: ItemProblem[]): WebItem | null {
  const errorsBefore = problems.length;
  const fail = (code: string, message: string, hint: string) => problems.push(problem(sku, code, `${label}: ${message}`, hint));

  let regular: Money | null = null;
  let sale: Money | null = null;

  if (item.onWeb && !isParent) {
    const r = parseMoney(item.regularPrice);
    if (!r.ok) fail('price-invalid', `the regular price is ${r.reason}.`, 'Enter a price in the POS price level that feeds the web regular price.');
    else if (r.value.startsWith('-')) fail('price-negative', `the regular price ${r.value} is negative.`, 'Correct the price in the POS.');
    else if (toMinor(r.value) > toMinor(limits.maxPrice)) fail('price-absurd', `the regular price ${r.value} is above ${limits.maxPrice}.`, 'Correct the price in the POS (a misplaced decimal point?).');
    else regular = r.value;

    const saleRaw = item.salePrice;
    if (saleRaw != null && String(saleRaw).trim() !== '') {
      const s = parseMoney(saleRaw);
      if (!s.ok) fail('sale-price-invalid', `the sale price is ${s.reason}.`, 'Correct or clear the sale price in the POS.');
      else if (s.value.startsWith('-')) fail('sale-price-negative', `the sale price ${s.value} is negative.`, 'Correct or clear the sale price in the POS.');
      else if (regular && toMinor(s.value) >= toMinor(regular)) {
        problems.push({ ...problem(sku, 'sale-not-below-regular',
          `${label}: the sale price ${s.value} is not below the regular price ${regular}; the store would drop it, so it is sent as no sale.`,
          'Lower the sale price below the regular price, or clear it in the POS.'), severity: 'warning' });
      } else sale = s.value;
    }
  }

  let onHand = 0;
  // Connectors hand over numbers, but a profile column may still deliver text: judge what came.
  const rawQty: unknown = item.onHand;
  const qty = typeof rawQty === 'string' ? (rawQty.trim() === '' ? NaN : Number(rawQty.trim())) : rawQty;
  if (typeof qty !== 'number' || !Number.isFinite(qty)) {
    if (item.onWeb && !isParent) fail('quantity-invalid', `the on-hand quantity "${clip(String(item.onHand), 30)}" is not a number.`, 'Correct the stock quantity in the POS.');
  } else if (Math.abs(qty) > limits.maxQuantity) {
    if (item.onWeb && !isParent) fail('quantity-absurd', `the on-hand quantity ${qty} is beyond ${limits.maxQuantity.toLocaleString('en-US')}.`, 'Correct the stock quantity in the POS (a barcode scanned into the quantity field?).');
  } else {
    // Negative POS stock (sold before receiving) means nothing to sell online.
    onHand = Math.max(0, Math.floor(qty));
  }

  if (problems.slice(errorsBefore).some((p) => p.severity === 'error')) return null;

  const name = (item.name ?? '').normalize('NFC').trim();
  const parentSku = item.parentSku ? item.parentSku.normalize('NFC').trim() : null;
  return {
    sku,
    key: skuKey(sku),
    posId: String(item.posId),
    name,
    regularPrice: regular ?? ('0.00' as Money),
    salePrice: sale,
    saleFrom: sale ? (item.saleFrom ?? null) : null,
    saleTo: sale ? (item.saleTo ?? null) : null,
    onHand,
    onWeb: item.onWeb,
    parentSku: parentSku || null,
    parentKey: parentSku ? skuKey(parentSku) : null,
    isParent,
    attributes: item.attributes ?? {},
    description: item.description ?? null,
    category: item.category ?? null,
    weight: item.weight ?? null,
    barcode: item.barcode ?? null,
    // A bad name matters only when the product has to be created: a linked item keeps flowing.
    createBlocker: item.onWeb ? nameProblem(name, limits) : null,
  };
}

/** Why a name cannot be used to create a product, or null. */
export function nameProblem(name: string, limits: ValidationLimits = DEFAULT_LIMITS): string | null {
  if (name === '') return 'the item has no name.';
  if (name.length > limits.maxNameLength) return `the name is ${name.length} characters long (at most ${limits.maxNameLength}).`;
  if (name.includes('\uFFFD') || /Ã[\u0080-\u00bf]|Â[\u0080-\u00bf]/.test(name)) return `the name "${clip(name, 40)}" looks garbled by a wrong text encoding.`;
  if (/[\uD800-\uDFFF]/.test(name.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) return 'the name holds broken characters.';
   
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(name)) return 'the name contains control characters.';
  return null;
}

function problem(itemKey: string, code: string, message: string, hint: string): ItemProblem {
  return { itemKey, code, message, hint, severity: 'error' };
}

function describe(item: PosItem): string {
  const sku = (item.sku ?? '').trim();
  const name = (item.name ?? '').trim();
  return `POS item ${item.posId}${sku ? ` (SKU ${clip(sku, 40)})` : ''}${name ? ` "${clip(name, 40)}"` : ''}`;
}

function clip(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}
