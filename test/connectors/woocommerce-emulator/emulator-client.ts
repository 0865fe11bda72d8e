/**
 * A tiny HTTP helper for emulator tests: JSON requests with the emulator's read/write key over
 * HTTP Basic (real HTTP, no mocks).
 */
import type { RunningEmulator } from '../../../connectors/woocommerce-emulator/server';

export interface JsonAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Sends one REST request to `/wp-json/wc/v3${path}`. */
export async function wc(emu: RunningEmulator, method: string, path: string, body?: unknown): Promise<JsonAnswer> {
  const { ck, cs } = emu.state.keys;
  const res = await fetch(`${emu.url}/wp-json/wc/v3${path}`, {
    method,
    headers: {
      Authorization: `Basic ${Buffer.from(`${ck}:${cs}`).toString('base64')}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

/** Products with this SKU, as the integrator's lookup finds them. */
export async function bySku(emu: RunningEmulator, sku: string): Promise<Record<string, unknown>[]> {
  const res = await wc(emu, 'GET', `/products?sku=${encodeURIComponent(sku)}`);
  return res.body as Record<string, unknown>[];
}
