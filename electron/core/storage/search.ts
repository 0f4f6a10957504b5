// Full-text search of stored messages through the messages_fts index (SQLite FTS5): their bodies and, in rooms, who wrote
// them (a word of the nickname matches as a word of the body does); best matches first.
import type { Message, SearchHit } from '../../../shared/model/message.ts';
import type { Database } from './database.ts';
import { buildFtsQuery } from './search-query.ts';

/** How many tokens of the body a snippet shows around the matches. */
const SNIPPET_TOKENS = 12;

export interface SearchRequest {
  readonly query: string;
  /** Only this account's messages; all accounts when absent. */
  readonly accountId?: string | undefined;
  readonly limit: number;
}

export interface MessageSearch {
  search(request: SearchRequest): SearchHit[];
}

interface HitRow {
  id: string;
  account_id: string;
  peer: string;
  ts: number;
  direction: Message['direction'];
  snippet: string;
  sender_nick: string | null;
}

export function createMessageSearch(db: Database): MessageSearch {
  // FTS5 §5.1.1 bm25() (lower is better), then the newest. The best rows are picked first and only they get a snippet
  // (§5.1.3, matches between \u0002 and \u0003): in one step SQLite would build one for every match before sorting.
  const search = db.prepare(
    `WITH best AS (
       SELECT m.rowid AS rowid, bm25(messages_fts) AS score, m.ts AS ts
       FROM messages_fts JOIN messages m ON m.rowid = messages_fts.rowid
       WHERE messages_fts MATCH ?1 AND m.retracted = 0 AND (?2 IS NULL OR m.account_id = ?2)
         AND m.account_id IN (SELECT id FROM accounts WHERE removed = 0)
       ORDER BY score, m.ts DESC, m.rowid DESC
       LIMIT ?3)
     SELECT m.id, m.account_id, m.peer, m.ts, m.direction, m.sender_nick, snippet(messages_fts, 0, char(2), char(3), '…', ${SNIPPET_TOKENS}) AS snippet
     FROM best JOIN messages_fts ON messages_fts.rowid = best.rowid JOIN messages m ON m.rowid = best.rowid
     WHERE messages_fts MATCH ?1
     ORDER BY best.score, best.ts DESC, best.rowid DESC`,
  );
  return {
    search({ query, accountId, limit }) {
      const match = buildFtsQuery(query);
      if (match === undefined) return [];
      const rows = search.all(match, accountId ?? null, limit) as unknown as HitRow[];
      return rows.map((row) => ({
        accountId: row.account_id,
        peer: row.peer,
        messageId: row.id,
        timestamp: row.ts,
        direction: row.direction,
        snippet: row.snippet,
        ...(row.direction === 'in' && row.sender_nick !== null ? { senderNick: row.sender_nick } : {}),
      }));
    },
  };
}
