import type { PosItem } from '../../../connectors/core/pos-items-port';
import type { StoreCatalogPort, StoreItemRef } from '../../../connectors/core/store-catalog-port';
import type { Link } from '../links/link-store';
import { skuKey } from '../items/sku';
import { DEFAULT_LIMITS, linkFacts, validateItems } from './validate-items';

export type LinkCategory = 'linked' | 'new' | 'missing-in-store' | 'duplicate-in-pos' | 'duplicate-in-store' | 'broken' | 'invalid'
  | 'off-web' | 'deleted-in-pos';

export interface LinkReportRow {
  sku: string;
  posId: string;
  name: string;
  category: LinkCategory;
  /** Store product or variation id, when there is one. */
  storeId: number | null;
  parentId: number | null;
  kind: 'product' | 'variation' | null;
  onWeb: boolean;
  detail: string;
  /** Things to know that do not stop the sync, e.g. a name the store will not keep as written. */
  warnings: string[];
}

/**
 * Every POS item of the web selection (and every linked one) against what the store holds now:
 * one SKU lookup per hundred items, plus one read per link whose product no longer answers to its
 * SKU (to tell an edited SKU from a deleted product). Reads only.
 */
export async function buildLinkReport(raw: readonly PosItem[], links: ReadonlyMap<string, Link>, catalog: StoreCatalogPort,
  opts: { leftSelection?: readonly { posId: string; sku: string; name?: string }[] } = {}): Promise<LinkReportRow[]> {
  const { items, problems } = validateItems(raw, DEFAULT_LIMITS, linkFacts(links));
  const rows: LinkReportRow[] = [];
  // A variation's store title comes from its parent and options, never from its POS name.
  const warningsOf = (posId: string, name: string, variation: boolean): string[] => (variation ? [] : nameWarnings(posId, name, catalog));
  const errors = problems.filter((p) => p.severity === 'error');
  const problemByPosId = new Map(errors.filter((p) => p.posId !== undefined).map((p) => [p.posId!, p]));
  const problemByItem = new Map(errors.filter((p) => p.posId === undefined).map((p) => [p.itemKey, p]));
  const passed = new Set(items.filter((i) => !i.stockOnly).map((i) => i.posId));
  for (const item of raw) {
    const key = (item.sku ?? '').trim() || `POS item ${item.posId}`;
    const p = problemByPosId.get(String(item.posId)) ?? (passed.has(String(item.posId)) ? undefined : problemByItem.get(key));
    if (!p) continue;
    rows.push({ sku: item.sku ?? '', posId: item.posId, name: item.name, category: p.code === 'sku-duplicate-pos' ? 'duplicate-in-pos' : 'invalid',
      storeId: links.get(skuKey(item.sku ?? ''))?.storeId ?? null, parentId: null, kind: null, onWeb: item.onWeb, detail: p.message,
      warnings: warningsOf(item.posId, item.name ?? '', Boolean(item.parentSku?.trim())) });
  }

  const relevant = items.filter((i) => !i.stockOnly && (i.onWeb || links.has(i.key)));
  // Linked SKUs the read does not hold: left the web selection (the POS still has the item) or deleted in the POS.
  const readKeys = new Set(raw.map((i) => skuKey(i.sku ?? '')));
  const offWeb = new Map((opts.leftSelection ?? []).map((i) => [skuKey(i.sku ?? ''), i]));
  const gone = [...links.values()].filter((l) => l.storeId !== null && (l.state === 'linked' || l.state === 'off-web') && !readKeys.has(l.sku));
  const found = new Map<string, StoreItemRef[]>();
  for (const ref of await catalog.findBySkus([...relevant.map((i) => i.sku), ...gone.map((l) => l.displaySku)])) {
    const k = skuKey(ref.sku);
    found.set(k, [...(found.get(k) ?? []), ref]);
  }

  for (const item of relevant) {
    const refs = found.get(item.key) ?? [];
    const link = links.get(item.key);
    const base = { sku: item.sku, posId: item.posId, name: item.name, onWeb: item.onWeb, warnings: warningsOf(item.posId, item.name, item.parentKey !== null) };
    const off = item.onWeb ? '' : ' (not in the web selection: web stock 0)';
    if (refs.length > 1) {
      rows.push({ ...base, category: 'duplicate-in-store', storeId: null, parentId: null, kind: null,
        detail: `The store has ${refs.length} products with this SKU (ids ${refs.map((r) => r.id).join(', ')}); give all but one another SKU.` });
      continue;
    }
    const ref = refs[0];
    if (link?.storeId && link.state !== 'pending-create') {
      if (ref && ref.id === link.storeId) {
        rows.push({ ...base, category: 'linked', storeId: ref.id, parentId: ref.parentId, kind: link.kind, detail: `store ${link.kind} ${ref.id} (${ref.status})${off}` });
        continue;
      }
      const current = await catalog.getById(link.storeId);
      if (!current) {
        rows.push({ ...base, category: 'missing-in-store', storeId: link.storeId, parentId: link.parentId, kind: link.kind,
          detail: ref ? `Linked ${link.kind} ${link.storeId} was deleted; product ${ref.id} now has this SKU and is adopted on the next sync.`
            : `Linked ${link.kind} ${link.storeId} no longer exists in the store.` });
      } else {
        rows.push({ ...base, category: 'broken', storeId: link.storeId, parentId: link.parentId, kind: link.kind,
          detail: `Store ${link.kind} ${link.storeId} now carries SKU "${current.sku}". Put ${item.sku} back on it, or run a full resync.` });
      }
      continue;
    }
    if (ref) {
      rows.push({ ...base, category: 'linked', storeId: ref.id, parentId: ref.parentId, kind: ref.type === 'variation' ? 'variation' : 'product',
        detail: `the store already has this SKU (${ref.type} ${ref.id}); it is adopted on the next sync${off}` });
    } else if (item.onWeb) {
      rows.push({ ...base, category: 'new', storeId: null, parentId: null, kind: item.parentKey ? 'variation' : 'product',
        detail: item.createBlocker ? `cannot be created: ${item.createBlocker}` : 'created as a draft on the next sync' });
    }
  }
  for (const link of gone) {
    const left = offWeb.get(link.sku);
    const ref = (found.get(link.sku) ?? []).find((r) => r.id === link.storeId);
    const why = left ? 'left the web selection in the POS' : 'was deleted in the POS';
    const what = ref
      ? `store ${link.kind} ${ref.id} (${ref.status}) stays in the store with web stock 0: Tillbridge never deletes or unpublishes it`
      : `its store ${link.kind} ${link.storeId} no longer carries this SKU in the store`;
    rows.push({ sku: link.displaySku, posId: left?.posId ?? link.posId ?? '', name: left?.name ?? '', category: left ? 'off-web' : 'deleted-in-pos',
      storeId: link.storeId, parentId: link.parentId, kind: link.kind, onWeb: false,
      detail: `${link.displaySku} ${why}; ${what}.${left ? ' Put it back in the web selection to sell it online again.' : ''}`, warnings: [] });
  }
  return rows;
}

/**
 * A name the store will not keep as written (WooCommerce drops backslashes from product names on
 * save): a small loss the merchant should know of. Products are named only when they are created,
 * and later syncs never compare or rewrite names, so this costs no repeated writes.
 */
function nameWarnings(posId: string, name: string, catalog: StoreCatalogPort): string[] {
  if (!name.includes('\\')) return [];
  const saved = catalog.nameAsSaved(name);
  if (saved === name) return [];
  return [`POS item ${posId} "${name}" has a backslash in its name, which the store drops when it saves the product: it will show "${saved}".`];
}
