// One-to-one chat on a session (RFC 6121 §5): our messages stored before sending and tracked to the peer's eyes, theirs
// stored once however they come (live, carbons, archive), and the actions on messages that people expect.
import { randomUUID } from 'node:crypto';
import type { Element } from '@xmpp/xml';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { ChatState, Conversation, Message } from '../../../../shared/model/message.ts';
import type { Logger } from '../../log/logger.ts';
import type { MessageStore } from '../../storage/messages.ts';
import type { Connection } from '../connection.ts';
import type { MessageContext, MessageSource } from '../pipeline/message-context.ts';
import { buildChatState } from './chat-stanzas.ts';
import type { AccountInfo } from '../disco/account-info.ts';
import { setupDisplayedSync } from './displayed-sync.ts';
import { createIngest, type Prepared } from './ingest.ts';
import { createOutbox } from './outbox.ts';
import { referenceOf, stanzaOf, storeOutgoing } from './outgoing.ts';
import { isSingleEmoji } from './reactions-parse.ts';

/** How carbons (XEP-0280) and archives (XEP-0313) hand their forwarded messages to chat. */
export interface MessageIntake {
  /** One message, prepared then applied in its own transaction in arrival order; settles once it is applied. */
  receive(message: Element, context: MessageContext): Promise<void>;
  /** Phase one for a message of a batch (an archive page). */
  prepare(message: Element, context: MessageContext): Promise<Prepared | undefined>;
  /** Phase two for one prepared message, inside the caller's transaction (`store.batch`). */
  apply(prepared: Prepared): void;
}

export interface ChatDeps {
  readonly accountId: string;
  readonly ownJid: string;
  readonly connection: Pick<Connection, 'send' | 'iq' | 'pipeline' | 'onSessionStart' | 'onAcked' | 'acknowledging'>;
  /** Our account's features, for the read state shared between our devices. */
  readonly accountInfo: Pick<AccountInfo, 'features'>;
  readonly store: MessageStore;
  readonly logger: Logger;
  /** A message stored or changed. */
  readonly onMessage: (message: Message) => void;
  /** A conversation's summary changed (batched). */
  readonly onConversation: (conversation: Conversation) => void;
  readonly onTyping: (peer: string, state: ChatState) => void;
  /** A message newly stored, with where it came from (for notifications). */
  readonly onNew?: (message: Message, source: MessageSource) => void;
  readonly now?: () => number;
  /** Whether the peer may get our receipts, displayed markers and chat states (they tell that we are online); default yes. */
  readonly mayShareActivity?: (peer: string) => boolean;
  /** Whether our server's stanza-ids are trusted (XEP-0359 §3.1: it announces urn:xmpp:sid:0 or MAM); default no. */
  readonly stanzaIds?: () => boolean;
  /** XEP-0085 §5.6: how long a composing peer stays composing without news; default 30 s. */
  readonly composingExpiresMs?: number;
}

const CONVERSATION_BATCH_MS = 30;
const COMPOSING_EXPIRES_MS = 30_000;

export function setupChat(deps: ChatDeps) {
  const { accountId, store, connection } = deps;
  const now = deps.now ?? Date.now;
  const mayShare = (peer: string) => deps.mayShareActivity?.(peer) ?? true;

  const dirty = new Set<string>();
  let flushTimer: NodeJS.Timeout | undefined;
  function conversationChanged(peer: string): void {
    dirty.add(peer);
    flushTimer ??= setTimeout(flush, CONVERSATION_BATCH_MS);
  }
  /** Peers that joined or left the roster; only those with a conversation here are looked at again. */
  const moved = new Set<string>();
  function flush(): void {
    flushTimer = undefined;
    for (const peer of store.withMessages(accountId, [...moved])) dirty.add(peer);
    moved.clear();
    const peers = [...dirty];
    dirty.clear();
    for (const peer of peers) deps.onConversation(store.conversation(accountId, peer));
  }
  function changed(message: Message): void {
    deps.onMessage(message);
    conversationChanged(message.peer);
  }

  // XEP-0085 §5.6: a composing peer that goes quiet (closed, or lost its connection) is shown as paused after a while.
  const quiet = new Map<string, NodeJS.Timeout>();
  function peerState(peer: string, state: ChatState): void {
    clearTimeout(quiet.get(peer));
    quiet.delete(peer);
    if (state === 'composing') quiet.set(peer, setTimeout(() => peerState(peer, 'paused'), deps.composingExpiresMs ?? COMPOSING_EXPIRES_MS));
    deps.onTyping(peer, state);
  }

  const outbox = createOutbox({ accountId, connection, store, logger: deps.logger, changed, stanzaOf: (message) => stanzaOf(store, deps.ownJid, message) });
  const ingest = createIngest({
    accountId,
    ownJid: deps.ownJid,
    store,
    logger: deps.logger,
    changed,
    conversationChanged,
    typing: peerState,
    added: (message, source) => deps.onNew?.(message, source),
    // Decided once the transaction that stores the message is over: a stranger's first message makes a message request.
    answer: (peer, stanza) =>
      queueMicrotask(() => {
        if (mayShare(peer)) void connection.send(stanza).catch(() => undefined);
      }),
    prepareMessage: (message, context) => connection.pipeline.prepareMessage(message, context),
    now,
    ...(deps.stanzaIds ? { stanzaIds: deps.stanzaIds } : {}),
  });
  /** Prepared side by side, applied one after another in the order received. */
  let applied: Promise<unknown> = Promise.resolve();
  function receive(message: Element, context: MessageContext): Promise<void> {
    const prepared = ingest.prepare(message, context);
    const done = applied.then(() => prepared).then((ready) => void (ready && store.batch(() => ingest.apply(ready))));
    applied = done.catch(() => undefined);
    return done;
  }

  const displayedSync = setupDisplayedSync({ accountId, ownJid: deps.ownJid, connection, accountInfo: deps.accountInfo, store, logger: deps.logger, conversationChanged });

  // Live messages only: carbons (XEP-0280), archive results (XEP-0313) and PEP events are claimed by their own modules.
  // A room's groupchat messages are the MUC module's: their steps (decryption among them) run once, there.
  const removeStanza = connection.pipeline.handle({ stanza: 'message', unclaimed: true }, (stanza) =>
    stanza.attrs.type === 'groupchat' ? undefined : receive(stanza, { source: 'live' }),
  );

  /** Our own message in this account, or a clear error. */
  function own(messageId: string): Message {
    const message = store.get(messageId);
    if (message?.accountId !== accountId) throw new CausetteError('not-found', 'That message is not here any more.');
    if (message.direction !== 'out') throw new CausetteError('bad-request', 'Only your own messages can be changed.');
    return message;
  }
  function reference(message: Message): string {
    const ref = referenceOf(message);
    if (ref === undefined) throw new CausetteError('not-supported', 'This message cannot be referred to: it has no id.');
    return ref;
  }

  /** Our XEP-0085 state per peer, sent only when it changes. */
  const chatStates = new Map<string, ChatState>();

  return {
    /** Where carbons and archive results bring their forwarded <message/>. */
    intake: { receive, prepare: ingest.prepare, apply: ingest.apply } satisfies MessageIntake,
    /** A message stored elsewhere (a room's) changed: its event and its conversation's summary. */
    changed,
    /** A fresh session, once its catch-up stored what it brought: what the other devices displayed meanwhile (XEP-0490 §5). */
    fetchDisplayed(): Promise<void> {
      return displayedSync.fetch().catch((error: unknown) => deps.logger.debug('no displayed state to fetch (XEP-0490)', { error: String(error) }));
    },
    /** Sends a message already stored as pending, tracked until the server acknowledges it (XEP-0198). */
    sendStored(message: Message): void {
      outbox.send(message, stanzaOf(store, deps.ownJid, message));
    },
    /** Stores the message as pending, then sends it; the returned message is the stored one, its state follows as events. */
    send(peer: string, body: string, replyTo?: string): Message {
      const message = storeOutgoing(store, { accountId, ownJid: deps.ownJid, peer, body, now: now(), ...(replyTo === undefined ? {} : { replyTo }) });
      changed(message);
      chatStates.set(peer, 'active');
      outbox.send(message, stanzaOf(store, deps.ownJid, message));
      return message;
    },
    /** XEP-0308: only our last message to the peer may be corrected. */
    correct(messageId: string, body: string): Message {
      const message = own(messageId);
      if (message.retracted) throw new CausetteError('bad-request', 'A deleted message cannot be edited.');
      if (store.lastOutgoing(accountId, message.peer)?.id !== message.id) throw new CausetteError('bad-request', 'Only your last message can be edited.', undefined, { context: 'editLast' });
      const id = randomUUID();
      outbox.sendReference({ kind: 'correction', args: { to: message.peer, id, body, replaces: reference(message) } });
      const corrected = store.correct(message.id, body, now()) ?? message;
      changed(corrected);
      return corrected;
    },
    /** XEP-0424 §3: asks every recipient to hide the message; it is hidden here at once. */
    retract(messageId: string): Message {
      const message = own(messageId);
      if (message.retracted) return message;
      const id = randomUUID();
      outbox.sendReference({ kind: 'retraction', args: { to: message.peer, id, target: message.originId ?? reference(message) } });
      const retracted = store.retract(message.id) ?? message;
      changed(retracted);
      return retracted;
    },
    /** XEP-0444 §3: our whole set of reactions to the message. */
    react(messageId: string, emojis: readonly string[]): Message {
      const message = store.get(messageId);
      if (message?.accountId !== accountId) throw new CausetteError('not-found', 'That message is not here any more.');
      if (message.retracted) throw new CausetteError('bad-request', 'A deleted message cannot get reactions.');
      // XEP-0444 §4: receivers may ignore anything else, and ours would drop it when it comes back from the archive.
      if (!emojis.every(isSingleEmoji)) throw new CausetteError('bad-request', 'A reaction must be a single emoji.');
      const id = randomUUID();
      outbox.sendReference({ kind: 'reactions', args: { to: message.peer, id, target: reference(message), emojis } });
      const reacted = store.react(message.id, deps.ownJid, emojis) ?? message;
      changed(reacted);
      return reacted;
    },
    retry(messageId: string): Message {
      const message = own(messageId);
      if (message.state !== 'failed' && message.state !== 'pending') {
        throw new CausetteError('bad-request', 'Only a message that failed or is still waiting can be sent again.', undefined, { context: 'retry' });
      }
      return outbox.retry(message) ?? message;
    },
    /** The peer joined or left the roster: its conversation may stop or start being a message request. */
    rosterChanged(peer: string): void {
      moved.add(peer);
      flushTimer ??= setTimeout(flush, CONVERSATION_BATCH_MS);
    },
    /** XEP-0085 §5: composing, paused, active… — sent only on a change. */
    typing(peer: string, state: ChatState): void {
      if (chatStates.get(peer) === state || !mayShare(peer)) return;
      chatStates.set(peer, state);
      void connection.send(buildChatState({ to: peer, id: randomUUID(), state })).catch(() => undefined);
    },
    /** Marks the conversation read and, when the peer asked for markers (XEP-0333 §4), says which message was displayed. */
    markRead(peer: string): void {
      const newest = store.markRead(accountId, peer);
      conversationChanged(peer);
      const archived = store.lastArchivedIncoming(accountId, peer);
      if (archived?.stanzaId !== undefined) {
        displayedSync.publish(peer, archived.stanzaId, archived.kind === 'groupchat' ? peer : deps.ownJid).catch((error: unknown) => deps.logger.warn('could not share the read state (XEP-0490)', { error: String(error) }));
      }
      const ref = newest?.remoteId;
      if (ref === undefined || !mayShare(peer)) return;
      const id = randomUUID();
      outbox.sendReference({ kind: 'displayed', args: { to: peer, id, of: ref } });
    },
    dispose(): void {
      removeStanza();
      displayedSync.dispose();
      outbox.dispose();
      clearTimeout(flushTimer);
      flush();
      for (const timer of quiet.values()) clearTimeout(timer);
    },
  };
}

export type Chat = ReturnType<typeof setupChat>;
