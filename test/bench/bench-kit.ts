/**
 * Small tools every benchmark shares: a monotonic stopwatch, a memory sampler that catches the
 * peak while work runs, the result shape the runner collects, and the one-line table format.
 * Benchmarks measure; they never assert a timing. Only correctness invariants ("steady state made
 * no write") can fail a run, through `check()`.
 */
import { performance } from 'node:perf_hooks';

/** One measured number (or text) in a benchmark's result line. */
export type Metric = number | string | null;

/** What one benchmark hands back to the runner. */
export interface BenchResult {
  name: string;
  /** Short description of the scenario and its size. */
  scenario: string;
  metrics: Record<string, Metric>;
  /** Invariants that broke (empty when all held). The runner exits non-zero when any did. */
  failures: string[];
  /** Where the time went, in words, when the benchmark can tell. */
  notes: string[];
}

/** Sizes and switches the runner passes to every benchmark. */
export interface BenchContext {
  quick: boolean;
  /** Web items of the first push, catalogue rows of the POS reads, products adopted, web items behind the dashboard. */
  sizes: BenchSizes;
  /** Scratch folder for this run (under os.tmpdir()), removed at the end. */
  tmp: string;
  log(line: string): void;
}

export interface BenchSizes {
  push: number;
  read: number;
  adopt: number;
  dashboard: number;
}

/** The sizes the brief designs for, and the quick ones for a first look. */
export const FULL_SIZES: BenchSizes = { push: 50_000, read: 100_000, adopt: 5_000, dashboard: 50_000 };
export const QUICK_SIZES: BenchSizes = { push: 5_000, read: 20_000, adopt: 1_000, dashboard: 5_000 };

/** A benchmark: a name the command line can select and the function that measures it. */
export interface Bench {
  name: string;
  run(ctx: BenchContext): Promise<BenchResult[]>;
}

/** Milliseconds since `start`, rounded to 0.1 ms. */
export function msSince(start: number): number {
  return round(performance.now() - start, 1);
}

/** Runs `fn` and returns its value with the elapsed milliseconds. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: msSince(start) };
}

export function round(n: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Median of a list (the lower middle for even lengths); null for an empty list. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/**
 * Runs a full garbage collection when node was started with --expose-gc (`npm run bench` does),
 * so a phase's peak is not inflated by the garbage an earlier phase left behind.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Heap in use after a full collection: what is really kept alive right now (MB). */
export function liveHeapMb(): number {
  collectGarbage();
  return mb(process.memoryUsage().heapUsed);
}

/**
 * Samples RSS and heap every few milliseconds while work runs, so the peak of a phase is seen
 * (process.memoryUsage() after the fact only shows what is left once garbage is collected).
 */
export class MemorySampler {
  private timer: NodeJS.Timeout | null = null;
  private peakRss = 0;
  private peakHeap = 0;

  start(everyMs = 25): this {
    collectGarbage();
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
    return this;
  }

  /** Stops sampling; peaks in MB. */
  stop(): { peakRssMb: number; peakHeapMb: number } {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    return { peakRssMb: mb(this.peakRss), peakHeapMb: mb(this.peakHeap) };
  }

  private sample(): void {
    const m = process.memoryUsage();
    this.peakRss = Math.max(this.peakRss, m.rss);
    this.peakHeap = Math.max(this.peakHeap, m.heapUsed);
  }
}

function mb(bytes: number): number {
  return round(bytes / 1024 / 1024, 1);
}

/** Records a broken invariant in the result (the runner turns any into a non-zero exit). */
export function check(result: BenchResult, ok: boolean, message: string): void {
  if (!ok) result.failures.push(message);
}

/** A fresh result to fill in. */
export function newResult(name: string, scenario: string): BenchResult {
  return { name, scenario, metrics: {}, failures: [], notes: [] };
}

/** One table line: name, scenario, then `key=value` pairs. */
export function formatLine(r: BenchResult): string {
  const values = Object.entries(r.metrics).map(([k, v]) => `${k}=${v === null ? '-' : String(v)}`).join('  ');
  const status = r.failures.length === 0 ? 'ok  ' : 'FAIL';
  return `${status} ${r.name.padEnd(26)} ${values}`;
}

/** Promise-based pause. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
