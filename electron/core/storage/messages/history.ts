// Reading a conversation's history: pages before, after or around a message, and its ends.
import type { HistoryPage, Message } from '../../../../shared/model/message.ts';
import type { Database } from '../database.ts';
import { one, PAGE_ORDER_DESC, rows, type Row, type RowReader } from './rows.ts';

export interface MessageHistory {
  /** The newest page, or the page before / after / around a message; oldest first. */
  page(accountId: string, peer: string, cursor: { before?: string; after?: string; around?: string }, limit: number): HistoryPage;
  /** The oldest message stored for the peer: where scrolling back into the archive starts. */
  oldest(accountId: string, peer: string): Message | undefined;
  /** The newest message from the peer that has an archive id (what XEP-0490 points at). */
  lastArchivedIncoming(accountId: string, peer: string): Message | undefined;
  /** The newest message we sent to the peer (what XEP-0308 may correct). */
  lastOutgoing(accountId: string, peer: string): Message | undefined;
}

export function createMessageHistory(db: Database, { byId, full }: RowReader): MessageHistory {
  const newest = db.prepare(`SELECT rowid, * FROM messages WHERE account_id = ? AND peer = ? ${PAGE_ORDER_DESC} LIMIT ?`);
  const olderThan = db.prepare(
    `SELECT rowid, * FROM messages WHERE account_id = ? AND peer = ? AND (ts < ? OR (ts = ? AND rowid < ?)) ${PAGE_ORDER_DESC} LIMIT ?`,
  );
  const newerThan = db.prepare(
    'SELECT rowid, * FROM messages WHERE account_id = ? AND peer = ? AND (ts > ? OR (ts = ? AND rowid > ?)) ORDER BY ts, rowid LIMIT ?',
  );
  const oldest = db.prepare('SELECT rowid, * FROM messages WHERE account_id = ? AND peer = ? ORDER BY ts, rowid LIMIT 1');
  const lastArchivedIncoming = db.prepare(
    `SELECT rowid, * FROM messages WHERE account_id = ? AND peer = ? AND direction = 'in' AND stanza_id IS NOT NULL ${PAGE_ORDER_DESC} LIMIT 1`,
  );
  const lastOutgoing = db.prepare(`SELECT rowid, * FROM messages WHERE account_id = ? AND peer = ? AND direction = 'out' ${PAGE_ORDER_DESC} LIMIT 1`);

  return {
    page(accountId, peer, { before, after, around }, limit) {
      const anchorId = before ?? after ?? around;
      const anchor = anchorId === undefined ? undefined : (byId.get(anchorId) as Row | undefined);
      if (anchorId !== undefined && (!anchor || anchor.account_id !== accountId || anchor.peer !== peer)) return { messages: [], hasOlder: false, hasNewer: false };
      const olderRows = (n: number, row: Row) => rows(olderThan, accountId, peer, row.ts, row.ts, row.rowid, n + 1);
      const newerRows = (n: number, row: Row) => rows(newerThan, accountId, peer, row.ts, row.ts, row.rowid, n + 1);
      if (!anchor) {
        const found = rows(newest, accountId, peer, limit + 1);
        return { messages: found.slice(0, limit).reverse().map(full), hasOlder: found.length > limit, hasNewer: false };
      }
      if (before !== undefined) {
        const found = olderRows(limit, anchor);
        return { messages: found.slice(0, limit).reverse().map(full), hasOlder: found.length > limit, hasNewer: true };
      }
      if (after !== undefined) {
        const found = newerRows(limit, anchor);
        return { messages: found.slice(0, limit).map(full), hasOlder: true, hasNewer: found.length > limit };
      }
      // At least one older message for context, unless the page holds only the anchor.
      const half = Math.min(limit - 1, Math.max(1, Math.floor((limit - 1) / 2)));
      const older = olderRows(half, anchor);
      const newer = newerRows(limit - 1 - half, anchor);
      return {
        messages: [...older.slice(0, half).reverse(), anchor, ...newer.slice(0, limit - 1 - half)].map(full),
        hasOlder: older.length > half,
        hasNewer: newer.length > limit - 1 - half,
      };
    },
    oldest: (accountId, peer) => one(oldest, accountId, peer),
    lastOutgoing: (accountId, peer) => one(lastOutgoing, accountId, peer),
    lastArchivedIncoming: (accountId, peer) => one(lastArchivedIncoming, accountId, peer),
  };
}
