import type { Database } from 'better-sqlite3';
import { LinkStore, type Link } from './link-store';
import { skuKey } from '../items/sku';

/** The parts of an order line that say which item it is. */
export interface LineIdentity {
  sku: string;
  productId: number;
  variationId: number;
}

/** Which POS item a line is: its SKU key (allocation) and the SKU as the POS spells it (export). */
export interface LineItemRef {
  key: string;
  posSku: string;
}

/**
 * Ties order lines to POS items. The line's SKU is the glue; a line without one (its product's
 * SKU was removed, or a plugin added the line) is recognised by its variation or product id
 * through the product links, so it is still allocated and exported under the right item.
 */
export class LineKeyResolver {
  private readonly lookup: LinkLookup;

  /** Over links held in memory, or over a look-up that reads only the links the lines name. */
  constructor(links: ReadonlyMap<string, Link> | LinkLookup) {
    if (links instanceof Map) {
      const byStoreId = new Map<number, Link>();
      for (const link of links.values()) if (link.storeId !== null) byStoreId.set(link.storeId, link);
      this.lookup = { byKey: (k) => links.get(k), byStoreId: (id) => byStoreId.get(id) };
    } else {
      this.lookup = links as LinkLookup;
    }
  }

  /** null when neither the SKU nor the product ids say which item it is. */
  resolve(line: LineIdentity): LineItemRef | null {
    const sku = (line.sku ?? '').trim();
    if (sku !== '') {
      const key = skuKey(sku);
      return { key, posSku: this.lookup.byKey(key)?.displaySku ?? sku };
    }
    const id = line.variationId > 0 ? line.variationId : line.productId;
    const link = id > 0 ? this.lookup.byStoreId(id) : undefined;
    return link ? { key: link.sku, posSku: link.displaySku } : null;
  }

  /** Just the SKU key, for the allocation: a line's own SKU needs no link look-up. */
  keyOf(line: LineIdentity): string | null {
    const sku = (line.sku ?? '').trim();
    if (sku !== '') return skuKey(sku);
    return this.resolve(line)?.key ?? null;
  }
}

/** A resolver without links (lines without SKU stay unresolved), for tests and first runs. */
export function bareResolver(): LineKeyResolver {
  return new LineKeyResolver(new Map());
}

/** Finds links by SKU key or by store id. */
export interface LinkLookup {
  byKey(key: string): Link | undefined;
  byStoreId(storeId: number): Link | undefined;
}

/**
 * A resolver over the product links as they are now in the state database. It reads only the
 * links the resolved lines name (indexed look-ups, remembered for this resolver's life), so
 * resolving a few open orders does not load every link of a 50,000-item catalogue.
 */
export function currentLineKeys(db: Database): LineKeyResolver {
  const store = new LinkStore(db);
  const byKey = new Map<string, Link | undefined>();
  const byStoreId = new Map<number, Link | undefined>();
  return new LineKeyResolver({
    byKey: (key) => {
      if (!byKey.has(key)) byKey.set(key, store.link(key) ?? undefined);
      return byKey.get(key);
    },
    byStoreId: (id) => {
      if (!byStoreId.has(id)) byStoreId.set(id, store.linkByStoreId(id) ?? undefined);
      return byStoreId.get(id);
    },
  });
}
