/**
 * Where the page's components listen for engine events and for the state of the link, whatever
 * the transport (server-sent events in a browser, IPC in the desktop app). Payloads are checked
 * against the contract's EVENTS schemas before anyone sees them.
 */
import { EVENTS, type EventName, type EventPayload } from '../../../electron/engine/api/channels';
import type { LinkState } from './event-stream';

type Listener<K extends EventName> = (payload: EventPayload<K>) => void;

export class EventHub {
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  private readonly linkListeners = new Set<(state: LinkState) => void>();
  private linkState: LinkState = 'connecting';

  on<K extends EventName>(name: K, listener: Listener<K>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    const l = listener as (payload: unknown) => void;
    set.add(l);
    return () => { set.delete(l); };
  }

  /** A raw event from the transport: unknown names are ignored, payloads that break the contract are logged and dropped. */
  emitRaw(name: string, payload: unknown): void {
    if (!Object.hasOwn(EVENTS, name)) return;
    const event = name as EventName;
    const parsed = EVENTS[event].safeParse(payload);
    if (!parsed.success) {
      console.warn(`Event "${name}" does not fit its schema`, parsed.error.issues);
      return;
    }
    for (const l of [...(this.listeners.get(event) ?? [])]) l(parsed.data);
  }

  get link(): LinkState {
    return this.linkState;
  }

  setLink(state: LinkState): void {
    if (state === this.linkState) return;
    this.linkState = state;
    for (const l of [...this.linkListeners]) l(state);
  }

  onLink(listener: (state: LinkState) => void): () => void {
    this.linkListeners.add(listener);
    return () => { this.linkListeners.delete(listener); };
  }
}
