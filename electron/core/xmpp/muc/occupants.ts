// XEP-0045 §7.2, §7.6, §9 and §10.9: a room's occupants as a state, changed by one presence at a time.
import type { Departure, DepartureReason, Occupant } from '../../../../shared/model/room.ts';
import { STATUS, type MucPresence } from './muc-presence.ts';

export interface OccupantsState {
  /** Changed in place by each presence: a copy per presence would make joining a room of 2,000 quadratic. */
  readonly occupants: Map<string, Occupant>;
  /** Our nickname: the one we asked for, or the one the room gave us (210) or we changed to (303). */
  readonly nick: string;
  /** The room confirmed our presence (110). */
  readonly joined: boolean;
}

export type OccupantChange =
  | { readonly kind: 'upsert'; readonly occupant: Occupant }
  | { readonly kind: 'renamed'; readonly from: string; readonly to: string }
  | { readonly kind: 'departed'; readonly departure: Departure };

export type SelfChange =
  /** §7.2.3: our own presence came back (110): we are in; `created` for a new room (201). */
  | { readonly kind: 'joined'; readonly occupant: Occupant; readonly created: boolean; readonly nonAnonymous: boolean; readonly logged: boolean }
  /** Our role, affiliation or presence changed while in. */
  | { readonly kind: 'updated'; readonly occupant: Occupant }
  /** The room put us out, or confirmed that we left. */
  | { readonly kind: 'removed'; readonly departure: Departure };

export interface Reduced {
  readonly state: OccupantsState;
  readonly changes: readonly OccupantChange[];
  readonly self?: SelfChange;
}

export function initialOccupants(nick: string): OccupantsState {
  return { occupants: new Map(), nick, joined: false };
}

/** §15.6: the status code (or destroy, §10.9) that says why an unavailable occupant is gone. */
export function departureReason(presence: MucPresence): DepartureReason {
  const { codes } = presence;
  if (presence.destroyed) return 'destroyed';
  if (codes.has(STATUS.banned)) return 'banned';
  if (codes.has(STATUS.kicked)) return 'kicked';
  if (codes.has(STATUS.affiliationChanged)) return 'affiliation';
  if (codes.has(STATUS.membersOnly)) return 'membersOnly';
  if (codes.has(STATUS.shutdown)) return 'shutdown';
  return 'left';
}

function departureOf(presence: MucPresence): Departure {
  const reason = departureReason(presence);
  const text = presence.destroyed ? presence.destroyed.reason : presence.reason;
  return {
    nick: presence.nick,
    reason,
    ...(presence.actor === undefined ? {} : { actor: presence.actor }),
    ...(text === undefined ? {} : { text }),
    ...(presence.destroyed?.alternate === undefined ? {} : { alternate: presence.destroyed.alternate }),
  };
}

function occupantOf(presence: MucPresence, self: boolean, before: Occupant | undefined): Occupant {
  // A room that stops sending the real JID (or the occupant-id) in a later presence has not changed who it is.
  const jid = presence.jid ?? before?.jid;
  const occupantId = presence.occupantId ?? before?.occupantId;
  return {
    nick: presence.nick,
    role: presence.role,
    affiliation: presence.affiliation,
    ...(jid === undefined ? {} : { jid }),
    ...(occupantId === undefined ? {} : { occupantId }),
    show: presence.show,
    ...(presence.status === undefined ? {} : { status: presence.status }),
    self,
  };
}

/** Applies one available or unavailable presence of the room (not an error one). */
export function reduceOccupants(state: OccupantsState, presence: MucPresence): Reduced {
  // §7.2.3: 110 marks our own presence; a room that forgets it still echoes our nickname.
  const self = presence.codes.has(STATUS.self) || (presence.nick === state.nick && !state.joined);
  const { nick } = presence;

  if (presence.type === 'unavailable') {
    const { occupants } = state;
    occupants.delete(nick);
    // §7.6: 303 with the new nickname; the occupant comes back under it in the next presence.
    if (presence.codes.has(STATUS.nickChanged) && presence.newNick !== undefined) {
      const renamed: OccupantChange = { kind: 'renamed', from: nick, to: presence.newNick };
      return { state: { ...state, occupants, nick: self ? presence.newNick : state.nick }, changes: [renamed] };
    }
    const departure = departureOf(presence);
    const changes: OccupantChange[] = [{ kind: 'departed', departure }];
    // Put out (or out by our own leave): nobody is left in the room as far as we can see.
    if (self) return { state: { occupants: new Map(), nick: state.nick, joined: false }, changes, self: { kind: 'removed', departure } };
    return { state: { ...state, occupants }, changes };
  }

  const occupant = occupantOf(presence, self, state.occupants.get(nick));
  const occupants = state.occupants.set(nick, occupant);
  const changes: OccupantChange[] = [{ kind: 'upsert', occupant }];
  if (!self) return { state: { ...state, occupants }, changes };
  // §7.2.9 (210): the room may give us another nickname than the one we asked for.
  const next: OccupantsState = { occupants, nick, joined: true };
  if (state.joined) return { state: next, changes, self: { kind: 'updated', occupant } };
  const { codes } = presence;
  return {
    state: next,
    changes,
    self: {
      kind: 'joined',
      occupant,
      created: codes.has(STATUS.created),
      nonAnonymous: codes.has(STATUS.nonAnonymous) || codes.has(STATUS.nowNonAnonymous),
      logged: codes.has(STATUS.logging),
    },
  };
}
