// XEP-0045 §8 and §9: a moderator's and an admin's requests: kicking an occupant (§8.2, role none) and banning a user
// (§9.1, affiliation outcast), each with an optional reason the room passes on.
import xml, { type Element } from '@xmpp/xml';
import type { Connection } from '../connection.ts';
import { ask } from './room-owner.ts';

export const NS_MUC_ADMIN = 'http://jabber.org/protocol/muc#admin';

/** A muc#admin set of one item (§8, §9, §10), with the reason the room passes on. */
export function adminSet(room: string, item: Record<string, string>, reason: string | undefined): Element {
  const children = reason === undefined || reason.trim() === '' ? [] : [xml('reason', {}, reason.trim())];
  return xml('iq', { type: 'set', to: room }, xml('query', { xmlns: NS_MUC_ADMIN }, xml('item', item, ...children)));
}

/** §8.2: the occupant leaves the room with status 307; they may come back. */
export async function kickOccupant(connection: Pick<Connection, 'iq'>, room: string, nick: string, reason?: string): Promise<void> {
  await ask(connection, room, adminSet(room, { nick, role: 'none' }, reason));
}

/** §9.1: the user (a bare JID) is an outcast: out of the room with status 301, and refused when they try to come back. */
export async function banUser(connection: Pick<Connection, 'iq'>, room: string, jid: string, reason?: string): Promise<void> {
  await ask(connection, room, adminSet(room, { affiliation: 'outcast', jid }, reason));
}
