/**
 * Customers over the REST API: find by e-mail, create, update. The store keys accounts by
 * e-mail in any letter case, so `findByEmail` looks across every role (the default list shows
 * only role "customer" and would miss an account that then blocks the create).
 */
import type { WooClient } from './woo-client';
import { StoreError } from './woo-errors';
import { type CustomerPayload, type WooCustomer, parseCustomer } from './woo-order-types';

/** The customer side of the store adapter. */
export class WooCustomers {
  readonly #client: WooClient;

  constructor(client: WooClient) {
    this.#client = client;
  }

  /** The account with this e-mail (any case, any role), or undefined. Matches the account e-mail, not billing. */
  async findByEmail(email: string, signal?: AbortSignal): Promise<WooCustomer | undefined> {
    const raw = await this.#client.get<unknown>('customers', { params: { email: email.trim(), role: 'all' }, item: { email }, signal });
    if (!Array.isArray(raw)) throw badAnswer('customers', email);
    const wanted = email.trim().toLowerCase();
    const customers = raw.map((c) => read(c, email));
    return customers.find((c) => c.email.toLowerCase() === wanted) ?? customers[0];
  }

  /**
   * Creates a customer. Not repeated after an ambiguous failure; a second create would fail with
   * `registration-error-email-exists` anyway, so on `writeMayHaveHappened` call `findByEmail`.
   */
  async createCustomer(payload: CustomerPayload & { email: string }, signal?: AbortSignal): Promise<WooCustomer> {
    const raw = await this.#client.post('customers', payload, { item: { email: payload.email }, signal });
    return read(raw, payload.email);
  }

  /** Updates fields of a customer (partial: billing fields not sent are kept). */
  async updateCustomer(id: number, payload: CustomerPayload, signal?: AbortSignal): Promise<WooCustomer> {
    const item = payload.email !== undefined ? { customerId: id, email: payload.email } : { customerId: id };
    const raw = await this.#client.put(`customers/${id}`, payload, { item, signal });
    return read(raw, payload.email ?? `customer ${id}`);
  }
}

function read(raw: unknown, email: string): WooCustomer {
  try {
    return parseCustomer(raw);
  } catch {
    throw badAnswer('customers', email);
  }
}

function badAnswer(path: string, email: string): StoreError {
  return new StoreError({
    summary: `the store's answer for ${path} was not a customer with the usual fields.`,
    hint: 'A plugin may be changing REST API answers; check recently installed plugins.',
    retryable: false,
    code: 'tillbridge_invalid_response',
    item: { email },
    request: { method: 'GET', path },
  });
}
