/**
 * Wraps a real port so a test can step in on chosen methods (a crash point, a fault, a side
 * effect between two calls) while every other call goes to the real implementation unchanged.
 * Not a mock: the wrapped object does the work.
 */
export function intercept<T extends object>(target: T, overrides: { [K in keyof T]?: T[K] }): T {
  return new Proxy(target, {
    get(t, prop) {
      if (Object.prototype.hasOwnProperty.call(overrides, prop)) return overrides[prop as keyof T];
      const value = Reflect.get(t, prop, t) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });
}

/** A promise that never settles: a process killed at this point never continues. */
export function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}
