// Reads a one-to-one <message/> (live, a carbon's or an archive's forwarded copy) into what it means for the conversation.
import type { Element } from '@xmpp/xml';
import { ChatStateSchema, type ChatState, type MessageKind, type RoomSender } from '../../../../shared/model/message.ts';
import { bareJid, formatJid, parseJid } from '../../../../shared/model/jid.ts';
import {
  NS_CHAT_STATES,
  NS_CORRECT,
  NS_DELAY,
  NS_FALLBACK,
  NS_MARKERS,
  NS_MUC_USER,
  NS_OCCUPANT_ID,
  NS_REACTIONS,
  NS_RECEIPTS,
  NS_REPLY,
  NS_RETRACT,
  NS_SID,
} from './chat-stanzas.ts';
import { boundedBody, boundedQuote } from './body-limit.ts';
import { parseReactions, type ParsedReactions } from './reactions-parse.ts';
import { parseEncryptionMark, type EncryptionMark } from '../pipeline/private-marks.ts';
import { stanzaErrorOf } from '../stanza-error.ts';
import { sharesOutOfBand } from '../upload/upload-stanzas.ts';

const NS_FASTEN = 'urn:xmpp:fasten:0';

const NS_RETRACT_0 = 'urn:xmpp:message-retract:0';

export type MarkerKind = 'received' | 'displayed' | 'acknowledged';

export interface ParsedMessage {
  readonly direction: 'in' | 'out';
  /** RFC 6121 chat, or a private message with a room's occupant (XEP-0045 §7.5). */
  readonly kind: Extract<MessageKind, 'chat' | 'private'>;
  /** The other party: a bare JID, or for a private message the occupant's full JID (room@service/nick). */
  readonly peer: string;
  /** In a room: who wrote it there. */
  readonly sender?: RoomSender;
  /** The full JID the message came from (receipts go back there). */
  readonly from: string;
  readonly id?: string;
  readonly originId?: string;
  /** XEP-0359 stanza-id put there by our own server. */
  readonly stanzaId?: string;
  /** The text to show, without a reply's quoted fallback; undefined when there is none. */
  readonly body?: string;
  /** The body is the start of a longer text: this many UTF-16 code units past maxBodyLength were not kept. */
  readonly bodyCut?: number;
  /** XEP-0203: when it was first sent, and who says so. */
  readonly delay?: { readonly at: number; readonly from?: string };
  readonly replaces?: string;
  readonly retracts?: string;
  readonly reactions?: ParsedReactions;
  readonly reply?: { readonly id: string; readonly quote?: string };
  readonly receiptRequested: boolean;
  /** XEP-0184: the message with this id was delivered. */
  readonly receiptFor?: string;
  readonly markable: boolean;
  readonly marker?: { readonly kind: MarkerKind; readonly id: string };
  readonly chatState?: ChatState;
  /** type='error': the server's or the peer's words. */
  readonly error?: string;
  /** A decryption step opened it (or could not): see pipeline/private-marks.ts. */
  readonly encryption?: EncryptionMark;
  /** XEP-0066: the body is the URL the stanza also shares out of band. */
  readonly oob?: true;
}

function bareOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const parsed = parseJid(text);
  return parsed.ok ? formatJid(bareJid(parsed.jid)) : undefined;
}

const nonEmpty = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** A room occupant's address: room@service/nick, with a nickname. */
function occupantOf(text: string | undefined): { full: string; nick: string } | undefined {
  const parsed = text === undefined ? undefined : parseJid(text);
  if (!parsed?.ok || parsed.jid.local === undefined || parsed.jid.resource === undefined || parsed.jid.resource === '') return undefined;
  return { full: formatJid(parsed.jid), nick: parsed.jid.resource };
}

/** XEP-0426: offsets count Unicode code points. */
function withoutFallback(stanza: Element, body: string, forNs: string): { text: string; cut?: string } {
  const range = stanza
    .getChildren('fallback', NS_FALLBACK)
    .find((fallback) => fallback.attrs.for === forNs)
    ?.getChild('body');
  if (!range) return { text: body };
  const points = [...body];
  const start = Number(range.attrs.start);
  const end = Number(range.attrs.end);
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > points.length || start >= end) return { text: body };
  return { text: [...points.slice(0, start), ...points.slice(end)].join(''), cut: points.slice(start, end).join('') };
}

/** "> a\n> b\n" → "a\nb". */
function unquote(fallback: string): string {
  return fallback
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => line.replace(/^> ?/, ''))
    .join('\n');
}

function errorText(stanza: Element): string {
  const { condition, text } = stanzaErrorOf(stanza);
  return text ?? `The server refused the message (${condition}).`;
}

/** XEP-0424 before v0.4 (still sent by some clients): <apply-to/> (XEP-0422 fastening) holding a v0 <retract/>. */
function legacyRetraction(stanza: Element): string | undefined {
  const applyTo = stanza.getChild('apply-to', NS_FASTEN);
  return applyTo?.getChild('retract', NS_RETRACT_0) ? nonEmpty(applyTo.attrs.id) : undefined;
}

function chatStateOf(stanza: Element): ChatState | undefined {
  for (const child of stanza.children) {
    if (typeof child === 'string' || child.attrs.xmlns !== NS_CHAT_STATES) continue;
    const state = ChatStateSchema.safeParse(child.name);
    if (state.success) return state.data;
  }
  return undefined;
}

function markerOf(stanza: Element): ParsedMessage['marker'] {
  for (const kind of ['displayed', 'acknowledged', 'received'] as const) {
    const id = nonEmpty(stanza.getChild(kind, NS_MARKERS)?.attrs.id);
    if (id !== undefined) return { kind, id };
  }
  return undefined;
}

/**
 * A chat, normal or error message between us and someone else; undefined for groupchat, headlines, and messages
 * that are neither from nor to us. `archiveId` is the archive's id for a message read from XEP-0313.
 */
export function parseMessage(stanza: Element, ownJid: string, archiveId?: string): ParsedMessage | undefined {
  if (stanza.name !== 'message') return undefined;
  const type = stanza.attrs.type ?? 'normal';
  if (type !== 'chat' && type !== 'normal' && type !== 'error') return undefined;
  const fromBare = bareOf(stanza.attrs.from) ?? ownJid;
  const toBare = bareOf(stanza.attrs.to) ?? ownJid;
  const direction = fromBare === ownJid ? 'out' : 'in';
  // XEP-0045 §7.5: a private message through a room is with one occupant, never with the room's bare JID, so that no
  // occupant can edit, retract or mark another's messages.
  const occupant = stanza.getChild('x', NS_MUC_USER) ? occupantOf(direction === 'out' ? stanza.attrs.to : stanza.attrs.from) : undefined;
  if (stanza.getChild('x', NS_MUC_USER) && !occupant) return undefined;
  const peer = occupant?.full ?? (direction === 'out' ? toBare : fromBare);
  if (peer === ownJid || (direction === 'in' && toBare !== ownJid)) return undefined;
  const occupantId = nonEmpty(stanza.getChild('occupant-id', NS_OCCUPANT_ID)?.attrs.id);

  const rawBody = stanza.getChildText('body');
  const replyElement = stanza.getChild('reply', NS_REPLY);
  const replyId = nonEmpty(replyElement?.attrs.id);
  const stripped = rawBody !== null && replyId !== undefined ? withoutFallback(stanza, rawBody, NS_REPLY) : undefined;
  const retracts = nonEmpty(stanza.getChild('retract', NS_RETRACT)?.attrs.id) ?? legacyRetraction(stanza);
  const reactionsElement = stanza.getChild('reactions', NS_REACTIONS);
  const reactionsId = nonEmpty(reactionsElement?.attrs.id);
  const delay = stanza.getChild('delay', NS_DELAY);
  const stamp = Date.parse(String(delay?.attrs.stamp ?? ''));
  const delayFrom = nonEmpty(delay?.attrs.from);
  // XEP-0359 §3.1: a stanza-id counts only when our own server (our bare JID) put it there.
  const stanzaId = archiveId ?? nonEmpty(stanza.getChildren('stanza-id', NS_SID).find((child) => child.attrs.by === ownJid)?.attrs.id);
  const text = retracts === undefined && reactionsId === undefined ? (stripped?.text ?? rawBody ?? undefined) : undefined;
  const bounded = text === undefined ? undefined : boundedBody(text);
  const body = bounded?.text;
  const id = nonEmpty(stanza.attrs.id);
  const originId = nonEmpty(stanza.getChild('origin-id', NS_SID)?.attrs.id);
  const replaces = nonEmpty(stanza.getChild('replace', NS_CORRECT)?.attrs.id);
  const receiptFor = nonEmpty(stanza.getChild('received', NS_RECEIPTS)?.attrs.id);
  const marker = markerOf(stanza);
  const chatState = chatStateOf(stanza);
  const encryption = parseEncryptionMark(stanza);
  return {
    direction,
    kind: occupant ? 'private' : 'chat',
    peer,
    // The occupant's real JID, when a decryption step opened it with that JID's device (XEP-0384): the lock follows its trust.
    ...(occupant && direction === 'in'
      ? { sender: { nick: occupant.nick, ...(occupantId === undefined ? {} : { occupantId }), ...(encryption?.jid === undefined ? {} : { jid: encryption.jid }) } }
      : {}),
    from: String(stanza.attrs.from ?? ownJid),
    ...(id === undefined ? {} : { id }),
    ...(originId === undefined ? {} : { originId }),
    ...(stanzaId === undefined ? {} : { stanzaId }),
    ...(body === undefined || body === '' ? {} : { body }),
    ...(bounded === undefined || bounded.cut === 0 ? {} : { bodyCut: bounded.cut }),
    ...(Number.isFinite(stamp) ? { delay: { at: stamp, ...(delayFrom === undefined ? {} : { from: delayFrom }) } } : {}),
    ...(replaces === undefined ? {} : { replaces }),
    ...(retracts === undefined ? {} : { retracts }),
    ...(reactionsId === undefined || !reactionsElement
      ? {}
      : { reactions: parseReactions(reactionsElement, reactionsId) }),
    ...(replyId === undefined ? {} : { reply: { id: replyId, ...(stripped?.cut === undefined ? {} : { quote: boundedQuote(unquote(stripped.cut)) }) } }),
    receiptRequested: stanza.getChild('request', NS_RECEIPTS) !== undefined,
    ...(receiptFor === undefined ? {} : { receiptFor }),
    markable: stanza.getChild('markable', NS_MARKERS) !== undefined,
    ...(marker === undefined ? {} : { marker }),
    ...(chatState === undefined ? {} : { chatState }),
    ...(type === 'error' ? { error: errorText(stanza) } : {}),
    ...(encryption === undefined ? {} : { encryption }),
    ...(body !== undefined && sharesOutOfBand(stanza, body) ? { oob: true } : {}),
  };
}
