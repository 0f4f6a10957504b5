import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../shared/model/contact.ts';
import type { Conversation } from '../../../shared/model/message.ts';
import { jumpTargets, MAX_TARGETS } from '../../../renderer/features/jump/jump-matches.ts';

function contact(jid: string, name?: string): Contact {
  return { jid, ...(name === undefined ? {} : { name }), groups: [], subscription: 'both', pendingOut: false, approved: false, show: 'offline', resources: [] };
}
const conversation = (peer: string): Conversation => ({ peer, unread: 0, muted: false });

describe('"Go to" targets', () => {
  const contacts = new Map([contact('bob@x', 'Bob Durand'), contact('zoe@x', 'Zoé'), contact('ann@x', 'Ann'), contact('carl@x')].map((c) => [c.jid, c]));

  it('offers the recent conversations alone while nothing is typed', () => {
    expect(jumpTargets('', [conversation('zoe@x'), conversation('stranger@y')], contacts).map((target) => target.name)).toEqual(['Zoé', 'stranger@y']);
  });

  it('matches names and addresses without case or accents, conversations first, then contacts by name', () => {
    expect(jumpTargets('zoe', [], contacts).map((target) => target.peer)).toEqual(['zoe@x']);
    expect(jumpTargets('A', [conversation('carl@x')], contacts).map((target) => target.peer)).toEqual(['carl@x', 'ann@x', 'bob@x']);
    expect(jumpTargets('@y', [conversation('stranger@y')], contacts)).toEqual([{ peer: 'stranger@y', name: 'stranger@y', contact: undefined }]);
    expect(jumpTargets('nobody', [conversation('stranger@y')], contacts)).toEqual([]);
  });

  it('never offers one peer twice, nor more than a screenful', () => {
    expect(jumpTargets('bob', [conversation('bob@x')], contacts).map((target) => target.peer)).toEqual(['bob@x']);
    const many = new Map(Array.from({ length: 100 }, (_, index) => contact(`user${index}@x`)).map((c) => [c.jid, c]));
    expect(jumpTargets('user', [], many)).toHaveLength(MAX_TARGETS);
  });
});
