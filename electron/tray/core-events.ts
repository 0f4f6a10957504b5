// Typed subscriptions to a few core events, so a listener gets its event's payload type without a cast.
import type { EventName, EventPayload } from '../../shared/ipc/contract.ts';
import type { Core } from '../core/core-api.ts';

export type EventListeners = { readonly [K in EventName]?: (payload: EventPayload<K>) => void };

export function onCoreEvents(core: Pick<Core, 'onEvent'>, listeners: EventListeners): () => void {
  return core.onEvent((name, payload) => listeners[name]?.(payload));
}
