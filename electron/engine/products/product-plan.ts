import type { Link, PushedRow } from '../links/link-store';
import { changedParts, desiredStock, desiredValues, type WebValues } from '../items/web-values';
import type { WebItem } from '../items/web-item';

export interface PlanInput {
  items: readonly WebItem[];
  /** SKU keys of every POS item read, valid or not: an invalid item is not a deleted one. */
  seenKeys: ReadonlySet<string>;
  /** True when `items` is the whole web selection, so a linked SKU missing from it was deleted in the POS. */
  complete: boolean;
  links: ReadonlyMap<string, Link>;
  pushed: ReadonlyMap<string, PushedRow>;
  allocated: (key: string) => number;
  safetyBuffer: number;
  /** Full resync: compare against nothing, retry links marked missing. */
  force: boolean;
  /** With `complete`: SKU keys still in the POS but outside the web selection (left it, not deleted). */
  leftSelection?: ReadonlySet<string>;
  /**
   * With a stock guard: whether a linked SKU's store stock must be checked although its planned
   * value did not change (WooCommerce moved stock for a known order). Gets on-hand − allocated −
   * buffer before the clamp at 0.
   */
  stockCheck?: (key: string, desired: number) => boolean;
}

export interface CreateAction { item: WebItem; values: WebValues; variations: WebItem[] }
export interface VariationCreateAction { item: WebItem; values: WebValues; parentKey: string }
export interface UpdateAction {
  key: string;
  displaySku: string;
  link: Link;
  values: WebValues;
  parts: { prices: boolean; stock: boolean };
  /** Why stock goes to zero, when it is not the POS quantity. */
  reason: 'off-web' | 'deleted-in-pos' | null;
  /** The store already had the SKU: first write to it (turns stock management on). */
  adopt?: boolean;
}
export interface SkipAction { key: string; displaySku: string; code: string; message: string; hint: string }

export interface ProductPlan {
  creates: CreateAction[];
  variationCreates: VariationCreateAction[];
  updates: UpdateAction[];
  /** Broken links to look up again: the merchant may have put the SKU back. */
  recheck: { key: string; item: WebItem; link: Link; values: WebValues }[];
  skipped: SkipAction[];
  unchanged: number;
}

/**
 * Decides, without any I/O, what each POS item needs: a draft created, an update of only the
 * changed owned values, nothing, or a skip with the reason. Created products and variations are
 * retried by SKU, which the store refuses to duplicate, so a create of unknown outcome is simply
 * planned again.
 */
export function planProducts(input: PlanInput): ProductPlan {
  const plan: ProductPlan = { creates: [], variationCreates: [], updates: [], recheck: [], skipped: [], unchanged: 0 };
  const childrenOf = new Map<string, WebItem[]>();
  for (const item of input.items) {
    if (!item.parentKey) continue;
    const list = childrenOf.get(item.parentKey) ?? [];
    list.push(item);
    childrenOf.set(item.parentKey, list);
  }
  const creatingParents = new Set<string>();

  for (const item of input.items) {
    const link = input.links.get(item.key);
    const values = desiredValues(item, input.allocated(item.key), input.safetyBuffer);

    if (!link || link.state === 'pending-create' || (link.state === 'missing' && input.force)) {
      if (!item.onWeb || item.stockOnly) continue; // never create what is not meant for the web, nor a duplicated SKU
      if (item.createBlocker) {
        plan.skipped.push({ key: item.key, displaySku: item.sku, code: 'name-invalid',
          message: `${item.sku} cannot be created in the store: ${item.createBlocker}`, hint: 'Correct the item description in the POS.' });
        continue;
      }
      if (item.parentKey) {
        plan.variationCreates.push({ item, values, parentKey: item.parentKey });
      } else {
        plan.creates.push({ item, values, variations: childrenOf.get(item.key) ?? [] });
        creatingParents.add(item.key);
      }
      continue;
    }
    if (link.state === 'broken') {
      plan.recheck.push({ key: item.key, item, link, values });
      continue;
    }
    if (link.state === 'missing') {
      plan.skipped.push({ key: item.key, displaySku: item.sku, code: 'missing-in-store',
        message: `${item.sku} was linked to store ${link.kind} ${link.storeId}, which no longer exists in the store.`,
        hint: 'Run a full resync to create it again as a draft, or take the item out of the web selection in the POS.' });
      continue;
    }
    const have = input.force ? null : (input.pushed.get(item.key) ?? null);
    // A duplicated SKU (stockOnly) writes its stock only; an item off the web goes to 0.
    const target = item.onWeb && !item.stockOnly ? values : { ...(have ?? values), stock: values.stock === null ? null : item.onWeb ? values.stock : 0 };
    const parts = item.onWeb && !item.stockOnly ? changedParts(target, have) : { prices: false, stock: target.stock !== null && have?.stock !== target.stock };
    if (!parts.stock && target.stock !== null && input.stockCheck?.(item.key, desiredStock(item.onWeb ? item.onHand : 0, input.allocated(item.key), input.safetyBuffer))) {
      parts.stock = true;
    }
    if (!parts.prices && !parts.stock) { plan.unchanged++; continue; }
    plan.updates.push({ key: item.key, displaySku: item.sku, link, values: target, parts, reason: item.onWeb ? null : 'off-web' });
  }

  if (input.complete) {
    for (const [key, link] of input.links) {
      if (input.seenKeys.has(key) || link.storeId === null) continue;
      if (link.state !== 'linked' && link.state !== 'off-web') continue;
      const have = input.pushed.get(key) ?? null;
      if (have && have.stock === null) continue; // a variable parent carries no stock
      const check = input.stockCheck?.(key, desiredStock(0, input.allocated(key), input.safetyBuffer)) ?? false;
      if (!input.force && have?.stock === 0 && !check) { plan.unchanged++; continue; }
      const values: WebValues = { ...(have ?? { regularPrice: null, salePrice: '', saleFrom: '', saleTo: '' }), stock: 0 };
      plan.updates.push({ key, displaySku: link.displaySku, link, values, parts: { prices: false, stock: true }, reason: input.leftSelection?.has(key) ? 'off-web' : 'deleted-in-pos' });
    }
  }
  return plan;
}
