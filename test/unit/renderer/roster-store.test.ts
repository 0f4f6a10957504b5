import { describe, expect, it } from 'vitest';
import type { RosterSnapshot } from '../../../shared/ipc/contract.ts';
import {
  applyForget,
  applyLoadFailed,
  applyOwnPresence,
  applyRequests,
  applyRosterChanged,
  applyRosterSnapshot,
  initialRoster,
  selectContact,
  selectGroupNames,
} from '../../../renderer/stores/roster.ts';
import { contact } from './contact-fixtures.ts';

const snapshot: RosterSnapshot = {
  contacts: [contact('bob@example.org', { name: 'Bob', groups: ['Friends'] }), contact('carol@example.org', { groups: ['Work', 'Friends'] })],
  requests: [{ jid: 'dan@example.org', message: 'hi', receivedAt: 1 }],
  presence: { show: 'online', status: 'Here', priority: 0 },
  recentStatuses: ['Here'],
  invisibility: 'xep-0186',
};

describe('roster slice', () => {
  it('a snapshot fills the account, keyed by bare JID, and marks it loaded', () => {
    const state = applyRosterSnapshot(initialRoster, 'a', snapshot);
    const roster = state.byAccount.a;
    expect(roster?.loaded).toBe(true);
    expect([...(roster?.contacts.keys() ?? [])]).toEqual(['bob@example.org', 'carol@example.org']);
    expect(roster?.requests).toHaveLength(1);
    expect(roster?.presence.status).toBe('Here');
    expect(selectContact(state, 'a', 'bob@example.org')?.name).toBe('Bob');
  });

  it('roster.changed upserts replace the contact with the same JID and add new ones', () => {
    const before = applyRosterSnapshot(initialRoster, 'a', snapshot);
    const after = applyRosterChanged(before, {
      accountId: 'a',
      upserts: [contact('bob@example.org', { name: 'Bobby', show: 'away' }), contact('erin@example.org')],
      removed: [],
    });
    expect(selectContact(after, 'a', 'bob@example.org')).toMatchObject({ name: 'Bobby', show: 'away' });
    expect(after.byAccount.a?.contacts.size).toBe(3);
    expect(selectContact(before, 'a', 'bob@example.org')?.name).toBe('Bob');
  });

  it('roster.changed removals drop the contacts, and an empty delta changes nothing', () => {
    const before = applyRosterSnapshot(initialRoster, 'a', snapshot);
    const after = applyRosterChanged(before, { accountId: 'a', upserts: [], removed: ['carol@example.org', 'nobody@example.org'] });
    expect([...(after.byAccount.a?.contacts.keys() ?? [])]).toEqual(['bob@example.org']);
    expect(applyRosterChanged(after, { accountId: 'a', upserts: [], removed: [] })).toBe(after);
  });

  it('deltas for an account without a snapshot are kept, and it stays not loaded', () => {
    const state = applyRosterChanged(initialRoster, { accountId: 'b', upserts: [contact('x@example.org')], removed: [] });
    expect(state.byAccount.b?.loaded).toBe(false);
    expect(state.byAccount.b?.contacts.has('x@example.org')).toBe(true);
  });

  it('requests and own presence are replaced by their events', () => {
    let state = applyRosterSnapshot(initialRoster, 'a', snapshot);
    state = applyRequests(state, { accountId: 'a', requests: [] });
    state = applyOwnPresence(state, {
      accountId: 'a',
      presence: { show: 'away', status: 'Lunch', priority: 0, auto: 'away' },
      recentStatuses: ['Lunch', 'Here'],
      invisibility: 'unavailable',
    });
    expect(state.byAccount.a).toMatchObject({ requests: [], recentStatuses: ['Lunch', 'Here'], invisibility: 'unavailable' });
    expect(state.byAccount.a?.presence.auto).toBe('away');
    expect(state.byAccount.a?.contacts.size).toBe(2);
  });

  it('a failed load is remembered until a snapshot arrives; forgetting an account drops it', () => {
    let state = applyLoadFailed(initialRoster, 'a', 'No answer.');
    expect(state.byAccount.a?.loadError).toBe('No answer.');
    state = applyRosterSnapshot(state, 'a', snapshot);
    expect(state.byAccount.a?.loadError).toBeUndefined();
    expect(applyForget(state, 'a').byAccount).toEqual({});
    expect(applyForget(state, 'zzz')).toBe(state);
  });

  it('lists the group names in use, sorted, once each', () => {
    const state = applyRosterSnapshot(initialRoster, 'a', snapshot);
    expect(selectGroupNames(state.byAccount.a)).toEqual(['Friends', 'Work']);
    expect(selectGroupNames(undefined)).toEqual([]);
  });
});
