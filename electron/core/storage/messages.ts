// Chat messages per account and peer; a message seen twice (same origin-id or stanza-id, XEP-0359) is kept once.
import type { Conversation, Message } from '../../../shared/model/message.ts';
import type { Database } from './database.ts';

interface Row {
  id: string;
  account_id: string;
  peer: string;
  direction: Message['direction'];
  body: string;
  ts: number;
  state: Message['state'];
  origin_id: string | null;
  stanza_id: string | null;
  error: string | null;
}

export interface MessageStore {
  /** Stores the message; undefined when it is a duplicate of one already stored. */
  insert(message: Message): Message | undefined;
  setState(id: string, state: Message['state'], error?: string): Message | undefined;
  /** Up to `limit` messages older than `before`, oldest first. */
  history(accountId: string, peer: string, before: number | undefined, limit: number): Message[];
  /** Most recent first. */
  conversations(accountId: string): Conversation[];
  markRead(accountId: string, peer: string): void;
  /** Outgoing messages not yet accepted by a connection, oldest first. */
  pending(accountId: string): Message[];
}

function toMessage(row: Row): Message {
  return {
    id: row.id,
    accountId: row.account_id,
    peer: row.peer,
    direction: row.direction,
    body: row.body,
    timestamp: row.ts,
    state: row.state,
    ...(row.origin_id === null ? {} : { originId: row.origin_id }),
    ...(row.stanza_id === null ? {} : { stanzaId: row.stanza_id }),
    ...(row.error === null ? {} : { error: row.error }),
  };
}

export function createMessageStore(db: Database): MessageStore {
  // The unique indexes on origin-id and stanza-id make a repeat a no-op.
  const insert = db.prepare(
    `INSERT INTO messages (id, account_id, peer, direction, body, ts, state, origin_id, stanza_id, error, read)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const byId = db.prepare('SELECT * FROM messages WHERE id = ?');
  const update = db.prepare('UPDATE messages SET state = ?, error = ? WHERE id = ?');
  const before = db.prepare('SELECT * FROM messages WHERE account_id = ? AND peer = ? AND ts < ? ORDER BY ts DESC, rowid DESC LIMIT ?');
  const conversations = db.prepare(
    `SELECT m.peer, m.body, m.ts, m.direction,
       (SELECT COUNT(*) FROM messages u WHERE u.account_id = m.account_id AND u.peer = m.peer AND u.read = 0) AS unread
     FROM messages m
     WHERE m.account_id = ? AND m.rowid = (
       SELECT l.rowid FROM messages l WHERE l.account_id = m.account_id AND l.peer = m.peer ORDER BY l.ts DESC, l.rowid DESC LIMIT 1)
     ORDER BY m.ts DESC, m.rowid DESC`,
  );
  const markRead = db.prepare('UPDATE messages SET read = 1 WHERE account_id = ? AND peer = ? AND read = 0');
  const pending = db.prepare("SELECT * FROM messages WHERE account_id = ? AND direction = 'out' AND state = 'pending' ORDER BY ts, rowid");
  const get = (id: string) => {
    const row = byId.get(id) as Row | undefined;
    return row ? toMessage(row) : undefined;
  };
  return {
    insert(message) {
      const result = insert.run(
        message.id,
        message.accountId,
        message.peer,
        message.direction,
        message.body,
        message.timestamp,
        message.state,
        message.originId ?? null,
        message.stanzaId ?? null,
        message.error ?? null,
        message.direction === 'out' ? 1 : 0,
      );
      return Number(result.changes) === 1 ? message : undefined;
    },
    setState(id, state, error) {
      update.run(state, error ?? null, id);
      return get(id);
    },
    history(accountId, peer, beforeTs, limit) {
      const rows = before.all(accountId, peer, beforeTs ?? Number.MAX_SAFE_INTEGER, limit) as unknown as Row[];
      return rows.reverse().map(toMessage);
    },
    conversations(accountId) {
      const rows = conversations.all(accountId) as unknown as { peer: string; body: string; ts: number; direction: Message['direction']; unread: number }[];
      return rows.map((row) => ({ peer: row.peer, lastMessage: { body: row.body, timestamp: row.ts, direction: row.direction }, unread: row.unread }));
    },
    markRead(accountId, peer) {
      markRead.run(accountId, peer);
    },
    pending: (accountId) => (pending.all(accountId) as unknown as Row[]).map(toMessage),
  };
}
