// How far the XEP-0313 archive has been read: the catch-up cursor, and which conversations hold all their history.
import type { Database } from '../database.ts';

export interface ArchiveCursor {
  readonly id: string;
  readonly timestamp: number;
}

export interface ArchiveStateStore {
  archiveCursor(accountId: string): ArchiveCursor | undefined;
  setArchiveCursor(accountId: string, cursor: ArchiveCursor): void;
  archiveComplete(accountId: string, peer: string): boolean;
  setArchiveComplete(accountId: string, peer: string): void;
}

export function createArchiveStateStore(db: Database): ArchiveStateStore {
  const cursor = db.prepare('SELECT last_id, last_ts FROM archive_sync WHERE account_id = ?');
  const setCursor = db.prepare(
    'INSERT INTO archive_sync (account_id, last_id, last_ts) VALUES (?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET last_id = excluded.last_id, last_ts = excluded.last_ts',
  );
  const complete = db.prepare('SELECT archive_complete FROM conversations WHERE account_id = ? AND peer = ?');
  const setComplete = db.prepare(
    'INSERT INTO conversations (account_id, peer, archive_complete) VALUES (?, ?, 1) ON CONFLICT (account_id, peer) DO UPDATE SET archive_complete = 1',
  );
  return {
    archiveCursor(accountId) {
      const row = cursor.get(accountId) as { last_id: string; last_ts: number } | undefined;
      return row ? { id: row.last_id, timestamp: row.last_ts } : undefined;
    },
    setArchiveCursor: (accountId, { id, timestamp }) => void setCursor.run(accountId, id, timestamp),
    archiveComplete: (accountId, peer) => (complete.get(accountId, peer) as { archive_complete: number } | undefined)?.archive_complete === 1,
    setArchiveComplete: (accountId, peer) => void setComplete.run(accountId, peer),
  };
}
