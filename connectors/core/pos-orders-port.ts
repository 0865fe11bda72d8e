import type { PosOrder } from './pos-order';

/**
 * What the export needs from the POS. Implemented over the POS profile's export statements
 * (connectors/pos/profile-order-port.ts); the tests use it over small SQLite and Firebird POS databases.
 *
 * Failures are thrown as PosError (connectors/core/pos-errors.ts): `retryable` ones (POS down,
 * locked, connection lost) are tried again later; others mean the POS refused the invoice and
 * its message is shown to a person. A thrown error that is not a PosError, or a retryable one,
 * leaves it open whether the POS committed: the engine then asks `findInvoiceByReference`
 * before anything else, so the answer never becomes a second invoice.
 */
export interface PosOrdersPort {
  /** The number of the POS invoice carrying this external reference, or null when there is none. */
  findInvoiceByReference(reference: string): Promise<string | null>;
  /**
   * Books the order in ONE POS transaction: first the reference check (when an invoice with this
   * reference exists, nothing is written and its number comes back with `alreadyThere`), then
   * the customer (found by e-mail, updated or created; or the web-customer account), the
   * invoice header and its lines. All of it commits, or nothing does.
   */
  exportOrder(order: PosOrder): Promise<{ invoiceNumber: string; alreadyThere?: boolean }>;
  /** The subset of `skus` that the POS knows as items (compared the way the POS matches them on insert). */
  knownSkus(skus: readonly string[]): Promise<Set<string>>;
}
