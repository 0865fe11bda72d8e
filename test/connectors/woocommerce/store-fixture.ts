/**
 * Test helpers: a real emulator on 127.0.0.1 and clients pointed at it. The counting transport
 * wraps the real HTTP transport only to count requests (no fake answers).
 */
import { startEmulator } from '../../../connectors/woocommerce-emulator/server';
import { WooClient, type WooClientOptions } from '../../../connectors/woocommerce/woo-client';
import { parseWooConfig, type WooAuthMode, type WooConfig } from '../../../connectors/woocommerce/woo-config';
import { createWooTransport, type WooHttpRequest } from '../../../connectors/woocommerce/woo-transport';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

export async function startStore(): Promise<Emulator> {
  return startEmulator({ port: 0, host: '127.0.0.1' });
}

/** Tiny backoff so retry tests stay fast. */
export const FAST_BACKOFF = { baseMs: 5, capMs: 20, maxRetryAfterMs: 5_000 };

export interface ClientSetup {
  authMode?: WooAuthMode;
  key?: string;
  secret?: string;
  timeoutMs?: number;
  maxRetries?: number;
  url?: string;
  options?: WooClientOptions;
}

export interface CountingClient {
  client: WooClient;
  config: WooConfig;
  /** Every request sent over HTTP, in order. */
  calls: WooHttpRequest[];
  retries: { attempt: number; delayMs: number; code: string; status: number | undefined }[];
}

export function clientFor(emu: Emulator, setup: ClientSetup = {}): CountingClient {
  const config = parseWooConfig({
    url: setup.url ?? emu.url,
    consumerKey: setup.key ?? emu.state.keys.ck,
    consumerSecret: setup.secret ?? emu.state.keys.cs,
    authMode: setup.authMode ?? 'basic',
    timeoutMs: setup.timeoutMs ?? 10_000,
    maxRetries: setup.maxRetries ?? 3,
  });
  const real = createWooTransport(config);
  const calls: WooHttpRequest[] = [];
  const retries: CountingClient['retries'] = [];
  const client = new WooClient(config, {
    backoff: FAST_BACKOFF,
    ...setup.options,
    transport: (req) => {
      calls.push(req);
      return real(req);
    },
    onRetry: (info) => {
      retries.push({ attempt: info.attempt, delayMs: info.delayMs, code: info.error.code, status: info.error.status });
      setup.options?.onRetry?.(info);
    },
  });
  return { client, config, calls, retries };
}

/** Creates `n` simple draft products with SKUs `${prefix}-0001`… through the batch endpoint. */
export async function seedProducts(client: WooClient, prefix: string, n: number, extra: Record<string, unknown> = {}): Promise<number[]> {
  const ids: number[] = [];
  for (let start = 0; start < n; start += 100) {
    const create = Array.from({ length: Math.min(100, n - start) }, (_, k) => ({
      name: `${prefix} ${start + k + 1}`,
      sku: `${prefix}-${String(start + k + 1).padStart(4, '0')}`,
      status: 'draft',
      regular_price: '10.00',
      manage_stock: true,
      stock_quantity: 5,
      ...extra,
    }));
    const res = await client.post<{ create: { id: number }[] }>('products/batch', { create });
    ids.push(...res.create.map((p) => p.id));
  }
  return ids;
}
