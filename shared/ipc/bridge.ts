// What the renderer gets from either host: invoke a command, listen to an event. Nothing else.
import type { CommandName, CommandRequest, CommandResponse, Envelope, EventName, EventPayload } from './contract.ts';

export interface Bridge {
  invoke<K extends CommandName>(name: K, request: CommandRequest<K>): Promise<Envelope<CommandResponse<K>>>;
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
}

/** The single name under which the Electron preload exposes the bridge. */
export const bridgeGlobal = 'causette';
