// One-to-one chat messages (RFC 6121 §5) and the conversations they form, keyed by XEP-0359 ids for de-duplication.
import { z } from 'zod';
import { ErrorCodeSchema, ErrorParamsSchema } from '../ipc/errors.ts';

export const MessageDirectionSchema = z.enum(['in', 'out']);
/**
 * Outgoing: pending (stored, not yet acknowledged) → sent (XEP-0198 ack) → delivered (XEP-0184) → read (XEP-0333
 * displayed), or failed (an error from the server; retry makes it pending again). Incoming: received.
 */
export const MessageStateSchema = z.enum(['pending', 'sent', 'delivered', 'read', 'failed', 'received']);
export type MessageState = z.infer<typeof MessageStateSchema>;

/** RFC 6121 chat, XEP-0045 §7.4 groupchat in a room, or §7.5 a private message with a room's occupant. */
export const MessageKindSchema = z.enum(['chat', 'groupchat', 'private']);
export type MessageKind = z.infer<typeof MessageKindSchema>;

/** Who wrote a message inside a room: the nickname, the room's stable id for the occupant (XEP-0421), the real JID when the room reveals it. */
export const RoomSenderSchema = z.object({
  nick: z.string(),
  occupantId: z.string().optional(),
  jid: z.string().optional(),
});
export type RoomSender = z.infer<typeof RoomSenderSchema>;

/** Why Causette did not send a message: an error code and the values its sentence names. */
export const MessageFailureSchema = z.object({ code: ErrorCodeSchema, params: ErrorParamsSchema.optional() });
export type MessageFailure = z.infer<typeof MessageFailureSchema>;

/** XEP-0444: one emoji and who reacted with it (bare JIDs, our own included). */
export const ReactionSchema = z.object({ emoji: z.string(), senders: z.array(z.string()) });
export type Reaction = z.infer<typeof ReactionSchema>;

/** XEP-0461: what a message answers, with a quote of it (from the store, or the sender's fallback text). */
export const ReplyToSchema = z.object({
  /** The local id of the quoted message when it is stored here. */
  messageId: z.string().optional(),
  quote: z.string(),
  direction: MessageDirectionSchema.optional(),
});
export type ReplyTo = z.infer<typeof ReplyToSchema>;

/** XEP-0425: a room's moderator removed a message; by: the moderator's occupant JID (room@service/nick), when told. */
export const ModerationSchema = z.object({ by: z.string().optional(), reason: z.string().optional() });
export type Moderation = z.infer<typeof ModerationSchema>;

export const MessageSchema = z.object({
  /** Local id (a UUID), stable across edits of the row. */
  id: z.string(),
  accountId: z.string(),
  /** The conversation: the other party's bare JID, a room's bare JID, or for a private message the occupant's full JID. */
  peer: z.string(),
  kind: MessageKindSchema,
  /** In a room (groupchat or private): who wrote it there. */
  sender: RoomSenderSchema.optional(),
  /** XEP-0313: the archive it was read from, when it came from one (our account's bare JID, or a room's). */
  archive: z.string().optional(),
  direction: MessageDirectionSchema,
  /** Plain text, never interpreted as markup; the latest correction's text; empty once retracted. */
  body: z.string(),
  /** The body is the start of a text too long to keep: this many UTF-16 code units were cut (the window says so). */
  bodyCut: z.number().int().positive().optional(),
  /** Epoch ms. */
  timestamp: z.number(),
  state: MessageStateSchema,
  originId: z.string().optional(),
  /** XEP-0359 stanza-id assigned by our own server (the archive id). */
  stanzaId: z.string().optional(),
  /** The stanza's id attribute, which corrections, replies and reactions refer to (for ours, the same as `id`). */
  remoteId: z.string().optional(),
  /** The server's error text when state is failed. */
  error: z.string().optional(),
  /** When we refused to send it ourselves (encryption impossible): the reason as a code, said in the user's language. */
  failure: MessageFailureSchema.optional(),
  /** XEP-0308: when it was last corrected (epoch ms). */
  correctedAt: z.number().optional(),
  /** XEP-0424: the sender retracted it. */
  retracted: z.boolean().optional(),
  /** XEP-0425: a room's moderator removed it (retracted too): who, when the room says, and why. */
  moderated: ModerationSchema.optional(),
  replyTo: ReplyToSchema.optional(),
  reactions: z.array(ReactionSchema).optional(),
  /** End-to-end encrypted (OMEMO, XEP-0384). */
  encrypted: z.boolean().optional(),
  /** The OMEMO device that sent it (incoming encrypted messages). */
  senderDevice: z.number().int().min(0).optional(),
  /** Encrypted, and could not be decrypted here: shown as "Could not decrypt this message (from device N)". */
  undecryptable: z.boolean().optional(),
  /** XEP-0066: the body is the URL of a file the message also shared out of band (shown as a file to download). */
  oob: z.boolean().optional(),
  /** In a room: someone else's message that names our nickname there (XEP-0045 room message). */
  mention: z.boolean().optional(),
});
export type Message = z.infer<typeof MessageSchema>;

/** Which of a room's messages bring a notification and count in the title, tray and badge; rooms default to mentions. */
export const RoomNotifySchema = z.enum(['all', 'mentions', 'none']);
export type RoomNotify = z.infer<typeof RoomNotifySchema>;
export const DEFAULT_ROOM_NOTIFY: RoomNotify = 'mentions';

export const ConversationSchema = z.object({
  peer: z.string(),
  lastMessage: z
    .object({
      body: z.string(),
      timestamp: z.number(),
      direction: MessageDirectionSchema,
      retracted: z.boolean().optional(),
      /** In a room: the nickname of whoever wrote it, when not us. */
      senderNick: z.string().optional(),
    })
    .optional(),
  unread: z.number().int().min(0),
  /** The oldest unread message, where the unread marker goes. */
  firstUnreadId: z.string().optional(),
  muted: z.boolean(),
  /**
   * From someone outside the roster, not yet accepted: held under "Message requests", with no notification, no receipts,
   * markers or typing sent back, and links shown as plain text.
   */
  request: z.boolean().optional(),
  /** A room's conversation (XEP-0045): its messages are groupchat, each with its sender. */
  room: z.boolean().optional(),
  /** A room's: unread messages that name our nickname. */
  mentions: z.number().int().min(0).optional(),
  /** A room's notification setting. */
  notify: RoomNotifySchema.optional(),
});
export type Conversation = z.infer<typeof ConversationSchema>;

/** XEP-0085 chat states. */
export const ChatStateSchema = z.enum(['active', 'composing', 'paused', 'inactive', 'gone']);
export type ChatState = z.infer<typeof ChatStateSchema>;

/** A page of history and whether more exists on each side (locally or in the server's archive). */
export const HistoryPageSchema = z.object({
  messages: z.array(MessageSchema),
  hasOlder: z.boolean(),
  hasNewer: z.boolean(),
});
export type HistoryPage = z.infer<typeof HistoryPageSchema>;

export const SearchHitSchema = z.object({
  accountId: z.string(),
  peer: z.string(),
  messageId: z.string(),
  timestamp: z.number(),
  direction: MessageDirectionSchema,
  /** The body around the match, matched terms between \u0002 and \u0003 (characters XML cannot carry); plain text. */
  snippet: z.string(),
  /** In a room: the nickname of whoever wrote it, when not us (the search looks in nicknames too). */
  senderNick: z.string().optional(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

/** XEP-0313 catch-up after being offline: running with a count so far, or idle. */
export const ArchiveSyncSchema = z.object({
  status: z.enum(['idle', 'syncing', 'failed']),
  fetched: z.number().int().min(0),
  error: z.string().optional(),
});
export type ArchiveSync = z.infer<typeof ArchiveSyncSchema>;
