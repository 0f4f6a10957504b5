// Chat messages per account and peer; the same message seen live, as a carbon and in the archive is kept once (XEP-0359).
import type { Conversation, HistoryPage, Message, Reaction } from '../../../shared/model/message.ts';
import type { Reference } from '../model/reference.ts';
import type { Database } from './database.ts';

interface Row {
  rowid: number;
  id: string;
  account_id: string;
  peer: string;
  direction: Message['direction'];
  body: string;
  ts: number;
  state: Message['state'];
  origin_id: string | null;
  stanza_id: string | null;
  remote_id: string | null;
  error: string | null;
  read: number;
  markable: number;
  corrected_at: number | null;
  retracted: number;
  reply_to_remote_id: string | null;
  reply_quote: string | null;
  reactions: string | null;
  encrypted: number;
}

/** A message as it is stored, with what only the store needs. */
export interface NewMessage extends Message {
  /** XEP-0333: the sender asked for chat markers. */
  readonly markable?: boolean;
  /** XEP-0461: the id the reply refers to. */
  readonly replyToRemoteId?: string;
  /** Already read (ours, or read on another device). */
  readonly read?: boolean;
}

export type InsertResult =
  | { readonly kind: 'inserted'; readonly message: Message }
  /** Already stored; what the new copy added (its archive id, proof it was sent) was merged in. */
  | { readonly kind: 'merged'; readonly message: Message }
  | { readonly kind: 'duplicate'; readonly message: Message };

export interface ArchiveCursor {
  readonly id: string;
  readonly timestamp: number;
}

/** Our reactions and the peer's, per sender bare JID (XEP-0444 replaces a sender's whole set each time). */
type ReactionMap = Record<string, string[]>;

export interface MessageStore {
  /** Runs the work in one transaction (an archive page at a time is much faster than a commit per message). */
  batch<T>(work: () => T): T;
  insert(message: NewMessage): InsertResult;
  get(id: string): Message | undefined;
  /** The message a reference points at: its id attribute or origin-id (XEP-0308, XEP-0333, XEP-0424, XEP-0444, XEP-0461). */
  byRemoteId(accountId: string, peer: string, direction: Message['direction'] | undefined, remoteId: string): Message | undefined;
  /** The message with this origin-id or archive id, for references that use them. */
  byAnyId(accountId: string, peer: string, id: string): Message | undefined;
  setState(id: string, state: Message['state'], error?: string): Message | undefined;
  /** XEP-0184: our message with this id reached a device of the peer. */
  delivered(accountId: string, peer: string, remoteId: string): Message[];
  /** XEP-0333 §4: displayed for one message means every earlier one was seen too. */
  displayed(accountId: string, peer: string, remoteId: string): Message[];
  correct(id: string, body: string, at: number): Message | undefined;
  retract(id: string): Message | undefined;
  react(id: string, sender: string, emojis: readonly string[]): Message | undefined;
  /** The newest page, or the page before / after / around a message; oldest first. */
  page(accountId: string, peer: string, cursor: { before?: string; after?: string; around?: string }, limit: number): HistoryPage;
  /** The oldest message stored for the peer: where scrolling back into the archive starts. */
  oldest(accountId: string, peer: string): Message | undefined;
  /** The newest message from the peer that has an archive id (what XEP-0490 points at). */
  lastArchivedIncoming(accountId: string, peer: string): Message | undefined;
  /** The newest message we sent to the peer (what XEP-0308 may correct). */
  lastOutgoing(accountId: string, peer: string): Message | undefined;
  /** Most recent first. */
  conversations(accountId: string): Conversation[];
  conversation(accountId: string, peer: string): Conversation;
  /** Marks incoming messages read up to `upTo` (epoch ms, default all); answers the newest markable one that was unread. */
  markRead(accountId: string, peer: string, upTo?: number): Message | undefined;
  /** Whether the message was read (here, or on another device); unknown messages count as read. */
  isRead(id: string): boolean;
  setMuted(accountId: string, peer: string, muted: boolean): void;
  /** Outgoing messages not yet acknowledged by the server and not retracted, oldest first. */
  pending(accountId: string): Message[];
  archiveCursor(accountId: string): ArchiveCursor | undefined;
  setArchiveCursor(accountId: string, cursor: ArchiveCursor): void;
  archiveComplete(accountId: string, peer: string): boolean;
  setArchiveComplete(accountId: string, peer: string): void;
  /** Unread messages in conversations that are not muted, over all accounts. */
  unreadTotal(): number;
  /** Keeps a stanza about a message until the server acknowledges it (the oldest go beyond a bound). */
  addReference(accountId: string, reference: Reference): void;
  removeReference(id: string): void;
  /** The stanzas about messages not acknowledged yet, oldest first. */
  references(accountId: string): Reference[];
}

const MAX_REFERENCES = 500;
const REFERENCE_KINDS: ReadonlySet<string> = new Set(['correction', 'retraction', 'reactions', 'displayed']);

function reactionsOf(json: string | null): Reaction[] | undefined {
  if (json === null) return undefined;
  const map = JSON.parse(json) as ReactionMap;
  const byEmoji = new Map<string, string[]>();
  for (const [sender, emojis] of Object.entries(map)) for (const emoji of emojis) byEmoji.set(emoji, [...(byEmoji.get(emoji) ?? []), sender]);
  return byEmoji.size === 0 ? undefined : [...byEmoji].map(([emoji, senders]) => ({ emoji, senders }));
}

function toMessage(row: Row): Message {
  const reactions = reactionsOf(row.reactions);
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
    ...(row.remote_id === null ? {} : { remoteId: row.remote_id }),
    ...(row.error === null ? {} : { error: row.error }),
    ...(row.corrected_at === null ? {} : { correctedAt: row.corrected_at }),
    ...(row.retracted === 1 ? { retracted: true } : {}),
    ...(row.reply_quote === null ? {} : { replyTo: { quote: row.reply_quote } }),
    ...(reactions ? { reactions } : {}),
    ...(row.encrypted === 1 ? { encrypted: true } : {}),
  };
}

const PAGE_ORDER_DESC = 'ORDER BY ts DESC, rowid DESC';

export function createMessageStore(db: Database): MessageStore {
  const insert = db.prepare(
    `INSERT INTO messages (id, account_id, peer, direction, body, ts, state, origin_id, stanza_id, remote_id, error, read, markable,
       corrected_at, retracted, reply_to_remote_id, reply_quote, reactions, encrypted)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const byId = db.prepare('SELECT rowid, * FROM messages WHERE id = ?');
  const byStanzaId = db.prepare('SELECT rowid, * FROM messages WHERE account_id = ? AND peer = ? AND stanza_id = ?');
  const byOriginId = db.prepare('SELECT rowid, * FROM messages WHERE account_id = ? AND peer = ? AND direction = ? AND origin_id = ?');
  // XEP-0444 and XEP-0461 refer to a chat message by its origin-id, XEP-0308 and XEP-0333 by its id attribute.
  const byRemoteId = db.prepare(
    `SELECT rowid, * FROM messages WHERE account_id = ?1 AND peer = ?2 AND (remote_id = ?3 OR origin_id = ?3) AND direction = coalesce(?4, direction)
     ${PAGE_ORDER_DESC} LIMIT 1`,
  );
  const sameRemote = db.prepare('SELECT rowid, * FROM messages WHERE account_id = ? AND peer = ? AND direction = ? AND remote_id = ? AND body = ? LIMIT 1');
  const byOriginAny = db.prepare('SELECT rowid, * FROM messages WHERE account_id = ? AND peer = ? AND origin_id = ? LIMIT 1');
  const setStanzaId = db.prepare('UPDATE messages SET stanza_id = ? WHERE id = ? AND stanza_id IS NULL');
  const setState = db.prepare('UPDATE messages SET state = ?, error = ? WHERE id = ?');
  const delivered = db.prepare(
    "UPDATE messages SET state = 'delivered', error = NULL WHERE account_id = ? AND peer = ? AND direction = 'out' AND remote_id = ? AND state IN ('pending', 'sent', 'failed') RETURNING id",
  );
  const displayed = db.prepare(
    `UPDATE messages SET state = 'read', error = NULL WHERE account_id = ? AND peer = ? AND direction = 'out' AND state IN ('pending', 'sent', 'delivered', 'failed')
       AND ts <= ? RETURNING id`,
  );
  const correct = db.prepare('UPDATE messages SET body = ?, corrected_at = ? WHERE id = ? AND retracted = 0');
  const retract = db.prepare("UPDATE messages SET body = '', retracted = 1, reactions = NULL WHERE id = ?");
  const setReactions = db.prepare('UPDATE messages SET reactions = ? WHERE id = ?');
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
  /** The summary of each conversation `from` names (rows of account_id, peer). */
  const summaryOf = (from: string) => `
    SELECT p.peer,
      (SELECT json_object('body', l.body, 'ts', l.ts, 'direction', l.direction, 'retracted', l.retracted)
         FROM messages l WHERE l.account_id = p.account_id AND l.peer = p.peer ORDER BY l.ts DESC, l.rowid DESC LIMIT 1) AS last,
      (SELECT COUNT(*) FROM messages u WHERE u.account_id = p.account_id AND u.peer = p.peer AND u.read = 0) AS unread,
      (SELECT f.id FROM messages f WHERE f.account_id = p.account_id AND f.peer = p.peer AND f.read = 0 ORDER BY f.ts, f.rowid LIMIT 1) AS first_unread,
      coalesce((SELECT c.muted FROM conversations c WHERE c.account_id = p.account_id AND c.peer = p.peer), 0) AS muted
    FROM ${from} p`;
  const conversations = db.prepare(summaryOf('(SELECT DISTINCT account_id, peer FROM messages WHERE account_id = ?1)'));
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
  // A message retracted before it went out is not sent again (its retraction follows it if it did).
  const pending = db.prepare("SELECT rowid, * FROM messages WHERE account_id = ? AND state = 'pending' AND retracted = 0 ORDER BY ts, rowid");
  const cursor = db.prepare('SELECT last_id, last_ts FROM archive_sync WHERE account_id = ?');
  const setCursor = db.prepare(
    'INSERT INTO archive_sync (account_id, last_id, last_ts) VALUES (?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET last_id = excluded.last_id, last_ts = excluded.last_ts',
  );
  const mutedOf = db.prepare('SELECT muted FROM conversations WHERE account_id = ? AND peer = ?');
  const complete = db.prepare('SELECT archive_complete FROM conversations WHERE account_id = ? AND peer = ?');
  const setComplete = db.prepare(
    'INSERT INTO conversations (account_id, peer, archive_complete) VALUES (?, ?, 1) ON CONFLICT (account_id, peer) DO UPDATE SET archive_complete = 1',
  );
  const unreadTotal = db.prepare(
    `SELECT COUNT(*) AS n FROM messages m WHERE m.read = 0
       AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.account_id = m.account_id AND c.peer = m.peer AND c.muted = 1)`,
  );

  const one = (statement: ReturnType<Database['prepare']>, ...args: (string | number | null)[]): Message | undefined => {
    const row = statement.get(...args) as Row | undefined;
    return row ? toMessage(row) : undefined;
  };
  const rows = (statement: ReturnType<Database['prepare']>, ...args: (string | number | null)[]): Row[] => statement.all(...args) as unknown as Row[];
  const get = (id: string) => one(byId, id);
  const changed = (result: { id: string }[]): Message[] => result.flatMap(({ id }) => get(id) ?? []);

  function existing(message: NewMessage): Row | undefined {
    const { accountId, peer } = message;
    if (message.stanzaId !== undefined) {
      const row = byStanzaId.get(accountId, peer, message.stanzaId) as Row | undefined;
      if (row) return row;
    }
    if (message.originId !== undefined) return byOriginId.get(accountId, peer, message.direction, message.originId) as Row | undefined;
    if (message.remoteId === undefined) return undefined;
    // Without XEP-0359 ids, the same sender's id with the same text is the same message, unless our server archived both.
    const row = sameRemote.get(accountId, peer, message.direction, message.remoteId, message.body) as Row | undefined;
    return row && message.stanzaId !== undefined && row.stanza_id !== null ? undefined : row;
  }

  function toSummary(row: { peer: string; last: string | null; unread: number; first_unread: string | null; muted: number }): Conversation {
    const last = row.last === null ? undefined : (JSON.parse(row.last) as { body: string; ts: number; direction: Message['direction']; retracted: number });
    return {
      peer: row.peer,
      ...(last ? { lastMessage: { body: last.body, timestamp: last.ts, direction: last.direction, ...(last.retracted === 1 ? { retracted: true } : {}) } } : {}),
      unread: row.unread,
      ...(row.first_unread === null ? {} : { firstUnreadId: row.first_unread }),
      muted: row.muted === 1,
    };
  }

  function withReply(message: Message, row: Row): Message {
    if (message.replyTo === undefined || row.reply_to_remote_id === null) return message;
    const quoted = byRemoteId.get(row.account_id, row.peer, row.reply_to_remote_id, null) as Row | undefined;
    return quoted ? { ...message, replyTo: { messageId: quoted.id, quote: message.replyTo.quote, direction: quoted.direction } } : message;
  }
  const full = (row: Row) => withReply(toMessage(row), row);

  const addReference = db.prepare('INSERT OR REPLACE INTO outbox_references (id, account_id, kind, args) VALUES (?, ?, ?, ?)');
  const trimReferences = db.prepare(
    'DELETE FROM outbox_references WHERE account_id = ?1 AND rowid NOT IN (SELECT rowid FROM outbox_references WHERE account_id = ?1 ORDER BY rowid DESC LIMIT ?2)',
  );
  const removeReference = db.prepare('DELETE FROM outbox_references WHERE id = ?');
  const references = db.prepare('SELECT kind, args FROM outbox_references WHERE account_id = ? ORDER BY rowid');

  let depth = 0;
  return {
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
    insert(message) {
      const found = existing(message);
      if (found) {
        let merged = false;
        if (message.stanzaId !== undefined && found.stanza_id === null) merged = Number(setStanzaId.run(message.stanzaId, found.id).changes) === 1;
        // Our own message seen in the archive or from another device reached the server (a failed one may be archived too).
        if (found.direction === 'out' && found.state === 'pending' && message.state !== 'pending') {
          setState.run('sent', null, found.id);
          merged = true;
        }
        const now = get(found.id) ?? toMessage(found);
        return merged ? { kind: 'merged', message: now } : { kind: 'duplicate', message: now };
      }
      insert.run(
        message.id,
        message.accountId,
        message.peer,
        message.direction,
        message.body,
        message.timestamp,
        message.state,
        message.originId ?? null,
        message.stanzaId ?? null,
        message.remoteId ?? null,
        message.error ?? null,
        message.read === true || message.direction === 'out' ? 1 : 0,
        message.markable === true ? 1 : 0,
        message.correctedAt ?? null,
        message.retracted === true ? 1 : 0,
        message.replyToRemoteId ?? null,
        message.replyTo?.quote ?? null,
        null,
        message.encrypted === true ? 1 : 0,
      );
      const row = byId.get(message.id) as Row | undefined;
      return { kind: 'inserted', message: row ? full(row) : message };
    },
    get(id) {
      const row = byId.get(id) as Row | undefined;
      return row ? full(row) : undefined;
    },
    byRemoteId: (accountId, peer, direction, remoteId) => one(byRemoteId, accountId, peer, remoteId, direction ?? null),
    byAnyId: (accountId, peer, id) => one(byStanzaId, accountId, peer, id) ?? one(byOriginAny, accountId, peer, id),
    setState(id, state, error) {
      setState.run(state, error ?? null, id);
      return get(id);
    },
    delivered: (accountId, peer, remoteId) => changed(delivered.all(accountId, peer, remoteId) as { id: string }[]),
    displayed(accountId, peer, remoteId) {
      const target = one(byRemoteId, accountId, peer, remoteId, 'out');
      if (!target) return [];
      return changed(displayed.all(accountId, peer, target.timestamp) as { id: string }[]);
    },
    correct(id, body, at) {
      correct.run(body, at, id);
      return get(id);
    },
    retract(id) {
      retract.run(id);
      return get(id);
    },
    react(id, sender, emojis) {
      const row = byId.get(id) as Row | undefined;
      if (!row || row.retracted === 1) return undefined;
      const map: ReactionMap = row.reactions === null ? {} : (JSON.parse(row.reactions) as ReactionMap);
      if (emojis.length === 0) delete map[sender];
      else map[sender] = [...new Set(emojis)];
      setReactions.run(Object.keys(map).length === 0 ? null : JSON.stringify(map), id);
      return get(id);
    },
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
    conversations(accountId) {
      const found = conversations.all(accountId) as unknown as Parameters<typeof toSummary>[0][];
      return found.map(toSummary).sort((a, b) => (b.lastMessage?.timestamp ?? 0) - (a.lastMessage?.timestamp ?? 0));
    },
    conversation(accountId, peer) {
      const row = oneConversation.get(accountId, peer) as Parameters<typeof toSummary>[0] | undefined;
      return row ? toSummary(row) : { peer, unread: 0, muted: (mutedOf.get(accountId, peer) as { muted: number } | undefined)?.muted === 1 };
    },
    markRead(accountId, peer, upTo = Number.MAX_SAFE_INTEGER) {
      const newestMarkable = one(newestUnreadMarkable, accountId, peer, upTo);
      markRead.run(accountId, peer, upTo);
      return newestMarkable;
    },
    isRead: (id) => (isRead.get(id) as { read: number } | undefined)?.read !== 0,
    setMuted: (accountId, peer, muted) => void setMuted.run(accountId, peer, muted ? 1 : 0),
    pending: (accountId) => rows(pending, accountId).map(toMessage),
    archiveCursor(accountId) {
      const row = cursor.get(accountId) as { last_id: string; last_ts: number } | undefined;
      return row ? { id: row.last_id, timestamp: row.last_ts } : undefined;
    },
    setArchiveCursor: (accountId, { id, timestamp }) => void setCursor.run(accountId, id, timestamp),
    archiveComplete: (accountId, peer) => (complete.get(accountId, peer) as { archive_complete: number } | undefined)?.archive_complete === 1,
    setArchiveComplete: (accountId, peer) => void setComplete.run(accountId, peer),
    unreadTotal: () => (unreadTotal.get() as { n: number }).n,
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
