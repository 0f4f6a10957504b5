// End-to-end encryption in the message store (XEP-0384): each conversation's choice, and our messages that went out encrypted.
import type { Message } from '../../../../shared/model/message.ts';
import type { Database } from '../database.ts';
import type { RowReader } from './rows.ts';

export interface EncryptionStore {
  /** The user's choice for the conversation; undefined when never made (then on when the contact has OMEMO devices). */
  encryptionChoice(accountId: string, peer: string): boolean | undefined;
  setEncryptionChoice(accountId: string, peer: string, on: boolean): void;
  /** Our message went out encrypted (the outgoing step decides it, after it was stored). */
  markEncrypted(id: string): Message | undefined;
}

export function createEncryptionStore(db: Database, reader: RowReader): EncryptionStore {
  const choice = db.prepare('SELECT encryption FROM conversations WHERE account_id = ? AND peer = ?');
  const setChoice = db.prepare(
    'INSERT INTO conversations (account_id, peer, encryption) VALUES (?, ?, ?) ON CONFLICT (account_id, peer) DO UPDATE SET encryption = excluded.encryption',
  );
  const markEncrypted = db.prepare('UPDATE messages SET encrypted = 1 WHERE id = ? AND encrypted = 0');
  return {
    encryptionChoice(accountId, peer) {
      const row = choice.get(accountId, peer) as { encryption: number | null } | undefined;
      return row?.encryption === null || row === undefined ? undefined : row.encryption === 1;
    },
    setEncryptionChoice: (accountId, peer, on) => void setChoice.run(accountId, peer, on ? 1 : 0),
    markEncrypted(id) {
      return Number(markEncrypted.run(id).changes) === 1 ? reader.current(id) : undefined;
    },
  };
}
