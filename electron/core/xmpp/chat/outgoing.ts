// Our messages as rows (stored pending before anything is sent) and as the stanzas that carry them.
import { randomUUID } from 'node:crypto';
import type { Element } from '@xmpp/xml';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { Message } from '../../../../shared/model/message.ts';
import type { MessageStore, NewMessage } from '../../storage/messages.ts';
import { parseJid } from '../../../../shared/model/jid.ts';
import { buildGroupchat } from '../muc/muc-stanzas.ts';
import { buildChatMessage } from './chat-stanzas.ts';

const isFullJid = (text: string): boolean => {
  const parsed = parseJid(text);
  return parsed.ok && parsed.jid.resource !== undefined;
};

/** The id a reference to this message uses: its id attribute, else its origin-id (XEP-0461 §3, XEP-0444 §3). */
export function referenceOf(message: Message): string | undefined {
  return message.remoteId ?? message.originId;
}

/** Stores a new outgoing message as pending; the stanza id and the XEP-0359 origin-id are its local id. */
export function storeOutgoing(store: MessageStore, args: { accountId: string; ownJid: string; peer: string; body: string; replyTo?: string; now: number }): Message {
  const quoted = args.replyTo === undefined ? undefined : store.get(args.replyTo);
  if (args.replyTo !== undefined && (quoted?.accountId !== args.accountId || quoted.peer !== args.peer)) {
    throw new CausetteError('bad-request', 'The message to reply to is not in this conversation.');
  }
  const id = randomUUID();
  const reference = quoted && referenceOf(quoted);
  const message: NewMessage = {
    id,
    accountId: args.accountId,
    peer: args.peer,
    // A conversation with a full JID is with a room's occupant (XEP-0045 §7.5); with anyone else it is by bare JID.
    kind: isFullJid(args.peer) ? 'private' : 'chat',
    direction: 'out',
    body: args.body,
    timestamp: args.now,
    state: 'pending',
    originId: id,
    remoteId: id,
    ...(quoted && reference !== undefined ? { replyToRemoteId: reference, replyTo: { messageId: quoted.id, quote: quoted.body, direction: quoted.direction } } : {}),
  };
  const result = store.insert(message);
  return result.message;
}

/** The stanza of a stored outgoing message, the same on every attempt. */
export function stanzaOf(store: MessageStore, ownJid: string, message: Message): Element {
  // XEP-0045 §7.4: a room's message goes to the room as groupchat.
  if (message.kind === 'groupchat') return buildGroupchat({ room: message.peer, id: message.id, body: message.body });
  const quoted = message.replyTo?.messageId === undefined ? undefined : store.get(message.replyTo.messageId);
  const reference = quoted && referenceOf(quoted);
  return buildChatMessage({
    to: message.peer,
    id: message.id,
    body: message.body,
    ...(message.kind === 'private' ? { private: true } : {}),
    ...(quoted && reference !== undefined && message.replyTo
      ? { reply: { to: quoted.direction === 'out' ? ownJid : quoted.peer, id: reference, quote: message.replyTo.quote } }
      : {}),
  });
}
