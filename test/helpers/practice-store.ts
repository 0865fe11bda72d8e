import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { WooCatalog } from '../../connectors/woocommerce/woo-catalog';
import { WooClient } from '../../connectors/woocommerce/woo-client';
import { parseWooConfig } from '../../connectors/woocommerce/woo-config';
import { WooProducts } from '../../connectors/woocommerce/woo-products';
import { startEmulator, type RunningEmulator } from '../../connectors/woocommerce-emulator/server';
import { DEFAULT_KEYS } from '../../connectors/woocommerce-emulator/state';
import { openDatabase } from '../../electron/engine/db/database';

/** A running emulator, a client for it, and a fresh local state database, for engine tests. */
export interface PracticeStore {
  emulator: RunningEmulator;
  client: WooClient;
  catalog: WooCatalog;
  db: Database;
  dir: string;
  /** Calls the store directly (as a merchant or a checkout would), Basic auth, JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- store JSON, read freely in assertions
  call<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

export async function openPracticeStore(opts: { timeoutMs?: number; maxRetries?: number } = {}): Promise<PracticeStore> {
  const emulator = await startEmulator();
  const client = new WooClient(parseWooConfig({
    url: emulator.url, consumerKey: DEFAULT_KEYS.ck, consumerSecret: DEFAULT_KEYS.cs, authMode: 'basic',
    timeoutMs: opts.timeoutMs ?? 5000, maxRetries: opts.maxRetries ?? 2,
  }), { sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 20))) });
  const catalog = new WooCatalog(new WooProducts(client));
  const dir = mkdtempSync(join(tmpdir(), 'tb-store-'));
  const db = openDatabase(join(dir, 'state.sqlite'));
  const auth = 'Basic ' + Buffer.from(`${DEFAULT_KEYS.ck}:${DEFAULT_KEYS.cs}`).toString('base64');
  return {
    emulator, client, catalog, db, dir,
    async call(method, path, body) {
      const res = await fetch(`${emulator.url}/wp-json/wc/v3/${path.replace(/^\//, '')}`, {
        method, headers: { authorization: auth, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as never };
    },
    async close() {
      db.close();
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
