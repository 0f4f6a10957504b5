import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/model/message.ts';
import { dayLabel } from '../../../renderer/features/chat/days.ts';
import { lastOwnMessage, messageRows, ownReactions, toggleReaction } from '../../../renderer/features/chat/message-rows.ts';

const at = (day: number, hour: number) => new Date(2026, 10, day, hour).getTime();
const message = (id: string, timestamp: number, extra: Partial<Message> = {}): Message => ({
  id,
  accountId: 'a1',
  peer: 'bob@x',
  kind: 'chat',
  direction: 'in',
  body: id,
  timestamp,
  state: 'received',
  ...extra,
});

describe('rows of the message list', () => {
  it('puts a day heading above the first message of each local day and the unread marker above the first unread', () => {
    const rows = messageRows([message('a', at(20, 9)), message('b', at(20, 23)), message('c', at(21, 0)), message('d', at(23, 12))], 'c');
    expect(rows.map((row) => [row.message.id, row.startsDay, row.firstUnread])).toEqual([
      ['a', true, false],
      ['b', false, false],
      ['c', true, true],
      ['d', true, false],
    ]);
  });

  it('ends a group in a room where the sender changes', () => {
    const from = (nick: string) => ({ kind: 'groupchat' as const, peer: 'tea@conference.x', sender: { nick } });
    const rows = messageRows([message('a', at(20, 9), from('bob')), message('b', at(20, 9), from('bob')), message('c', at(20, 9), from('carol'))], undefined);
    expect(rows.map((row) => row.endsGroup)).toEqual([false, true, true]);
  });

  it('ends a group where the side changes, the day changes, or more than five minutes pass', () => {
    const minute = 60_000;
    const rows = messageRows(
      [
        message('a', at(20, 9)),
        message('b', at(20, 9) + 4 * minute),
        message('c', at(20, 9) + 10 * minute),
        message('d', at(20, 9) + 11 * minute, { direction: 'out' }),
        message('e', at(20, 9) + 12 * minute),
        message('f', at(21, 0)),
      ],
      undefined,
    );
    expect(rows.map((row) => [row.message.id, row.endsGroup])).toEqual([
      ['a', false],
      ['b', true],
      ['c', true],
      ['d', true],
      ['e', true],
      ['f', true],
    ]);
  });

  it('names days Today, Yesterday, or by their localised date', () => {
    const now = at(23, 15);
    expect(dayLabel(at(23, 1), now, 'en-GB')).toBe('Today');
    expect(dayLabel(at(22, 23), now, 'en-GB')).toBe('Yesterday');
    // The same year needs no year; another year says it.
    expect(dayLabel(at(20, 12), now, 'en-GB')).toMatch(/^Friday,? 20 November$/);
    expect(dayLabel(new Date(2025, 0, 2).getTime(), now, 'en-GB')).toMatch(/^Thursday,? 2 January 2025$/);
  });
});

describe('what the message actions work on', () => {
  it('edits only our last message, and not once it was deleted', () => {
    const messages = [message('a', 1, { direction: 'out' }), message('b', 2, { direction: 'out' }), message('c', 3)];
    expect(lastOwnMessage(messages)?.id).toBe('b');
    expect(lastOwnMessage([...messages, message('d', 4, { direction: 'out', retracted: true })])).toBeUndefined();
    expect(lastOwnMessage([message('c', 3)])).toBeUndefined();
  });

  it('sends our whole set of reactions with one emoji toggled (XEP-0444)', () => {
    const reacted = message('a', 1, {
      reactions: [
        { emoji: '👍', senders: ['me@x', 'bob@x'] },
        { emoji: '😂', senders: ['bob@x'] },
      ],
    });
    const own = ownReactions(reacted, 'me@x');
    expect(own).toEqual(['👍']);
    expect(toggleReaction(own, '❤️')).toEqual(['👍', '❤️']);
    expect(toggleReaction(own, '👍')).toEqual([]);
  });
});
