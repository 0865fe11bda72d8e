/**
 * A circuit breaker in front of the store: after `failures` requests in a row fail in a way that
 * says the store is in trouble (no connection, timeouts, 429, 5xx), requests are refused here for
 * a while instead of being sent, and each opening that ends in another failure lasts twice as long
 * (up to `maxOpenMs`). When the wait is over one request is let through (half-open): its success
 * closes the circuit, its failure opens it again for longer. A store that answers, even with a
 * 4xx about one item, counts as up. The clock is a parameter so tests drive it.
 */

export interface CircuitPolicy {
  /** Consecutive failed requests that open the circuit. */
  failures: number;
  /** How long the first opening lasts, in ms. */
  openMs: number;
  /** No opening lasts longer, in ms. */
  maxOpenMs: number;
}

/** Five failures in a row; 30 s, 1 min, 2 min, ... up to 15 min. */
export const DEFAULT_CIRCUIT: CircuitPolicy = { failures: 5, openMs: 30_000, maxOpenMs: 15 * 60_000 };

export interface CircuitSnapshot {
  state: 'closed' | 'open' | 'half-open';
  consecutiveFailures: number;
  /** Openings since the store last answered well (1 for the first). */
  openings: number;
  /** While open: when the next request may go (ms since the epoch). */
  openUntil: number | null;
  /** Requests refused without being sent since the circuit last closed. */
  refused: number;
  /** The last failure's words, for the status line. */
  lastFailure: string | null;
}

export class StoreCircuit {
  private consecutive = 0;
  private openings = 0;
  private openUntil: number | null = null;
  private probing = false;
  private refusedCount = 0;
  private lastFailure: string | null = null;

  constructor(private readonly policy: CircuitPolicy = DEFAULT_CIRCUIT, private readonly now: () => number = Date.now) {}

  /** Asks to send a request: true when it may go now (closed, or the one half-open probe). */
  allow(): boolean {
    if (this.openUntil === null) return true;
    if (this.now() < this.openUntil || this.probing) {
      this.refusedCount++;
      return false;
    }
    this.probing = true;
    return true;
  }

  /** The store answered (any answer that is not a sign of trouble). */
  success(): void {
    this.consecutive = 0;
    this.openings = 0;
    this.openUntil = null;
    this.probing = false;
    this.refusedCount = 0;
    this.lastFailure = null;
  }

  /** A request failed in a way that says the store is down or overloaded. */
  failure(message: string): void {
    this.lastFailure = message;
    this.consecutive++;
    const wasProbe = this.probing;
    this.probing = false;
    if (wasProbe || this.consecutive >= this.policy.failures) {
      this.openings++;
      const wait = Math.min(this.policy.maxOpenMs, this.policy.openMs * 2 ** Math.min(this.openings - 1, 30));
      this.openUntil = this.now() + wait;
    }
  }

  snapshot(): CircuitSnapshot {
    const state = this.openUntil === null ? 'closed' : this.now() < this.openUntil ? 'open' : 'half-open';
    return { state, consecutiveFailures: this.consecutive, openings: this.openings, openUntil: this.openUntil, refused: this.refusedCount, lastFailure: this.lastFailure };
  }

  /** Plain words for the dashboard while the circuit is not closed; null when it is. */
  describe(): string | null {
    const s = this.snapshot();
    if (s.state === 'closed') return null;
    const until = new Date(s.openUntil!).toISOString().slice(11, 19);
    const why = s.lastFailure ? ` (last: ${s.lastFailure})` : '';
    return s.state === 'open'
      ? `The store failed ${s.consecutiveFailures} request(s) in a row${why}; Tillbridge is giving it a rest and tries again at ${until} UTC (pause ${s.openings}).`
      : `The store failed ${s.consecutiveFailures} request(s) in a row${why}; Tillbridge is trying it again now.`;
  }
}
