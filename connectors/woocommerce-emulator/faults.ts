/**
 * Fault injection for tests of the integrator's error handling: for requests matching a method and
 * path pattern, the next N answers can be a chosen status (500/502/503, 429 with Retry-After), a
 * delay, or a dropped connection — before the request is applied, or after it was applied, which
 * is the "create that timed out but succeeded" case a client must recover from.
 */

/** One injected fault. */
export interface FaultSpec {
  /** HTTP method to match; any method when omitted. */
  method?: string;
  /**
   * Path to match (without query), e.g. '/wp-json/wc/v3/products/batch'. `:name` matches one
   * segment and a trailing `*` any rest, so '/wp-json/wc/v3/products/:id' or '/wp-json/wc/v3/*'.
   */
  path: string;
  /** How many matching requests it affects (default 1). */
  times?: number;
  /** Answer with this status instead of running the request. */
  status?: number;
  /** Body for `status` (default: a WooCommerce-style error naming the fault). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Seconds for a Retry-After header (typical with 429/503). */
  retryAfter?: number;
  /** Wait this long before answering (or before dropping). */
  delayMs?: number;
  /** Destroy the connection: 'before' the request runs, or 'after' it ran (the write happened). */
  drop?: 'before' | 'after';
  /**
   * Hold the request before it runs until the test calls `release()`: shows how many requests a
   * client keeps in flight at once (`held()`, `waitForHeld(n)`, `maxHeld()`) without any timing.
   */
  hold?: boolean;
}

/** A fault as stored, with the uses it has left. */
export interface ActiveFault extends FaultSpec {
  id: number;
  remaining: number;
}

/** The fault table of one emulator. */
export class Faults {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  /** Adds a fault; returns it (with its id) for inspection or removal. */
  add(spec: FaultSpec): ActiveFault {
    if (typeof spec.path !== 'string' || spec.path === '') throw new Error('fault needs a path, e.g. "/wp-json/wc/v3/products/batch"');
    if (spec.status === undefined && spec.delayMs === undefined && spec.drop === undefined && !spec.hold) {
      throw new Error(`fault for ${spec.path} does nothing: give status, delayMs, drop or hold`);
    }
    const fault: ActiveFault = { ...spec, id: this.nextId++, remaining: spec.times ?? 1 };
    this.faults.push(fault);
    return fault;
  }

  remove(id: number): void {
    this.faults = this.faults.filter((f) => f.id !== id);
  }

  clear(): void {
    this.faults = [];
    this.release();
  }

  private waiting: (() => void)[] = [];
  private watchers: { n: number; resolve: () => void }[] = [];
  private mostHeld = 0;

  /** Parks a held request until `release()`; called by the server. */
  holdHere(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.mostHeld = Math.max(this.mostHeld, this.waiting.length);
      for (const w of this.watchers.filter((x) => this.waiting.length >= x.n)) w.resolve();
      this.watchers = this.watchers.filter((x) => this.waiting.length < x.n);
    });
  }

  /** Requests held right now. */
  held(): number {
    return this.waiting.length;
  }

  /** The most requests held at the same moment so far. */
  maxHeld(): number {
    return this.mostHeld;
  }

  /** Resolves once at least `n` requests are held at the same moment. */
  waitForHeld(n: number): Promise<void> {
    if (this.waiting.length >= n) return Promise.resolve();
    return new Promise((resolve) => this.watchers.push({ n, resolve }));
  }

  /** Lets held requests run (all, or the first `count`). */
  release(count = Infinity): void {
    const go = this.waiting.splice(0, Math.min(count, this.waiting.length));
    for (const resolve of go) resolve();
  }

  list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** The first fault matching this request, consuming one of its uses. */
  take(method: string, path: string): ActiveFault | undefined {
    const fault = this.faults.find((f) => (!f.method || f.method.toUpperCase() === method) && pathMatches(f.path, path));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.remove(fault.id);
    return { ...fault };
  }
}

function pathMatches(pattern: string, path: string): boolean {
  const p = pattern.replace(/\/+$/, '');
  const actual = path.replace(/\/+$/, '');
  if (p.endsWith('*')) return actual.startsWith(p.slice(0, -1));
  const a = p.split('/');
  const b = actual.split('/');
  return a.length === b.length && a.every((seg, i) => seg.startsWith(':') || seg === b[i]);
}
