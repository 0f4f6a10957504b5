// XEP-0045 §9.2–§9.5 and §10.3–§10.8: an admin's and an owner's lists of users by affiliation (ban, member, admin, owner
// lists), read with a muc#admin get and edited one user at a time with a set.
import xml, { type Element } from '@xmpp/xml';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { Affiliation, AffiliatedUser } from '../../../../shared/model/room.ts';
import type { Connection } from '../connection.ts';
import { adminSet, NS_MUC_ADMIN } from './room-admin.ts';
import { ask } from './room-owner.ts';

type Iq = Pick<Connection, 'iq'>;
/** The lists a room keeps: every affiliation but none. */
export type ListedAffiliation = Exclude<Affiliation, 'none'>;

/** §9.1, §9.3, §9.4, §10.3, §10.4, §10.6, §10.7: the user (a bare JID) gets the affiliation; none takes it away. */
export async function setAffiliation(connection: Iq, room: string, jid: string, affiliation: Affiliation, reason?: string): Promise<void> {
  try {
    await ask(connection, room, adminSet(room, { affiliation, jid }, reason));
  } catch (error) {
    // §10.4, §10.7: the only owner may not give up the room (conflict).
    if (error instanceof CausetteError && error.params?.context === 'roomRefused' && error.params.condition === 'conflict') {
      throw new CausetteError('conflict', `The room ${room} needs another owner first.`, undefined, { context: 'lastOwner', room });
    }
    throw error;
  }
}

/** §9.2, §9.5, §10.5, §10.8: the request for one list. */
export function buildAffiliationsGet(room: string, affiliation: ListedAffiliation): Element {
  return xml('iq', { type: 'get', to: room }, xml('query', { xmlns: NS_MUC_ADMIN }, xml('item', { affiliation })));
}

/** The users of the room's answer, sorted by address; items without a JID are skipped. */
export function parseAffiliations(query: Element | undefined): AffiliatedUser[] {
  const users: AffiliatedUser[] = [];
  for (const item of query?.getChildren('item') ?? []) {
    const jid = item.attrs.jid;
    if (typeof jid !== 'string' || jid === '') continue;
    const nick = item.attrs.nick;
    const reason = item.getChildText('reason')?.trim();
    users.push({ jid, ...(typeof nick === 'string' && nick !== '' ? { nick } : {}), ...(reason ? { reason } : {}) });
  }
  return users.sort((a, b) => a.jid.localeCompare(b.jid));
}

/** The room's list of users with this affiliation (admins may read members and outcasts, owners every list). */
export async function getAffiliations(connection: Iq, room: string, affiliation: ListedAffiliation): Promise<AffiliatedUser[]> {
  const reply = await ask(connection, room, buildAffiliationsGet(room, affiliation));
  return parseAffiliations(reply.getChild('query', NS_MUC_ADMIN));
}
