// Which avatar each contact has (and ours), per account, kept across runs so a restart shows them without fetching again.
import type { Database } from './database.ts';

/** Where a contact's avatar hash came from: XEP-0084 wins over XEP-0153 once seen. */
export type AvatarSource = 'pep' | 'vcard';

export interface AvatarStore {
  contacts(accountId: string): Map<string, { hash: string; source: AvatarSource }>;
  setContact(accountId: string, jid: string, value: { hash: string; source: AvatarSource } | undefined): void;
  own(accountId: string): string | undefined;
  setOwn(accountId: string, hash: string | undefined): void;
}

export function createAvatarStore(db: Database): AvatarStore {
  const selectContacts = db.prepare('SELECT jid, hash, source FROM contact_avatars WHERE account_id = ?');
  const upsertContact = db.prepare(
    'INSERT INTO contact_avatars (account_id, jid, hash, source) VALUES (?, ?, ?, ?) ON CONFLICT (account_id, jid) DO UPDATE SET hash = excluded.hash, source = excluded.source',
  );
  const deleteContact = db.prepare('DELETE FROM contact_avatars WHERE account_id = ? AND jid = ?');
  const selectOwn = db.prepare('SELECT hash FROM own_avatars WHERE account_id = ?');
  const upsertOwn = db.prepare('INSERT INTO own_avatars (account_id, hash) VALUES (?, ?) ON CONFLICT (account_id) DO UPDATE SET hash = excluded.hash');
  const deleteOwn = db.prepare('DELETE FROM own_avatars WHERE account_id = ?');
  return {
    contacts(accountId) {
      const rows = selectContacts.all(accountId) as { jid: string; hash: string; source: AvatarSource }[];
      return new Map(rows.map((row) => [row.jid, { hash: row.hash, source: row.source }]));
    },
    setContact(accountId, jid, value) {
      if (value) upsertContact.run(accountId, jid, value.hash, value.source);
      else deleteContact.run(accountId, jid);
    },
    own: (accountId) => (selectOwn.get(accountId) as { hash: string } | undefined)?.hash,
    setOwn(accountId, hash) {
      if (hash) upsertOwn.run(accountId, hash);
      else deleteOwn.run(accountId);
    },
  };
}
