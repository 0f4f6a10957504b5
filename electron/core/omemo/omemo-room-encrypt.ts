// The outgoing step that encrypts a room's message with a body (XEP-0384 v0.3.0 §4.5 in a room, as Conversations, Gajim and
// Dino do it; v0.8 §5.8 for OMEMO 2): in a members-only room whose members' real JIDs everyone sees, for every trusted device
// of every member (the room's affiliation lists and its occupants) and for our other devices, each device in one version
// (version-choice.ts). With encryption on, a member we cannot encrypt for fails the message, named.
import type { Element } from '@xmpp/xml';
import { roomEncryptionState } from '../../../shared/model/encryption.ts';
import type { RoomFeatures } from '../../../shared/model/room.ts';
import type { MessageContext } from '../xmpp/pipeline/message-context.ts';
import type { OutgoingStep } from '../xmpp/pipeline/stanza-pipeline.ts';
import { NS_SID } from '../xmpp/chat/chat-stanzas.ts';
import { bareOf, bothLists, isEncrypted, refuse, sealFor, sessionsBoth, trusted, type EncryptDeps } from './omemo-encrypt.ts';
import { devicesByVersion, joinRecipients, recipientCount, type Recipients } from './version-choice.ts';

/** What OMEMO needs of the rooms we are in (the MUC module's, without OMEMO knowing it). */
export interface OmemoRooms {
  /** The room's features while it is ours this session; undefined for any other JID. */
  readonly features: (room: string) => RoomFeatures | undefined;
  /** The real bare JIDs of its members and occupants, ours left out. */
  readonly members: (room: string) => Promise<readonly string[]>;
  /** The real bare JID of the occupant `nick`, when the room shows it (for private messages, XEP-0045 §7.5). */
  readonly occupantJid: (room: string, nick: string) => string | undefined;
  /** The real bare JID of a groupchat or private message's sender, when the room shows it. */
  readonly sender: (message: Element, context: MessageContext) => string | undefined;
}

export interface RoomEncryptDeps extends Omit<EncryptDeps, 'enabled'> {
  readonly rooms: OmemoRooms;
  /** The user's choice for the room, undefined when not made (then: on where the room allows it). */
  readonly choice: (room: string) => boolean | undefined;
  /** Our message went out encrypted with this text: the room's echo of it (which we cannot decrypt) reads as sent. */
  readonly remember: (originId: string, text: string) => void;
}

/** A member who is no contact sends us no notification when their devices change: their list is asked again after this. */
const MEMBER_LIST_MAX_AGE_MS = 10 * 60_000;

export const roomRefusal = 'Encryption needs a members-only room where members’ addresses are visible.';

export function createRoomEncryptStep(deps: RoomEncryptDeps): OutgoingStep {
  const ready = sessionsBoth(deps);

  /** Offline, the message waits for the next session (not a refusal); online, a list that cannot be read counts as empty. */
  const orNone = (error: unknown): readonly number[] => {
    if (!deps.online()) throw error instanceof Error ? error : new Error(String(error));
    return [];
  };

  async function recipients(room: string): Promise<Recipients> {
    const members = await deps.rooms.members(room).catch((error: unknown) => {
      if (!deps.online()) throw error instanceof Error ? error : new Error(String(error));
      throw refuse('roomMembers', room, `Could not learn the members of ${room} (${error instanceof Error ? error.message : String(error)}): the message was not sent.`, { room });
    });
    const usable: Recipients[] = [];
    const without: string[] = [];
    // The lists asked side by side (a room may have many members); sessions then built one device at a time.
    const lists = await Promise.all(members.map((member) => bothLists(deps, member, orNone, MEMBER_LIST_MAX_AGE_MS)));
    for (const [index, member] of members.entries()) {
      const found = await devicesByVersion(member, lists[index] ?? { axolotl: [], omemo2: [] }, ready, trusted(deps, member));
      if (recipientCount(found) === 0) without.push(member);
      usable.push(found);
    }
    if (without.length > 0) {
      const jids = without.join(', ');
      throw refuse('noTrustedMembers', room, `These members of the room have no OMEMO devices you trust: ${jids}. The message was not sent.`, { room, jids });
    }
    const own = await deps.ownDevice();
    const mine = await bothLists(deps, deps.ownJid, orNone);
    const others = { axolotl: mine.axolotl.filter((id) => id !== own), omemo2: mine.omemo2.filter((id) => id !== own) };
    return joinRecipients(...usable, await devicesByVersion(deps.ownJid, others, ready, trusted(deps, deps.ownJid)));
  }

  return async (stanza) => {
    const body = stanza.getChild('body');
    if (stanza.name !== 'message' || stanza.attrs.type !== 'groupchat' || !body || isEncrypted(stanza)) return stanza;
    const room = bareOf(stanza.attrs.to);
    const features = room === undefined ? undefined : deps.rooms.features(room);
    if (room === undefined || features === undefined) return stanza;
    const state = roomEncryptionState(room, deps.choice(room), features);
    if (!state.on) return stanza;
    // Turned on, then the room changed its settings: never in the clear.
    if (state.reason !== undefined) throw refuse(state.reason, room, `${roomRefusal} The message was not sent.`, { room });
    const devices = await recipients(room);
    const text = body.text();
    const originId = stanza.getChild('origin-id', NS_SID)?.attrs.id ?? stanza.attrs.id;
    if (typeof originId === 'string') deps.remember(originId, text);
    return sealFor(deps, stanza, devices, text, room);
  };
}
