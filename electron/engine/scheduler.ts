/**
 * The engine's schedule: a tick every `pollSeconds`, each one after the previous one ended (a
 * slow POS never piles ticks up), and the rule for what a tick does. The engine supplies the
 * work; this file owns the timer and the "what is due" decision.
 */

/** What one tick should run, from the clock and what was last done. Pure. */
export function dueWork(input: {
  nowMs: number;
  /** When the last complete product pass started (ISO), or null when there was none. */
  lastFullPass: string | null;
  fullSyncMinutes: number;
  /** When the last order pass started (epoch ms; 0 = never). */
  lastOrderPassMs: number;
  orderPollSeconds: number;
  ordersOn: boolean;
}): { products: 'full' | 'if-changed'; orders: boolean } {
  const fullDue = input.lastFullPass === null || input.nowMs - Date.parse(input.lastFullPass) >= input.fullSyncMinutes * 60_000;
  return {
    products: fullDue ? 'full' : 'if-changed',
    orders: input.ordersOn && input.nowMs - input.lastOrderPassMs >= input.orderPollSeconds * 1000,
  };
}

export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private next: Date | null = null;

  /**
   * @param tick one tick's work; it records its own errors (a throw is caught and the loop goes on)
   * @param afterTick called after each tick once the next one is planned (the engine reports status)
   */
  constructor(
    private readonly tick: () => Promise<void>,
    private readonly intervalMs: () => number,
    private readonly now: () => Date,
    private readonly afterTick: () => void = () => undefined,
  ) {}

  get running(): boolean {
    return this.timer !== null;
  }

  /** When the next tick starts, while the schedule runs. */
  get nextRunAt(): Date | null {
    return this.next;
  }

  start(): void {
    if (this.timer) return;
    const loop = async () => {
      await this.tick().catch(() => undefined);
      if (!this.timer) return;
      const delay = this.intervalMs();
      this.next = new Date(this.now().getTime() + delay);
      this.timer = setTimeout(() => void loop(), delay);
      this.afterTick();
    };
    this.timer = setTimeout(() => void loop(), 0);
  }

  /** No tick starts after this; a tick in progress finishes (the engine waits for its run queue). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.next = null;
  }
}
