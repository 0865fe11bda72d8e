/**
 * Bounded parallelism for the product flow's store writes: at most `lanes` units of work (each
 * one batch request, with the stock guard's read before and re-poll after it) run at once. A real
 * store finishes a large push far sooner with a few batches in flight, and each unit keeps its own
 * order of steps. When a unit throws, no new unit starts; the ones already running are waited for
 * (their outcomes are settled, nothing is left writing behind the run's back), then the first
 * error is thrown.
 */
export async function runInLanes<T>(units: readonly T[], lanes: number, work: (unit: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: { error: unknown } | null = null;
  const width = Math.max(1, Math.min(Math.floor(lanes), units.length));
  const lane = async () => {
    while (failed === null && next < units.length) {
      const i = next++;
      try {
        await work(units[i]!, i);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  if (failed !== null) throw (failed as { error: unknown }).error;
}

/**
 * Runs one async call at a time, in the order asked (a promise chain). The stock guard's re-poll
 * moves the order watermark and fills the mirror: two lanes must not poll at the same moment, and
 * each lane's re-poll must start after its own write, which a queue gives.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
