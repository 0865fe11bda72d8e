/**
 * The benchmark's side of the practice store: forks store-process.js (emulator + counting proxy
 * on 127.0.0.1), and talks to its /__bench/ endpoints. Closing it, or the benchmark process
 * ending for any reason, ends the store process too.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { EmuKeys } from '../../connectors/woocommerce-emulator/state';
import type { SeedProduct, StoreValues } from './store-seed';
import type { StoreStats } from './store-stats';
import type { StoreModel } from './store-model';

export interface BenchStore {
  /** The proxy's address: give this to the engine as the store URL. */
  url: string;
  keys: EmuKeys;
  stats(): Promise<StoreStats>;
  resetStats(): Promise<void>;
  seed(products: readonly SeedProduct[]): Promise<void>;
  values(skus: readonly string[]): Promise<Record<string, StoreValues | null>>;
  summary(): Promise<{ products: number; variable: number; variations: number; drafts: number; published: number }>;
  close(): Promise<void>;
}

/** `model`: answer as slowly as the real store would (store-model.ts); the emulator's own speed otherwise. */
export async function startBenchStore(opts: { model?: StoreModel } = {}): Promise<BenchStore> {
  const env = opts.model ? { ...process.env, BENCH_STORE_MODEL: JSON.stringify(opts.model) } : process.env;
  const child = fork(join(__dirname, 'store-process.js'), [], { env, execArgv: process.env.BENCH_STORE_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_STORE_PROFILE}`] : [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const killOnExit = () => child.kill();
  process.once('exit', killOnExit);
  const hello = await new Promise<{ url: string; keys: EmuKeys }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { url: string; keys: EmuKeys }));
    child.once('exit', (code) => reject(new Error(`the bench store process exited early (code ${code})`)));
  });
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${hello.url}/__bench/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = (await res.json()) as T & { error?: string };
    if (!res.ok) throw new Error(`bench store ${method} ${path}: ${json.error ?? res.status}`);
    return json;
  };
  return {
    url: hello.url,
    keys: hello.keys,
    stats: () => call<StoreStats>('GET', 'stats'),
    resetStats: async () => { await call('POST', 'reset-stats'); },
    seed: async (products) => { await call('POST', 'seed', products); },
    values: (skus) => call('POST', 'values', { skus }),
    summary: () => call('GET', 'summary'),
    close: () => stop(child, killOnExit),
  };
}

function stop(child: ChildProcess, killOnExit: () => void): Promise<void> {
  process.removeListener('exit', killOnExit);
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.disconnect();
  });
}
