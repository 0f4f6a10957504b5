// The outgoing step that encrypts a private message through a room (XEP-0045 §7.5, type chat to room@service/nick) with
// OMEMO 0.3 (XEP-0384 v0.3.0 §4.5), as Conversations does: while the room's encryption is on, for the trusted devices of the
// occupant's real JID and our other devices. When the room does not tell us that JID, the message is refused, never sent
// in the clear.
import type { Element } from '@xmpp/xml';
import { roomEncryptionState } from '../../../shared/model/encryption.ts';
import type { OutgoingStep } from '../xmpp/pipeline/stanza-pipeline.ts';
import { NS_MUC_USER } from '../xmpp/chat/chat-stanzas.ts';
import { occupantAddress } from '../xmpp/muc/muc-presence.ts';
import { encryptFor } from './axolotl-cipher.ts';
import { NS_AXOLOTL } from './axolotl-pubsub.ts';
import { chatRecipients, refuse, sealedMessage, sessionsWith } from './omemo-encrypt.ts';
import { roomRefusal, type RoomEncryptDeps } from './omemo-room-encrypt.ts';

export type PrivateEncryptDeps = Omit<RoomEncryptDeps, 'remember'>;

/** Whether the stanza is a private message with a body to an occupant (room@service/nick), not yet encrypted. */
function privateMessage(stanza: Element): { readonly room: string; readonly nick: string } | undefined {
  if (stanza.name !== 'message' || stanza.attrs.type !== 'chat' || !stanza.getChild('body') || !stanza.getChild('x', NS_MUC_USER)) return undefined;
  if (stanza.getChild('encrypted', NS_AXOLOTL)) return undefined;
  return occupantAddress(String(stanza.attrs.to ?? ''));
}

export function createPrivateEncryptStep(deps: PrivateEncryptDeps): OutgoingStep {
  const ready = sessionsWith(deps);
  return async (stanza) => {
    const address = privateMessage(stanza);
    const features = address === undefined ? undefined : deps.rooms.features(address.room);
    if (address === undefined || features === undefined) return stanza;
    const { room, nick } = address;
    // The room's switch says for its private messages too.
    const state = roomEncryptionState(room, deps.choice(room), features);
    if (!state.on) return stanza;
    if (state.reason !== undefined) throw refuse(state.reason, room, `${roomRefusal} The message was not sent.`, { room });
    const jid = deps.rooms.occupantJid(room, nick);
    if (jid === undefined) {
      throw refuse('privateUnknownJid', room, `The real address of ${nick} in ${room} is not known, so this private message cannot be encrypted: it was not sent.`, { room, nick });
    }
    const devices = await chatRecipients(deps, ready, jid);
    const body = stanza.getChild('body')?.text() ?? '';
    const { encrypted } = await encryptFor(deps.signal, await deps.ownDevice(), devices, Buffer.from(body, 'utf8'));
    deps.sentTo(devices);
    const id = stanza.attrs.id;
    if (typeof id === 'string') deps.encrypted(id);
    return sealedMessage(stanza, encrypted);
  };
}
