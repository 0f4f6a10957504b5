// Who belongs to a members-only room that shows real JIDs, for end-to-end encryption there (XEP-0384: every member's
// devices are encrypted for): the member, admin and owner lists (XEP-0045 §9.5, §10.5, §10.8; a member may read them in such
// a room on Prosody) with the occupants' real JIDs; the lists read again once an affiliation changes (§9.3, example 195).
import type { Element } from '@xmpp/xml';
import { bareJid, formatJid, parseJid } from '../../../../shared/model/jid.ts';
import type { Occupant } from '../../../../shared/model/room.ts';
import type { Connection } from '../connection.ts';
import type { MessageContext } from '../pipeline/message-context.ts';
import { NS_DELAY, NS_OCCUPANT_ID } from '../chat/chat-stanzas.ts';
import { occupantAddress } from './muc-presence.ts';
import { NS_MUC_USER } from './muc-stanzas.ts';
import { getAffiliations, type ListedAffiliation } from './room-affiliations.ts';

const LISTS: readonly ListedAffiliation[] = ['member', 'admin', 'owner'];

/** The bare form of a JID, lower-cased as stringprep would for the local part and domain; undefined when not a JID. */
export function bareOf(jid: string | undefined): string | undefined {
  const parsed = parseJid(jid ?? '');
  return parsed.ok && parsed.jid.local !== undefined ? formatJid(bareJid(parsed.jid)) : undefined;
}

/** Example 195: the room tells its occupants of the affiliation change of a user who is not in (a message with an item). */
export function isAffiliationNotice(stanza: Element): boolean {
  if (stanza.name !== 'message' || stanza.getChild('body')) return false;
  return stanza.getChildren('x', NS_MUC_USER).some((x) => x.getChildren('item').some((item) => typeof item.attrs.affiliation === 'string'));
}

/** The real bare JID the room vouches for in a message it replays or archived (Prosody adds it in non-anonymous rooms). */
function vouchedJid(message: Element): string | undefined {
  const items = message.getChildren('x', NS_MUC_USER).flatMap((x) => x.getChildren('item'));
  // The room's own item comes after anything the sender may have put in.
  return bareOf(items.at(-1)?.attrs.jid);
}

export interface RoomMembersDeps {
  readonly connection: Pick<Connection, 'iq'>;
  readonly ownJid: string;
  /** The room's occupants now (with their real JIDs where the room shows them). */
  readonly occupants: (room: string) => readonly Occupant[];
}

export function setupRoomMembers(deps: RoomMembersDeps) {
  const lists = new Map<string, Promise<readonly string[]>>();

  function listed(room: string): Promise<readonly string[]> {
    const known = lists.get(room);
    if (known) return known;
    const reading = Promise.all(LISTS.map((affiliation) => getAffiliations(deps.connection, room, affiliation))).then((all) =>
      all.flat().flatMap((user) => bareOf(user.jid) ?? []),
    );
    lists.set(room, reading);
    reading.catch(() => {
      if (lists.get(room) === reading) lists.delete(room);
    });
    return reading;
  }

  return {
    /** The real bare JIDs of the room's members and occupants, ours left out; rejects when the lists cannot be read. */
    async members(room: string): Promise<readonly string[]> {
      const fromLists = await listed(room);
      const present = deps.occupants(room).flatMap((occupant) => bareOf(occupant.jid) ?? []);
      return [...new Set([...fromLists, ...present])].filter((jid) => jid !== deps.ownJid).sort();
    },
    /** The room's sender of a groupchat message as a real bare JID: vouched for by the room in its history and archive, else the occupant now. */
    sender(message: Element, context: MessageContext, room: string): string | undefined {
      const address = occupantAddress(String(message.attrs.from ?? ''));
      if (address?.room !== room) return undefined;
      const replayed = context.source === 'archive' || message.getChildren('delay', NS_DELAY).some((delay) => delay.attrs.from === room);
      if (replayed) return vouchedJid(message);
      const occupantId = message.getChild('occupant-id', NS_OCCUPANT_ID)?.attrs.id;
      const occupants = deps.occupants(room);
      const occupant = (typeof occupantId === 'string' && occupants.find((each) => each.occupantId === occupantId)) || occupants.find((each) => each.nick === address.nick);
      return occupant ? bareOf(occupant.jid) : undefined;
    },
    /** An affiliation changed, or we joined again: the lists are read anew when next needed. */
    changed(room: string): void {
      lists.delete(room);
    },
  };
}

export type RoomMembers = ReturnType<typeof setupRoomMembers>;
