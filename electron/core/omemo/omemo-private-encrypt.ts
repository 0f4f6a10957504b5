// The outgoing step that encrypts a private message through a room (XEP-0045 §7.5, type chat to room@service/nick) with
// OMEMO as a chat is (XEP-0384 v0.3.0 §4.5, v0.8 §5.5, each device in one version), as Conversations does: while the room's encryption is on, for the trusted devices of the
// occupant's real JID and our other devices. When the room does not tell us that JID, the message is refused, never sent
// in the clear.
import type { Element } from '@xmpp/xml';
import { roomEncryptionState } from '../../../shared/model/encryption.ts';
import type { OutgoingStep } from '../xmpp/pipeline/stanza-pipeline.ts';
import { NS_MUC_USER } from '../xmpp/chat/chat-stanzas.ts';
import { occupantAddress } from '../xmpp/muc/muc-presence.ts';
import { chatRecipients, isEncrypted, refuse, sealFor, sessionsBoth } from './omemo-encrypt.ts';
import { roomRefusal, type RoomEncryptDeps } from './omemo-room-encrypt.ts';

export type PrivateEncryptDeps = Omit<RoomEncryptDeps, 'remember'>;

/** Whether the stanza is a private message with a body to an occupant (room@service/nick), not yet encrypted. */
function privateMessage(stanza: Element): { readonly room: string; readonly nick: string } | undefined {
  if (stanza.name !== 'message' || stanza.attrs.type !== 'chat' || !stanza.getChild('body') || !stanza.getChild('x', NS_MUC_USER)) return undefined;
  if (isEncrypted(stanza)) return undefined;
  return occupantAddress(String(stanza.attrs.to ?? ''));
}

export function createPrivateEncryptStep(deps: PrivateEncryptDeps): OutgoingStep {
  const ready = sessionsBoth(deps);
  return async (stanza) => {
    const address = privateMessage(stanza);
    if (address === undefined) return stanza;
    const { room, nick } = address;
    const features = deps.rooms.features(room);
    if (features === undefined) {
      // Not in the room (left, or not joined again yet): whether it is encrypted is unknown, so unless the user turned its
      // encryption off the message is refused rather than sent in the clear (the room would refuse a non-occupant anyway).
      if (deps.choice(room) === false) return stanza;
      throw refuse('privateNotInRoom', room, `You are not in ${room}, so this private message to ${nick} cannot be encrypted: it was not sent.`, { room, nick });
    }
    // The room's switch says for its private messages too.
    const state = roomEncryptionState(room, deps.choice(room), features);
    if (!state.on) return stanza;
    if (state.reason !== undefined) throw refuse(state.reason, room, `${roomRefusal} The message was not sent.`, { room });
    const jid = deps.rooms.occupantJid(room, nick);
    if (jid === undefined) {
      throw refuse('privateUnknownJid', room, `The real address of ${nick} in ${room} is not known, so this private message cannot be encrypted: it was not sent.`, { room, nick });
    }
    return sealFor(deps, stanza, await chatRecipients(deps, ready, jid), stanza.getChild('body')?.text() ?? '');
  };
}
