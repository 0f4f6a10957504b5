// What we send stays ours until the server acknowledges it (XEP-0198): stored messages are pending until then, stanzas
// about messages are kept in the store too, and a fresh session sends again, in order, whatever the last one did not
// acknowledge, also after a restart; origin-id keeps receivers from doubling.
import type { Element } from '@xmpp/xml';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { Message } from '../../../../shared/model/message.ts';
import type { Logger } from '../../log/logger.ts';
import type { MessageStore } from '../../storage/messages.ts';
import type { Connection } from '../connection.ts';
import type { Reference } from '../../model/reference.ts';
import { buildReference } from './chat-stanzas.ts';

export interface OutboxDeps {
  readonly accountId: string;
  readonly connection: Pick<Connection, 'send' | 'onAcked' | 'onSessionStart' | 'acknowledging'>;
  readonly store: MessageStore;
  readonly logger: Logger;
  readonly changed: (message: Message) => void;
  /** Rebuilds the stanza of a stored pending message (after a restart). */
  readonly stanzaOf: (message: Message) => Element;
}

export function createOutbox(deps: OutboxDeps) {
  const { connection, store } = deps;
  /**
   * What was handed to the connection and not acknowledged, by stanza id, in order: messages, and stanzas about messages
   * (corrections, reactions, retractions, markers). `queued` until the connection wrote it.
   */
  const tracked = new Map<string, { stanza: Element; stored: boolean; queued: boolean }>();

  function acknowledged(id: string): void {
    const entry = tracked.get(id);
    tracked.delete(id);
    if (!entry) return;
    if (!entry.stored) return store.removeReference(id);
    if (store.get(id)?.state !== 'pending') return;
    const sent = store.setState(id, 'sent');
    if (sent) deps.changed(sent);
  }

  function refused(id: string, stored: boolean, error: CausetteError): void {
    deps.logger.info('a message was not sent', { error: error.message });
    if (!stored) return store.removeReference(id);
    const failed = store.setState(id, 'failed', error.message, { code: error.code, ...(error.params ? { params: error.params } : {}) });
    if (failed) deps.changed(failed);
  }

  function write(id: string, stanza: Element, stored: boolean): void {
    const entry = { stanza, stored, queued: true };
    tracked.set(id, entry);
    connection.send(stanza).then(
      () => {
        entry.queued = false;
        // Without XEP-0198 nothing more will be heard: written is as good as it gets.
        if (!connection.acknowledging) acknowledged(id);
      },
      (error: unknown) => {
        if (tracked.get(id) === entry) tracked.delete(id);
        // An outgoing step refused it (encryption on and impossible): it fails visibly, and is never sent otherwise.
        if (error instanceof CausetteError && error.code === 'encryption-unavailable') return refused(id, stored, error);
        // The connection was closed for good: what is stored waits for the next session.
        deps.logger.info('a message waits for the next session', { error: error instanceof Error ? error.message : String(error) });
      },
    );
  }

  const removeAck = connection.onAcked((stanza) => {
    if (stanza.name === 'message' && typeof stanza.attrs.id === 'string') acknowledged(stanza.attrs.id);
  });

  // XEP-0198 §5: a fresh session acknowledges nothing of the last one, so all it did not acknowledge is written again;
  // a resumed one has the library resend what it wrote, so only what could not be written (untracked) goes again.
  // What is still queued goes out by itself once the connection is back. Order is kept.
  const removeSession = connection.onSessionStart(({ resumed }) => {
    if (!resumed) for (const [id, entry] of [...tracked]) if (!entry.queued) tracked.delete(id);
    for (const message of store.pending(deps.accountId)) {
      // A room's messages wait for the room to take us back (the MUC module sends them once rejoined).
      if (!tracked.has(message.id) && (message.kind !== 'groupchat' || resumed)) write(message.id, deps.stanzaOf(message), true);
    }
    for (const reference of store.references(deps.accountId)) {
      if (!tracked.has(reference.args.id)) write(reference.args.id, buildReference(reference), false);
    }
  });

  return {
    /** Sends a stored pending message. */
    send(message: Message, stanza: Element): void {
      write(message.id, stanza, true);
    },
    /** Sends a stanza about a message, stored until acknowledged. */
    sendReference(reference: Reference): void {
      store.addReference(deps.accountId, reference);
      write(reference.args.id, buildReference(reference), false);
    },
    /**
     * A failed message, or one stuck pending, goes out again as it was (same origin-id, so receivers keep one copy);
     * one still waiting for the connection is left to go out by itself.
     */
    retry(message: Message): Message | undefined {
      const pending = message.state === 'pending' ? message : store.setState(message.id, 'pending');
      if (!pending) return undefined;
      if (pending !== message) deps.changed(pending);
      if (tracked.get(message.id)?.queued !== true) write(message.id, deps.stanzaOf(pending), true);
      return pending;
    },
    dispose(): void {
      removeAck();
      removeSession();
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
