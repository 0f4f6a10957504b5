// Rooms slice (XEP-0045): per account, the rooms of this session by bare JID, and each room's occupants by nickname.
import { create } from 'zustand';
import type { EventPayload } from '../../shared/ipc/contract.ts';
import type { Invitation, Occupant, Room } from '../../shared/model/room.ts';

export interface AccountRooms {
  readonly rooms: Readonly<Record<string, Room>>;
  /** Per room; a room not here has had no occupants read yet. */
  readonly occupants: Readonly<Record<string, readonly Occupant[]>>;
  /** Invitations to rooms waiting for an answer, newest first. */
  readonly invitations: readonly Invitation[];
}

export interface RoomsState {
  readonly byAccount: Readonly<Record<string, AccountRooms>>;
}

export const initialRooms: RoomsState = { byAccount: {} };
const empty: AccountRooms = { rooms: {}, occupants: {}, invitations: [] };
const noInvitations: readonly Invitation[] = [];
/** One shared empty list: a selector must return the same value while nothing changed. */
const nobody: readonly Occupant[] = [];

function withAccount(state: RoomsState, accountId: string, change: (rooms: AccountRooms) => AccountRooms): RoomsState {
  return { byAccount: { ...state.byAccount, [accountId]: change(state.byAccount[accountId] ?? empty) } };
}

const byNick = (a: Occupant, b: Occupant) => a.nick.localeCompare(b.nick);

/** muc.rooms: the account's rooms now; occupants of rooms no longer listed go with them. */
export function applyRooms(state: RoomsState, accountId: string, rooms: readonly Room[]): RoomsState {
  return withAccount(state, accountId, (before) => {
    const jids = new Set(rooms.map((room) => room.jid));
    return {
      ...before,
      rooms: Object.fromEntries(rooms.map((room) => [room.jid, room])),
      occupants: Object.fromEntries(Object.entries(before.occupants).filter(([jid]) => jids.has(jid))),
    };
  });
}

/** muc.room: one room's new state. */
export function applyRoom(state: RoomsState, accountId: string, room: Room): RoomsState {
  return withAccount(state, accountId, (before) => ({ ...before, rooms: { ...before.rooms, [room.jid]: room } }));
}

/** muc.leave answered: the room is no longer ours this session. */
export function applyRoomLeft(state: RoomsState, accountId: string, jid: string): RoomsState {
  return withAccount(state, accountId, (before) => ({
    ...before,
    rooms: Object.fromEntries(Object.entries(before.rooms).filter(([key]) => key !== jid)),
    occupants: Object.fromEntries(Object.entries(before.occupants).filter(([key]) => key !== jid)),
  }));
}

/** muc.occupants (the command): the whole list, replacing what was held. */
export function applyOccupantList(state: RoomsState, accountId: string, jid: string, occupants: readonly Occupant[]): RoomsState {
  return withAccount(state, accountId, (before) => ({ ...before, occupants: { ...before.occupants, [jid]: [...occupants].sort(byNick) } }));
}

/**
 * muc.occupants (the event): a reset starts from nobody; renamed and departed nicknames go, then upserts replace or add
 * (a nickname is in one or the other within a batch, so the order does not lose anyone).
 */
export function applyOccupantsDelta(state: RoomsState, delta: EventPayload<'muc.occupants'>): RoomsState {
  return withAccount(state, delta.accountId, (before) => {
    const gone = new Set([...delta.renamed.map((rename) => rename.from), ...delta.departed.map((departure) => departure.nick)]);
    const fresh = new Map(delta.upserts.map((occupant) => [occupant.nick, occupant]));
    const held = delta.reset ? nobody : (before.occupants[delta.room] ?? nobody);
    const kept = held.filter((occupant) => !gone.has(occupant.nick) && !fresh.has(occupant.nick));
    return { ...before, occupants: { ...before.occupants, [delta.room]: [...kept, ...fresh.values()].sort(byNick) } };
  });
}

/** muc.invitations (the command's answer or the event): the whole list now. */
export function applyInvitations(state: RoomsState, accountId: string, invitations: readonly Invitation[]): RoomsState {
  return withAccount(state, accountId, (before) => ({ ...before, invitations }));
}

export function applyRoomsForget(state: RoomsState, accountId: string): RoomsState {
  if (!(accountId in state.byAccount)) return state;
  return { byAccount: Object.fromEntries(Object.entries(state.byAccount).filter(([id]) => id !== accountId)) };
}

export function selectRoom(state: RoomsState, accountId: string | undefined, jid: string): Room | undefined {
  return accountId === undefined ? undefined : state.byAccount[accountId]?.rooms[jid];
}

export function selectInvitations(state: RoomsState, accountId: string | undefined): readonly Invitation[] {
  return (accountId === undefined ? undefined : state.byAccount[accountId]?.invitations) ?? noInvitations;
}

export function selectOccupants(state: RoomsState, accountId: string | undefined, jid: string): readonly Occupant[] {
  return (accountId === undefined ? undefined : state.byAccount[accountId]?.occupants[jid]) ?? nobody;
}

interface RoomsActions {
  readonly loaded: (accountId: string, rooms: readonly Room[]) => void;
  readonly room: (accountId: string, room: Room) => void;
  readonly left: (accountId: string, jid: string) => void;
  readonly occupantList: (accountId: string, jid: string, occupants: readonly Occupant[]) => void;
  /** muc.occupants events, a frame's worth at a time, in order. */
  readonly occupantDeltas: (deltas: readonly EventPayload<'muc.occupants'>[]) => void;
  readonly invitations: (accountId: string, invitations: readonly Invitation[]) => void;
  readonly forget: (accountId: string) => void;
}

export const useRooms = create<RoomsState & RoomsActions>()((set) => ({
  ...initialRooms,
  loaded: (accountId, rooms) => set((state) => applyRooms(state, accountId, rooms)),
  room: (accountId, room) => set((state) => applyRoom(state, accountId, room)),
  left: (accountId, jid) => set((state) => applyRoomLeft(state, accountId, jid)),
  occupantList: (accountId, jid, occupants) => set((state) => applyOccupantList(state, accountId, jid, occupants)),
  occupantDeltas: (deltas) => set((state) => deltas.reduce(applyOccupantsDelta, state)),
  invitations: (accountId, invitations) => set((state) => applyInvitations(state, accountId, invitations)),
  forget: (accountId) => set((state) => applyRoomsForget(state, accountId)),
}));
