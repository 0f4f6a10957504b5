// XEP-0045 §7.2.3 and §9: an occupant's presence from a room read into what it says (role, affiliation, status codes).
import type { Element } from '@xmpp/xml';
import { bareJid, formatJid, parseJid } from '../../../../shared/model/jid.ts';
import { AffiliationSchema, OccupantShowSchema, RoleSchema, type Affiliation, type OccupantShow, type Role } from '../../../../shared/model/room.ts';
import { NS_OCCUPANT_ID } from '../chat/chat-stanzas.ts';
import { stanzaErrorOf } from '../stanza-error.ts';
import { NS_MUC_USER } from './muc-stanzas.ts';

/** §15.6 status codes that change what we do. */
export const STATUS = {
  nonAnonymous: 100,
  self: 110,
  logging: 170,
  nowNonAnonymous: 172,
  created: 201,
  nickAssigned: 210,
  banned: 301,
  nickChanged: 303,
  kicked: 307,
  affiliationChanged: 321,
  membersOnly: 322,
  shutdown: 332,
} as const;

export interface MucPresence {
  /** The room's bare JID. */
  readonly room: string;
  readonly nick: string;
  readonly type: 'available' | 'unavailable' | 'error';
  readonly show: OccupantShow;
  readonly status?: string;
  readonly role: Role;
  readonly affiliation: Affiliation;
  /** The real JID, when the room reveals it. */
  readonly jid?: string;
  /** §7.6: on a 303, the new nickname. */
  readonly newNick?: string;
  readonly actor?: string;
  readonly reason?: string;
  readonly codes: ReadonlySet<number>;
  readonly occupantId?: string;
  /** §10.9: the room was destroyed; where to go instead. */
  readonly destroyed?: { readonly alternate?: string; readonly reason?: string };
  /** RFC 6120 §8.3: a type='error' presence's condition and text. */
  readonly error?: { readonly condition: string; readonly text?: string };
}

const nonEmpty = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The presence's room and nick (room@service/nick); undefined when it is not from an occupant JID. */
export function occupantAddress(from: string | undefined): { room: string; nick: string } | undefined {
  const parsed = from === undefined ? undefined : parseJid(from);
  if (!parsed?.ok || parsed.jid.local === undefined || parsed.jid.resource === undefined || parsed.jid.resource === '') return undefined;
  return { room: formatJid(bareJid(parsed.jid)), nick: parsed.jid.resource };
}

/** A presence from a room's occupant JID; undefined for anything else. */
export function parseMucPresence(stanza: Element): MucPresence | undefined {
  if (stanza.name !== 'presence') return undefined;
  const address = occupantAddress(stanza.attrs.from);
  if (!address) return undefined;
  const rawType = stanza.attrs.type;
  if (rawType !== undefined && rawType !== 'unavailable' && rawType !== 'error') return undefined;
  const type = rawType ?? 'available';
  const x = stanza.getChild('x', NS_MUC_USER);
  if (!x && type !== 'error') return undefined;
  const item = x?.getChild('item');
  const role = RoleSchema.safeParse(item?.attrs.role);
  const affiliation = AffiliationSchema.safeParse(item?.attrs.affiliation);
  const show = OccupantShowSchema.safeParse(stanza.getChildText('show'));
  const codes = new Set((x?.getChildren('status') ?? []).map((status) => Number(status.attrs.code)).filter(Number.isInteger));
  const status = nonEmpty(stanza.getChildText('status'));
  const jid = nonEmpty(item?.attrs.jid);
  const newNick = nonEmpty(item?.attrs.nick);
  const actor = nonEmpty(item?.getChild('actor')?.attrs.nick);
  const reason = nonEmpty(item?.getChildText('reason'));
  const occupantId = nonEmpty(stanza.getChild('occupant-id', NS_OCCUPANT_ID)?.attrs.id);
  const destroy = x?.getChild('destroy');
  const alternate = nonEmpty(destroy?.attrs.jid);
  const destroyReason = nonEmpty(destroy?.getChildText('reason'));
  return {
    ...address,
    type,
    show: show.success ? show.data : 'online',
    ...(status === undefined ? {} : { status }),
    role: role.success ? role.data : 'none',
    affiliation: affiliation.success ? affiliation.data : 'none',
    ...(jid === undefined ? {} : { jid }),
    ...(newNick === undefined ? {} : { newNick }),
    ...(actor === undefined ? {} : { actor }),
    ...(reason === undefined ? {} : { reason }),
    codes,
    ...(occupantId === undefined ? {} : { occupantId }),
    ...(destroy === undefined ? {} : { destroyed: { ...(alternate === undefined ? {} : { alternate }), ...(destroyReason === undefined ? {} : { reason: destroyReason }) } }),
    ...(type === 'error' ? { error: stanzaErrorOf(stanza) } : {}),
  };
}
