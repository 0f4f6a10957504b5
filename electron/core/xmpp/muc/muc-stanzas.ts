// XEP-0045 stanzas we send: joining and leaving (§7.2, §7.14), room messages and subject (§7.4, §8.1), owner requests
// (§10.1, §10.2, §10.9), and the disco requests that find a service and its rooms (§6).
import xml, { type Element } from '@xmpp/xml';
import { NS_MUC_USER, NS_SID } from '../chat/chat-stanzas.ts';
import { NS_DATA } from '../forms/data-form-parse.ts';

export const NS_MUC = 'http://jabber.org/protocol/muc';
export { NS_MUC_USER };
export const NS_MUC_OWNER = 'http://jabber.org/protocol/muc#owner';
export const NS_MUC_ADMIN = 'http://jabber.org/protocol/muc#admin';
export const FORM_ROOMCONFIG = 'http://jabber.org/protocol/muc#roomconfig';
export const FORM_ROOMINFO = 'http://jabber.org/protocol/muc#roominfo';

/** Our availability in a room (§7.7): RFC 6121 show and status; 'online' (and 'invisible', which a room cannot honour) send none. */
export interface RoomAvailability {
  readonly show: string;
  readonly status?: string;
}

const availability = (presence: RoomAvailability | undefined): Element[] => {
  if (!presence) return [];
  const show = presence.show === 'online' || presence.show === 'invisible' || presence.show === 'offline' ? undefined : presence.show;
  return [...(show === undefined ? [] : [xml('show', {}, show)]), ...(presence.status ? [xml('status', {}, presence.status)] : [])];
};

/** §7.7: our new availability, to one room's occupant JID of ours. */
export function buildRoomPresence(occupant: string, presence: RoomAvailability): Element {
  return xml('presence', { to: occupant }, ...availability(presence));
}

/** §7.2.1 with §7.2.6 (password), §7.2.15 (history since our last message, after a reconnect) and our availability. */
export function buildJoin(args: { occupant: string; password?: string; historySince?: number; maxStanzas?: number; presence?: RoomAvailability }): Element {
  const history =
    args.historySince !== undefined
      ? xml('history', { since: new Date(args.historySince).toISOString() })
      : args.maxStanzas !== undefined
        ? xml('history', { maxstanzas: String(args.maxStanzas) })
        : undefined;
  return xml(
    'presence',
    { to: args.occupant },
    ...availability(args.presence),
    xml('x', { xmlns: NS_MUC }, args.password === undefined ? undefined : xml('password', {}, args.password), history),
  );
}

/** §7.14: unavailable presence to our occupant JID. */
export function buildLeave(occupant: string): Element {
  return xml('presence', { to: occupant, type: 'unavailable' });
}

/** §7.4: a message to everyone, with an XEP-0359 origin-id so that the room's echo is matched to it. */
export function buildGroupchat(args: { room: string; id: string; body: string }): Element {
  return xml('message', { type: 'groupchat', to: args.room, id: args.id }, xml('body', {}, args.body), xml('origin-id', { xmlns: NS_SID, id: args.id }));
}

/** §8.1: a subject change is a groupchat message with a <subject/> and no body. */
export function buildSubject(args: { room: string; id: string; subject: string }): Element {
  return xml('message', { type: 'groupchat', to: args.room, id: args.id }, xml('subject', {}, args.subject));
}

/** §10.2: asks for the configuration form. */
export function buildConfigGet(room: string): Element {
  return xml('iq', { type: 'get', to: room }, xml('query', { xmlns: NS_MUC_OWNER }));
}

/** §10.2 (and §10.1.2 with an empty submit for an instant room): sends a submitted form. */
export function buildConfigSet(room: string, form: Element): Element {
  return xml('iq', { type: 'set', to: room }, xml('query', { xmlns: NS_MUC_OWNER }, form));
}

/** §10.9: destroys the room, with a reason and an alternate venue. */
export function buildDestroy(args: { room: string; reason?: string; alternate?: string; password?: string }): Element {
  return xml(
    'iq',
    { type: 'set', to: args.room },
    xml(
      'query',
      { xmlns: NS_MUC_OWNER },
      xml(
        'destroy',
        { jid: args.alternate },
        args.reason === undefined ? undefined : xml('reason', {}, args.reason),
        args.password === undefined ? undefined : xml('password', {}, args.password),
      ),
    ),
  );
}

export { NS_DATA };
