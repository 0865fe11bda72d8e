/**
 * The product flow with several batch requests in flight (sync.storeConcurrency), against the
 * emulator. Requests are held at the store and released by the test, so nothing here depends on
 * timing: the store sees at most N batches at once and at least 2 when there is work, a 429 on one
 * lane pauses the others, a lost answer never duplicates, and the outcome equals one lane's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PosItem } from '../../../../connectors/core/pos-items-port';
import { WooCatalog } from '../../../../connectors/woocommerce/woo-catalog';
import { WooClient, type WooClientOptions } from '../../../../connectors/woocommerce/woo-client';
import { parseWooConfig } from '../../../../connectors/woocommerce/woo-config';
import { WooProducts } from '../../../../connectors/woocommerce/woo-products';
import { startEmulator, type RunningEmulator } from '../../../../connectors/woocommerce-emulator/server';
import { DEFAULT_KEYS } from '../../../../connectors/woocommerce-emulator/state';
import { openDatabase } from '../../../../electron/engine/db/database';
import { LinkStore } from '../../../../electron/engine/links/link-store';
import { ProductSync, type ProductSyncResult } from '../../../../electron/engine/products/product-sync';
import { ErrorLog } from '../../../../electron/engine/state/error-log';

const BATCH = '/wp-json/wc/v3/products/batch';

function pos(sku: string, over: Partial<PosItem> = {}): PosItem {
  return { posId: `P-${sku}`, sku, name: `Item ${sku}`, regularPrice: '10.00', salePrice: null, saleFrom: null, saleTo: null, onHand: 5,
    onWeb: true, parentSku: null, parentPosId: null, isParent: false, attributes: {}, description: null, category: null, weight: null, barcode: null, ...over };
}

/** `n` simple items, plus `parents` variable parents with three variations each. */
function catalogue(n: number, parents = 0, over: (i: number) => Partial<PosItem> = () => ({})): PosItem[] {
  const out = Array.from({ length: n }, (_, i) => pos(`S-${String(i).padStart(4, '0')}`, over(i)));
  for (let p = 0; p < parents; p++) {
    const parent = `V-${p}`;
    out.push(pos(parent, { isParent: true, onHand: 0 }));
    for (const size of ['S', 'M', 'L']) out.push(pos(`${parent}-${size}`, { parentSku: parent, parentPosId: `P-${parent}`, attributes: { Size: size }, onHand: p + 1, ...over(p) }));
  }
  return out;
}

interface World {
  emu: RunningEmulator;
  sync: ProductSync;
  links: LinkStore;
  close(): Promise<void>;
}

const worlds: World[] = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.close();
});

async function world(lanes: number, client: WooClientOptions = {}): Promise<World> {
  const emu = await startEmulator();
  const c = new WooClient(parseWooConfig({ url: emu.url, consumerKey: DEFAULT_KEYS.ck, consumerSecret: DEFAULT_KEYS.cs, authMode: 'basic', timeoutMs: 10_000, maxRetries: 2 }),
    { sleep: () => Promise.resolve(), ...client });
  const dir = mkdtempSync(join(tmpdir(), 'tb-lanes-'));
  const db = openDatabase(join(dir, 'state.sqlite'));
  const links = new LinkStore(db);
  const sync = new ProductSync(new WooCatalog(new WooProducts(c)), links, new ErrorLog(db), { lanes });
  const w: World = {
    emu, sync, links,
    close: async () => { emu.faults.clear(); db.close(); await emu.close(); rmSync(dir, { recursive: true, force: true }); },
  };
  worlds.push(w);
  return w;
}

/** The store's products and variations as SKU → what a shopper and the merchant see of our fields. */
function storeBySku(emu: RunningEmulator): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of emu.state.products.values()) {
    if (p.status === 'trash') continue;
    const parent = p.parentId ? emu.state.products.get(p.parentId)?.sku : '';
    expect(out.has(p.sku), `SKU ${p.sku} twice in the store`).toBe(false);
    out.set(p.sku, `${p.type} ${p.status} ${parent} ${p.regularPrice} ${p.stockQuantity ?? '-'}`);
  }
  return out;
}

/**
 * Lets the run's `batches` held requests through once as many as the lanes allow (or all that
 * are left) are held at the same moment; a run that kept fewer in flight would stall here.
 */
async function releaseUntilDone(emu: RunningEmulator, run: Promise<ProductSyncResult>, lanes: number, batches: number): Promise<ProductSyncResult> {
  for (let released = 0; released < batches;) {
    const n = Math.min(lanes, batches - released);
    await emu.faults.waitForHeld(n);
    released += emu.faults.held();
    emu.faults.release();
  }
  return run;
}

describe('batch requests in lanes (sync.storeConcurrency)', () => {
  it('keeps at most N batches in flight at the store, and N when there is work', async () => {
    const w = await world(3);
    w.emu.faults.add({ method: 'POST', path: BATCH, hold: true, times: 1000 });
    const r = await releaseUntilDone(w.emu, w.sync.run(catalogue(650), { complete: true, safetyBuffer: 0 }), 3, 7);
    expect(r).toMatchObject({ created: 650, failed: 0, requests: 7 });
    expect(w.emu.faults.maxHeld()).toBe(3);
  });

  it('runs variation batches of different parents side by side', async () => {
    const w = await world(4);
    await w.sync.run(catalogue(0, 6), { complete: true, safetyBuffer: 0 });
    w.emu.faults.add({ method: 'POST', path: '/wp-json/wc/v3/products/:id/variations/batch', hold: true, times: 1000 });
    const changed = catalogue(0, 6, () => ({ regularPrice: '12.00' }));
    const r = await releaseUntilDone(w.emu, w.sync.run(changed, { complete: true, safetyBuffer: 0 }), 4, 6);
    expect(r).toMatchObject({ updated: 18, failed: 0 });
    expect(w.emu.faults.maxHeld()).toBe(4);
  });

  it('a 429 on one lane pauses the others until the store\'s Retry-After has passed', async () => {
    let clock = 1_000_000;
    const sleeping: { ms: number; wake: () => void }[] = [];
    const w = await world(2, {
      now: () => clock,
      sleep: (ms) => new Promise<void>((wake) => { sleeping.push({ ms, wake }); }),
    });
    await w.sync.run(catalogue(300), { complete: true, safetyBuffer: 0 });
    const changed = catalogue(300, 0, () => ({ onHand: 9 }));
    // The first batch to arrive is held, the second is told to wait 5 s.
    w.emu.faults.add({ method: 'POST', path: BATCH, hold: true, times: 1 });
    w.emu.faults.add({ method: 'POST', path: BATCH, status: 429, retryAfter: 5, times: 1 });
    const run = w.sync.run(changed, { complete: true, safetyBuffer: 0 });
    await vi.waitFor(() => expect(sleeping).toHaveLength(1), { timeout: 10_000, interval: 5 });
    expect(sleeping[0]!.ms).toBeGreaterThanOrEqual(5000);
    // The held lane's batch now ends; its next batch must not go out while the store asked for quiet.
    const applied = () => [...w.emu.state.products.values()].filter((p) => p.stockQuantity === 9).length;
    w.emu.faults.release();
    await vi.waitFor(() => expect(sleeping).toHaveLength(2), { timeout: 10_000, interval: 5 });
    expect(sleeping[1]!.ms).toBeGreaterThan(0);
    expect(applied()).toBe(100); // only the held batch went through
    clock += 5000;
    for (const s of sleeping.splice(0)) s.wake();
    const r = await run;
    expect(r).toMatchObject({ updated: 300, failed: 0 });
    expect(applied()).toBe(300);
  });

  it('a batch whose answer is lost creates nothing twice', async () => {
    const w = await world(3);
    w.emu.faults.add({ method: 'POST', path: BATCH, drop: 'after', times: 1 });
    const items = catalogue(420);
    const r = await w.sync.run(items, { complete: true, safetyBuffer: 0 });
    expect(r.failed).toBe(0);
    expect(r.created + r.updated).toBeGreaterThanOrEqual(420);
    const store = storeBySku(w.emu);
    expect(store.size).toBe(420);
    const again = await w.sync.run(items, { complete: true, safetyBuffer: 0 });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 420, requests: 0 });
  });

  it('gives the same store and the same links as one lane', async () => {
    const items = catalogue(260, 5);
    const changed = catalogue(260, 5, (i) => (i % 3 === 0 ? { onHand: 20 + i, regularPrice: '11.50' } : {}));
    const outcome = async (lanes: number) => {
      const w = await world(lanes);
      const first = await w.sync.run(items, { complete: true, safetyBuffer: 0 });
      const second = await w.sync.run(changed, { complete: true, safetyBuffer: 0 });
      const links = [...w.links.allLinks().values()].map((l) => `${l.sku} ${l.kind} ${l.state} ${l.createdByUs}`).sort();
      const pushed = [...w.links.allPushed().values()].map((p) => `${p.sku} ${p.regularPrice} ${p.stock}`).sort();
      const counts = (x: ProductSyncResult) => ({ created: x.created, updated: x.updated, unchanged: x.unchanged, failed: x.failed, requests: x.requests });
      return { first: counts(first), second: counts(second), links, pushed, store: [...storeBySku(w.emu)].sort() };
    };
    const one = await outcome(1);
    const four = await outcome(4);
    expect(four).toEqual(one);
    expect(one.first.created).toBe(260 + 5 * 4);
  });
});
