import { describe, expect, it } from 'vitest';
import type { Occupant, Room } from '../../../shared/model/room.ts';
import {
  applyOccupantList,
  applyOccupantsDelta,
  applyRoom,
  applyRoomLeft,
  applyRooms,
  applyRoomsForget,
  initialRooms,
  selectOccupants,
  selectRoom,
} from '../../../renderer/stores/rooms.ts';

const features = {
  membersOnly: false,
  nonAnonymous: false,
  persistent: false,
  passwordProtected: false,
  moderated: false,
  public: true,
  logged: false,
  stanzaIds: true,
  occupantIds: false,
};
const room = (jid: string, extra: Partial<Room> = {}): Room => ({ jid, nick: 'alice', state: 'joined', features, role: 'participant', affiliation: 'none', ...extra });
const occupant = (nick: string, extra: Partial<Occupant> = {}): Occupant => ({ nick, role: 'participant', affiliation: 'none', show: 'online', self: false, ...extra });
const delta = (extra: Partial<Parameters<typeof applyOccupantsDelta>[1]>) => ({
  accountId: 'a1',
  room: 'tea@conference.localhost',
  reset: false,
  upserts: [],
  renamed: [],
  departed: [],
  ...extra,
});
const nicks = (state: typeof initialRooms) => selectOccupants(state, 'a1', 'tea@conference.localhost').map((each) => each.nick);

describe('the rooms slice', () => {
  it('takes the rooms from muc.rooms, a room from muc.room, and drops the occupants of rooms no longer listed', () => {
    let state = applyRooms(initialRooms, 'a1', [room('tea@conference.localhost'), room('cake@conference.localhost')]);
    state = applyOccupantList(state, 'a1', 'cake@conference.localhost', [occupant('bob')]);
    state = applyRoom(state, 'a1', room('tea@conference.localhost', { subject: 'Earl Grey' }));
    expect(selectRoom(state, 'a1', 'tea@conference.localhost')?.subject).toBe('Earl Grey');
    state = applyRooms(state, 'a1', [room('tea@conference.localhost')]);
    expect(selectRoom(state, 'a1', 'cake@conference.localhost')).toBeUndefined();
    expect(selectOccupants(state, 'a1', 'cake@conference.localhost')).toEqual([]);
    expect(selectRoom(state, 'a2', 'tea@conference.localhost')).toBeUndefined();
  });

  it('starts from nobody on a reset, then applies upserts in nickname order', () => {
    let state = applyOccupantList(initialRooms, 'a1', 'tea@conference.localhost', [occupant('zoe')]);
    state = applyOccupantsDelta(state, delta({ reset: true, upserts: [occupant('bob'), occupant('alice', { self: true })] }));
    expect(nicks(state)).toEqual(['alice', 'bob']);
    state = applyOccupantsDelta(state, delta({ upserts: [occupant('bob', { show: 'away' }), occupant('carol')] }));
    expect(nicks(state)).toEqual(['alice', 'bob', 'carol']);
    expect(selectOccupants(state, 'a1', 'tea@conference.localhost').find((each) => each.nick === 'bob')?.show).toBe('away');
  });

  it('moves a renamed occupant to the new nickname and removes those who departed', () => {
    let state = applyOccupantsDelta(initialRooms, delta({ reset: true, upserts: [occupant('alice'), occupant('bob'), occupant('carol')] }));
    state = applyOccupantsDelta(state, delta({ renamed: [{ from: 'bob', to: 'robert' }], upserts: [occupant('robert')], departed: [{ nick: 'carol', reason: 'kicked' }] }));
    expect(nicks(state)).toEqual(['alice', 'robert']);
  });

  it('forgets a room left and an account removed', () => {
    let state = applyRooms(initialRooms, 'a1', [room('tea@conference.localhost')]);
    state = applyOccupantList(state, 'a1', 'tea@conference.localhost', [occupant('bob')]);
    const left = applyRoomLeft(state, 'a1', 'tea@conference.localhost');
    expect(selectRoom(left, 'a1', 'tea@conference.localhost')).toBeUndefined();
    expect(nicks(left)).toEqual([]);
    expect(applyRoomsForget(state, 'a1')).toEqual(initialRooms);
  });
});
