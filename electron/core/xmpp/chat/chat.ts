// One-to-one chat on a session (RFC 6121 §5): outgoing messages stored before sending, incoming ones stored once (XEP-0359).
import { randomUUID } from 'node:crypto';
import type { Element } from '@xmpp/xml';
import type { Message } from '../../../../shared/model/message.ts';
import type { Logger } from '../../log/logger.ts';
import type { MessageStore } from '../../storage/messages.ts';
import type { Connection } from '../connection.ts';
import { buildChatMessage, parseChatMessage } from './chat-stanzas.ts';

export interface ChatDeps {
  readonly accountId: string;
  readonly ownJid: string;
  readonly connection: Pick<Connection, 'send' | 'onStanza' | 'onSessionStart'>;
  readonly store: MessageStore;
  readonly logger: Logger;
  /** A message stored or changed. */
  readonly onMessage: (message: Message) => void;
  readonly now?: () => number;
}

export function setupChat(deps: ChatDeps) {
  const now = deps.now ?? Date.now;

  function received(stanza: Element): void {
    const incoming = parseChatMessage(stanza, deps.ownJid);
    if (!incoming) return;
    const stored = deps.store.insert({
      id: randomUUID(),
      accountId: deps.accountId,
      peer: incoming.from,
      direction: 'in',
      body: incoming.body,
      timestamp: incoming.delayedAt ?? now(),
      state: 'sent',
      ...(incoming.originId === undefined ? {} : { originId: incoming.originId }),
      ...(incoming.stanzaId === undefined ? {} : { stanzaId: incoming.stanzaId }),
    });
    if (stored) deps.onMessage(stored);
    else deps.logger.debug('a repeated message was ignored', { peer: incoming.from });
  }
  const removeStanza = deps.connection.onStanza(received);

  /** Messages handed to the connection by this process; others still pending were left by an earlier run. */
  const inFlight = new Set<string>();
  function transmit(message: Message): void {
    inFlight.add(message.id);
    deps.connection.send(buildChatMessage({ to: message.peer, id: message.id, body: message.body })).then(
      () => {
        inFlight.delete(message.id);
        const sent = deps.store.setState(message.id, 'sent');
        if (sent) deps.onMessage(sent);
      },
      (error: unknown) => {
        inFlight.delete(message.id);
        const failed = deps.store.setState(message.id, 'failed', error instanceof Error ? error.message : String(error));
        if (failed) deps.onMessage(failed);
      },
    );
  }
  // A message still pending from an earlier run goes out again with its origin-id, so a receiver that got it already keeps one copy.
  const removeSession = deps.connection.onSessionStart(() => {
    for (const message of deps.store.pending(deps.accountId)) if (!inFlight.has(message.id)) transmit(message);
  });

  return {
    /** Stores the message as pending, then sends it; the returned message is the stored one, its state follows as events. */
    send(peer: string, body: string): Message {
      const id = randomUUID();
      const message: Message = { id, accountId: deps.accountId, peer, direction: 'out', body, timestamp: now(), state: 'pending', originId: id };
      deps.store.insert(message);
      deps.onMessage(message);
      transmit(message);
      return message;
    },
    dispose(): void {
      removeStanza();
      removeSession();
    },
  };
}

export type Chat = ReturnType<typeof setupChat>;
