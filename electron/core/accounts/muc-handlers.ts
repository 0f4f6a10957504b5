// The muc.* commands (XEP-0045) on the account's session: joining, leaving, talking in rooms, listing, creating and
// configuring them.
import type { Handlers } from '../../../shared/ipc/contract.ts';
import { CausetteError } from '../../../shared/ipc/errors.ts';
import { bareJid, formatJid, parseJid } from '../../../shared/model/jid.ts';
import type { Muc } from '../xmpp/muc/muc.ts';
import { findMucService, listRooms } from '../xmpp/muc/room-list.ts';
import { banUser, kickOccupant } from '../xmpp/muc/room-admin.ts';
import { getAffiliations, setAffiliation } from '../xmpp/muc/room-affiliations.ts';
import { setRole } from '../xmpp/muc/room-roles.ts';
import { acceptDefaultConfig, destroyRoom, getRoomConfig, presetAnswers, submitRoomConfig } from '../xmpp/muc/room-owner.ts';
import { normaliseBareJid } from '../xmpp/roster/roster-items.ts';
import type { AccountService } from './account-service.ts';
import type { AccountSession } from './account-session.ts';

type MucCommand =
  | 'muc.rooms'
  | 'muc.join'
  | 'muc.leave'
  | 'muc.occupants'
  | 'muc.send'
  | 'muc.setNick'
  | 'muc.setSubject'
  | 'muc.list'
  | 'muc.create'
  | 'muc.getConfig'
  | 'muc.configure'
  | 'muc.destroy'
  | 'muc.kick'
  | 'muc.ban'
  | 'muc.setRole'
  | 'muc.setAffiliation'
  | 'muc.affiliations'
  | 'muc.requestVoice'
  | 'muc.answerVoiceRequest'
  | 'muc.moderate'
  | 'muc.invite'
  | 'muc.invitations'
  | 'muc.declineInvitation';

/** A room's address: room@service, with a local part and no resource (XEP-0045 §4.1). */
export function roomOf(text: string): string {
  const jid = normaliseBareJid(text);
  const parsed = jid === undefined ? undefined : parseJid(jid);
  if (jid === undefined || !parsed?.ok || parsed.jid.local === undefined) {
    throw new CausetteError('bad-request', `“${text}” is not a room address.`, undefined, { context: 'roomAddress', address: text });
  }
  return jid;
}

/** A user's address as affiliations are kept: the bare JID (XEP-0045 §5.2), an occupant's full JID cut to it. */
function userOf(jid: string): string {
  const parsed = parseJid(jid.trim());
  if (!parsed.ok) throw new CausetteError('bad-request', `“${jid}” is not an address.`, undefined, { context: 'address', address: jid });
  return formatJid(bareJid(parsed.jid));
}

export function createMucHandlers({ accounts }: { readonly accounts: AccountService }): Pick<Handlers, MucCommand> {
  function online(accountId: string): { session: AccountSession; muc: Muc; domain: string } {
    const entry = accounts.entry(accountId);
    const { session } = entry;
    if (!session?.muc || entry.state.status !== 'online') {
      throw new CausetteError('not-connected', `Sign in to ${entry.record.jid} first.`, undefined, { context: 'account', jid: entry.record.jid });
    }
    return { session, muc: session.muc, domain: entry.record.jid.slice(entry.record.jid.indexOf('@') + 1) };
  }
  /** The server's MUC service, found once per session. */
  const services = new WeakMap<AccountSession, Promise<string>>();
  function serviceOf(session: AccountSession, domain: string): Promise<string> {
    let found = services.get(session);
    if (!found) {
      found = findMucService(session.connection, domain);
      found.catch(() => services.delete(session));
      services.set(session, found);
    }
    return found;
  }

  return {
    'muc.rooms': ({ accountId }) => Promise.resolve(accounts.entry(accountId).session?.muc?.rooms() ?? []),
    // A saved room's password (XEP-0402) serves when none is given: the renderer never holds it.
    'muc.join': ({ accountId, room, nick, password }) => {
      const { session, muc } = online(accountId);
      const jid = roomOf(room);
      return muc.join(jid, nick, password ?? session.bookmarks?.get(jid)?.password);
    },
    'muc.leave': async ({ accountId, room }) => {
      const { session, muc } = online(accountId);
      await muc.leave(roomOf(room));
      session.bookmarks?.left(roomOf(room));
      return null;
    },
    'muc.occupants': ({ accountId, room }) => Promise.resolve(accounts.entry(accountId).session?.muc?.occupants(roomOf(room)) ?? []),
    'muc.send': ({ accountId, room, body }) => Promise.resolve().then(() => online(accountId).muc.send(roomOf(room), body)),
    'muc.setNick': ({ accountId, room, nick }) => Promise.resolve().then(() => online(accountId).muc.setNick(roomOf(room), nick)),
    'muc.setSubject': async ({ accountId, room, subject }) => {
      await online(accountId).muc.setSubject(roomOf(room), subject);
      return null;
    },
    'muc.list': async ({ accountId, service, limit }) => {
      const { session, domain } = online(accountId);
      return listRooms(session.connection, service ?? (await serviceOf(session, domain)), limit);
    },
    'muc.create': async ({ accountId, room: text, nick, preset, name }) => {
      const { session, muc } = online(accountId);
      const room = roomOf(text);
      const joined = await muc.join(room, nick, undefined, true);
      // §10.1.1: a room that was there already (201 missing) is joined, not created.
      if (!joined.created) throw new CausetteError('already-exists', `The room ${room} already exists.`, undefined, { context: 'room', room });
      if (preset === 'instant') await acceptDefaultConfig(session.connection, room);
      const form = preset === 'instant' ? undefined : await getRoomConfig(session.connection, room);
      if (form && preset !== 'custom' && preset !== 'instant') await submitRoomConfig(session.connection, room, form, presetAnswers(preset, name));
      // A custom room stays locked (and `created`) until muc.configure.
      if (preset !== 'custom') await muc.refresh(room);
      const now = muc.room(room) ?? joined;
      return preset === 'custom' && form ? { room: now, form } : { room: now };
    },
    'muc.getConfig': async ({ accountId, room }) => getRoomConfig(online(accountId).session.connection, roomOf(room)),
    'muc.configure': async ({ accountId, room: text, answers }) => {
      const { session, muc } = online(accountId);
      const room = roomOf(text);
      const form = await getRoomConfig(session.connection, room);
      await submitRoomConfig(session.connection, room, form, answers);
      await muc.refresh(room);
      return null;
    },
    'muc.kick': async ({ accountId, room, nick, reason }) => {
      await kickOccupant(online(accountId).session.connection, roomOf(room), nick, reason);
      return null;
    },
    'muc.ban': async ({ accountId, room, jid, reason }) => {
      await banUser(online(accountId).session.connection, roomOf(room), userOf(jid), reason);
      return null;
    },
    'muc.setRole': async ({ accountId, room, nick, role, reason }) => {
      await setRole(online(accountId).session.connection, roomOf(room), nick, role, reason);
      return null;
    },
    'muc.setAffiliation': async ({ accountId, room, jid, affiliation, reason }) => {
      await setAffiliation(online(accountId).session.connection, roomOf(room), userOf(jid), affiliation, reason);
      return null;
    },
    'muc.affiliations': ({ accountId, room, affiliation }) => Promise.resolve().then(() => getAffiliations(online(accountId).session.connection, roomOf(room), affiliation)),
    'muc.invite': async ({ accountId, room: text, jids, reason, kind }) => {
      const { session, muc } = online(accountId);
      const room = roomOf(text);
      const joined = muc.room(room);
      if (joined?.state !== 'joined' || !session.invitations) throw new CausetteError('not-found', `You are not in the room ${room}.`, undefined, { context: 'notJoined', room });
      const invitees = jids.map((jid) => {
        const bare = normaliseBareJid(jid);
        if (bare === undefined) throw new CausetteError('bad-request', `“${jid}” is not an address.`, undefined, { context: 'address', address: jid });
        return bare;
      });
      // An owner who set the password never typed it to join: the configuration form has it (§10.2, muc#roomconfig_roomsecret).
      const secret = async () =>
        muc.password(room) ?? (joined.affiliation === 'owner' && joined.features.passwordProtected ? (await getRoomConfig(session.connection, room)).fields.find((field) => field.var === 'muc#roomconfig_roomsecret')?.values[0] : undefined);
      await session.invitations.invite({ room, jids: [...new Set(invitees)], reason, kind: kind ?? 'auto', membersOnly: joined.features.membersOnly, password: await secret() });
      return null;
    },
    'muc.invitations': ({ accountId }) => Promise.resolve(accounts.entry(accountId).session?.invitations?.list() ?? []),
    'muc.declineInvitation': async ({ accountId, room, reason }) => {
      const { session } = online(accountId);
      await session.invitations?.decline(roomOf(room), reason);
      return null;
    },
    'muc.requestVoice': async ({ accountId, room }) => {
      const { session, muc } = online(accountId);
      const jid = roomOf(room);
      if (muc.room(jid)?.state !== 'joined') throw new CausetteError('not-found', `You are not in the room ${jid}.`, undefined, { context: 'notJoined', room: jid });
      await session.voiceRequests?.request(jid);
      return null;
    },
    'muc.answerVoiceRequest': async ({ accountId, room, nick, allow }) => {
      await online(accountId).session.voiceRequests?.answer(roomOf(room), nick, allow);
      return null;
    },
    'muc.moderate': async ({ accountId, messageId, reason }) => {
      await online(accountId).muc.moderate(messageId, reason);
      return null;
    },
    'muc.destroy': async ({ accountId, room, reason, alternate, alternatePassword }) => {
      const { session } = online(accountId);
      await destroyRoom(session.connection, {
        room: roomOf(room),
        ...(reason === undefined ? {} : { reason }),
        ...(alternate === undefined ? {} : { alternate: roomOf(alternate) }),
        ...(alternatePassword === undefined ? {} : { password: alternatePassword }),
      });
      return null;
    },
  };
}
