// The muc.* commands and events of the contract: what the renderer may ask and what it is told.
import { describe, expect, it } from 'vitest';
import { commands, events } from '../../../shared/ipc/contract.ts';

const valid = (name: keyof typeof commands, request: unknown) => commands[name].request.safeParse(request).success;

describe('the group chat commands of the contract', () => {
  it('joins with a nickname that is not blank, and an optional password', () => {
    expect(valid('muc.join', { accountId: 'a1', room: 'tea@conference.x', nick: 'Alice' })).toBe(true);
    expect(valid('muc.join', { accountId: 'a1', room: 'tea@conference.x', nick: 'Alice', password: 'sesame' })).toBe(true);
    expect(valid('muc.join', { accountId: 'a1', room: 'tea@conference.x', nick: '   ' })).toBe(false);
    expect(valid('muc.join', { accountId: 'a1', room: 'tea@conference.x' })).toBe(false);
    expect(valid('muc.join', { accountId: 'a1', room: 'tea@conference.x', nick: 'Alice', history: 'all' })).toBe(false);
  });

  it('creates with one of the presets only', () => {
    for (const preset of ['instant', 'public', 'private', 'custom']) expect(valid('muc.create', { accountId: 'a1', room: 'r@c.x', nick: 'A', preset })).toBe(true);
    expect(valid('muc.create', { accountId: 'a1', room: 'r@c.x', nick: 'A', preset: 'secret' })).toBe(false);
  });

  it('configures with lists of values per field', () => {
    expect(valid('muc.configure', { accountId: 'a1', room: 'r@c.x', answers: { 'muc#roomconfig_persistentroom': ['1'], 'muc#roomconfig_roomowners': ['a@x', 'b@x'] } })).toBe(true);
    expect(valid('muc.configure', { accountId: 'a1', room: 'r@c.x', answers: { 'muc#roomconfig_persistentroom': true } })).toBe(false);
    expect(valid('muc.configure', { accountId: 'a1', room: 'r@c.x', answers: { '': ['x'] } })).toBe(false);
  });

  it('lists 100 rooms by default, at most 500', () => {
    expect(commands['muc.list'].request.parse({ accountId: 'a1' }).limit).toBe(100);
    expect(valid('muc.list', { accountId: 'a1', limit: 501 })).toBe(false);
  });

  it('changes roles an occupant keeps in the room, affiliations of any kind, and reads the four lists', () => {
    for (const role of ['moderator', 'participant', 'visitor']) expect(valid('muc.setRole', { accountId: 'a1', room: 'r@c.x', nick: 'bob', role })).toBe(true);
    expect(valid('muc.setRole', { accountId: 'a1', room: 'r@c.x', nick: 'bob', role: 'none' })).toBe(false);
    for (const affiliation of ['owner', 'admin', 'member', 'outcast', 'none']) expect(valid('muc.setAffiliation', { accountId: 'a1', room: 'r@c.x', jid: 'bob@x', affiliation, reason: 'r' })).toBe(true);
    expect(valid('muc.setAffiliation', { accountId: 'a1', room: 'r@c.x', jid: 'bob@x', affiliation: 'moderator' })).toBe(false);
    expect(valid('muc.affiliations', { accountId: 'a1', room: 'r@c.x', affiliation: 'outcast' })).toBe(true);
    expect(valid('muc.affiliations', { accountId: 'a1', room: 'r@c.x', affiliation: 'none' })).toBe(false);
  });

  it('tells occupant changes as batched deltas with renames and departures', () => {
    const delta = {
      accountId: 'a1',
      room: 'r@c.x',
      reset: false,
      upserts: [{ nick: 'bob', role: 'participant', affiliation: 'member', show: 'away', self: false }],
      renamed: [{ from: 'bobby', to: 'bob' }],
      departed: [{ nick: 'eve', reason: 'banned', actor: 'alice', text: 'spam' }],
    };
    expect(events['muc.occupants'].safeParse(delta).success).toBe(true);
    expect(events['muc.occupants'].safeParse({ ...delta, departed: [{ nick: 'eve', reason: 'vanished' }] }).success).toBe(false);
  });
});
