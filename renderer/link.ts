// What api.ts needs from a host, before validation: raw calls, raw events, and the state of the link.
import type { CommandName, EventName } from '../shared/ipc/contract.ts';

/**
 * connecting: not yet opened once; open: calls go through; lost: the host is unreachable, retrying; refused: the host
 * answers but turned this page's token away (browser mode: a wrong token, or Causette restarted with a new one).
 */
export type LinkState = 'connecting' | 'open' | 'lost' | 'refused';

export interface RawBridge {
  /** Resolves to an unchecked envelope; never rejects. */
  readonly invoke: (name: CommandName, payload: unknown) => Promise<unknown>;
  readonly on: (name: EventName, listener: (payload: unknown) => void) => () => void;
  /** Hands a chosen file to the host; resolves to an unchecked envelope of its ChosenFile, never rejects. */
  readonly shareFile: (file: File) => Promise<unknown>;
  /** A finished download's image preview from the host; undefined when there is none. Never rejects. */
  readonly downloadedImage: (transferId: string) => Promise<Blob | undefined>;
  /** Browser mode: a one-time address of a received file's copy; resolves to an unchecked envelope, never rejects. */
  readonly saveCopy?: (transferId: string) => Promise<unknown>;
  readonly linkState: () => LinkState;
  readonly onLinkState: (listener: (state: LinkState) => void) => () => void;
}

/** A small observable value for the link state. */
export function createLinkState(initial: LinkState) {
  let current = initial;
  const listeners = new Set<(state: LinkState) => void>();
  return {
    get: () => current,
    set: (next: LinkState) => {
      if (next === current) return;
      current = next;
      for (const listener of [...listeners]) listener(next);
    },
    subscribe: (listener: (state: LinkState) => void): (() => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function linkFailure(message: string) {
  // The context names the case for the translated text; the message stays for the log and as the fallback.
  return { ok: false, error: { code: 'internal', message, params: { context: 'link' } } } as const;
}
