// Event collection with the Cosmos SDK's shapes: typed events with ordered string attributes.
import type { AbciEvent, EventAttribute } from './abci/types.js';

export function event(type: string, attrs: [string, string][]): AbciEvent {
  return { type, attributes: attrs.map(([key, value]) => ({ key, value, index: true })) };
}

/** One indexed attribute, as event() builds it; hot paths use it to skip the [key, value] pairs. */
export function attr(key: string, value: string): EventAttribute {
  return { key, value, index: true };
}

export class EventManager {
  readonly events: AbciEvent[] = [];
  emit(e: AbciEvent): void {
    this.events.push(e);
  }
  emitAll(es: readonly AbciEvent[]): void {
    for (const e of es) this.events.push(e);
  }
}

/** SDK 0.50 appends msg_index to every event a message produced. */
export function withMsgIndex(events: readonly AbciEvent[], index: number): AbciEvent[] {
  return events.map((e) => ({ type: e.type, attributes: [...e.attributes, { key: 'msg_index', value: String(index), index: true }] }));
}
