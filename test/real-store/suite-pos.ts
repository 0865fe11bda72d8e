/**
 * The POS the real-store suite feeds Tillbridge from: the demo POS (SQLite, the `demo` profile),
 * created empty and filled with the suite's own items only, all under the run's SKU prefix. Every
 * change is made the way the till software makes it (demo-activity.ts: CHANGED_AT stamped), so
 * Tillbridge's change detection sees it like a real shop's. On-hand is MAIN + BACK (the profile's
 * locations); REPAIR is not for sale.
 */
import { SqliteDriver } from '../../connectors/pos/drivers/sqlite-driver';
import { formatWallClock } from '../../connectors/pos/drivers/wall-clock';
import { createSqliteDemoPos } from '../../connectors/pos/demo/demo-pos';
import { setDemoStock, updateDemoItem } from '../../connectors/pos/demo/demo-activity';
import { insertRow } from '../../connectors/pos/generators/bulk-insert';

export interface PosStock { MAIN?: number; BACK?: number; REPAIR?: number }

export interface SimpleItem {
  sku: string;
  name: string;
  price: string;
  stock: PosStock;
  description?: string;
  category?: string;
  web?: boolean;
}

export interface MatrixChild { sku: string; size: string; colour: string; stock: PosStock; price?: string }

export interface PosInvoice { ref: string; invoiceNo: number }

export class SuitePos {
  private nextId = 1;
  private readonly ids = new Map<string, number>();

  private constructor(readonly file: string, private readonly driver: SqliteDriver) {}

  /** A new demo POS in `file`: its tables, locations and a few customers, no items. */
  static async create(file: string): Promise<SuitePos> {
    await createSqliteDemoPos(file, { items: 0, customers: 3 });
    return new SuitePos(file, new SqliteDriver({ file }));
  }

  private id(sku: string): number {
    const id = this.ids.get(sku);
    if (id === undefined) throw new Error(`the suite's POS has no item ${sku}`);
    return id;
  }

  private async insert(row: Record<string, string | number | null>, stock: PosStock): Promise<number> {
    const id = this.nextId++;
    const at = formatWallClock(new Date());
    await this.driver.transaction(async (tx) => {
      await insertRow(tx, 'ITEMS', {
        ID: id, DESCRIPTION: null, CATEGORY: null, WEIGHT: null, BARCODE: null, PRICE2: null, PROMO_FROM: null, PROMO_TO: null, PRICE3: null,
        WEB: 1, PARENT_ID: null, SIZE_NAME: null, COLOUR_NAME: null, CHANGED_AT: at, ...row,
      });
      for (const [location, qty] of Object.entries(stock)) {
        if (qty !== undefined) await insertRow(tx, 'STOCK', { ITEM_ID: id, LOCATION: location, QTY: qty, CHANGED_AT: at });
      }
    }, { mode: 'write', label: 'suite item' });
    this.ids.set(String(row.SKU), id);
    return id;
  }

  /** A plain item on the web selection (unless `web: false`). */
  async addSimple(item: SimpleItem): Promise<void> {
    await this.insert({ SKU: item.sku, NAME: item.name, PRICE1: item.price, DESCRIPTION: item.description ?? null,
      CATEGORY: item.category ?? null, WEB: item.web === false ? 0 : 1 }, item.stock);
  }

  /** A matrix item: a parent and one child per size and colour (a variable product with variations in the store). */
  async addMatrix(parentSku: string, name: string, price: string, children: readonly MatrixChild[]): Promise<void> {
    const parentId = await this.insert({ SKU: parentSku, NAME: name, PRICE1: price, CATEGORY: 'Clothing' }, {});
    for (const c of children) {
      await this.insert({ SKU: c.sku, NAME: `${name} ${c.colour} ${c.size}`, PRICE1: c.price ?? price, PARENT_ID: parentId,
        SIZE_NAME: c.size, COLOUR_NAME: c.colour, CATEGORY: 'Clothing' }, c.stock);
    }
  }

  /** Sets the quantity at one location (a delivery, a count, a transfer). */
  setStock(sku: string, location: keyof PosStock, qty: number): Promise<void> {
    return setDemoStock(this.driver, this.id(sku), location, qty);
  }

  /** Changes item columns: PRICE1 (regular), PRICE2 with PROMO_FROM/PROMO_TO (sale), WEB, NAME... */
  update(sku: string, values: Record<string, string | number | null>): Promise<void> {
    return updateDemoItem(this.driver, this.id(sku), values);
  }

  /** On-hand for the web: MAIN + BACK. */
  async onHand(sku: string): Promise<number> {
    const rows = await this.driver.query("SELECT COALESCE(SUM(QTY), 0) AS N FROM STOCK WHERE ITEM_ID = :id AND LOCATION IN ('MAIN', 'BACK')", { id: this.id(sku) });
    return Number(rows[0]?.N ?? 0);
  }

  /** Every invoice in the POS with its external reference. */
  async invoices(): Promise<PosInvoice[]> {
    const rows = await this.driver.query('SELECT EXTERNAL_REF, INVOICE_NO FROM INVOICES ORDER BY ID');
    return rows.map((r) => ({ ref: String(r.EXTERNAL_REF), invoiceNo: Number(r.INVOICE_NO) }));
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
