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
  private readonly byKey: ReadonlyMap<string, Link>;
  private readonly byStoreId = new Map<number, Link>();

  constructor(links: ReadonlyMap<string, Link>) {
    this.byKey = links;
    for (const link of links.values()) if (link.storeId !== null) this.byStoreId.set(link.storeId, link);
  }

  /** null when neither the SKU nor the product ids say which item it is. */
  resolve(line: LineIdentity): LineItemRef | null {
    const sku = (line.sku ?? '').trim();
    if (sku !== '') {
      const key = skuKey(sku);
      return { key, posSku: this.byKey.get(key)?.displaySku ?? sku };
    }
    const id = line.variationId > 0 ? line.variationId : line.productId;
    const link = id > 0 ? this.byStoreId.get(id) : undefined;
    return link ? { key: link.sku, posSku: link.displaySku } : null;
  }

  /** Just the SKU key, for the allocation. */
  keyOf(line: LineIdentity): string | null {
    return this.resolve(line)?.key ?? null;
  }
}

/** A resolver without links (lines without SKU stay unresolved), for tests and first runs. */
export function bareResolver(): LineKeyResolver {
  return new LineKeyResolver(new Map());
}

/** A resolver over the product links as they are now in the state database. */
export function currentLineKeys(db: Database): LineKeyResolver {
  return new LineKeyResolver(new LinkStore(db).allLinks());
}
