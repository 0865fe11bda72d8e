/**
 * What the engine sees of a point-of-sale system. One implementation (the profile connector)
 * serves every POS: a JSON profile says which SQL reads items, prices, stock and the web
 * selection, and a small driver runs it on Firebird or SQLite. The engine never writes SQL.
 */

/**
 * Opaque text the engine stores after it has committed the work a read covered, and hands back
 * on the next incremental read. Never parse it outside connectors/pos.
 */
export type ChangeCursor = string;

/**
 * One POS item as the POS has it. Values are raw: the engine validates SKU, prices and
 * quantities later, so one bad record stops only itself. Prices are decimal strings exactly as
 * read (or computed exactly when the profile grosses up net prices), never binary floats.
 */
export interface PosItem {
  /** The POS's own key for the item (as text), stable across SKU edits. */
  posId: string;
  /** As stored (not trimmed; SQL NULL becomes ""). The glue to the web store. */
  sku: string;
  /** As stored (SQL NULL becomes ""). */
  name: string;
  /** Decimal string from the price level the profile maps to the regular price; null when none. */
  regularPrice: string | null;
  /** Decimal string from the sale price level; null when the item is not on sale. */
  salePrice: string | null;
  /** Sale window in the POS's local time: "2026-12-01" or "2026-12-01T08:00:00"; null = open. */
  saleFrom: string | null;
  saleTo: string | null;
  /** Sum over the profile's stock locations; a location without a stock row counts 0. */
  onHand: number;
  /**
   * On hand per counted location, when the profile reads stock per location (absent otherwise):
   * for the dashboard's product detail; `onHand` stays the number the sync uses.
   */
  onHandByLocation?: Record<string, number>;
  /** In the web selection (flag, web-store membership, or whole catalogue: the profile says). */
  onWeb: boolean;
  /** SKU of the matrix parent when this item is a child (a WooCommerce variation), else null. */
  parentSku: string | null;
  /** The parent's posId for a matrix child, else null. */
  parentPosId: string | null;
  /** True for a matrix parent (a WooCommerce variable product; its own stock is meaningless). */
  isParent: boolean;
  /** Attribute name → value for a matrix child, e.g. { Size: "M", Colour: "Navy" }, in profile order. */
  attributes: Record<string, string>;
  /** Useful on creation only; null when the profile maps no such column or the POS has none. */
  description: string | null;
  category: string | null;
  /** Decimal string as read. */
  weight: string | null;
  barcode: string | null;
}

/** The outcome of one read. */
export interface ReadResult {
  items: PosItem[];
  /**
   * true for a full read: `items` is the whole current web selection (plus the matrix parents of
   * selected children), so anything the engine has linked that is missing has left the
   * selection or was deleted. false for an incremental read: `items` are only the items that
   * changed, including those whose `onWeb` became false.
   */
  complete: boolean;
  /**
   * Incremental reads only: POS ids the change query reported (or that left a membership
   * selection) but that the item statement no longer returns: deleted or filtered out. The
   * engine treats them like items that left the web selection. Hard deletes that leave no
   * trace in any change column are found by the next full read.
   */
  removedPosIds: string[];
  /**
   * Full reads only: the catalogue items the item statement returned that are not in the web
   * selection, by POS id, SKU and name as stored. A linked SKU among them has left the selection (its
   * store product stays, with web stock 0); one missing from both lists was deleted in the POS.
   * Absent when the connector cannot tell (every missing SKU then counts as deleted).
   */
  leftSelection?: { posId: string; sku: string; name: string }[];
  /** Store this once the items are committed; pass it as `since` next time. */
  cursor: ChangeCursor;
}

/** A problem found by `check()`, in words an installer can act on. */
export interface CheckProblem {
  code: string;
  message: string;
  /** The profile statement concerned, e.g. "items.sql". */
  statement?: string;
}

/** The POS a profile recognised in the database (its `recognise` statement). */
export interface RecognisedPos {
  /** e.g. "uniCenta oPOS". */
  name: string;
  /** e.g. "4.2.2"; null when the POS keeps no version. */
  version: string | null;
}

/** Result of "Test connection". */
export interface CheckResult {
  ok: boolean;
  /** One line for the settings page: what works, or the first thing to fix. */
  message: string;
  /** e.g. "Firebird 3.0.11"; absent when the server could not be reached. */
  server?: string;
  /** The POS and its version, when the profile can recognise it ("uniCenta oPOS", "4.2.2"). */
  pos?: RecognisedPos;
  problems: CheckProblem[];
}

/** The POS side of the sync, as the engine uses it. */
export interface PosItemsPort {
  /** Connects and tries every profile statement (without reading the catalogue). Never throws. */
  check(): Promise<CheckResult>;
  /** Full read without `since`; incremental read (changed items only) with it. */
  readItems(opts?: { since?: ChangeCursor }): Promise<ReadResult>;
  /**
   * A short string that changes whenever anything the profile reads has changed (a few tiny
   * queries such as MAX(change time) and COUNT(*)). A quiet cycle compares it and reads nothing.
   */
  changeMarker(): Promise<string>;
  close(): Promise<void>;
}
