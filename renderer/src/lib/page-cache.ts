/**
 * The pages of a server-side list the page holds, least recently used dropped first, so scrolling
 * through 50,000 products all day keeps a few thousand rows in memory, not all of them.
 */
export class PageCache<T> {
  private readonly pages = new Map<number, T[]>();

  constructor(readonly maxPages: number) {}

  get(page: number): T[] | undefined {
    const rows = this.pages.get(page);
    if (rows) {
      this.pages.delete(page);
      this.pages.set(page, rows);
    }
    return rows;
  }

  has(page: number): boolean {
    return this.pages.has(page);
  }

  set(page: number, rows: T[]): void {
    this.pages.delete(page);
    this.pages.set(page, rows);
    while (this.pages.size > this.maxPages) {
      const oldest = this.pages.keys().next().value as number;
      this.pages.delete(oldest);
    }
  }

  /** Row `index` if its page is held (pageSize rows a page). */
  row(index: number, pageSize: number): T | undefined {
    return this.pages.get(Math.floor(index / pageSize))?.[index % pageSize];
  }

  get size(): number {
    return this.pages.size;
  }

  clear(): void {
    this.pages.clear();
  }
}
