// XEP-0425 Message Moderation: a room's moderator removes what someone said, by the room's stanza-id (XEP-0359). Prosody
// 0.12's mod_muc_moderation speaks version 0 (urn:xmpp:message-moderate:0, with XEP-0422 fastening); version 1 is read too.
import xml, { type Element } from '@xmpp/xml';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { Message, Moderation } from '../../../../shared/model/message.ts';
import type { Room } from '../../../../shared/model/room.ts';
import type { Connection } from '../connection.ts';
import { ask } from './room-owner.ts';

export const NS_MODERATE_0 = 'urn:xmpp:message-moderate:0';
export const NS_MODERATE_1 = 'urn:xmpp:message-moderate:1';
export const NS_FASTEN = 'urn:xmpp:fasten:0';
export const NS_RETRACT_0 = 'urn:xmpp:message-retract:0';
export const NS_RETRACT_1 = 'urn:xmpp:message-retract:1';

/** Which version of XEP-0425 the room announces (disco#info), the newer first. */
export type ModerationVersion = 'v0' | 'v1';

export function moderationVersion(features: readonly string[]): ModerationVersion | undefined {
  if (features.includes(NS_MODERATE_1)) return 'v1';
  return features.includes(NS_MODERATE_0) ? 'v0' : undefined;
}

const said = (element: Element | undefined): Moderation => {
  const by = element?.attrs.by;
  const reason = element?.getChildText('reason')?.trim();
  return { ...(typeof by === 'string' && by !== '' ? { by } : {}), ...(reason ? { reason } : {}) };
};

/** §4 (v0) and §3 (v1): the moderator's request to remove the message with this stanza-id, with a reason for everyone. */
export function buildModerate(room: string, stanzaId: string, version: ModerationVersion, reason?: string): Element {
  const why = reason === undefined || reason.trim() === '' ? [] : [xml('reason', {}, reason.trim())];
  if (version === 'v1') {
    return xml('iq', { type: 'set', to: room }, xml('moderate', { xmlns: NS_MODERATE_1, id: stanzaId }, xml('retract', { xmlns: NS_RETRACT_1 }), ...why));
  }
  return xml(
    'iq',
    { type: 'set', to: room },
    xml('apply-to', { xmlns: NS_FASTEN, id: stanzaId }, xml('moderate', { xmlns: NS_MODERATE_0 }, xml('retract', { xmlns: NS_RETRACT_0 }), ...why)),
  );
}

/** The room's notice to its occupants that a message was removed: which (its stanza-id) and by whom, why. */
export function parseModerationNotice(stanza: Element, room: string): { stanzaId: string; moderation: Moderation } | undefined {
  if (stanza.name !== 'message' || stanza.attrs.type !== 'groupchat' || stanza.attrs.from !== room) return undefined;
  // v0: <apply-to id><moderated by><retract/><reason/></moderated></apply-to>
  const applyTo = stanza.getChild('apply-to', NS_FASTEN);
  const moderated0 = applyTo?.getChild('moderated', NS_MODERATE_0);
  const id0 = applyTo?.attrs.id;
  if (moderated0?.getChild('retract', NS_RETRACT_0) && typeof id0 === 'string' && id0 !== '') return { stanzaId: id0, moderation: said(moderated0) };
  // v1: <retract id><moderated by/><reason/></retract>
  const retract = stanza.getChild('retract', NS_RETRACT_1);
  const moderated1 = retract?.getChild('moderated', NS_MODERATE_1);
  const id1 = retract?.attrs.id;
  if (retract && moderated1 && typeof id1 === 'string' && id1 !== '') {
    const reason = retract.getChildText('reason')?.trim();
    return { stanzaId: id1, moderation: { ...said(moderated1), ...(reason ? { reason } : {}) } };
  }
  return undefined;
}

/** What the room's archive (and its history) keeps in place of a removed message: who removed it, why. */
export function parseTombstone(stanza: Element): Moderation | undefined {
  // v0: <moderated by><retracted stamp/><reason/></moderated>
  const moderated0 = stanza.getChild('moderated', NS_MODERATE_0);
  if (moderated0?.getChild('retracted', NS_RETRACT_0)) return said(moderated0);
  // v1: <retracted stamp><moderated by/><reason/></retracted>
  const retracted = stanza.getChild('retracted', NS_RETRACT_1);
  const moderated1 = retracted?.getChild('moderated', NS_MODERATE_1);
  if (!retracted || !moderated1) return undefined;
  const reason = retracted.getChildText('reason')?.trim();
  return { ...said(moderated1), ...(reason ? { reason } : {}) };
}

/**
 * Asks the room we are in to remove one of its messages (by its stanza-id); once done, the room tells everyone, us too.
 * The room's refusal (we are no moderator, it has no such message) is a typed error.
 */
export async function moderateMessage(connection: Pick<Connection, 'iq'>, message: Message | undefined, room: Room | undefined, reason?: string): Promise<void> {
  if (message?.kind !== 'groupchat') throw new CausetteError('not-found', 'That message is not here any more.');
  if (room?.state !== 'joined') throw new CausetteError('not-found', `You are not in the room ${message.peer}.`, undefined, { context: 'notJoined', room: message.peer });
  const version = room.features.moderation;
  if (version === undefined || message.stanzaId === undefined) {
    throw new CausetteError('not-supported', `The room ${room.jid} does not let moderators remove messages.`, undefined, { context: 'moderationUnsupported', room: room.jid });
  }
  await ask(connection, room.jid, buildModerate(room.jid, message.stanzaId, version, reason));
}
