import { describe, expect, it } from 'vitest';
import { createOwnPresenceState, rememberStatus } from '../../../electron/core/accounts/own-presence-state.ts';
import { createAccountStore } from '../../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../../electron/core/storage/database.ts';
import { createOwnPresenceStore } from '../../../electron/core/storage/own-presence.ts';

function setUp() {
  const db = openDatabase(':memory:');
  createAccountStore(db).insert({ id: 'a1', jid: 'alice@example.com', resource: 'r', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  return { db, state: createOwnPresenceState(createOwnPresenceStore(db)) };
}

describe('own presence state', () => {
  it('keeps the five latest distinct status messages, newest first', () => {
    let recent: string[] = [];
    for (const status of ['a', 'b', '', 'c', 'a', 'd', 'e', 'f']) recent = rememberStatus(recent, status);
    expect(recent).toEqual(['f', 'e', 'd', 'a', 'c']);
  });

  it('starts online, keeps a choice, and keeps status and priority when only the show changes', () => {
    const { db, state } = setUp();
    expect(state.effective('a1')).toEqual({ show: 'online', status: '', priority: 0 });
    state.choose('a1', { show: 'dnd', status: 'Busy', priority: 4 });
    state.choose('a1', { show: 'away' });
    expect(state.effective('a1')).toEqual({ show: 'away', status: 'Busy', priority: 4 });
    expect(createOwnPresenceState(createOwnPresenceStore(db)).recentStatuses('a1')).toEqual(['Busy']);
  });

  it('shows the automatic state over the choice with its idle time, until activity or a new choice', () => {
    const { state } = setUp();
    expect(state.setAuto('a1', 'away', 1_000)).toBe(true);
    expect(state.setAuto('a1', 'away', 2_000)).toBe(false);
    expect(state.setAuto('a1', 'xa', 3_000)).toBe(true);
    expect(state.announced('a1')).toEqual({ show: 'xa', auto: 'xa', status: '', priority: 0, idleSince: 1_000 });
    expect(state.chosen('a1').show).toBe('online');
    state.choose('a1', { show: 'chat' });
    expect(state.auto('a1')).toBeUndefined();
    expect(state.effective('a1')).toEqual({ show: 'chat', status: '', priority: 0 });
  });

  it('remembers the state left for "offline", for the next sign-in, across a restart', () => {
    const { db, state } = setUp();
    expect(state.resumeShow('a1')).toBe('online');
    state.choose('a1', { show: 'dnd', status: 'In a meeting' });
    state.choose('a1', { show: 'offline' });
    state.choose('a1', { show: 'offline' });
    const again = createOwnPresenceState(createOwnPresenceStore(db));
    expect(again.resumeShow('a1')).toBe('dnd');
    expect(again.chosen('a1')).toMatchObject({ show: 'offline', status: 'In a meeting' });
  });
});
