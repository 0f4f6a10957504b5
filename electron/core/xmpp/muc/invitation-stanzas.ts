// Invitations to rooms on the wire: direct (XEP-0249 §2) and mediated through the room (XEP-0045 §7.8.2), and the
// invitee's decline of a mediated one (§7.8.2, example 60).
import xml, { type Element } from '@xmpp/xml';
import { bareJid, formatJid, parseJid } from '../../../../shared/model/jid.ts';
import { NS_MUC, NS_MUC_USER } from './muc-stanzas.ts';

export const NS_CONFERENCE = 'jabber:x:conference';

/** XEP-0249 §3 and XEP-0045 §6.1: what our disco#info announces, so that others know we take rooms and invitations. */
export const MUC_FEATURES: readonly string[] = [NS_MUC, NS_CONFERENCE];

/** Longer reasons and passwords than these are not an invitation's (the room's own limits are far below). */
const MAX_REASON = 1024;
const MAX_PASSWORD = 1023;

export interface IncomingInvitation {
  readonly room: string;
  readonly from: string;
  readonly kind: 'direct' | 'mediated';
  readonly reason?: string;
  readonly password?: string;
}

export type InvitationStanza = { readonly kind: 'invitation'; readonly invitation: IncomingInvitation } | { readonly kind: 'decline'; readonly room: string; readonly from: string; readonly reason?: string } | { readonly kind: 'ill-formed'; readonly why: string };

/** XEP-0249 §2: to the contact, with the room's password when it has one. */
export function buildDirectInvite(args: { to: string; room: string; reason?: string; password?: string; id: string }): Element {
  return xml(
    'message',
    { to: args.to, id: args.id },
    xml('x', { xmlns: NS_CONFERENCE, jid: args.room, ...(args.reason === undefined ? {} : { reason: args.reason }), ...(args.password === undefined ? {} : { password: args.password }) }),
  );
}

/** §7.8.2: to the room, which passes it on (and, for a members-only room, may make the invitee a member). */
export function buildMediatedInvite(args: { room: string; to: string[]; reason?: string; id: string }): Element {
  const reason = args.reason === undefined ? [] : [xml('reason', {}, args.reason)];
  return xml('message', { to: args.room, id: args.id }, xml('x', { xmlns: NS_MUC_USER }, ...args.to.map((to) => xml('invite', { to }, ...reason))));
}

/** §7.8.2: the invitee says no, through the room, to the inviter. */
export function buildDecline(args: { room: string; to: string; reason?: string; id: string }): Element {
  const reason = args.reason === undefined ? [] : [xml('reason', {}, args.reason)];
  return xml('message', { to: args.room, id: args.id }, xml('x', { xmlns: NS_MUC_USER }, xml('decline', { to: args.to }, ...reason)));
}

/** The bare, normalised form of a full or bare JID (RFC 7622 §3). */
const bare = (text: string | undefined): string | undefined => {
  const parsed = text === undefined ? undefined : parseJid(text);
  return parsed?.ok ? formatJid(bareJid(parsed.jid)) : undefined;
};
const full = (text: string | undefined): string | undefined => {
  const parsed = text === undefined ? undefined : parseJid(text);
  return parsed?.ok ? formatJid(parsed.jid) : undefined;
};
const isRoomAddress = (jid: string): boolean => {
  const parsed = parseJid(jid);
  return parsed.ok && parsed.jid.local !== undefined && parsed.jid.resource === undefined;
};
const trimmed = (text: string | undefined, max: number): string | undefined => {
  const value = text?.trim();
  return value === undefined || value === '' || value.length > max ? undefined : value;
};

/**
 * An invitation or a decline carried by a message, undefined when it carries neither. A mediated invitation comes from the
 * room's bare JID and names the inviter (§7.8.2); a direct one comes from the inviter and names the room (XEP-0249 §2).
 * Prosody adds a jabber:x:conference element to mediated invitations too: the muc#user one is read first.
 */
export function parseInvitation(message: Element): InvitationStanza | undefined {
  if (message.attrs.type === 'error' || message.attrs.type === 'groupchat') return undefined;
  const user = message.getChild('x', NS_MUC_USER);
  const invite = user?.getChild('invite');
  const decline = user?.getChild('decline');
  if (invite || decline) {
    const room = bare(message.attrs.from);
    // §7.8.2: a semi-anonymous room names the inviter by their occupant JID, room@service/nick, which is kept whole.
    const given = (invite ?? decline)?.attrs.from;
    const from = bare(given) === room ? full(given) : bare(given);
    if (room === undefined || !isRoomAddress(String(message.attrs.from ?? ''))) return { kind: 'ill-formed', why: 'not from a room' };
    if (from === undefined) return { kind: 'ill-formed', why: 'no inviter' };
    const reason = trimmed((invite ?? decline)?.getChildText('reason') ?? undefined, MAX_REASON);
    if (decline) return { kind: 'decline', room, from, ...(reason === undefined ? {} : { reason }) };
    const password = trimmed(user?.getChildText('password') ?? undefined, MAX_PASSWORD);
    return { kind: 'invitation', invitation: { room, from, kind: 'mediated', ...(reason === undefined ? {} : { reason }), ...(password === undefined ? {} : { password }) } };
  }
  const direct = message.getChild('x', NS_CONFERENCE);
  if (!direct) return undefined;
  const room = bare(direct.attrs.jid);
  const from = bare(message.attrs.from);
  if (room === undefined || !isRoomAddress(room)) return { kind: 'ill-formed', why: 'no room address' };
  if (from === undefined) return { kind: 'ill-formed', why: 'no inviter' };
  const reason = trimmed(direct.attrs.reason, MAX_REASON);
  const password = trimmed(direct.attrs.password, MAX_PASSWORD);
  return { kind: 'invitation', invitation: { room, from, kind: 'direct', ...(reason === undefined ? {} : { reason }), ...(password === undefined ? {} : { password }) } };
}
