// Chat messages per account and peer; the same message seen live, as a carbon and in the archive is kept once (XEP-0359).
// One store composed of its parts in messages/, so its callers see a single MessageStore.
import type { Database } from './database.ts';
import { createArchiveStateStore, type ArchiveStateStore } from './messages/archive-state.ts';
import { createConversationStore, type ConversationStore, type ConversationStoreOptions } from './messages/conversations.ts';
import { createEncryptionStore, type EncryptionStore } from './messages/encryption.ts';
import { createMessageHistory, type MessageHistory } from './messages/history.ts';
import { createInvitationStore, type InvitationStore } from './messages/invitations.ts';
import { createMessageRecords, type MessageRecords } from './messages/messages.ts';
import { createOutboxStore, type OutboxStore } from './messages/outbox.ts';
import { createRowReader } from './messages/rows.ts';

// The store's vocabulary, named where its callers have always found it.
export type { ArchiveCursor } from './messages/archive-state.ts';
export type { InsertResult, NewMessage } from './messages/messages.ts';

export interface MessageStore extends MessageRecords, MessageHistory, ConversationStore, OutboxStore, ArchiveStateStore, InvitationStore, EncryptionStore {
  /** Runs the work in one transaction (an archive page at a time is much faster than a commit per message). */
  batch<T>(work: () => T): T;
}

export function createMessageStore(db: Database, options: ConversationStoreOptions = {}): MessageStore {
  const reader = createRowReader(db);
  let depth = 0;
  return {
    ...createMessageRecords(db, reader),
    ...createMessageHistory(db, reader),
    ...createConversationStore(db, options),
    ...createOutboxStore(db),
    ...createArchiveStateStore(db),
    ...createInvitationStore(db),
    ...createEncryptionStore(db, reader),
    batch(work) {
      if (depth > 0) return work();
      depth += 1;
      db.exec('BEGIN');
      try {
        const result = work();
        db.exec('COMMIT');
        return result;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      } finally {
        depth -= 1;
      }
    },
  };
}
