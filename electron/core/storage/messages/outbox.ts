// What waits for the server's acknowledgement: our pending messages, and the stanzas about messages (corrections, retractions,
// reactions, read markers) kept across a restart.
import type { Message } from '../../../../shared/model/message.ts';
import type { Reference } from '../../model/reference.ts';
import type { Database } from '../database.ts';
import { rows, toMessage } from './rows.ts';

export interface OutboxStore {
  /** Outgoing messages not yet acknowledged by the server and not retracted, oldest first. */
  pending(accountId: string): Message[];
  /** Keeps a stanza about a message until the server acknowledges it (the oldest go beyond a bound). */
  addReference(accountId: string, reference: Reference): void;
  removeReference(id: string): void;
  /** The stanzas about messages not acknowledged yet, oldest first. */
  references(accountId: string): Reference[];
}

const MAX_REFERENCES = 500;
const REFERENCE_KINDS: ReadonlySet<string> = new Set(['correction', 'retraction', 'reactions', 'displayed']);

export function createOutboxStore(db: Database): OutboxStore {
  // A message retracted before it went out is not sent again (its retraction follows it if it did).
  const pending = db.prepare("SELECT rowid, * FROM messages WHERE account_id = ? AND state = 'pending' AND retracted = 0 ORDER BY ts, rowid");
  const addReference = db.prepare('INSERT OR REPLACE INTO outbox_references (id, account_id, kind, args) VALUES (?, ?, ?, ?)');
  const trimReferences = db.prepare(
    'DELETE FROM outbox_references WHERE account_id = ?1 AND rowid NOT IN (SELECT rowid FROM outbox_references WHERE account_id = ?1 ORDER BY rowid DESC LIMIT ?2)',
  );
  const removeReference = db.prepare('DELETE FROM outbox_references WHERE id = ?');
  const references = db.prepare('SELECT kind, args FROM outbox_references WHERE account_id = ? ORDER BY rowid');
  return {
    pending: (accountId) => rows(pending, accountId).map(toMessage),
    addReference(accountId, reference) {
      addReference.run(reference.args.id, accountId, reference.kind, JSON.stringify(reference.args));
      trimReferences.run(accountId, MAX_REFERENCES);
    },
    removeReference: (id) => void removeReference.run(id),
    references: (accountId) =>
      (references.all(accountId) as { kind: string; args: string }[])
        .filter((row) => REFERENCE_KINDS.has(row.kind))
        .map((row) => ({ kind: row.kind, args: JSON.parse(row.args) as unknown }) as Reference),
  };
}
