// A room's members for encryption (XEP-0045 §9.5, §10.5, §10.8 lists with the occupants' real JIDs), read once and again
// after a change; the room's notice of an absent user's new affiliation (example 195); who sent a room message.
import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { Occupant } from '../../../../shared/model/room.ts';
import { isAffiliationNotice, setupRoomMembers } from '../../../../electron/core/xmpp/muc/room-members.ts';
import { fakeConnection } from '../fake-connection.ts';

const NS_ADMIN = 'http://jabber.org/protocol/muc#admin';
const NS_USER = 'http://jabber.org/protocol/muc#user';
const room = 'plans@conference.x';

const occupant = (nick: string, jid: string | undefined, occupantId?: string): Occupant => ({
  nick,
  role: 'participant',
  affiliation: 'member',
  ...(jid === undefined ? {} : { jid }),
  ...(occupantId === undefined ? {} : { occupantId }),
  show: 'online',
  self: false,
});

function membersOf(lists: Record<string, string[]>, occupants: Occupant[]) {
  const fake = fakeConnection((request) => {
    const affiliation = String(request.getChild('query', NS_ADMIN)?.getChild('item')?.attrs.affiliation);
    return xml('iq', { type: 'result' }, xml('query', { xmlns: NS_ADMIN }, ...(lists[affiliation] ?? []).map((jid) => xml('item', { jid, affiliation }))));
  });
  return { connection: fake, members: setupRoomMembers({ connection: fake.connection, ownJid: 'alice@x', occupants: () => occupants }) };
}

describe('a room’s members', () => {
  it('are the member, admin and owner lists with the occupants’ bare JIDs, ours left out, each once', async () => {
    const { connection, members } = membersOf({ member: ['Bob@X', 'carol@x'], admin: [], owner: ['alice@x'] }, [occupant('Dave', 'dave@x/phone'), occupant('Bob', 'bob@x/laptop'), occupant('Ghost', undefined)]);
    expect(await members.members(room)).toEqual(['bob@x', 'carol@x', 'dave@x']);
    expect(connection.requests).toHaveLength(3);
    await members.members(room);
    expect(connection.requests).toHaveLength(3);
    members.changed(room);
    await members.members(room);
    expect(connection.requests).toHaveLength(6);
  });

  it('names the sender of a live message by occupant-id, else by nickname; of a replayed one by the JID the room vouches for', () => {
    const { members } = membersOf({}, [occupant('Bob', 'bob@x/laptop', 'id-bob'), occupant('Carol', 'carol@x/phone', 'id-carol')]);
    const live = xml('message', { type: 'groupchat', from: `${room}/Bob` }, xml('occupant-id', { xmlns: 'urn:xmpp:occupant-id:0', id: 'id-carol' }));
    expect(members.sender(live, { source: 'live' }, room)).toBe('carol@x');
    expect(members.sender(xml('message', { type: 'groupchat', from: `${room}/Bob` }), { source: 'live' }, room)).toBe('bob@x');
    expect(members.sender(xml('message', { type: 'groupchat', from: `${room}/Nobody` }), { source: 'live' }, room)).toBeUndefined();
    // The room's own item comes last, after anything the sender put in.
    const archived = xml('message', { type: 'groupchat', from: `${room}/Bob` }, xml('x', { xmlns: NS_USER }, xml('item', { jid: 'mallory@x' })), xml('x', { xmlns: NS_USER }, xml('item', { jid: 'eve@x/home' })));
    expect(members.sender(archived, { source: 'archive', archive: room }, room)).toBe('eve@x');
    const replayed = xml('message', { type: 'groupchat', from: `${room}/Bob` }, xml('delay', { xmlns: 'urn:xmpp:delay', from: room, stamp: '2026-01-01T00:00:00Z' }));
    expect(members.sender(replayed, { source: 'live' }, room)).toBeUndefined();
    expect(members.sender(live, { source: 'live' }, 'other@conference.x')).toBeUndefined();
  });

  it('tells the room’s notice of an affiliation change apart from its other messages', () => {
    expect(isAffiliationNotice(xml('message', { from: room }, xml('x', { xmlns: NS_USER }, xml('item', { affiliation: 'member', jid: 'dave@x' }))))).toBe(true);
    expect(isAffiliationNotice(xml('message', { from: room }, xml('body', {}, 'hi'), xml('x', { xmlns: NS_USER }, xml('item', { affiliation: 'member' }))))).toBe(false);
    expect(isAffiliationNotice(xml('message', { from: room }, xml('x', { xmlns: NS_USER }, xml('invite', { from: 'bob@x' }))))).toBe(false);
  });
});
