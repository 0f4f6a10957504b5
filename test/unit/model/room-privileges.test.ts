// What our role and affiliation let us do to another occupant (XEP-0045 §5.1.1, §5.2.1): the menu offers only that.
import { describe, expect, it } from 'vitest';
import type { Affiliation, Role } from '../../../shared/model/room.ts';
import { mayChangeAffiliation, mayEditList, mayModerateMessages, mayRequestVoice, occupantActions } from '../../../shared/model/room-privileges.ts';

const own = (role: Role, affiliation: Affiliation) => ({ role, affiliation });
const occupant = (role: Role, affiliation: Affiliation, jid: string | null = 'bob@x') => ({ role, affiliation, self: false, ...(jid === null ? {} : { jid }) });

describe('the actions our standing allows on an occupant', () => {
  it('lets a plain participant or a visitor do nothing to anyone', () => {
    expect(occupantActions(own('participant', 'none'), occupant('participant', 'none'))).toEqual([]);
    expect(occupantActions(own('participant', 'member'), occupant('visitor', 'none'))).toEqual([]);
    expect(occupantActions(own('visitor', 'none'), occupant('visitor', 'none'))).toEqual([]);
  });

  it('lets a moderator without affiliation give voice and kick, but not revoke voice from an equal (§8.4) nor touch lists', () => {
    expect(occupantActions(own('moderator', 'none'), occupant('visitor', 'none'))).toEqual(['grantVoice', 'kick']);
    expect(occupantActions(own('moderator', 'none'), occupant('participant', 'none'))).toEqual(['kick']);
    // §8.2: never above us.
    expect(occupantActions(own('moderator', 'none'), occupant('participant', 'member'))).toEqual([]);
  });

  it('lets a member moderator revoke voice from an unaffiliated participant', () => {
    expect(occupantActions(own('moderator', 'member'), occupant('participant', 'none'))).toEqual(['revokeVoice', 'kick']);
  });

  it('lets an admin manage moderators and the member and ban lists, not admins or owners', () => {
    expect(occupantActions(own('moderator', 'admin'), occupant('participant', 'none'))).toEqual(['revokeVoice', 'grantModerator', 'makeMember', 'kick', 'ban']);
    expect(occupantActions(own('moderator', 'admin'), occupant('moderator', 'member'))).toEqual(['revokeModerator', 'removeAffiliation', 'kick', 'ban']);
    expect(occupantActions(own('moderator', 'admin'), occupant('moderator', 'admin'))).toEqual([]);
    expect(occupantActions(own('moderator', 'admin'), occupant('moderator', 'owner'))).toEqual([]);
  });

  it('lets an owner make admins and owners and take any affiliation away, but never kick or revoke an admin’s voice (§8.2, §8.4)', () => {
    expect(occupantActions(own('moderator', 'owner'), occupant('moderator', 'admin'))).toEqual(['makeMember', 'makeOwner', 'removeAffiliation', 'ban']);
    expect(occupantActions(own('moderator', 'owner'), occupant('visitor', 'none'))).toEqual(['grantVoice', 'grantModerator', 'makeMember', 'makeAdmin', 'makeOwner', 'kick', 'ban']);
    expect(occupantActions(own('moderator', 'owner'), occupant('moderator', 'owner'))).toEqual(['makeMember', 'makeAdmin', 'removeAffiliation', 'ban']);
  });

  it('offers no affiliation change without the occupant’s real JID (an anonymous room), and nothing on ourselves', () => {
    expect(occupantActions(own('moderator', 'owner'), occupant('participant', 'none', null))).toEqual(['revokeVoice', 'grantModerator', 'kick']);
    expect(occupantActions(own('moderator', 'owner'), { ...occupant('moderator', 'owner'), self: true })).toEqual([]);
  });
});

describe('the lists and requests our standing allows', () => {
  it('lets owners edit every list and admins only the member and ban lists (§5.2.1)', () => {
    for (const list of ['owner', 'admin', 'member', 'outcast'] as const) expect(mayEditList('owner', list)).toBe(true);
    expect(['owner', 'admin', 'member', 'outcast'].filter((list) => mayEditList('admin', list as Affiliation))).toEqual(['member', 'outcast']);
    expect(mayEditList('member', 'member')).toBe(false);
    expect(mayChangeAffiliation(own('moderator', 'admin'), 'outcast', 'none')).toBe(true);
    expect(mayChangeAffiliation(own('moderator', 'admin'), 'member', 'admin')).toBe(false);
    expect(mayChangeAffiliation(own('moderator', 'owner'), 'member', 'member')).toBe(false);
  });

  it('lets a visitor ask for voice (§7.13) and a moderator remove messages (XEP-0425)', () => {
    expect(mayRequestVoice(own('visitor', 'none'))).toBe(true);
    expect(mayRequestVoice(own('participant', 'none'))).toBe(false);
    expect(mayModerateMessages(own('moderator', 'none'))).toBe(true);
    expect(mayModerateMessages(own('participant', 'owner'))).toBe(false);
  });
});
