// Which new messages deserve a desktop notification (chat.notify, coalesced per conversation), file offers too
// (transfer.offered), and the unread total (chat.unreadTotal).
import type { Emit, EventPayload } from '../../../shared/ipc/contract.ts';
import { notifiedInRoom } from '../../../shared/model/attention.ts';
import type { Message } from '../../../shared/model/message.ts';
import type { Invitation } from '../../../shared/model/room.ts';
import type { Transfer } from '../../../shared/model/transfer.ts';
import type { MessageStore } from '../storage/messages.ts';
import type { MessageSource } from '../xmpp/pipeline/message-context.ts';

export interface ConversationRef {
  readonly accountId: string;
  readonly peer: string;
}

/** What the store and the window say about a message when it may be shown. */
export interface NotifyFacts {
  readonly muted: boolean;
  /** A message request from a stranger: held quietly until the user accepts it. */
  readonly request: boolean;
  /** Read here or on another device (XEP-0333 displayed from a carbon, XEP-0490). */
  readonly read: boolean;
  readonly visible: ConversationRef | undefined;
}

/** A notification shows a short plain-text excerpt; the window shows the rest. */
export const NOTIFY_BODY_LENGTH = 200;
/** At most one notification per conversation in this window; the last message of a burst wins. */
export const COALESCE_MS = 2_000;
/** Recounting the unread total waits this long, so an archive catch-up of thousands of messages counts once. */
export const UNREAD_RECOUNT_MS = 50;

/** Whether a message can ever be notified: someone wrote it to us just now, and it still says something. */
export function isNotifiable(message: Message, source: MessageSource): boolean {
  // Archive pages are catch-up after being away, not news (XEP-0313).
  if (source === 'archive') return false;
  return message.direction === 'in' && message.retracted !== true && message.body.trim() !== '';
}

export function shouldNotify(message: Message, facts: NotifyFacts): boolean {
  if (facts.muted || facts.request || facts.read || message.direction !== 'in' || message.retracted === true) return false;
  const { visible } = facts;
  return visible === undefined || visible.accountId !== message.accountId || visible.peer !== message.peer;
}

/** One line of plain text, cut at a character boundary; never interpreted as markup (the host escapes it where needed). */
export function notificationBody(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  const characters = [...line];
  return characters.length > NOTIFY_BODY_LENGTH ? `${characters.slice(0, NOTIFY_BODY_LENGTH - 1).join('')}…` : line;
}

export interface NotifierDeps {
  readonly store: Pick<MessageStore, 'get' | 'isRead' | 'conversation' | 'unreadTotal' | 'isRequest'>;
  readonly emit: Emit;
  /** The contact's roster name, if it has one. */
  readonly nameOf: (accountId: string, peer: string) => string | undefined;
  /** The settings' say, read at each notification: all muted for now (no notification, no sound), and whether a sound goes with one. */
  readonly policy: () => NotifyPolicy;
  /** The account's address when there are several, so that the notification says which one the message came to. */
  readonly accountOf?: (accountId: string) => string | undefined;
  /** Someone outside the roster while message requests are held: their file offer waits quietly, like their messages. */
  readonly stranger?: (accountId: string, peer: string) => boolean;
}

export interface NotifyPolicy {
  readonly muted: boolean;
  readonly sound: boolean;
}

/** "Bob → alice@example.org" with several accounts, else the name alone. */
export function notificationTitle(name: string, account: string | undefined): string {
  return account === undefined ? name : `${name} → ${account}`;
}

export interface Notifier {
  /** The chat pipeline stored a new message (not a merge, not a duplicate). */
  readonly newMessage: (message: Message, source: MessageSource) => void;
  /** An invitation to a room came; a stranger's waits quietly, like a message request. */
  readonly newInvitation: (accountId: string, invitation: Invitation) => void;
  /** A file was offered to us by Jingle (XEP-0234), waiting for Accept or Decline. */
  readonly newOffer: (transfer: Transfer) => void;
  /** The conversation the user is looking at; undefined when none is (window hidden, another view). */
  readonly setVisible: (conversation: ConversationRef | undefined) => void;
  /** Something may have changed the unread total: it is recounted soon, and sent when it differs. */
  readonly unreadMayHaveChanged: () => void;
  readonly dispose: () => void;
}

const keyOf = (message: ConversationRef) => `${message.accountId}\u0000${message.peer}`;

export function createNotifier(deps: NotifierDeps): Notifier {
  let visible: ConversationRef | undefined;
  let lastTotal: number | undefined;
  let recount: ReturnType<typeof setTimeout> | undefined;
  /** Conversations notified less than COALESCE_MS ago, with the newest message held back since. */
  const quiet = new Map<string, { timer: ReturnType<typeof setTimeout>; held?: Message }>();

  function show(message: Message): boolean {
    const current = deps.store.get(message.id) ?? message;
    const conversation = deps.store.conversation(current.accountId, current.peer);
    const facts = { muted: conversation.muted, request: conversation.request === true, read: deps.store.isRead(current.id), visible };
    if (!shouldNotify(current, facts) || current.body.trim() === '' || !notifiedInRoom(current, conversation.notify)) return false;
    const policy = deps.policy();
    if (policy.muted) return false;
    const payload: EventPayload<'chat.notify'> = {
      accountId: current.accountId,
      peer: current.peer,
      messageId: current.id,
      title: notificationTitle(deps.nameOf(current.accountId, current.peer) ?? current.peer, deps.accountOf?.(current.accountId)),
      // In a room, who is speaking (the title names the room).
      body: notificationBody(current.kind === 'groupchat' && current.sender?.nick ? `${current.sender.nick}: ${current.body}` : current.body),
      sound: policy.sound,
    };
    deps.emit('chat.notify', payload);
    return true;
  }

  function startQuiet(key: string): void {
    const timer = setTimeout(() => {
      const held = quiet.get(key)?.held;
      quiet.delete(key);
      if (held !== undefined && show(held)) startQuiet(key);
    }, COALESCE_MS);
    quiet.set(key, { timer });
  }

  function sendTotal(): void {
    recount = undefined;
    const count = deps.store.unreadTotal();
    if (count === lastTotal) return;
    lastTotal = count;
    deps.emit('chat.unreadTotal', { count });
  }

  return {
    newMessage(message, source) {
      if (!isNotifiable(message, source)) return;
      const key = keyOf(message);
      const waiting = quiet.get(key);
      if (waiting) waiting.held = message;
      else if (show(message)) startQuiet(key);
    },
    newInvitation(accountId, invitation) {
      const policy = deps.policy();
      if (policy.muted || !invitation.fromContact) return;
      deps.emit('muc.invited', { accountId, invitation, sound: policy.sound });
    },
    newOffer(transfer) {
      const { accountId, peer } = transfer;
      // Like a message: not while muted, not from a stranger held as a request, not in the conversation on screen (it shows there).
      if (deps.store.conversation(accountId, peer).muted || deps.store.isRequest(accountId, peer) || deps.stranger?.(accountId, peer) === true) return;
      if (visible?.accountId === accountId && visible.peer === peer) return;
      const policy = deps.policy();
      if (policy.muted) return;
      const name = deps.nameOf(accountId, peer) ?? peer;
      deps.emit('transfer.offered', { accountId, peer, transferId: transfer.id, title: notificationTitle(name, deps.accountOf?.(accountId)), name, file: transfer.name, size: transfer.size, sound: policy.sound });
    },
    setVisible(conversation) {
      visible = conversation;
    },
    unreadMayHaveChanged() {
      recount ??= setTimeout(sendTotal, UNREAD_RECOUNT_MS);
    },
    dispose() {
      if (recount !== undefined) clearTimeout(recount);
      for (const { timer } of quiet.values()) clearTimeout(timer);
      quiet.clear();
    },
  };
}
