// The invitations store: one per room (the newest wins), newest first, bounded, forgotten on answer.
import { describe, expect, it } from 'vitest';
import { createAccountStore } from '../../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../../electron/core/storage/database.ts';
import { createInvitationStore } from '../../../electron/core/storage/messages/invitations.ts';

function setup() {
  const db = openDatabase(':memory:');
  createAccountStore(db).insert({ id: 'a', jid: 'bob@example.org', resource: 'r', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  return { db, accountId: 'a', store: createInvitationStore(db) };
}

describe('room invitations kept', () => {
  it('keeps one per room, the newest, listed newest first with what it said', () => {
    const { db, accountId, store } = setup();
    store.putInvitation(accountId, { room: 'a@muc.example.org', from: 'alice@example.org', kind: 'direct', receivedAt: 1 }, 50);
    store.putInvitation(accountId, { room: 'b@muc.example.org', from: 'carol@example.org', kind: 'mediated', reason: 'Plans', password: 'pw', receivedAt: 2 }, 50);
    store.putInvitation(accountId, { room: 'a@muc.example.org', from: 'dave@example.org', kind: 'mediated', receivedAt: 3 }, 50);
    expect(store.invitations(accountId)).toEqual([
      { room: 'a@muc.example.org', from: 'dave@example.org', kind: 'mediated', receivedAt: 3 },
      { room: 'b@muc.example.org', from: 'carol@example.org', kind: 'mediated', reason: 'Plans', password: 'pw', receivedAt: 2 },
    ]);
    expect(store.dropInvitation(accountId, 'a@muc.example.org')).toBe(true);
    expect(store.dropInvitation(accountId, 'a@muc.example.org')).toBe(false);
    expect(store.invitations(accountId).map((each) => each.room)).toEqual(['b@muc.example.org']);
    db.close();
  });

  it('lets a flood push out the oldest instead of growing', () => {
    const { db, accountId, store } = setup();
    for (let index = 0; index < 30; index += 1) store.putInvitation(accountId, { room: `r${index}@muc.example.org`, from: 'spam@example.org', kind: 'direct', receivedAt: index }, 5);
    expect(store.invitations(accountId).map((each) => each.receivedAt)).toEqual([29, 28, 27, 26, 25]);
    db.close();
  });
});
