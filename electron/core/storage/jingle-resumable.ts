// Interrupted Jingle file transfers (XEP-0234 §6.4) kept across restarts: for a file sent, where it is; for a file received
// in part, its temporary file and where it goes. Bounded: the oldest go past the limit.
import type { Resumable, ResumeStore } from '../model/resumable-transfer.ts';
import type { Database } from './database.ts';

/** An interrupted transfer is meant to go on soon: so many are kept at most. */
export const maxResumable = 200;

function parse(text: string): Resumable | undefined {
  try {
    const record = JSON.parse(text) as Resumable;
    return typeof record.transferId === 'string' && typeof record.path === 'string' && typeof record.file.name === 'string' ? record : undefined;
  } catch {
    return undefined;
  }
}

export function createResumableStore(db: Database, now: () => number = Date.now): ResumeStore {
  const upsert = db.prepare(
    'INSERT INTO jingle_resumable (transfer_id, account_id, direction, record, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (transfer_id) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at',
  );
  const select = db.prepare('SELECT record FROM jingle_resumable WHERE transfer_id = ?');
  const remove = db.prepare('DELETE FROM jingle_resumable WHERE transfer_id = ?');
  const all = db.prepare('SELECT record FROM jingle_resumable ORDER BY updated_at, rowid');
  const trim = db.prepare('DELETE FROM jingle_resumable WHERE transfer_id IN (SELECT transfer_id FROM jingle_resumable ORDER BY updated_at DESC, rowid DESC LIMIT -1 OFFSET ?)');
  return {
    put(record) {
      upsert.run(record.transferId, record.accountId, record.direction, JSON.stringify(record), now());
      trim.run(maxResumable);
    },
    get(transferId) {
      const row = select.get(transferId) as { record: string } | undefined;
      return row ? parse(row.record) : undefined;
    },
    remove(transferId) {
      remove.run(transferId);
    },
    list: () => (all.all() as { record: string }[]).flatMap((row) => parse(row.record) ?? []),
  };
}
