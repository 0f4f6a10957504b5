// Applies a received one-to-one message — live, a carbon or an archived copy — to the store, once (XEP-0359 merge rules), in
// two phases: an asynchronous prepare (the pipeline's message steps, where decryption goes, then parsing) and a synchronous
// apply that runs inside the store's transaction.
import { randomUUID } from 'node:crypto';
import type { Element } from '@xmpp/xml';
import type { ChatState, Message } from '../../../../shared/model/message.ts';
import type { Logger } from '../../log/logger.ts';
import type { MessageStore, NewMessage } from '../../storage/messages.ts';
import type { MessageContext, MessageSource } from '../pipeline/message-context.ts';
import { buildReceipt } from './chat-stanzas.ts';
import { parseMessage, type ParsedMessage } from './message-parse.ts';
import { receivedAt, withTrustedIds, type ServerTrust } from './received-trust.ts';

/** A message read and ready to apply. */
export interface Prepared {
  readonly parsed: ParsedMessage;
  readonly context: MessageContext;
  /** When it was sent, as far as our server vouches for it; else when it arrived. */
  readonly at: number;
}

export interface IngestDeps {
  readonly accountId: string;
  readonly ownJid: string;
  readonly store: MessageStore;
  readonly logger: Logger;
  /** A stored message changed or appeared. */
  readonly changed: (message: Message) => void;
  /** The conversation's read state changed without a message changing. */
  readonly conversationChanged: (peer: string) => void;
  readonly typing: (peer: string, state: ChatState) => void;
  /** A message newly stored (not a copy of one already here). */
  readonly added: (message: Message, source: MessageSource) => void;
  /** Sends an answer (a delivery receipt) to the peer, if they may have it. */
  readonly answer: (peer: string, stanza: Element) => void;
  /** The pipeline's message steps (decryption joins there). */
  readonly prepareMessage: (message: Element, context: MessageContext) => Promise<Element | undefined>;
  readonly now: () => number;
  /** Whether our server's stanza-ids are trusted (it announces urn:xmpp:sid:0 or MAM); default no. */
  readonly stanzaIds?: () => boolean;
}

/** A reference to a message not stored yet: archive pages come newest first, so edits can arrive before what they edit. */
type Deferred = { readonly kind: 'edit' | 'retract' | 'react' | 'receipt' | 'marker'; readonly parsed: ParsedMessage; readonly at: number };
const MAX_DEFERRED = 5_000;

export function createIngest(deps: IngestDeps) {
  const { accountId, store } = deps;
  const trust: ServerTrust = { ownJid: deps.ownJid, stanzaIds: deps.stanzaIds ?? (() => false), now: deps.now };
  const deferred = new Map<string, Deferred[]>();
  const key = (peer: string, ref: string) => `${peer}\n${ref}`;
  /** When the reaction set applied per message and sender was sent: an older one never replaces it. */
  const reactedAt = new Map<string, number>();
  /** Per peer and direction, the time up to which a displayed marker covers messages (XEP-0333 §4), for older archive pages. */
  const displayedUpTo = new Map<string, number>();
  const coveredAt = (peer: string, direction: Message['direction']) => displayedUpTo.get(key(peer, direction)) ?? -Infinity;

  function defer(peer: string, ref: string, entry: Deferred): void {
    if (deferred.size >= MAX_DEFERRED) deferred.delete(deferred.keys().next().value ?? '');
    deferred.set(key(peer, ref), [...(deferred.get(key(peer, ref)) ?? []), entry]);
  }

  function applyReference(entry: Deferred, target: Message): void {
    const { parsed, at } = entry;
    if (entry.kind === 'retract') {
      if (target.direction !== parsed.direction) return;
      const retracted = store.retract(target.id);
      if (retracted) deps.changed(retracted);
    } else if (entry.kind === 'react' && parsed.reactions) {
      if (parsed.reactions.dropped > 0) deps.logger.info('reactions that are not single emoji, or too many, were dropped', { peer: parsed.peer, count: parsed.reactions.dropped });
      // XEP-0444 §3: each set replaces the sender's previous one, so only the newest counts.
      const sender = parsed.direction === 'out' ? deps.ownJid : parsed.peer;
      const reactionKey = key(target.id, sender);
      if ((reactedAt.get(reactionKey) ?? -Infinity) > at) return;
      if (reactedAt.size >= MAX_DEFERRED) reactedAt.delete(reactedAt.keys().next().value ?? '');
      reactedAt.set(reactionKey, at);
      const reacted = store.react(target.id, sender, parsed.reactions.emojis);
      if (reacted) deps.changed(reacted);
    } else if (entry.kind === 'edit' && parsed.body !== undefined) {
      // XEP-0308 §5: only the original sender may correct; an older correction never undoes a newer one.
      if (target.direction !== parsed.direction || (target.correctedAt ?? 0) > at) return;
      const corrected = store.correct(target.id, parsed.body, at, parsed.bodyCut);
      if (corrected) deps.changed(corrected);
    } else if (entry.kind === 'receipt' && target.remoteId !== undefined) {
      // XEP-0184 §5.2: the peer's device got our message.
      for (const message of store.delivered(accountId, target.peer, target.remoteId)) deps.changed(message);
    } else if (entry.kind === 'marker') {
      displayed(target);
    }
  }

  /** XEP-0333 §4: the message was seen, and every earlier one of the same sender. */
  function displayed(target: Message): void {
    const { peer, direction } = target;
    displayedUpTo.set(key(peer, direction), Math.max(coveredAt(peer, direction), target.timestamp));
    if (direction === 'out') {
      for (const message of store.displayed(accountId, peer, target.remoteId ?? target.originId ?? '')) deps.changed(message);
      return;
    }
    // Our other device showed the peer's messages (through carbons or the archive): read here too.
    store.markRead(accountId, peer, target.timestamp);
    deps.conversationChanged(peer);
  }

  /** Applies the reference now, or keeps it for when an archive page brings its target. */
  function refer(parsed: ParsedMessage, ref: string, entry: Deferred, source: MessageSource): boolean {
    // Receipts and markers are about the other side's messages.
    const about = entry.kind === 'receipt' || entry.kind === 'marker' ? (parsed.direction === 'in' ? 'out' : 'in') : parsed.direction;
    const target = store.byRemoteId(accountId, parsed.peer, entry.kind === 'react' ? undefined : about, ref);
    if (target) applyReference(entry, target);
    else if (source === 'archive') defer(parsed.peer, ref, entry);
    return target !== undefined;
  }

  /** Whether any reference kept for this message was applied to it. */
  function applyDeferred(message: Message): boolean {
    let applied = false;
    for (const ref of [message.remoteId, message.originId]) {
      if (ref === undefined) continue;
      const entries = deferred.get(key(message.peer, ref));
      if (!entries) continue;
      deferred.delete(key(message.peer, ref));
      for (const entry of entries.sort((a, b) => a.at - b.at)) applyReference(entry, store.get(message.id) ?? message);
      applied = true;
    }
    return applied;
  }

  /** XEP-0184 receipts and XEP-0333 markers: the peer's device got, or the peer saw, our message; or our other device showed theirs. */
  function stateChanges(parsed: ParsedMessage, at: number, source: MessageSource): void {
    const { marker } = parsed;
    const delivered = parsed.direction === 'out' ? undefined : (parsed.receiptFor ?? (marker?.kind === 'received' ? marker.id : undefined));
    if (delivered !== undefined) refer(parsed, delivered, { kind: 'receipt', parsed, at }, source);
    if (marker && (marker.kind === 'displayed' || (marker.kind === 'acknowledged' && parsed.direction === 'in'))) {
      refer(parsed, marker.id, { kind: 'marker', parsed, at }, source);
    }
  }

  function storeBody(parsed: ParsedMessage, body: string, context: MessageContext, timestamp: number): void {
    const { peer } = parsed;
    const quoted = parsed.reply ? store.byRemoteId(accountId, peer, undefined, parsed.reply.id) : undefined;
    const quote = quoted ? quoted.body : parsed.reply?.quote;
    const candidate: NewMessage = {
      id: randomUUID(),
      accountId,
      peer,
      kind: parsed.kind,
      ...(parsed.sender === undefined ? {} : { sender: parsed.sender }),
      ...(context.archive === undefined ? {} : { archive: context.archive }),
      direction: parsed.direction,
      body,
      ...(parsed.bodyCut === undefined ? {} : { bodyCut: parsed.bodyCut }),
      timestamp,
      // An archived message of ours older than one the peer displayed was seen too (XEP-0333 §4).
      state: parsed.direction === 'in' ? 'received' : context.source === 'archive' && coveredAt(peer, 'out') >= timestamp ? 'read' : 'sent',
      ...(parsed.originId === undefined ? {} : { originId: parsed.originId }),
      ...(parsed.stanzaId === undefined ? {} : { stanzaId: parsed.stanzaId }),
      ...(parsed.id === undefined ? {} : { remoteId: parsed.id }),
      ...(parsed.reply === undefined ? {} : { replyToRemoteId: parsed.reply.id }),
      ...(quote === undefined ? {} : { replyTo: { quote } }),
      markable: parsed.markable,
      ...(parsed.oob ? { oob: true } : {}),
      ...(parsed.encryption === undefined
        ? {}
        : { encrypted: true, senderDevice: parsed.encryption.device, ...(parsed.encryption.undecryptable ? { undecryptable: true } : {}) }),
      // An archived message older than our last reply, or than one our other device displayed, was read then.
      read:
        parsed.direction === 'in' &&
        context.source === 'archive' &&
        Math.max(store.lastOutgoing(accountId, peer)?.timestamp ?? -1, coveredAt(peer, 'in')) >= timestamp,
    };
    const result = store.insert(candidate);
    if (result.kind === 'duplicate') return deps.logger.debug('a repeated message was ignored', { peer, source: context.source });
    deps.changed(result.message);
    if (result.kind !== 'inserted') return;
    const referred = applyDeferred(result.message);
    // Writing from another device means having read what came before.
    if (parsed.direction === 'out' && store.markRead(accountId, peer, timestamp) !== undefined) deps.conversationChanged(peer);
    // As stored now: read again only when a kept reference changed it (the read mark leaves our own message as it was).
    deps.added(referred ? (store.get(result.message.id) ?? result.message) : result.message, context.source);
  }

  /** Phase one, outside any transaction: the steps may transform or consume the message. */
  async function prepare(stanza: Element, context: MessageContext): Promise<Prepared | undefined> {
    const arrived = trust.now();
    const content = await deps.prepareMessage(stanza, context);
    const parsed = content && parseMessage(content, deps.ownJid, context.stanzaId);
    return parsed ? { parsed: withTrustedIds(parsed, context, trust), context, at: receivedAt(parsed, context, trust, arrived) } : undefined;
  }

  /** Phase two, synchronous, inside the caller's store transaction. */
  function apply({ parsed, context, at }: Prepared): void {
    const { peer } = parsed;

    if (parsed.error !== undefined) {
      // RFC 6120 §8.3: an error bounced back carries the id of our message.
      const bounced = parsed.id === undefined ? undefined : store.byRemoteId(accountId, peer, 'out', parsed.id);
      // A message the peer's device received or displayed was not lost, whatever a later error says.
      const failable = bounced?.state === 'pending' || bounced?.state === 'sent';
      const failed = failable && store.setState(bounced.id, 'failed', parsed.error);
      if (failed) deps.changed(failed);
      return;
    }
    if (parsed.direction === 'in' && context.source === 'live') {
      if (parsed.chatState) deps.typing(peer, parsed.chatState);
      // XEP-0184 §5.2: acknowledge receipt, also of a repeat (the sender may not have had our first receipt).
      if (parsed.receiptRequested && parsed.id !== undefined && parsed.body !== undefined) {
        deps.answer(peer, buildReceipt({ to: parsed.from, id: randomUUID(), of: parsed.id }));
      }
    }
    stateChanges(parsed, at, context.source);
    if (parsed.retracts !== undefined) return void refer(parsed, parsed.retracts, { kind: 'retract', parsed, at }, context.source);
    if (parsed.reactions) return void refer(parsed, parsed.reactions.id, { kind: 'react', parsed, at }, context.source);
    if (parsed.body === undefined) return;
    // XEP-0308 §5: a correction of a message we never had is shown as a message of its own.
    if (parsed.replaces !== undefined && (refer(parsed, parsed.replaces, { kind: 'edit', parsed, at }, context.source) || context.source === 'archive')) return;
    storeBody(parsed, parsed.body, context, at);
  }

  return { prepare, apply };
}

export type Ingest = ReturnType<typeof createIngest>;
