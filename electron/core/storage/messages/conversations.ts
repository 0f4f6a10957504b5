// Conversations: each one's summary (last message, unread count, first unread), read state and mute.
import { DEFAULT_ROOM_NOTIFY, type Conversation, type Message, type RoomNotify } from '../../../../shared/model/message.ts';
import type { Database } from '../database.ts';
import { one, PAGE_ORDER_DESC } from './rows.ts';

export interface ConversationStore {
  /** Most recent first. */
  conversations(accountId: string): Conversation[];
  conversation(accountId: string, peer: string): Conversation;
  /** Marks incoming messages read up to `upTo` (epoch ms, default all); answers the newest markable one that was unread. */
  markRead(accountId: string, peer: string, upTo?: number): Message | undefined;
  /** Whether the message was read (here, or on another device); unknown messages count as read. */
  isRead(id: string): boolean;
  setMuted(accountId: string, peer: string, muted: boolean): void;
  /** A room's notification setting (see shared/model/attention.ts). */
  setNotify(accountId: string, peer: string, notify: RoomNotify): void;
  /** Unread messages that ask for attention over all accounts: not muted nor requests, in rooms as their setting says (attentionCount). */
  unreadTotal(): number;
  /** Whether the conversation waits as a message request (see Conversation.request). */
  isRequest(accountId: string, peer: string): boolean;
  /** The user accepted the conversation: it is an ordinary one from now on. */
  accept(accountId: string, peer: string): void;
  /** Those of the peers that have a conversation here. */
  withMessages(accountId: string, peers: readonly string[]): string[];
  /** Deletes every message of the conversation; its older history in the archive is not fetched again. */
  remove(accountId: string, peer: string): void;
}

export interface ConversationStoreOptions {
  /** Whether conversations from strangers are held as requests (the user's setting); default yes. */
  readonly holdRequests?: () => boolean;
}

interface SummaryRow {
  peer: string;
  last: string | null;
  unread: number;
  first_unread: string | null;
  muted: number;
  request: number;
  mentions: number;
  notify: RoomNotify | null;
}

function toSummary(row: SummaryRow): Conversation {
  const last =
    row.last === null
      ? undefined
      : (JSON.parse(row.last) as { body: string; ts: number; direction: Message['direction']; retracted: number; kind: Message['kind']; nick: string | null });
  const lastMessage = last && {
    body: last.body,
    timestamp: last.ts,
    direction: last.direction,
    ...(last.retracted === 1 ? { retracted: true } : {}),
    // In a room, who wrote it: the list says "bob: …" as for "You: …".
    ...(last.kind === 'groupchat' && last.direction === 'in' && last.nick !== null ? { senderNick: last.nick } : {}),
  };
  return {
    peer: row.peer,
    ...(lastMessage ? { lastMessage } : {}),
    unread: row.unread,
    ...(row.first_unread === null ? {} : { firstUnreadId: row.first_unread }),
    muted: row.muted === 1,
    ...(row.request === 1 ? { request: true } : {}),
    // A room's conversation holds only its groupchat messages (private ones are with an occupant's full JID).
    ...(last?.kind === 'groupchat' ? { room: true, mentions: row.mentions, notify: row.notify ?? DEFAULT_ROOM_NOTIFY } : {}),
  };
}

/**
 * SQL for whether the conversation of `ref` (a row alias with account_id and peer) is a message request, given the
 * setting as parameter ?3. Not one when: the user accepted it, the peer is in the roster (whatever the subscription),
 * we wrote in it (here or from another device), it is our own server, or it is an occupant of a room (a full JID).
 */
const requestOf = (ref: string) => `
  CASE WHEN ?3 = 0 THEN 0
    WHEN instr(${ref}.peer, '/') > 0 THEN 0
    WHEN coalesce((SELECT c.accepted FROM conversations c WHERE c.account_id = ${ref}.account_id AND c.peer = ${ref}.peer), 0) = 1 THEN 0
    WHEN EXISTS (SELECT 1 FROM roster_items r WHERE r.account_id = ${ref}.account_id AND r.jid = ${ref}.peer) THEN 0
    WHEN EXISTS (SELECT 1 FROM accounts a WHERE a.id = ${ref}.account_id AND substr(a.jid, instr(a.jid, '@') + 1) = ${ref}.peer) THEN 0
    WHEN EXISTS (SELECT 1 FROM messages o WHERE o.account_id = ${ref}.account_id AND o.peer = ${ref}.peer AND o.direction = 'out') THEN 0
    ELSE 1 END`;

export function createConversationStore(db: Database, options: ConversationStoreOptions = {}): ConversationStore {
  const hold = () => ((options.holdRequests?.() ?? true) ? 1 : 0);
  /** The summary of each conversation `from` names (rows of account_id, peer). */
  const summaryOf = (from: string) => `
    SELECT p.peer,
      (SELECT json_object('body', l.body, 'ts', l.ts, 'direction', l.direction, 'retracted', l.retracted, 'kind', l.kind, 'nick', l.sender_nick)
         FROM messages l WHERE l.account_id = p.account_id AND l.peer = p.peer ORDER BY l.ts DESC, l.rowid DESC LIMIT 1) AS last,
      (SELECT COUNT(*) FROM messages u WHERE u.account_id = p.account_id AND u.peer = p.peer AND u.read = 0) AS unread,
      (SELECT f.id FROM messages f WHERE f.account_id = p.account_id AND f.peer = p.peer AND f.read = 0 ORDER BY f.ts, f.rowid LIMIT 1) AS first_unread,
      (SELECT COUNT(*) FROM messages u WHERE u.account_id = p.account_id AND u.peer = p.peer AND u.read = 0 AND u.mention = 1) AS mentions,
      coalesce((SELECT c.muted FROM conversations c WHERE c.account_id = p.account_id AND c.peer = p.peer), 0) AS muted,
      (SELECT c.notify FROM conversations c WHERE c.account_id = p.account_id AND c.peer = p.peer) AS notify,
      ${requestOf('p')} AS request
    FROM ${from} p`;
  // Each peer found by one step down the (account_id, peer, ts) index, rather than a pass over every message of the account.
  const conversations = db.prepare(
    summaryOf(`(WITH RECURSIVE peers (peer) AS (
        SELECT (SELECT MIN(peer) FROM messages WHERE account_id = ?1)
        UNION ALL
        SELECT (SELECT MIN(m.peer) FROM messages m WHERE m.account_id = ?1 AND m.peer > peers.peer) FROM peers WHERE peers.peer IS NOT NULL
      ) SELECT ?1 AS account_id, peer FROM peers WHERE peer IS NOT NULL)`),
  );
  // One row found by the index, not a pass over every message of the conversation: this runs after each change.
  const oneConversation = db.prepare(summaryOf('(SELECT account_id, peer FROM messages WHERE account_id = ?1 AND peer = ?2 LIMIT 1)'));
  const newestUnreadMarkable = db.prepare(
    `SELECT rowid, * FROM messages WHERE account_id = ? AND peer = ? AND direction = 'in' AND read = 0 AND markable = 1 AND ts <= ? ${PAGE_ORDER_DESC} LIMIT 1`,
  );
  const isRead = db.prepare('SELECT read FROM messages WHERE id = ?');
  const markRead = db.prepare('UPDATE messages SET read = 1 WHERE account_id = ? AND peer = ? AND read = 0 AND ts <= ?');
  const setMuted = db.prepare(
    'INSERT INTO conversations (account_id, peer, muted) VALUES (?, ?, ?) ON CONFLICT (account_id, peer) DO UPDATE SET muted = excluded.muted',
  );
  const setNotify = db.prepare(
    'INSERT INTO conversations (account_id, peer, notify) VALUES (?, ?, ?) ON CONFLICT (account_id, peer) DO UPDATE SET notify = excluded.notify',
  );
  const mutedOf = db.prepare('SELECT muted FROM conversations WHERE account_id = ? AND peer = ?');
  const unreadTotal = db.prepare(
    `SELECT COUNT(*) AS n FROM messages m WHERE m.read = 0
       AND m.account_id IN (SELECT id FROM accounts WHERE removed = 0)
       AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.account_id = m.account_id AND c.peer = m.peer AND c.muted = 1)
       AND (${requestOf('m')}) = 0
       AND (m.kind <> 'groupchat' OR CASE
         coalesce((SELECT c.notify FROM conversations c WHERE c.account_id = m.account_id AND c.peer = m.peer), '${DEFAULT_ROOM_NOTIFY}')
         WHEN 'all' THEN 1 WHEN 'mentions' THEN m.mention ELSE 0 END = 1)`,
  );
  const isRequest = db.prepare(
    `SELECT ${requestOf('p')} AS request FROM (SELECT ?1 AS account_id, ?2 AS peer) p
       WHERE EXISTS (SELECT 1 FROM messages m WHERE m.account_id = p.account_id AND m.peer = p.peer)`,
  );
  const accept = db.prepare(
    'INSERT INTO conversations (account_id, peer, accepted) VALUES (?, ?, 1) ON CONFLICT (account_id, peer) DO UPDATE SET accepted = 1',
  );
  const withMessages = db.prepare(
    'SELECT p.value AS peer FROM json_each(?2) p WHERE EXISTS (SELECT 1 FROM messages m WHERE m.account_id = ?1 AND m.peer = p.value)',
  );
  const removeMessages = db.prepare('DELETE FROM messages WHERE account_id = ? AND peer = ?');
  // XEP-0313: what was deleted is not fetched back from the archive when the stranger writes again.
  const forgetConversation = db.prepare(
    `INSERT INTO conversations (account_id, peer, muted, archive_complete, accepted) VALUES (?, ?, 0, 1, 0)
       ON CONFLICT (account_id, peer) DO UPDATE SET muted = 0, archive_complete = 1, accepted = 0`,
  );

  return {
    conversations(accountId) {
      const found = conversations.all(accountId, null, hold()) as unknown as SummaryRow[];
      return found.map(toSummary).sort((a, b) => (b.lastMessage?.timestamp ?? 0) - (a.lastMessage?.timestamp ?? 0));
    },
    conversation(accountId, peer) {
      const row = oneConversation.get(accountId, peer, hold()) as SummaryRow | undefined;
      return row ? toSummary(row) : { peer, unread: 0, muted: (mutedOf.get(accountId, peer) as { muted: number } | undefined)?.muted === 1 };
    },
    markRead(accountId, peer, upTo = Number.MAX_SAFE_INTEGER) {
      const newestMarkable = one(newestUnreadMarkable, accountId, peer, upTo);
      markRead.run(accountId, peer, upTo);
      return newestMarkable;
    },
    isRead: (id) => (isRead.get(id) as { read: number } | undefined)?.read !== 0,
    setMuted: (accountId, peer, muted) => void setMuted.run(accountId, peer, muted ? 1 : 0),
    setNotify: (accountId, peer, notify) => void setNotify.run(accountId, peer, notify),
    unreadTotal: () => (unreadTotal.get(null, null, hold()) as { n: number }).n,
    isRequest: (accountId, peer) => (isRequest.get(accountId, peer, hold()) as { request: number } | undefined)?.request === 1,
    accept: (accountId, peer) => void accept.run(accountId, peer),
    withMessages: (accountId, peers) =>
      peers.length === 0 ? [] : (withMessages.all(accountId, JSON.stringify(peers)) as unknown as { peer: string }[]).map((row) => row.peer),
    remove(accountId, peer) {
      removeMessages.run(accountId, peer);
      forgetConversation.run(accountId, peer);
    },
  };
}
