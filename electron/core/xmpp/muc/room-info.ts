// XEP-0045 §6.4 and §15.2.2: a room's disco#info, and what it says of the room (features, name, muc#roominfo).
import type { DiscoInfo } from '../../model/disco-info.ts';
import type { RoomFeatures, RoomListing } from '../../../../shared/model/room.ts';
import { NS_OCCUPANT_ID, NS_SID } from '../chat/chat-stanzas.ts';
import type { Connection } from '../connection.ts';
import { buildDiscoInfoGet, NS_DISCO_INFO, parseDiscoInfo } from '../disco/disco-info.ts';
import { StanzaError, toIqError } from '../errors.ts';
import { NS_MAM, NS_MAM_EXTENDED } from '../mam/mam-stanzas.ts';
import { joinError } from './join-errors.ts';
import { moderationVersion } from './moderation.ts';
import { FORM_ROOMINFO } from './muc-stanzas.ts';

export const noFeatures: RoomFeatures = {
  membersOnly: false,
  nonAnonymous: false,
  persistent: false,
  passwordProtected: false,
  moderated: false,
  public: false,
  logged: false,
  stanzaIds: false,
  occupantIds: false,
};

export function roomFeatures(info: DiscoInfo): RoomFeatures {
  const has = (feature: string) => info.features.includes(feature);
  const moderation = moderationVersion(info.features);
  return {
    membersOnly: has('muc_membersonly'),
    nonAnonymous: has('muc_nonanonymous'),
    persistent: has('muc_persistent'),
    passwordProtected: has('muc_passwordprotected'),
    moderated: has('muc_moderated'),
    public: has('muc_public'),
    logged: has(NS_MAM),
    // XEP-0359 §3.1: the room's ids count once it announces them (an archive sets them too).
    stanzaIds: has(NS_SID) || has(NS_MAM),
    occupantIds: has(NS_OCCUPANT_ID),
    ...(moderation === undefined ? {} : { moderation }),
  };
}

const roominfo = (info: DiscoInfo, name: string): string | undefined => {
  const value = info.forms.find((form) => form.formType === FORM_ROOMINFO)?.fields.find((field) => field.var === name)?.values[0];
  return value === undefined || value === '' ? undefined : value;
};

/** The room's name: its conference identity's, else muc#roominfo's. */
export function roomName(info: DiscoInfo): string | undefined {
  const identity = info.identities.find((each) => each.category === 'conference' && each.name);
  return identity?.name ?? roominfo(info, 'muc#roomconfig_roomname');
}

/** A listed room with what its disco#info adds: name, description and occupant count (muc#roominfo, §15.5.4). */
export function listingOf(jid: string, itemName: string | undefined, info: DiscoInfo | undefined): RoomListing {
  const name = (info && roomName(info)) ?? itemName;
  const description = info && roominfo(info, 'muc#roominfo_description');
  const count = info && Number(roominfo(info, 'muc#roominfo_occupants'));
  const features = info && roomFeatures(info);
  return {
    jid,
    ...(name === undefined ? {} : { name }),
    ...(description === undefined ? {} : { description }),
    ...(count !== undefined && Number.isInteger(count) && count >= 0 ? { occupants: count } : {}),
    ...(features ? { membersOnly: features.membersOnly, passwordProtected: features.passwordProtected } : {}),
  };
}

/** What a room's disco#info says; `archive` when it keeps a MAM archive (XEP-0313 §7), `extended` when it takes after-id (§6.1.1). */
export interface RoomInfo {
  readonly features: RoomFeatures;
  readonly name?: string;
  readonly archive?: { readonly extended: boolean };
}

/** §6.4: the room's disco#info; undefined when it answers nothing usable, or (when `mayNotExist`) when there is no such room. */
export async function fetchRoomInfo(connection: Pick<Connection, 'iq'>, room: string, mayNotExist: boolean): Promise<RoomInfo | undefined> {
  try {
    const reply = await connection.iq(buildDiscoInfoGet(room), 15_000);
    const query = reply.getChild('query', NS_DISCO_INFO);
    const info = query ? parseDiscoInfo(query) : 'ill-formed';
    if (info === 'ill-formed') return undefined;
    const name = roomName(info);
    const archive = info.features.includes(NS_MAM) ? { archive: { extended: info.features.includes(NS_MAM_EXTENDED) } } : {};
    return { features: roomFeatures(info), ...(name === undefined ? {} : { name }), ...archive };
  } catch (error) {
    const failure = toIqError(error, room);
    if (!(failure instanceof StanzaError)) throw failure;
    if ((failure.condition === 'item-not-found' || failure.condition === 'remote-server-not-found') && !mayNotExist) throw joinError(failure.condition, room, '', failure.text);
    return undefined;
  }
}
