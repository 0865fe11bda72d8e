import { TypedEvents } from '../typed-events';
import type { EventName, EventPayload } from './channels';

/** The contract's events by name (channels.ts EVENTS). */
export type ApiEventMap = { [K in EventName]: EventPayload<K> };

/**
 * Where the API's events are published for every listener (the HTTP event stream, the tray):
 * one bus for the app's lifetime, so listeners stay subscribed while engines come and go.
 */
export class ApiEventBus extends TypedEvents<ApiEventMap> {
  publish<K extends EventName>(event: K, payload: ApiEventMap[K]): void {
    this.emit(event, payload);
  }
}
