// The message store is its parts spread into one object: no part may shadow another's method.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/storage/database.ts';
import { createMessageStore } from '../../../electron/core/storage/messages.ts';
import { createArchiveStateStore } from '../../../electron/core/storage/messages/archive-state.ts';
import { createConversationStore } from '../../../electron/core/storage/messages/conversations.ts';
import { createEncryptionStore } from '../../../electron/core/storage/messages/encryption.ts';
import { createInvitationStore } from '../../../electron/core/storage/messages/invitations.ts';
import { createMessageHistory } from '../../../electron/core/storage/messages/history.ts';
import { createMessageRecords } from '../../../electron/core/storage/messages/messages.ts';
import { createOutboxStore } from '../../../electron/core/storage/messages/outbox.ts';
import { createRowReader } from '../../../electron/core/storage/messages/rows.ts';

describe('the message store’s parts', () => {
  it('name disjoint methods, and the store offers exactly theirs and batch', () => {
    const db = openDatabase(':memory:');
    const reader = createRowReader(db);
    const parts = {
      messages: createMessageRecords(db, reader),
      history: createMessageHistory(db, reader),
      conversations: createConversationStore(db),
      outbox: createOutboxStore(db),
      archiveState: createArchiveStateStore(db),
      invitations: createInvitationStore(db),
      encryption: createEncryptionStore(db, reader),
    };
    const owners = new Map<string, string[]>();
    for (const [part, methods] of Object.entries(parts)) for (const name of Object.keys(methods)) owners.set(name, [...(owners.get(name) ?? []), part]);
    expect([...owners].filter(([, of]) => of.length > 1)).toEqual([]);
    expect(Object.keys(createMessageStore(db)).sort()).toEqual([...owners.keys(), 'batch'].sort());
    expect(Object.keys(parts.outbox).sort()).toEqual(['addReference', 'pending', 'references', 'removeReference']);
    expect(Object.keys(parts.archiveState).sort()).toEqual(['archiveComplete', 'archiveCursor', 'setArchiveComplete', 'setArchiveCursor']);
    expect(Object.keys(parts.invitations).sort()).toEqual(['dropInvitation', 'invitations', 'putInvitation']);
    expect(Object.keys(parts.encryption).sort()).toEqual(['encryptionChoice', 'markEncrypted', 'setEncryptionChoice']);
    db.close();
  });
});
