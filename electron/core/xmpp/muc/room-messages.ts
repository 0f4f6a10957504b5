// XEP-0045 §7.4 and §8.1: a room's groupchat message read into a stored message or a subject, the room's history on join
// (§7.2.15, with XEP-0203 delays) and our own echo (matched by XEP-0359 origin-id) stored once.
import { randomUUID } from 'node:crypto';
import type { Element } from '@xmpp/xml';
import type { RoomSender } from '../../../../shared/model/message.ts';
import type { NewMessage } from '../../storage/messages.ts';
import { boundedBody } from '../chat/body-limit.ts';
import { parseEncryptionMark } from '../pipeline/private-marks.ts';
import { NS_DELAY, NS_OCCUPANT_ID, NS_SID } from '../chat/chat-stanzas.ts';
import { mentions } from './mentions.ts';
import { parseTombstone } from './moderation.ts';
import { occupantAddress } from './muc-presence.ts';
import { sharesOutOfBand } from '../upload/upload-stanzas.ts';

export type RoomMessage =
  | { readonly kind: 'subject'; readonly subject: string; readonly by?: string }
  | { readonly kind: 'message'; readonly message: NewMessage; readonly delayed: boolean };

export interface RoomView {
  readonly accountId: string;
  readonly room: string;
  /** Our nickname there: a message from it is ours (the room's echo, or our other device's). */
  readonly nick: string;
  /** XEP-0359 §3.1: the room announces urn:xmpp:sid:0, so its stanza-ids identify messages. */
  readonly stanzaIds: boolean;
  /** The real JID of the occupant with that nick or occupant-id now, when the room reveals it. */
  readonly realJid: (nick: string, occupantId: string | undefined) => string | undefined;
  readonly now: number;
}

const nonEmpty = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** A groupchat message from the room (the room's own, without a nick, only for its subject); undefined for anything else. */
export function parseRoomMessage(stanza: Element, view: RoomView): RoomMessage | undefined {
  if (stanza.name !== 'message' || stanza.attrs.type !== 'groupchat') return undefined;
  const from = String(stanza.attrs.from ?? '');
  const address = occupantAddress(from);
  const body = stanza.getChildText('body');
  const subject = stanza.getChild('subject');
  // §8.1: a subject is a message with <subject/> and no body; an empty one clears it.
  if (subject && body === null) return { kind: 'subject', subject: subject.text(), ...(address ? { by: address.nick } : {}) };
  // XEP-0425: what a moderator removed comes back (history, archive) as a tombstone without a body.
  const tombstone = parseTombstone(stanza);
  if (!address || address.room !== view.room || ((body === null || body === '') && !tombstone)) return undefined;
  const delay = stanza.getChildren('delay', NS_DELAY).find((each) => each.attrs.from === undefined || each.attrs.from === view.room);
  const stamp = Date.parse(String(delay?.attrs.stamp ?? ''));
  // XEP-0203 §4: the room vouches for when it got what it replays; never later than now.
  const timestamp = Number.isFinite(stamp) ? Math.min(stamp, view.now) : view.now;
  const occupantId = nonEmpty(stanza.getChild('occupant-id', NS_OCCUPANT_ID)?.attrs.id);
  const stanzaId = view.stanzaIds ? nonEmpty(stanza.getChildren('stanza-id', NS_SID).find((each) => each.attrs.by === view.room)?.attrs.id) : undefined;
  const originId = nonEmpty(stanza.getChild('origin-id', NS_SID)?.attrs.id);
  const id = nonEmpty(stanza.attrs.id);
  // Left by a decryption step (XEP-0384): the body is the sender's plaintext, or says that it could not be decrypted; the
  // real JID it was decrypted as from comes first (the room vouched for it in a replay, the occupant may have left since).
  const encryption = parseEncryptionMark(stanza);
  const jid = encryption?.jid ?? view.realJid(address.nick, occupantId);
  const sender: RoomSender = { nick: address.nick, ...(occupantId === undefined ? {} : { occupantId }), ...(jid === undefined ? {} : { jid }) };
  const direction = address.nick === view.nick ? 'out' : 'in';
  const bounded = boundedBody(tombstone ? '' : (body ?? ''));
  const delayed = Number.isFinite(stamp);
  return {
    kind: 'message',
    delayed,
    message: {
      id: randomUUID(),
      accountId: view.accountId,
      peer: view.room,
      kind: 'groupchat',
      sender,
      direction,
      body: bounded.text,
      ...(bounded.cut === 0 ? {} : { bodyCut: bounded.cut }),
      timestamp,
      state: direction === 'out' ? 'sent' : 'received',
      ...(originId === undefined ? {} : { originId }),
      ...(stanzaId === undefined ? {} : { stanzaId }),
      ...(id === undefined ? {} : { remoteId: id }),
      ...(tombstone ? { retracted: true, moderated: tombstone } : {}),
      ...(encryption === undefined ? {} : { encrypted: true, senderDevice: encryption.device, ...(encryption.undecryptable ? { undecryptable: true } : {}) }),
      // The history a room replays on join was said while we were away: not news.
      read: delayed,
      ...(direction === 'in' && mentions(bounded.text, view.nick) ? { mention: true } : {}),
      ...(!tombstone && sharesOutOfBand(stanza, bounded.text) ? { oob: true } : {}),
    },
  };
}
