/**
 * Which store the real-store suite runs against: the shop's staging store named by
 * TILLBRIDGE_TEST_STORE_URL, _KEY and _SECRET, or, without them, the WooCommerce emulator started
 * here with both race switches on (the store's checkout race and its read-add-save of stock moves,
 * with real timed gaps), so CI runs the same suite. From here on the suite only holds an address
 * and keys: it speaks to either through the public REST and Store APIs alone.
 */
import { startEmulator } from '../../connectors/woocommerce-emulator/server';
import type { StoreAccess } from './store-client';

export interface StoreTarget extends StoreAccess {
  kind: 'staging store' | 'emulator';
  /** Orders already in the store are allowed (TILLBRIDGE_TEST_STORE_ALLOW_ORDERS=1). */
  allowOrders: boolean;
  /** An existing media id to put on a product as the merchant's image (real stores only; optional). */
  imageId: number | null;
  /**
   * Emulator only (null for a real store, which cannot tell): checkout units its stock-move race
   * lost inside Tillbridge's writes, i.e. whether that race was hit at all in this run.
   */
  lostInMoves(): number | null;
  close(): Promise<void>;
}

/** The three variables, all or none. */
export function targetFromEnv(env: NodeJS.ProcessEnv): Omit<StoreTarget, 'close' | 'lostInMoves'> | null {
  const url = env.TILLBRIDGE_TEST_STORE_URL?.trim();
  const key = env.TILLBRIDGE_TEST_STORE_KEY?.trim();
  const secret = env.TILLBRIDGE_TEST_STORE_SECRET?.trim();
  if (!url && !key && !secret) return null;
  if (!url || !key || !secret) {
    throw new Error('Set all three of TILLBRIDGE_TEST_STORE_URL, TILLBRIDGE_TEST_STORE_KEY and TILLBRIDGE_TEST_STORE_SECRET (or none, for the emulator).');
  }
  const auth = env.TILLBRIDGE_TEST_STORE_AUTH?.trim() || 'basic';
  if (auth !== 'basic' && auth !== 'query') throw new Error('TILLBRIDGE_TEST_STORE_AUTH must be "basic" or "query".');
  const imageId = env.TILLBRIDGE_TEST_STORE_IMAGE_ID ? Number(env.TILLBRIDGE_TEST_STORE_IMAGE_ID) : null;
  return { kind: 'staging store', url: url.replace(/\/+$/, ''), key, secret, auth, allowOrders: env.TILLBRIDGE_TEST_STORE_ALLOW_ORDERS === '1',
    imageId: imageId !== null && Number.isInteger(imageId) && imageId > 0 ? imageId : null };
}

/** The staging store from the environment, or a fresh emulator with both race switches on. */
export async function openStoreTarget(env: NodeJS.ProcessEnv = process.env): Promise<StoreTarget> {
  const fromEnv = targetFromEnv(env);
  if (fromEnv) return { ...fromEnv, lostInMoves: () => null, close: async () => undefined };
  const emu = await startEmulator({ races: { checkout: true, inventoryDelta: true } });
  return {
    kind: 'emulator', url: emu.url, key: emu.state.keys.ck, secret: emu.state.keys.cs, auth: 'basic', allowOrders: false, imageId: null,
    lostInMoves: () => [...emu.races.lost().values()].reduce((n, units) => n + units, 0),
    close: () => emu.close(),
  };
}
