// XEP-0045 §8.1: our subject changes, each waiting for the room's answer: the new subject from our nickname to everyone,
// or an error bounced back with our stanza's id (RFC 6120 §8.3).
import type { Element } from '@xmpp/xml';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import { stanzaErrorOf } from '../stanza-error.ts';
import { roomRefused } from './join-errors.ts';

interface Waiting {
  readonly room: string;
  readonly timer: NodeJS.Timeout;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

export function createSubjectRequests(timeoutMs: number) {
  const waiting = new Map<string, Waiting>();

  function finish(id: string): Waiting | undefined {
    const found = waiting.get(id);
    waiting.delete(id);
    if (found) clearTimeout(found.timer);
    return found;
  }

  return {
    /** Settles once the room answers the subject change sent with this id. */
    wait(room: string, id: string): Promise<void> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          finish(id);
          reject(new CausetteError('timeout', `The room ${room} did not answer in time.`, undefined, { context: 'room', room }));
        }, timeoutMs);
        waiting.set(id, { room, timer, resolve, reject });
      });
    },
    /** The room sent a subject from our nickname: what we asked for was done. */
    applied(room: string): void {
      for (const [id, each] of [...waiting]) if (each.room === room) finish(id)?.resolve();
    },
    /** An error message from the room; true when it answered one of ours. */
    refused(room: string, stanza: Element): boolean {
      const id = String(stanza.attrs.id ?? '');
      if (stanza.attrs.type !== 'error' || waiting.get(id)?.room !== room) return false;
      const { condition, text } = stanzaErrorOf(stanza);
      finish(id)?.reject(roomRefused(condition, room, text));
      return true;
    },
    dispose(reason: Error): void {
      for (const id of [...waiting.keys()]) finish(id)?.reject(reason);
    },
  };
}
