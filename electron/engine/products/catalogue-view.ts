/**
 * The POS items of the web selection as the last product pass read them, kept in memory for the
 * dashboard's product search: a page of 50,000 items is answered from here in milliseconds
 * instead of re-reading the POS. Every product pass refreshes it (a complete read replaces it, an
 * incremental one merges); until the first pass it is empty and the caller loads it once.
 */
import type { PosItem } from '../../../connectors/core/pos-items-port';
import { skuKey } from '../items/sku';

export class CatalogueView {
  private readonly byKey = new Map<string, PosItem>();
  private sorted: { item: PosItem; text: string }[] | null = null;
  private read: string | null = null;

  /** When the POS was last read into this view (ISO), or null before the first read. */
  get readAt(): string | null {
    return this.read;
  }

  get loaded(): boolean {
    return this.read !== null;
  }

  get size(): number {
    return this.byKey.size;
  }

  /** Takes a read: a complete one replaces everything, an incremental one updates and removes. */
  apply(items: readonly PosItem[], complete: boolean, removedPosIds: readonly string[], now: Date): void {
    if (complete) this.byKey.clear();
    if (removedPosIds.length) {
      const gone = new Set(removedPosIds);
      for (const [key, item] of this.byKey) if (gone.has(item.posId)) this.byKey.delete(key);
    }
    for (const item of items) {
      const key = skuKey(item.sku ?? '');
      if (key) this.byKey.set(key, item);
    }
    this.sorted = null;
    this.read = now.toISOString();
  }

  get(key: string): PosItem | undefined {
    return this.byKey.get(key);
  }

  /**
   * Items whose SKU or name contains every word of `search` (any case), ordered by SKU; a page of
   * them and how many match in all.
   */
  search(search: string, offset: number, limit: number): { total: number; items: PosItem[] } {
    const list = this.index();
    const words = search.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return { total: list.length, items: list.slice(offset, offset + limit).map((e) => e.item) };
    const matches: PosItem[] = [];
    let total = 0;
    for (const e of list) {
      if (!words.every((w) => e.text.includes(w))) continue;
      if (total >= offset && matches.length < limit) matches.push(e.item);
      total++;
    }
    return { total, items: matches };
  }

  private index(): { item: PosItem; text: string }[] {
    if (!this.sorted) {
      this.sorted = [...this.byKey.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, item]) => ({ item, text: `${(item.sku ?? '').trim()} ${item.name}`.toLowerCase() }));
    }
    return this.sorted;
  }
}
