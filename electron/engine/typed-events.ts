import { EventEmitter } from 'node:events';

/**
 * An event emitter whose event names and payloads come from one map, so listeners get the
 * payload's type instead of restating it by hand. `on` returns the function that removes the
 * listener (a page or a shell that subscribes must be able to let go).
 */
export class TypedEvents<E extends object> {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Each dashboard page or CLI subscription is one listener; the default warning at 10 is noise here.
    this.emitter.setMaxListeners(100);
  }

  on<K extends keyof E & string>(event: K, listener: (payload: E[K]) => void): () => void {
    this.emitter.on(event, listener);
    return () => { this.emitter.off(event, listener); };
  }

  off<K extends keyof E & string>(event: K, listener: (payload: E[K]) => void): void {
    this.emitter.off(event, listener);
  }

  listenerCount<K extends keyof E & string>(event: K): number {
    return this.emitter.listenerCount(event);
  }

  protected emit<K extends keyof E & string>(event: K, payload: E[K]): void {
    this.emitter.emit(event, payload);
  }
}
