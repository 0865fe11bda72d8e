/**
 * How an order write fails part-way: the REST answer to give, and the PHP fatal error the real
 * store dies with on some inputs.
 */
import { restError, type EmuResponse } from './router';

/** A write that WooCommerce refuses part-way; carries the answer to give. */
export class OrderWriteError extends Error {
  constructor(readonly response: EmuResponse) {
    super(`order write refused: ${String((response.body as { code?: unknown }).code)}`);
  }
}

export function fail(code: string, message: string, status = 400, extra?: Record<string, unknown>): never {
  throw new OrderWriteError(restError(code, message, status, extra));
}

/** The answer a PHP fatal error gets (what `quantity: 0` on a new line triggers in the real store). */
export function criticalError(): EmuResponse {
  return {
    status: 500,
    body: {
      code: 'internal_server_error',
      message:
        '<p>There has been a critical error on this website.</p><p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">Learn more about troubleshooting WordPress.</a></p>',
      data: { status: 500 },
      additional_errors: [],
    },
  };
}
