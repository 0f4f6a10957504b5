// How far each XEP-0313 archive (our account's, each room's) has been read: its catch-up cursor, and which conversations
// hold all their history.
import type { Database } from '../database.ts';

export interface ArchiveCursor {
  readonly id: string;
  readonly timestamp: number;
}

export interface ArchiveStateStore {
  archiveCursor(accountId: string, archive: string): ArchiveCursor | undefined;
  setArchiveCursor(accountId: string, archive: string, cursor: ArchiveCursor): void;
  archiveComplete(accountId: string, peer: string): boolean;
  setArchiveComplete(accountId: string, peer: string): void;
}

export function createArchiveStateStore(db: Database): ArchiveStateStore {
  const cursor = db.prepare('SELECT last_id, last_ts FROM archive_cursors WHERE account_id = ? AND archive = ?');
  const setCursor = db.prepare(
    `INSERT INTO archive_cursors (account_id, archive, last_id, last_ts) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id, archive) DO UPDATE SET last_id = excluded.last_id, last_ts = excluded.last_ts`,
  );
  const complete = db.prepare('SELECT archive_complete FROM conversations WHERE account_id = ? AND peer = ?');
  const setComplete = db.prepare(
    'INSERT INTO conversations (account_id, peer, archive_complete) VALUES (?, ?, 1) ON CONFLICT (account_id, peer) DO UPDATE SET archive_complete = 1',
  );
  return {
    archiveCursor(accountId, archive) {
      const row = cursor.get(accountId, archive) as { last_id: string; last_ts: number } | undefined;
      return row ? { id: row.last_id, timestamp: row.last_ts } : undefined;
    },
    setArchiveCursor: (accountId, archive, { id, timestamp }) => void setCursor.run(accountId, archive, id, timestamp),
    archiveComplete: (accountId, peer) => (complete.get(accountId, peer) as { archive_complete: number } | undefined)?.archive_complete === 1,
    setArchiveComplete: (accountId, peer) => void setComplete.run(accountId, peer),
  };
}
