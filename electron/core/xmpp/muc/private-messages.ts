// XEP-0045 §7.5: a private message from an occupant of one of our rooms is with that occupant (room@service/nick), even
// when the room leaves out the <x xmlns='…muc#user'/> that tells chat so; never with the room's bare JID.
import xml, { type Element } from '@xmpp/xml';
import type { IncomingStep } from '../pipeline/stanza-pipeline.ts';
import { occupantAddress } from './muc-presence.ts';
import { NS_MUC_USER } from './muc-stanzas.ts';

/** An incoming step that marks such a message as an occupant's. */
export function markPrivateMessages(isRoom: (room: string) => boolean): IncomingStep {
  return (stanza: Element) => {
    const type = stanza.attrs.type ?? 'normal';
    if (stanza.name !== 'message' || (type !== 'chat' && type !== 'normal') || stanza.getChild('x', NS_MUC_USER)) return stanza;
    const address = occupantAddress(stanza.attrs.from);
    if (!address || !isRoom(address.room)) return stanza;
    return xml('message', stanza.attrs, ...stanza.children, xml('x', { xmlns: NS_MUC_USER }));
  };
}
