/**
 * Item changes written with the Stock Guard plugin in the store: each stock move goes to the
 * plugin (one request for the list, applied atomically per item), the rest of each change (prices,
 * absolute stock, stock management) to WooCommerce's batch as always, and the two answers merge
 * into one outcome per change. The stock in the outcome is the one the plugin reports right after
 * the move. If the plugin turns out to be gone or switched off, the whole list goes to the batch
 * with `inventory_delta` instead, as without it.
 */
import type { ItemChange, StoreFailure, StoreItemRef, WriteOutcome } from '../core/store-catalog-port';
import { StoreError } from './woo-errors';
import { toProductRef, type WooProductRef } from './woo-product-types';
import type { StockMoveResult, WooStockGuard } from './woo-stock-guard';

/** The catalogue's own translations, passed in so this file does not depend on woo-catalog.ts. */
export interface OutcomeTranslation {
  toRef(r: WooProductRef): StoreItemRef;
  toFailure(e: StoreError): StoreFailure;
}

export async function updateWithStockGuard(
  guard: WooStockGuard,
  changes: readonly ItemChange[],
  batch: (list: readonly ItemChange[]) => Promise<WriteOutcome[]>,
  t: OutcomeTranslation,
): Promise<WriteOutcome[]> {
  const moving = changes.flatMap((c, i) => (c.stock !== undefined && 'move' in c.stock ? [{ i, id: c.id, delta: c.stock.move }] : []));
  let moved: StockMoveResult[] | null;
  try {
    moved = await guard.applyMoves(moving.map(({ id, delta }) => ({ id, delta })));
  } catch (e) {
    if (!(e instanceof StoreError)) throw e;
    // The request failed as a whole: every change with a move shares its failure (its prices wait
    // for the next pass with it); changes without a move are written as usual.
    const failure = t.toFailure(e);
    const moveless = changes.flatMap((c, i) => (moving.some((m) => m.i === i) ? [] : [{ i, c }]));
    const written = moveless.length > 0 ? await batch(moveless.map((x) => x.c)) : [];
    const byIndex = new Map(moveless.map((x, k) => [x.i, written[k]!]));
    return changes.map((_, i) => byIndex.get(i) ?? { ok: false, error: failure });
  }
  if (moved === null) return batch(changes); // gone or switched off: WooCommerce's own moves

  const byIndex = new Map(moving.map((m, k) => [m.i, moved![k]!]));
  const rest = changes.flatMap((c, i) => {
    const { stock, ...other } = c;
    const withoutMove: ItemChange = byIndex.has(i) ? other : { ...other, ...(stock ? { stock } : {}) };
    return hasWrite(withoutMove) ? [{ i, change: withoutMove }] : [];
  });
  const written = rest.length > 0 ? await batch(rest.map((r) => r.change)) : [];
  const batchOutcome = new Map(rest.map((r, k) => [r.i, written[k]!]));

  return changes.map((_, i): WriteOutcome => {
    const move = byIndex.get(i);
    const other = batchOutcome.get(i);
    if (move && !move.ok) return { ok: false, error: t.toFailure(move.error) };
    if (other && !other.ok) return other;
    if (!move) return other!;
    const item = other?.ok ? other.item : pluginItem(move, t);
    if (!item) return { ok: false, error: t.toFailure(invalidAnswer(move.id)) };
    return { ok: true, item: { ...item, stockQuantity: move.stockQuantity } };
  });
}

/** Whether a change still writes something once its move is taken out. */
function hasWrite(c: ItemChange): boolean {
  return c.prices !== undefined || c.stock !== undefined || c.manageStock !== undefined;
}

function pluginItem(move: Extract<StockMoveResult, { ok: true }>, t: OutcomeTranslation): StoreItemRef | null {
  try {
    return t.toRef(toProductRef(move.product));
  } catch {
    return null;
  }
}

function invalidAnswer(id: number): StoreError {
  return new StoreError({
    summary: 'the Stock Guard plugin applied the stock move but answered without the product\'s fields.',
    hint: 'Tillbridge reads the stock again on the next pass; update the plugin if this repeats.',
    retryable: false,
    code: 'tillbridge_invalid_response',
    item: { productId: id },
  });
}
