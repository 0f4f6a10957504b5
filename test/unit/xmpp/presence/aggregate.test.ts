import { describe, expect, it } from 'vitest';
import { aggregatePresence, leadingResource, type TimedResource } from '../../../../electron/core/xmpp/presence/aggregate.ts';

const resource = (name: string, show: TimedResource['show'], priority: number, seq: number, status?: string): TimedResource => ({
  resource: name,
  show,
  priority,
  seq,
  ...(status === undefined ? {} : { status }),
});

describe('a contact’s shown presence', () => {
  it('is offline without an available resource', () => {
    expect(aggregatePresence([])).toEqual({ show: 'offline' });
  });

  it('follows the highest priority (RFC 6121 §4.7.2.3), negative ones included', () => {
    expect(aggregatePresence([resource('desk', 'online', 0, 1, 'Here'), resource('phone', 'away', 10, 2, 'Out')])).toEqual({ show: 'away', status: 'Out' });
    expect(aggregatePresence([resource('bot', 'dnd', -5, 1)])).toEqual({ show: 'dnd' });
  });

  it('breaks a priority tie by the more available show, then by the latest presence', () => {
    expect(leadingResource([resource('a', 'xa', 1, 5), resource('b', 'chat', 1, 1), resource('c', 'online', 1, 9)])?.resource).toBe('b');
    expect(leadingResource([resource('a', 'away', 1, 5), resource('b', 'dnd', 1, 9)])?.resource).toBe('a');
    expect(leadingResource([resource('a', 'online', 1, 5), resource('b', 'online', 1, 9)])?.resource).toBe('b');
  });
});
