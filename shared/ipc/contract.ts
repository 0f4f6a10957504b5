// The IPC contract: every command (request → response) and event (main → renderer), declared once.
import { z } from 'zod';
import { AccountIdSchema, AccountSchema, TlsModeSchema } from '../model/account.ts';
import { SettingsSchema } from '../model/settings.ts';
import { BlockListSchema, ContactDetailsSchema, ContactSchema, SubscriptionRequestSchema } from '../model/contact.ts';
import { ArchiveSyncSchema, ChatStateSchema, ConversationSchema, HistoryPageSchema, MessageSchema, RoomNotifySchema, SearchHitSchema } from '../model/message.ts';
import { OwnPresenceSchema, OwnShowSchema, PrioritySchema } from '../model/presence.ts';
import { DataFormSchema, FormAnswersSchema } from '../model/data-form.ts';
import { VoiceRequestSchema } from '../model/voice-request.ts';
import {
  AffiliatedUserSchema,
  AffiliationSchema,
  DepartureSchema,
  InvitationKindSchema,
  InvitationSchema,
  OccupantSchema,
  RoomListSchema,
  RoomPresetSchema,
  RoomSchema,
} from '../model/room.ts';
import { BookmarkSchema } from '../model/bookmark.ts';
import { DeviceTrustSchema, EncryptionStateSchema, OmemoDevicesSchema } from '../model/encryption.ts';
import { SendMethodSchema, TransferSchema } from '../model/transfer.ts';
import { AppErrorSchema, type AppError } from './errors.ts';

const Empty = z.object({}).strict();

/** A bare JID "local@domain" as typed by a person (RFC 7622 §3); parsed strictly in main. */
const BareJidInput = z.string().trim().min(3).max(3071);
const Password = z.string().min(1).max(1023);
const ServerOverride = {
  host: z.string().trim().min(1).max(253).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  tls: TlsModeSchema.default('auto'),
};

export const SecretStorageSchema = z.enum(['os-keychain', 'plain-file']);

export const SnapshotSchema = z.object({
  version: z.string(),
  accounts: z.array(AccountSchema),
  settings: SettingsSchema,
  /** Where remembered passwords go: the OS keychain (desktop) or an unencrypted file (browser mode). */
  secretStorage: SecretStorageSchema,
  logFile: z.string(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

const ContactJid = z.string().trim().min(3).max(3071);
const AccountContact = { accountId: AccountIdSchema, jid: ContactJid };
const GroupName = z.string().trim().min(1).max(1023);
const MessageId = z.string().min(1).max(200);
/** Long pastes are fine (shown collapsed); beyond this, servers refuse the stanza anyway. */
const MessageBody = z.string().min(1).max(100_000);

/** How this account's server lets the user appear offline while signed in. */
export const InvisibilitySchema = z.enum(['xep-0186', 'xep-0126', 'unavailable', 'unknown']);

export const RosterSnapshotSchema = z.object({
  contacts: z.array(ContactSchema),
  requests: z.array(SubscriptionRequestSchema),
  presence: OwnPresenceSchema,
  recentStatuses: z.array(z.string()),
  invisibility: InvisibilitySchema,
  /** SHA-1 of our own published avatar, if any. */
  ownAvatarHash: z.string().optional(),
});
export type RosterSnapshot = z.infer<typeof RosterSnapshotSchema>;

function command<Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res) {
  return { request, response };
}

/** A SHA-256 certificate fingerprint as Node prints it. */
const Fingerprint256 = z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

/** A room's bare JID, room@service (XEP-0045 §4.1); parsed strictly in main. */
const RoomJid = z.string().trim().min(3).max(3071);
/** XEP-0045 §7.2: the resource of our occupant JID; the room may refuse or change it. */
const Nick = z.string().trim().min(1).max(1023);
const AccountRoom = { accountId: AccountIdSchema, room: RoomJid };

export const commands = {
  'app.snapshot': command(Empty, SnapshotSchema),
  'account.add': command(
    z.object({ jid: BareJidInput, password: Password, remember: z.boolean(), ...ServerOverride }).strict(),
    AccountSchema,
  ),
  'account.register': command(
    z
      .object({
        jid: BareJidInput,
        password: Password,
        remember: z.boolean(),
        ...ServerOverride,
        /** The fingerprint of the certificate the last attempt was refused for, which the user chose to trust. */
        trustCertificate: Fingerprint256.optional(),
      })
      .strict(),
    AccountSchema,
  ),
  'account.connect': command(
    z.object({ accountId: AccountIdSchema, password: Password.optional(), remember: z.boolean().optional() }).strict(),
    AccountSchema,
  ),
  'account.disconnect': command(z.object({ accountId: AccountIdSchema }).strict(), AccountSchema),
  /**
   * Removes the account from this computer (never from the server). deleteHistory: its messages go too, else they stay
   * hidden and come back when the same address is added again. forgetPassword: its saved password is deleted.
   */
  'account.remove': command(z.object({ accountId: AccountIdSchema, deleteHistory: z.boolean(), forgetPassword: z.boolean() }).strict(), z.null()),
  'account.trustCertificate': command(
    z.object({ accountId: AccountIdSchema, fingerprint256: Fingerprint256 }).strict(),
    AccountSchema,
  ),
  'settings.update': command(SettingsSchema.partial().strict(), SettingsSchema),
  'roster.snapshot': command(z.object({ accountId: AccountIdSchema }).strict(), RosterSnapshotSchema),
  // RFC 6121 §2.2 and §3.1: a roster set, then a subscription request.
  'roster.add': command(
    z.object({ ...AccountContact, name: z.string().trim().max(1023).optional(), groups: z.array(GroupName).max(64).default([]) }).strict(),
    z.null(),
  ),
  'roster.update': command(
    z.object({ ...AccountContact, name: z.string().trim().max(1023).optional(), groups: z.array(GroupName).max(64) }).strict(),
    z.null(),
  ),
  'roster.remove': command(z.object(AccountContact).strict(), z.null()),
  'subscription.approve': command(z.object({ ...AccountContact, addBack: z.boolean() }).strict(), z.null()),
  'subscription.deny': command(z.object(AccountContact).strict(), z.null()),
  'subscription.request': command(z.object(AccountContact).strict(), z.null()),
  'subscription.preapprove': command(z.object(AccountContact).strict(), z.null()),
  /** Stop sharing our presence with the contact (RFC 6121 §3.2). */
  'subscription.revoke': command(z.object(AccountContact).strict(), z.null()),
  /** Stop receiving the contact's presence (RFC 6121 §3.3). */
  'subscription.unsubscribe': command(z.object(AccountContact).strict(), z.null()),
  /** Without accountId, every account (the tray's menu). */
  'presence.set': command(
    z.object({ accountId: AccountIdSchema.optional(), show: OwnShowSchema, status: z.string().max(1024).optional(), priority: PrioritySchema.optional() }).strict(),
    z.null(),
  ),
  /** The host reports how long the user has been idle, for auto-away. */
  'presence.activity': command(z.object({ idleSeconds: z.number().min(0).max(10_000_000), locked: z.boolean() }).strict(), z.null()),
  /** vCard (XEP-0054) and the client versions (XEP-0092) of the contact's online resources. */
  'contact.details': command(z.object(AccountContact).strict(), ContactDetailsSchema),
  'blocking.list': command(z.object({ accountId: AccountIdSchema }).strict(), BlockListSchema),
  /** XEP-0191 block, with an XEP-0377 report when asked for and offered. */
  'blocking.block': command(z.object({ ...AccountContact, report: z.enum(['spam', 'abuse']).optional() }).strict(), z.null()),
  'blocking.unblock': command(z.object(AccountContact).strict(), z.null()),
  /** An avatar from the on-disk cache, by its SHA-1, as a data: URL the page can show under its CSP. */
  'avatar.get': command(z.object({ accountId: AccountIdSchema, hash: z.string().regex(/^[0-9a-f]{40}$/) }).strict(), z.object({ dataUrl: z.string() })),
  /** Publishes our avatar (XEP-0084 and XEP-0153): a PNG the renderer already resized, base64, at most 256 KiB. */
  'avatar.setOwn': command(
    z.object({ accountId: AccountIdSchema, pngBase64: z.string().max(350_000).regex(/^[A-Za-z0-9+/]+={0,2}$/) }).strict(),
    z.object({ hash: z.string() }),
  ),
  /** Removes our avatar: XEP-0084 §4.5 empty metadata, and XEP-0153 (no vCard PHOTO, an empty photo in presence). */
  'avatar.removeOwn': command(z.object({ accountId: AccountIdSchema }).strict(), z.null()),
  /** Conversations of the account, most recent first. */
  'chat.conversations': command(z.object({ accountId: AccountIdSchema }).strict(), z.array(ConversationSchema)),
  /**
   * A page of history, oldest first: the newest page, or the page before / after a message, or the page around one
   * (search results). Older than the local store, the server's archive is asked (XEP-0313).
   */
  'chat.history': command(
    z
      .object({
        accountId: AccountIdSchema,
        peer: ContactJid,
        before: MessageId.optional(),
        after: MessageId.optional(),
        around: MessageId.optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    HistoryPageSchema,
  ),
  /** Stored first (pending), then sent; the answer is the stored message. */
  'chat.send': command(
    z.object({ accountId: AccountIdSchema, peer: ContactJid, body: MessageBody, replyTo: MessageId.optional() }).strict(),
    MessageSchema,
  ),
  /** XEP-0308: corrects our last message to this peer. */
  'chat.correct': command(z.object({ accountId: AccountIdSchema, messageId: MessageId, body: MessageBody }).strict(), MessageSchema),
  /** XEP-0424: retracts one of our messages. */
  'chat.retract': command(z.object({ accountId: AccountIdSchema, messageId: MessageId }).strict(), MessageSchema),
  /** XEP-0444: our whole set of reactions to a message (an empty list removes them). */
  'chat.react': command(
    z.object({ accountId: AccountIdSchema, messageId: MessageId, emojis: z.array(z.string().min(1).max(64)).max(20) }).strict(),
    MessageSchema,
  ),
  /** A failed message goes back to pending and is sent again with the same origin-id. */
  'chat.retry': command(z.object({ accountId: AccountIdSchema, messageId: MessageId }).strict(), MessageSchema),
  /** XEP-0085: our chat state towards the peer (composing, paused…); sent only when it changes. */
  'chat.typing': command(z.object({ accountId: AccountIdSchema, peer: ContactJid, state: ChatStateSchema }).strict(), z.null()),
  /** Marks the conversation read here, and tells the peer (XEP-0333 displayed) and our other devices. */
  'chat.markRead': command(z.object({ accountId: AccountIdSchema, peer: ContactJid }).strict(), z.null()),
  'chat.setMuted': command(z.object({ accountId: AccountIdSchema, peer: ContactJid, muted: z.boolean() }).strict(), z.null()),
  /** A room's notification setting: every message, mentions of our nickname, or none; the unread total follows it. */
  'chat.setNotify': command(z.object({ accountId: AccountIdSchema, peer: ContactJid, notify: RoomNotifySchema }).strict(), z.null()),
  /** A message request becomes an ordinary conversation. */
  'chat.acceptRequest': command(z.object({ accountId: AccountIdSchema, peer: ContactJid }).strict(), z.null()),
  /**
   * A message request is deleted with its messages; the stranger is also blocked (XEP-0191), and reported as spam
   * (XEP-0377) where the server offers it, when asked.
   */
  'chat.declineRequest': command(z.object({ accountId: AccountIdSchema, peer: ContactJid, block: z.enum(['no', 'block', 'report']) }).strict(), z.null()),
  /** Full-text search (FTS5) across all conversations, or one account's; best matches first. */
  'chat.search': command(
    z.object({ query: z.string().trim().min(1).max(500), accountId: AccountIdSchema.optional(), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    z.array(SearchHitSchema),
  ),
  /** Which conversation the user is looking at (none when the window is hidden): no notification for it. */
  'ui.visibleConversation': command(z.object({ conversation: z.object({ accountId: AccountIdSchema, peer: ContactJid }).strict().optional() }).strict(), z.null()),
  /** Rooms of the account this session: joined, joining, waiting to rejoin, or put out of (with why). */
  'muc.rooms': command(z.object({ accountId: AccountIdSchema }).strict(), z.array(RoomSchema)),
  /** XEP-0045 §7.2: answers once the room confirmed us (status 110); refusals are typed errors (nickname in use, password…). Without a password, a saved room's (XEP-0402) is used. */
  'muc.join': command(z.object({ ...AccountRoom, nick: Nick, password: z.string().max(1023).optional() }).strict(), RoomSchema),
  /** §7.14: leaves; the room is not rejoined after a reconnect. */
  'muc.leave': command(z.object(AccountRoom).strict(), z.null()),
  /** The occupants now (the deltas follow as muc.occupants events). */
  'muc.occupants': command(z.object(AccountRoom).strict(), z.array(OccupantSchema)),
  /** §7.4: stored first (pending), then sent; the room's echo marks it sent. Private messages to an occupant go by chat.send to room@service/nick. */
  'muc.send': command(z.object({ ...AccountRoom, body: MessageBody }).strict(), MessageSchema),
  /** §7.6: changes our nickname in the room; answers once the room confirmed it, or refuses (nickname in use…). */
  'muc.setNick': command(z.object({ ...AccountRoom, nick: Nick }).strict(), RoomSchema),
  /** §8.1: changes the subject (when the room lets us). */
  'muc.setSubject': command(z.object({ ...AccountRoom, subject: z.string().max(10_000) }).strict(), z.null()),
  /** §6.3: the rooms of a MUC service (the account's server's own when left out), each with its disco#info, bounded. */
  'muc.list': command(
    z.object({ accountId: AccountIdSchema, service: z.string().trim().min(1).max(1023).optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    RoomListSchema,
  ),
  /**
   * §10.1: creates the room and joins it; already-exists when it does. A preset configures it at once; 'custom' leaves it
   * locked and answers its configuration form to fill in and send with muc.configure.
   */
  'muc.create': command(
    z.object({ ...AccountRoom, nick: Nick, preset: RoomPresetSchema, name: z.string().trim().max(1023).optional() }).strict(),
    z.object({ room: RoomSchema, form: DataFormSchema.optional() }),
  ),
  /** §8.2: a moderator kicks an occupant (by nickname), with the reason the room passes on. */
  'muc.kick': command(z.object({ ...AccountRoom, nick: Nick, reason: z.string().max(1024).optional() }).strict(), z.null()),
  /** §9.1: an admin bans a user (the occupant's real JID, bare), who cannot come back. */
  'muc.ban': command(z.object({ ...AccountRoom, jid: z.string().trim().min(3).max(3071), reason: z.string().max(1024).optional() }).strict(), z.null()),
  /** §8.3–§8.6, §9.6–§9.7: a moderator gives an occupant (by nickname) voice (participant), takes it (visitor), or an admin moderator rights. */
  'muc.setRole': command(z.object({ ...AccountRoom, nick: Nick, role: z.enum(['moderator', 'participant', 'visitor']), reason: z.string().max(1024).optional() }).strict(), z.null()),
  /** §9.3–§9.8, §10.3–§10.7: an admin or owner changes a user's (bare JID) affiliation; none removes it, outcast bans. */
  'muc.setAffiliation': command(
    z.object({ ...AccountRoom, jid: z.string().trim().min(3).max(3071), affiliation: AffiliationSchema, reason: z.string().max(1024).optional() }).strict(),
    z.null(),
  ),
  /** §9.2, §9.5, §10.5, §10.8: the room's list of users with this affiliation (the ban list is outcast), sorted by address. */
  'muc.affiliations': command(z.object({ ...AccountRoom, affiliation: z.enum(['owner', 'admin', 'member', 'outcast']) }).strict(), z.array(AffiliatedUserSchema)),
  /**
   * Invites contacts to a room we are in: XEP-0249 direct invitations (with the room's password), or mediated through the
   * room (XEP-0045 §7.8.2), which auto takes for members-only rooms so that the room can make them members; the room's
   * refusal (not allowed to invite) is a typed error.
   */
  'muc.invite': command(
    z.object({ ...AccountRoom, jids: z.array(ContactJid).min(1).max(50), reason: z.string().max(1024).optional(), kind: InvitationKindSchema.optional() }).strict(),
    z.null(),
  ),
  /** Invitations waiting for an answer, newest first; joining the room answers one. */
  'muc.invitations': command(z.object({ accountId: AccountIdSchema }).strict(), z.array(InvitationSchema)),
  /** Forgets the invitation; a mediated one is declined through the room (§7.8.2), with the reason. */
  'muc.declineInvitation': command(z.object({ ...AccountRoom, reason: z.string().max(1024).optional() }).strict(), z.null()),
  /** XEP-0425: a moderator removes a room message (by our id for it) for everyone, with a reason the room passes on. */
  'muc.moderate': command(z.object({ accountId: AccountIdSchema, messageId: MessageId, reason: z.string().max(1024).optional() }).strict(), z.null()),
  /** §7.13: as a visitor in a moderated room, asks its moderators for voice; their answer is a change of our role. */
  'muc.requestVoice': command(z.object(AccountRoom).strict(), z.null()),
  /** §8.6: a moderator grants (allow) or denies a visitor's request for voice, by the room's form. */
  'muc.answerVoiceRequest': command(z.object({ ...AccountRoom, nick: Nick, allow: z.boolean() }).strict(), z.null()),
  /** §10.2: the room's configuration form (owners only). */
  'muc.getConfig': command(z.object(AccountRoom).strict(), DataFormSchema),
  /** §10.2: submits the configuration form with these answers (fields left out keep their values). */
  'muc.configure': command(z.object({ ...AccountRoom, answers: FormAnswersSchema }).strict(), z.null()),
  /** §10.9: destroys the room, telling its occupants why and where to go instead. */
  'muc.destroy': command(
    z.object({ ...AccountRoom, reason: z.string().max(1024).optional(), alternate: RoomJid.optional(), alternatePassword: z.string().max(1023).optional() }).strict(),
    z.null(),
  ),
  /** XEP-0402 (or XEP-0048 where the server lacks it): the rooms saved on our account. */
  'muc.bookmarks': command(z.object({ accountId: AccountIdSchema }).strict(), z.array(BookmarkSchema)),
  /** Saves a room (or changes it); a password left out keeps the saved one, an empty one removes it. */
  'muc.bookmark': command(
    z.object({ ...AccountRoom, name: z.string().trim().max(1023).optional(), nick: Nick, password: z.string().max(1023).optional(), autojoin: z.boolean() }).strict(),
    BookmarkSchema,
  ),
  'muc.unbookmark': command(z.object(AccountRoom).strict(), z.null()),
  /** XEP-0384: whether a one-to-one conversation is end-to-end encrypted. */
  'omemo.encryption': command(z.object({ accountId: AccountIdSchema, peer: ContactJid }).strict(), EncryptionStateSchema),
  /** Turns a conversation's encryption on or off; with it on, a message that cannot be encrypted fails instead of going out. */
  'omemo.setEncryption': command(z.object({ accountId: AccountIdSchema, peer: ContactJid, on: z.boolean() }).strict(), EncryptionStateSchema),
  /** Our device's fingerprint and the contact's devices with theirs and their trust (fingerprints only: keys stay in main). */
  'omemo.devices': command(z.object({ accountId: AccountIdSchema, jid: ContactJid }).strict(), OmemoDevicesSchema),
  /** Verifies a device (after comparing fingerprints), trusts it without verifying, or stops encrypting for it. */
  'omemo.setTrust': command(
    z.object({ accountId: AccountIdSchema, jid: ContactJid, deviceId: z.number().int().positive(), trust: DeviceTrustSchema.exclude(['undecided']) }).strict(),
    OmemoDevicesSchema,
  ),
  /** Dismisses the banner that tells of a new device awaiting a decision; it stays dismissed after a restart (that device only). */
  'omemo.dismissNewDevice': command(z.object({ accountId: AccountIdSchema, jid: ContactJid, deviceId: z.number().int().positive() }).strict(), OmemoDevicesSchema),
  /**
   * Fetches a file shared by URL (https with XEP-0066, or aesgcm:// of XEP-0454, decrypted) into the downloads folder;
   * answers at once with the transfer, whose progress follows as transfer.updated events.
   */
  'transfer.download': command(
    z.object({ accountId: AccountIdSchema, peer: ContactJid, url: z.string().min(1).max(8192), messageId: z.string().max(200).optional() }).strict(),
    TransferSchema,
  ),
  /**
   * Sends a file the user chose (its token from the host) to a conversation: with 'auto', by Jingle (XEP-0234) to the
   * contact's online device that takes file transfers, else by HTTP upload (XEP-0363; offline contact, room, no such
   * device), its URL shared in the conversation with an XEP-0066 reference (aesgcm:// of XEP-0454 when encrypted);
   * 'jingle' refuses when no device can take it. Answers at once; progress follows as transfer.updated events.
   */
  'transfer.send': command(z.object({ accountId: AccountIdSchema, peer: ContactJid, file: z.string().uuid(), method: SendMethodSchema.default('auto') }).strict(), TransferSchema),
  /** Accepts a file offered by Jingle (a transfer 'in', 'pending'), saved in the downloads folder or the folder the host chose. */
  'transfer.accept': command(z.object({ id: z.string().uuid(), folder: z.string().min(1).max(4096).optional() }).strict(), z.boolean()),
  /** Accepts an offer into a folder the desktop host asks the user for; false when they cancel the choice. */
  'transfer.acceptInto': command(z.object({ id: z.string().uuid() }).strict(), z.boolean()),
  /** Opens a received file with its application, or shows it in the file manager ('reveal'); desktop host only. */
  'transfer.open': command(z.object({ id: z.string().uuid(), reveal: z.boolean().default(false) }).strict(), z.boolean()),
  /** Declines a file offered by Jingle (XEP-0166 reason decline). */
  'transfer.decline': command(z.object({ id: z.string().uuid() }).strict(), z.boolean()),
  /**
   * Goes on with an interrupted Jingle transfer ('resumable'): a file coming to us is asked for again from the bytes already
   * received (XEP-0234 §6.2 file request with a range), a file we sent is offered again (the receiver asks for the rest).
   */
  'transfer.resume': command(z.object({ id: z.string().uuid() }).strict(), z.boolean()),
  /** Stops a transfer under way, Jingle or HTTP; false when it was over already. */
  'transfer.cancel': command(z.object({ id: z.string().uuid() }).strict(), z.boolean()),
  /** The transfers of this run, finished ones too. */
  'transfer.list': command(z.object({}).strict(), z.array(TransferSchema)),
  /** XEP-0260 §6.1: whether the user allowed this peer, though not a mutual contact, to get our addresses by direct transfers. */
  'transfer.directAllowed': command(z.object({ accountId: AccountIdSchema, peer: ContactJid }).strict(), z.boolean()),
  /** Allows (or no longer) direct transfers with this peer, which tell it our IP addresses; kept per account. */
  'transfer.allowDirect': command(z.object({ accountId: AccountIdSchema, peer: ContactJid, allowed: z.boolean() }).strict(), z.boolean()),
} as const;

export const events = {
  'account.updated': AccountSchema,
  'account.removed': z.object({ accountId: AccountIdSchema }),
  'settings.updated': SettingsSchema,
  /** Deltas, batched: many presence stanzas at login make few events. */
  'roster.changed': z.object({ accountId: AccountIdSchema, upserts: z.array(ContactSchema), removed: z.array(z.string()) }),
  'subscription.requestsChanged': z.object({ accountId: AccountIdSchema, requests: z.array(SubscriptionRequestSchema) }),
  'blocking.changed': z.object({ accountId: AccountIdSchema, jids: z.array(z.string()) }),
  'avatar.ownChanged': z.object({ accountId: AccountIdSchema, hash: z.string().optional() }),
  /** A new message, or a change of one (state, correction, retraction, reactions). */
  'chat.message': z.object({ accountId: AccountIdSchema, message: MessageSchema }),
  /** A conversation's summary changed (last message, unread count, mute): a delta, not a list to fetch again. */
  'chat.conversation': z.object({ accountId: AccountIdSchema, conversation: ConversationSchema }),
  /** A conversation was deleted (a declined message request). */
  'chat.conversationRemoved': z.object({ accountId: AccountIdSchema, peer: z.string() }),
  /** The peer's XEP-0085 chat state. */
  'chat.typing': z.object({ accountId: AccountIdSchema, peer: z.string(), state: ChatStateSchema }),
  /** Progress of the XEP-0313 catch-up. */
  'chat.archiveSync': z.object({ accountId: AccountIdSchema, sync: ArchiveSyncSchema }),
  /** A new message worth a desktop notification (not muted, not read elsewhere, not from the archive); sound: the host plays one with it. */
  'chat.notify': z.object({ accountId: AccountIdSchema, peer: z.string(), messageId: z.string(), title: z.string(), body: z.string(), sound: z.boolean() }),
  /** Unread messages across all accounts and conversations that are not muted: the title, tray and badge show it. */
  'chat.unreadTotal': z.object({ count: z.number().int().min(0) }),
  /** Show this conversation (a notification was clicked). */
  'ui.openConversation': z.object({ accountId: AccountIdSchema, peer: z.string() }),
  /** The tray asks the window to focus the status message field. */
  'ui.editStatus': z.object({}),
  /** The invitations waiting for an answer changed (one came, or was joined or declined). */
  'muc.invitations': z.object({ accountId: AccountIdSchema, invitations: z.array(InvitationSchema) }),
  /** A contact invited us to a room and notifications are not muted: the host shows one (sound: with the chime). */
  'muc.invited': z.object({ accountId: AccountIdSchema, invitation: InvitationSchema, sound: z.boolean() }),
  /**
   * A file offered to us by Jingle (XEP-0234) worth a notification (not muted, not from a stranger held as a request, not
   * in the conversation on screen): title as chat.notify's, name the peer's alone; the host words it and plays the sound.
   */
  'transfer.offered': z.object({ accountId: AccountIdSchema, peer: z.string(), transferId: z.string(), title: z.string(), name: z.string(), file: z.string(), size: z.number().int().min(0), sound: z.boolean() }),
  /** Someone declined an invitation of ours to a room (XEP-0045 §7.8.2), with their reason if they gave one. */
  'muc.declined': z.object({ accountId: AccountIdSchema, room: z.string(), from: z.string(), reason: z.string().optional() }),
  /** A room's state changed (joined, subject, our role, put out…). */
  'muc.room': z.object({ accountId: AccountIdSchema, room: RoomSchema }),
  /**
   * Occupant deltas, batched: a join to a room of 2,000 brings 2,000 presences and few events. renamed: §7.6 nickname changes
   * (303), the new nick also among upserts; departed: who left and why (301, 307, 321, 322, 332). reset: the first delta of a
   * (re)join, whose upserts replace the list held so far.
   */
  'muc.occupants': z.object({
    accountId: AccountIdSchema,
    room: z.string(),
    reset: z.boolean(),
    upserts: z.array(OccupantSchema),
    renamed: z.array(z.object({ from: z.string(), to: z.string() })),
    departed: z.array(DepartureSchema),
  }),
  /** §8.6: a visitor asks the moderators (us among them) for voice. */
  'muc.voiceRequest': z.object({ accountId: AccountIdSchema, request: VoiceRequestSchema }),
  /** The saved rooms changed (fetched at sign-in, saved here, or by another of our clients): the whole list. */
  'muc.bookmarks': z.object({ accountId: AccountIdSchema, bookmarks: z.array(BookmarkSchema) }),
  /** A conversation's encryption changed (chosen, or the peer's OMEMO devices appeared or went). */
  'omemo.encryption': z.object({ accountId: AccountIdSchema, state: EncryptionStateSchema }),
  /** An account's devices changed (its list, a trust decision): all of them, as omemo.devices answers; for our JID, our other devices. */
  'omemo.devices': z.object({ accountId: AccountIdSchema, jid: z.string(), devices: OmemoDevicesSchema }),
  /** A saved room could not be joined automatically at sign-in: why, for the user. */
  'muc.autojoinFailed': z.object({ accountId: AccountIdSchema, room: z.string(), error: AppErrorSchema }),
  'presence.ownChanged': z.object({
    accountId: AccountIdSchema,
    presence: OwnPresenceSchema,
    recentStatuses: z.array(z.string()),
    invisibility: InvisibilitySchema,
  }),
  /** A transfer started (a file offered to us by Jingle: direction 'in', state 'pending', until accepted or declined), moved on (spaced out), or ended. */
  'transfer.updated': TransferSchema,
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
/** What a caller passes (defaults not yet applied). */
export type CommandRequest<K extends CommandName> = z.input<Commands[K]['request']>;
/** What a handler receives, after validation. */
export type ValidRequest<K extends CommandName> = z.output<Commands[K]['request']>;
export type CommandResponse<K extends CommandName> = z.output<Commands[K]['response']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.output<Events[K]>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** One handler per command: a missing or mistyped handler is a compile error. */
export type Handlers = { [K in CommandName]: (request: ValidRequest<K>) => Promise<CommandResponse<K>> };

export type Emit = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
