// How a stored message row becomes a Message, shared by every part of the message store.
import type { Message, MessageFailure, Moderation, Reaction } from '../../../../shared/model/message.ts';
import type { Database } from '../database.ts';

export interface Row {
  rowid: number;
  id: string;
  account_id: string;
  peer: string;
  kind: Message['kind'];
  sender_nick: string | null;
  sender_occupant_id: string | null;
  sender_jid: string | null;
  archive: string | null;
  direction: Message['direction'];
  body: string;
  body_cut: number | null;
  ts: number;
  state: Message['state'];
  origin_id: string | null;
  stanza_id: string | null;
  remote_id: string | null;
  error: string | null;
  /** JSON of our own reason for not sending it (a code and its values). */
  failure: string | null;
  read: number;
  mention: number;
  markable: number;
  corrected_at: number | null;
  retracted: number;
  reply_to_remote_id: string | null;
  reply_quote: string | null;
  reactions: string | null;
  encrypted: number;
  sender_device: number | null;
  undecryptable: number;
  oob: number;
  /** XEP-0425: JSON of the moderation, when a moderator removed it. */
  moderation: string | null;
}

/** Our reactions and the peer's, per sender bare JID (XEP-0444 replaces a sender's whole set each time). */
export type ReactionMap = Record<string, string[]>;

export type Statement = ReturnType<Database['prepare']>;
type Arg = string | number | null;

export const PAGE_ORDER_DESC = 'ORDER BY ts DESC, rowid DESC';

function reactionsOf(json: string | null): Reaction[] | undefined {
  if (json === null) return undefined;
  const map = JSON.parse(json) as ReactionMap;
  const byEmoji = new Map<string, string[]>();
  for (const [sender, emojis] of Object.entries(map)) for (const emoji of emojis) byEmoji.set(emoji, [...(byEmoji.get(emoji) ?? []), sender]);
  return byEmoji.size === 0 ? undefined : [...byEmoji].map(([emoji, senders]) => ({ emoji, senders }));
}

export function toMessage(row: Row): Message {
  const reactions = reactionsOf(row.reactions);
  return {
    id: row.id,
    accountId: row.account_id,
    peer: row.peer,
    kind: row.kind,
    ...(row.sender_nick === null
      ? {}
      : {
          sender: {
            nick: row.sender_nick,
            ...(row.sender_occupant_id === null ? {} : { occupantId: row.sender_occupant_id }),
            ...(row.sender_jid === null ? {} : { jid: row.sender_jid }),
          },
        }),
    ...(row.archive === null ? {} : { archive: row.archive }),
    direction: row.direction,
    body: row.body,
    ...(row.body_cut === null ? {} : { bodyCut: row.body_cut }),
    timestamp: row.ts,
    state: row.state,
    ...(row.origin_id === null ? {} : { originId: row.origin_id }),
    ...(row.stanza_id === null ? {} : { stanzaId: row.stanza_id }),
    ...(row.remote_id === null ? {} : { remoteId: row.remote_id }),
    ...(row.error === null ? {} : { error: row.error }),
    ...(row.failure === null ? {} : { failure: JSON.parse(row.failure) as MessageFailure }),
    ...(row.corrected_at === null ? {} : { correctedAt: row.corrected_at }),
    ...(row.retracted === 1 ? { retracted: true } : {}),
    ...(row.moderation === null ? {} : { moderated: JSON.parse(row.moderation) as Moderation }),
    ...(row.reply_quote === null ? {} : { replyTo: { quote: row.reply_quote } }),
    ...(reactions ? { reactions } : {}),
    ...(row.encrypted === 1 ? { encrypted: true } : {}),
    ...(row.mention === 1 ? { mention: true } : {}),
    ...(row.sender_device === null ? {} : { senderDevice: row.sender_device }),
    ...(row.undecryptable === 1 ? { undecryptable: true } : {}),
    ...(row.oob === 1 ? { oob: true } : {}),
  };
}

export const one = (statement: Statement, ...args: Arg[]): Message | undefined => {
  const row = statement.get(...args) as Row | undefined;
  return row ? toMessage(row) : undefined;
};

export const rows = (statement: Statement, ...args: Arg[]): Row[] => statement.all(...args) as unknown as Row[];

export interface RowReader {
  readonly byId: Statement;
  /** XEP-0444 and XEP-0461 refer to a chat message by its origin-id, XEP-0308 and XEP-0333 by its id attribute. */
  readonly byRemoteId: Statement;
  /** The message as stored now, with the message its reply quotes: what a change event carries. */
  readonly current: (id: string) => Message | undefined;
  /** The message with the stored message its reply quotes (XEP-0461), when we have it. */
  readonly full: (row: Row) => Message;
}

export function createRowReader(db: Database): RowReader {
  const byId = db.prepare('SELECT rowid, * FROM messages WHERE id = ?');
  const byRemoteId = db.prepare(
    `SELECT rowid, * FROM messages WHERE account_id = ?1 AND peer = ?2 AND (remote_id = ?3 OR origin_id = ?3) AND direction = coalesce(?4, direction)
     ${PAGE_ORDER_DESC} LIMIT 1`,
  );
  function full(row: Row): Message {
    const message = toMessage(row);
    if (message.replyTo === undefined || row.reply_to_remote_id === null) return message;
    const quoted = byRemoteId.get(row.account_id, row.peer, row.reply_to_remote_id, null) as Row | undefined;
    return quoted ? { ...message, replyTo: { messageId: quoted.id, quote: message.replyTo.quote, direction: quoted.direction } } : message;
  }
  function current(id: string): Message | undefined {
    const row = byId.get(id) as Row | undefined;
    return row ? full(row) : undefined;
  }
  return { byId, byRemoteId, current, full };
}
