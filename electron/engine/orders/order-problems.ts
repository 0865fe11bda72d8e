/**
 * Why one order did not go through, in words for the dashboard: what, which order, why, how to
 * fix. Every problem stops that order only. `retryable` problems are tried again by themselves
 * (with backoff); the others wait for a person (and are still re-checked now and then, so a
 * fixed POS item lets the order through without a click).
 */
export interface OrderProblem {
  code: OrderProblemCode;
  message: string;
  hint: string;
  retryable: boolean;
}

export type OrderProblemCode =
  | 'unknown-sku'
  | 'line-without-sku'
  | 'no-email'
  | 'bad-order-data'
  | 'pos-refused'
  | 'pos-unavailable'
  | 'pos-not-ready'
  | 'export-unconfirmed'
  | 'store-unavailable'
  | 'mark-failed'
  | 'changed-after-export';

/**
 * Which system a problem is about: the POS, the store, or neither (the order's data, or a POS
 * that answers but is not ready yet: a closed till is not an offline POS).
 */
export function problemSide(code: OrderProblemCode): 'pos' | 'store' | null {
  switch (code) {
    case 'pos-refused': case 'pos-unavailable': case 'export-unconfirmed': return 'pos';
    case 'store-unavailable': case 'mark-failed': return 'store';
    default: return null;
  }
}

export function unknownSkus(number: string, skus: readonly string[]): OrderProblem {
  const list = skus.join(', ');
  return {
    code: 'unknown-sku',
    message: `Order ${number} cannot go to the POS: the POS does not know ${skus.length === 1 ? 'the SKU' : 'these SKUs'} ${list}.`,
    hint: `Create ${skus.length === 1 ? 'that item' : 'those items'} in the POS (or correct the SKU on the product in WooCommerce), then press Retry.`,
    retryable: false,
  };
}

export function lineWithoutSku(number: string, lineNames: readonly string[]): OrderProblem {
  return {
    code: 'line-without-sku',
    message: `Order ${number} cannot go to the POS: ${lineNames.map((n) => `"${n}"`).join(', ')} ${lineNames.length === 1 ? 'has' : 'have'} no SKU and no linked product.`,
    hint: 'Give the product a SKU that the POS knows (in WooCommerce), then press Retry.',
    retryable: false,
  };
}

export function noEmail(number: string): OrderProblem {
  return {
    code: 'no-email',
    message: `Order ${number} cannot go to the POS: it has no customer e-mail, and POS customers are matched by e-mail.`,
    hint: 'Add the billing e-mail to the order in WooCommerce, or allow orders without e-mail in the settings (they then go to the web-customer account); then press Retry.',
    retryable: false,
  };
}

export function badOrderData(number: string, detail: string): OrderProblem {
  return {
    code: 'bad-order-data',
    message: `Order ${number} cannot go to the POS: ${clause(detail)}.`,
    hint: 'Correct the order in WooCommerce (or book it in the POS by hand), then press Retry.',
    retryable: false,
  };
}

export function posRefused(number: string, detail: string): OrderProblem {
  return {
    code: 'pos-refused',
    message: `The POS refused order ${number}: ${clause(detail)}.`,
    hint: 'Fix what the POS names (an item, the customer, a closed period), then press Retry.',
    retryable: false,
  };
}

export function posUnavailable(number: string, detail: string): OrderProblem {
  return {
    code: 'pos-unavailable',
    message: `Order ${number} waits: the POS could not be reached or was busy (${clause(detail)}).`,
    hint: 'Nothing to do if this passes: Tillbridge tries again by itself. If it stays, check that the POS server is running.',
    retryable: true,
  };
}

/**
 * A profile step marked `retry: true` found the POS not ready (no open till session, a closed
 * day): the step's own words say what is missing. The POS works; nothing is wrong with the server.
 */
export function posNotReady(number: string, detail: string): OrderProblem {
  return {
    code: 'pos-not-ready',
    message: `Order ${number} waits until the POS is ready for it: ${clause(detail)}.`,
    hint: 'Do what the message asks in the POS (for example open the till session); Tillbridge tries again by itself and the order goes as soon as the POS is ready.',
    retryable: true,
  };
}

export function exportUnconfirmed(number: string, detail: string): OrderProblem {
  return {
    code: 'export-unconfirmed',
    message: `Order ${number} was sent to the POS but no answer came back (${clause(detail)}).`,
    hint: 'Nothing to do: before sending it again Tillbridge asks the POS whether the invoice exists, so it is never booked twice.',
    retryable: true,
  };
}

export function storeUnavailable(number: string, detail: string): OrderProblem {
  return {
    code: 'store-unavailable',
    message: `Order ${number} waits: the store could not be read (${clause(detail)}).`,
    hint: 'Nothing to do if this passes: Tillbridge tries again by itself.',
    retryable: true,
  };
}

export function markFailed(number: string, invoice: string, detail: string): OrderProblem {
  return {
    code: 'mark-failed',
    message: `Order ${number} is in the POS as invoice ${invoice}, but marking it in WooCommerce failed (${clause(detail)}).`,
    hint: 'Nothing to do if this passes: Tillbridge tries again by itself. The POS invoice is not repeated.',
    retryable: true,
  };
}

export function changedAfterExport(number: string, invoice: string, what: string): OrderProblem {
  return {
    code: 'changed-after-export',
    message: `Order ${number} ${what} after it went to the POS as invoice ${invoice}.`,
    hint: 'Tillbridge does not carry refunds or cancellations to the POS: correct invoice ' + invoice + ' in the POS by hand.',
    retryable: false,
  };
}

/** A message used inside a sentence: without its own final full stop. */
function clause(detail: string): string {
  return detail.trim().replace(/[.\s]+$/, '');
}
