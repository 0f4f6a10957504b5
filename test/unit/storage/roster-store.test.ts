import { describe, expect, it } from 'vitest';
import { createAccountStore } from '../../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../../electron/core/storage/database.ts';
import { createOwnPresenceStore } from '../../../electron/core/storage/own-presence.ts';
import { createRosterStore } from '../../../electron/core/storage/roster.ts';

function setUp() {
  const db = openDatabase(':memory:');
  const accounts = createAccountStore(db);
  accounts.insert({ id: 'a1', jid: 'alice@example.com', resource: 'r', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  return { db, accounts, roster: createRosterStore(db), presence: createOwnPresenceStore(db) };
}

const bob = { jid: 'bob@x', name: 'Bob', groups: ['A', 'B'], subscription: 'both' as const, ask: false, approved: false };

describe('the roster store', () => {
  it('keeps items with their version, replaced whole or changed one at a time', () => {
    const { roster } = setUp();
    expect(roster.load('a1')).toEqual({ items: [], ver: undefined });
    roster.replace('a1', [bob, { jid: 'carol@x', groups: [], subscription: 'none', ask: true, approved: true }], '3');
    expect(roster.load('a1')).toEqual({ items: [bob, { jid: 'carol@x', groups: [], subscription: 'none', ask: true, approved: true }], ver: '3' });
    roster.put('a1', { ...bob, name: 'Robert' }, '4');
    roster.remove('a1', 'carol@x', '5');
    expect(roster.load('a1')).toEqual({ items: [{ ...bob, name: 'Robert' }], ver: '5' });
    roster.replace('a1', [], undefined);
    expect(roster.version('a1')).toBeUndefined();
  });

  it('keeps subscription requests until removed, and forgets everything with the account', () => {
    const { roster, accounts, presence } = setUp();
    roster.putRequest('a1', { jid: 'bob@x', message: 'Hi', receivedAt: 2 });
    roster.putRequest('a1', { jid: 'carol@x', receivedAt: 1 });
    expect(roster.requests('a1')).toEqual([{ jid: 'carol@x', receivedAt: 1 }, { jid: 'bob@x', message: 'Hi', receivedAt: 2 }]);
    expect(roster.removeRequest('a1', 'carol@x')).toBe(true);
    expect(roster.removeRequest('a1', 'carol@x')).toBe(false);
    roster.replace('a1', [bob], '1');
    presence.write('a1', { chosen: { show: 'dnd', status: 'Busy', priority: 2 }, recentStatuses: ['Busy'] });
    expect(presence.read('a1')).toEqual({ chosen: { show: 'dnd', status: 'Busy', priority: 2 }, recentStatuses: ['Busy'] });
    accounts.remove('a1');
    expect(roster.load('a1')).toEqual({ items: [], ver: undefined });
    expect(roster.requests('a1')).toEqual([]);
    expect(presence.read('a1')).toBeUndefined();
  });

  it('keeps the 200 newest subscription requests, answering the JIDs it dropped, and shortens their words', () => {
    const { roster } = setUp();
    for (let n = 0; n < 200; n += 1) expect(roster.putRequest('a1', { jid: `spam${n}@x`, receivedAt: 1_000 + n })).toEqual([]);
    // Repeated at sign-in with its first arrival time: still one of the 200, nothing dropped.
    expect(roster.putRequest('a1', { jid: 'spam0@x', receivedAt: 1_000 })).toEqual([]);
    expect(roster.putRequest('a1', { jid: 'friend@x', message: 'é'.repeat(2_000), receivedAt: 5_000 })).toEqual(['spam0@x']);
    // Same arrival time: the later one counts as newer.
    expect(roster.putRequest('a1', { jid: 'a@x', receivedAt: 5_000 })).toEqual(['spam1@x']);
    const requests = roster.requests('a1');
    expect(requests).toHaveLength(200);
    expect(requests.find((request) => request.jid === 'friend@x')).toEqual({ jid: 'friend@x', message: `${'é'.repeat(499)}…`, receivedAt: 5_000 });
    expect(requests.map((request) => request.jid)).toContain('a@x');
    expect(requests[0]?.jid).toBe('spam2@x');
  });
});
