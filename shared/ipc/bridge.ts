// What the renderer gets from either host: invoke a command, listen to an event, hand over a file the user chose.
import type { ChosenFile } from '../model/transfer.ts';
import type { CommandName, CommandRequest, CommandResponse, Envelope, EventName, EventPayload } from './contract.ts';

export interface Bridge {
  invoke<K extends CommandName>(name: K, request: CommandRequest<K>): Promise<Envelope<CommandResponse<K>>>;
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
  /** A File from a drop or the picker, registered by the host; the page never learns its path. */
  shareFile(file: FileHandle): Promise<Envelope<ChosenFile>>;
}

/** A DOM File, as this host-neutral folder names it (it has no DOM types). */
export interface FileHandle {
  readonly name: string;
  readonly size: number;
}

/** The single name under which the Electron preload exposes the bridge. */
export const bridgeGlobal = 'causette';
