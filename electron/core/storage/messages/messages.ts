// Stored messages: insert or merge a copy (XEP-0359), delivery states, corrections, retractions, moderations and reactions.
import type { Message, MessageFailure, Moderation } from '../../../../shared/model/message.ts';
import type { Database } from '../database.ts';
import { one, toMessage, type ReactionMap, type Row, type RowReader } from './rows.ts';

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

export interface MessageRecords {
  insert(message: NewMessage): InsertResult;
  get(id: string): Message | undefined;
  /** The message a reference points at: its id attribute or origin-id (XEP-0308, XEP-0333, XEP-0424, XEP-0444, XEP-0461). */
  byRemoteId(accountId: string, peer: string, direction: Message['direction'] | undefined, remoteId: string): Message | undefined;
  /** The message with this origin-id or archive id, for references that use them. */
  byAnyId(accountId: string, peer: string, id: string): Message | undefined;
  setState(id: string, state: Message['state'], error?: string, failure?: MessageFailure): Message | undefined;
  /** XEP-0184: our message with this id reached a device of the peer. */
  delivered(accountId: string, peer: string, remoteId: string): Message[];
  /** XEP-0333 §4: displayed for one message means every earlier one was seen too. */
  displayed(accountId: string, peer: string, remoteId: string): Message[];
  /** `bodyCut` when the corrected text too was longer than the bound. */
  correct(id: string, body: string, at: number, bodyCut?: number): Message | undefined;
  retract(id: string): Message | undefined;
  /** XEP-0425: the room message with this stanza-id removed by a moderator; undefined when we do not have it. */
  moderate(accountId: string, room: string, stanzaId: string, moderation: Moderation): Message | undefined;
  react(id: string, sender: string, emojis: readonly string[]): Message | undefined;
}

export function createMessageRecords(db: Database, reader: RowReader): MessageRecords {
  const { byId, byRemoteId, current, full } = reader;
  const insert = db.prepare(
    `INSERT INTO messages (id, account_id, peer, direction, body, ts, state, origin_id, stanza_id, remote_id, error, read, markable,
       corrected_at, retracted, reply_to_remote_id, reply_quote, reactions, encrypted, kind, sender_nick, sender_occupant_id, sender_jid, archive, body_cut, moderation, mention,
       sender_device, undecryptable, oob)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const byStanzaId = db.prepare('SELECT rowid, * FROM messages WHERE account_id = ? AND peer = ? AND stanza_id = ?');
  const byOriginId = db.prepare('SELECT rowid, * FROM messages WHERE account_id = ? AND peer = ? AND direction = ? AND origin_id = ?');
  const sameRemote = db.prepare('SELECT rowid, * FROM messages WHERE account_id = ? AND peer = ? AND direction = ? AND remote_id = ? AND body = ? LIMIT 1');
  // XEP-0421: in a room, the same occupant's same text in the same second is one message seen twice (history and archive).
  const sameOccupant = db.prepare(
    `SELECT rowid, * FROM messages WHERE account_id = ? AND peer = ? AND kind = 'groupchat' AND sender_occupant_id = ? AND body = ? AND ts >= ? AND ts < ?
       ORDER BY stanza_id IS NULL DESC LIMIT 1`,
  );
  const byOriginAny = db.prepare('SELECT rowid, * FROM messages WHERE account_id = ? AND peer = ? AND origin_id = ? LIMIT 1');
  const setStanzaId = db.prepare('UPDATE messages SET stanza_id = ? WHERE id = ? AND stanza_id IS NULL');
  const setArchived = db.prepare('UPDATE messages SET ts = ?, archive = ? WHERE id = ?');
  const setState = db.prepare('UPDATE messages SET state = ?, error = ?, failure = ? WHERE id = ?');
  // A receipt or marker acknowledges only what went out: a failed message stays failed until it is sent again.
  const delivered = db.prepare(
    "UPDATE messages SET state = 'delivered', error = NULL WHERE account_id = ? AND peer = ? AND direction = 'out' AND remote_id = ? AND state IN ('pending', 'sent') RETURNING id",
  );
  // XEP-0333 §4: the marked message, and every earlier one the server took (a pending one may never have left).
  const displayed = db.prepare(
    `UPDATE messages SET state = 'read', error = NULL WHERE account_id = ?1 AND peer = ?2 AND direction = 'out'
       AND (state IN ('sent', 'delivered') AND ts <= ?3 OR id = ?4 AND state = 'pending') RETURNING id`,
  );
  const correct = db.prepare('UPDATE messages SET body = ?, body_cut = ?, corrected_at = ? WHERE id = ? AND retracted = 0');
  const retract = db.prepare("UPDATE messages SET body = '', body_cut = NULL, retracted = 1, reactions = NULL WHERE id = ?");
  const moderate = db.prepare("UPDATE messages SET body = '', body_cut = NULL, retracted = 1, reactions = NULL, moderation = ? WHERE id = ?");
  const setReactions = db.prepare('UPDATE messages SET reactions = ? WHERE id = ?');

  const changed = (result: { id: string }[]): Message[] => result.flatMap(({ id }) => current(id) ?? []);

  function sameInRoom(message: NewMessage): Row | undefined {
    const occupantId = message.kind === 'groupchat' ? message.sender?.occupantId : undefined;
    if (occupantId === undefined) return undefined;
    const second = Math.floor(message.timestamp / 1000) * 1000;
    const row = sameOccupant.get(message.accountId, message.peer, occupantId, message.body, second, second + 1000) as Row | undefined;
    // Two copies that both carry the room's ids are two messages, however alike.
    return row && (message.stanzaId === undefined || row.stanza_id === null) ? row : undefined;
  }

  function existing(message: NewMessage): Row | undefined {
    const { accountId, peer } = message;
    if (message.stanzaId !== undefined) {
      const row = byStanzaId.get(accountId, peer, message.stanzaId) as Row | undefined;
      if (row) return row;
    }
    if (message.originId !== undefined) return (byOriginId.get(accountId, peer, message.direction, message.originId) as Row | undefined) ?? sameInRoom(message);
    const inRoom = sameInRoom(message);
    if (inRoom) return inRoom;
    if (message.remoteId === undefined) return undefined;
    // Without XEP-0359 ids, the same sender's id with the same text is the same message, unless our server archived both.
    const row = sameRemote.get(accountId, peer, message.direction, message.remoteId, message.body) as Row | undefined;
    return row && message.stanzaId !== undefined && row.stanza_id !== null ? undefined : row;
  }

  function merge(found: Row, message: NewMessage): InsertResult {
    let merged = false;
    if (message.stanzaId !== undefined && found.stanza_id === null) merged = Number(setStanzaId.run(message.stanzaId, found.id).changes) === 1;
    // A room dates its replayed history to the second (XEP-0203); its archive's copy keeps the archive's order inside it.
    const sameSecond = Math.floor(found.ts / 1000) === Math.floor(message.timestamp / 1000);
    if (found.kind === 'groupchat' && found.archive === null && message.archive !== undefined && found.ts % 1000 === 0 && sameSecond) {
      setArchived.run(message.timestamp, message.archive, found.id);
      merged = true;
    }
    // Our own message seen in the archive or from another device reached the server (a failed one may be archived too).
    if (found.direction === 'out' && found.state === 'pending' && message.state !== 'pending') {
      setState.run('sent', null, null, found.id);
      merged = true;
    }
    // XEP-0425: the room's history or archive has the removed message's tombstone where we hold the message.
    if (message.moderated && found.moderation === null) {
      moderate.run(JSON.stringify(message.moderated), found.id);
      merged = true;
    }
    const now = current(found.id) ?? toMessage(found);
    return merged ? { kind: 'merged', message: now } : { kind: 'duplicate', message: now };
  }

  return {
    insert(message) {
      const found = existing(message);
      if (found) return merge(found, message);
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
        message.kind,
        message.sender?.nick ?? null,
        message.sender?.occupantId ?? null,
        message.sender?.jid ?? null,
        message.archive ?? null,
        message.bodyCut ?? null,
        message.moderated ? JSON.stringify(message.moderated) : null,
        message.mention === true ? 1 : 0,
        message.senderDevice ?? null,
        message.undecryptable === true ? 1 : 0,
        message.oob === true ? 1 : 0,
      );
      const row = byId.get(message.id) as Row | undefined;
      return { kind: 'inserted', message: row ? full(row) : message };
    },
    get: current,
    byRemoteId: (accountId, peer, direction, remoteId) => one(byRemoteId, accountId, peer, remoteId, direction ?? null),
    byAnyId: (accountId, peer, id) => one(byStanzaId, accountId, peer, id) ?? one(byOriginAny, accountId, peer, id),
    setState(id, state, error, failure) {
      setState.run(state, error ?? null, failure === undefined ? null : JSON.stringify(failure), id);
      return current(id);
    },
    delivered: (accountId, peer, remoteId) => changed(delivered.all(accountId, peer, remoteId) as { id: string }[]),
    displayed(accountId, peer, remoteId) {
      const target = one(byRemoteId, accountId, peer, remoteId, 'out');
      if (!target) return [];
      return changed(displayed.all(accountId, peer, target.timestamp, target.id) as { id: string }[]);
    },
    correct(id, body, at, bodyCut) {
      correct.run(body, bodyCut ?? null, at, id);
      return current(id);
    },
    retract(id) {
      retract.run(id);
      return current(id);
    },
    moderate(accountId, room, stanzaId, moderation) {
      const found = byStanzaId.get(accountId, room, stanzaId) as Row | undefined;
      if (!found) return undefined;
      moderate.run(JSON.stringify(moderation), found.id);
      return current(found.id);
    },
    react(id, sender, emojis) {
      const row = byId.get(id) as Row | undefined;
      if (!row || row.retracted === 1) return undefined;
      const map: ReactionMap = row.reactions === null ? {} : (JSON.parse(row.reactions) as ReactionMap);
      if (emojis.length === 0) delete map[sender];
      else map[sender] = [...new Set(emojis)];
      setReactions.run(Object.keys(map).length === 0 ? null : JSON.stringify(map), id);
      return current(id);
    },
  };
}
