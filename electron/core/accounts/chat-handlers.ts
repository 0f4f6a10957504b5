// The chat.* commands: conversations and history from the store; sending and acting on messages through the session.
import type { Emit, Handlers } from '../../../shared/ipc/contract.ts';
import { CausetteError } from '../../../shared/ipc/errors.ts';
import type { MessageStore } from '../storage/messages.ts';
import { bareJid, formatJid, parseJid } from '../../../shared/model/jid.ts';
import { storeOutgoing } from '../xmpp/chat/outgoing.ts';
import { normaliseBareJid } from '../xmpp/roster/roster-items.ts';
import type { AccountService } from './account-service.ts';

type ChatCommand =
  | 'chat.conversations'
  | 'chat.history'
  | 'chat.send'
  | 'chat.correct'
  | 'chat.retract'
  | 'chat.react'
  | 'chat.retry'
  | 'chat.typing'
  | 'chat.markRead'
  | 'chat.setMuted'
  | 'chat.setNotify'
  | 'chat.acceptRequest'
  | 'chat.declineRequest';

export interface ChatHandlerDeps {
  readonly accounts: AccountService;
  readonly store: MessageStore;
  readonly emit: Emit;
  readonly now?: () => number;
}

/** Runs a step that may throw as a promise that rejects instead. */
const attempt = <T>(step: () => T): Promise<T> => new Promise<T>((resolve) => resolve(step()));

function peerOf(text: string): string {
  const jid = normaliseBareJid(text);
  if (jid === undefined) throw new CausetteError('bad-request', `“${text}” is not a valid address.`, undefined, { context: 'address', address: text });
  return jid;
}

/** XEP-0045 §7.5: an occupant's full JID (room@service/nick) is a conversation too, in a room we are in or talked in privately. */
function occupantOf(text: string, known: (full: string, room: string) => boolean): string | undefined {
  const parsed = parseJid(text.trim());
  if (!parsed.ok || parsed.jid.local === undefined || parsed.jid.resource === undefined || parsed.jid.resource === '') return undefined;
  const full = formatJid(parsed.jid);
  return known(full, formatJid(bareJid(parsed.jid))) ? full : undefined;
}

export function createChatHandlers({ accounts, store, emit, now = Date.now }: ChatHandlerDeps): Pick<Handlers, ChatCommand> {
  /** A bare JID, or a room occupant's full JID for a private conversation. */
  function conversationPeer(accountId: string, text: string): string {
    const occupant = occupantOf(text, (full, room) => accounts.entry(accountId).session?.muc?.room(room) !== undefined || store.withMessages(accountId, [full]).length > 0);
    return occupant ?? peerOf(text);
  }
  /** The account's chat on its session; changing messages needs one. */
  function chatOf(accountId: string) {
    const entry = accounts.entry(accountId);
    const chat = entry.session?.chat;
    if (!chat) throw new CausetteError('not-connected', `Sign in to ${entry.record.jid} first.`, undefined, { context: 'account', jid: entry.record.jid });
    return chat;
  }
  const conversationChanged = (accountId: string, peer: string) => emit('chat.conversation', { accountId, conversation: store.conversation(accountId, peer) });

  return {
    'chat.conversations': ({ accountId }) => {
      accounts.entry(accountId);
      return Promise.resolve(store.conversations(accountId));
    },
    'chat.history': async ({ accountId, peer, before, after, around, limit }) => {
      const entry = accounts.entry(accountId);
      const jid = conversationPeer(accountId, peer);
      const cursor = { ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }), ...(around === undefined ? {} : { around }) };
      const read = () => store.page(accountId, jid, cursor, limit);
      const local = read();
      // XEP-0313: older than the local store, the archive is asked a page at a time until it holds nothing older.
      const mam = entry.session?.mam;
      // A room we are in keeps its own archive (XEP-0313 §4, asked at the room's JID); everything else is in our account's.
      const muc = entry.session?.muc?.room(jid) ? entry.session.muc : undefined;
      // While the catch-up runs, what is stored answers at once: the catch-up brings each conversation's newest messages
      // first, and the archive is asked for older ones when the user scrolls past them (hasOlder).
      const reachedOldest = after === undefined && around === undefined && local.messages.length < limit && !(!muc && mam?.catchingUp() === true && local.messages.length > 0);
      const online = entry.session?.connection.state.status === 'online';
      // A room we left is not in our account's archive: marking it complete there would hide the room's own later.
      const leftRoom = !muc && local.messages.some((message) => message.kind === 'groupchat');
      const scrollBack = muc ? () => muc.scrollBack(jid, limit) : mam && !leftRoom ? () => mam.scrollBack(jid, limit) : undefined;
      const archive =
        reachedOldest && scrollBack && online && !store.archiveComplete(accountId, jid)
          ? await entry.session?.started().then(scrollBack).catch(() => 'failed' as const)
          : undefined;
      const page = archive === undefined || archive === 'failed' ? local : read();
      return { ...page, hasOlder: page.hasOlder || (archive !== 'unavailable' && !store.archiveComplete(accountId, jid)) };
    },
    'chat.send': ({ accountId, peer, body, replyTo }) => {
      const entry = accounts.entry(accountId);
      const jid = conversationPeer(accountId, peer);
      if (jid === entry.record.jid) throw new CausetteError('bad-request', 'That is the address of this account.', undefined, { context: 'ownAddress' });
      const chat = entry.session?.chat;
      if (chat) return Promise.resolve(chat.send(jid, body, replyTo));
      // Signed out: the message waits in the store, pending, for the next session.
      const message = storeOutgoing(store, { accountId, ownJid: entry.record.jid, peer: jid, body, now: now(), ...(replyTo === undefined ? {} : { replyTo }) });
      emit('chat.message', { accountId, message });
      conversationChanged(accountId, jid);
      return Promise.resolve(message);
    },
    'chat.correct': ({ accountId, messageId, body }) => attempt(() => chatOf(accountId).correct(messageId, body)),
    'chat.retract': ({ accountId, messageId }) => attempt(() => chatOf(accountId).retract(messageId)),
    'chat.react': ({ accountId, messageId, emojis }) => attempt(() => chatOf(accountId).react(messageId, emojis)),
    'chat.retry': ({ accountId, messageId }) => attempt(() => chatOf(accountId).retry(messageId)),
    'chat.typing': ({ accountId, peer, state }) => {
      accounts.entry(accountId).session?.chat?.typing(conversationPeer(accountId, peer), state);
      return Promise.resolve(null);
    },
    'chat.markRead': ({ accountId, peer }) => {
      const jid = conversationPeer(accountId, peer);
      const chat = accounts.entry(accountId).session?.chat;
      if (chat) chat.markRead(jid);
      else {
        store.markRead(accountId, jid);
        conversationChanged(accountId, jid);
      }
      return Promise.resolve(null);
    },
    'chat.setMuted': ({ accountId, peer, muted }) => {
      accounts.entry(accountId);
      const jid = conversationPeer(accountId, peer);
      store.setMuted(accountId, jid, muted);
      conversationChanged(accountId, jid);
      return Promise.resolve(null);
    },
    'chat.setNotify': ({ accountId, peer, notify }) => {
      accounts.entry(accountId);
      const jid = conversationPeer(accountId, peer);
      store.setNotify(accountId, jid, notify);
      conversationChanged(accountId, jid);
      return Promise.resolve(null);
    },
    'chat.acceptRequest': ({ accountId, peer }) => {
      accounts.entry(accountId);
      const jid = conversationPeer(accountId, peer);
      store.accept(accountId, jid);
      conversationChanged(accountId, jid);
      return Promise.resolve(null);
    },
    'chat.declineRequest': async ({ accountId, peer, block }) => {
      const entry = accounts.entry(accountId);
      const jid = conversationPeer(accountId, peer);
      if (!store.isRequest(accountId, jid)) throw new CausetteError('bad-request', 'This conversation is not a message request.', undefined, { context: 'notRequest' });
      if (block !== 'no') {
        const blocking = entry.session?.blocking;
        if (!blocking || entry.session?.connection.state.status !== 'online') {
          throw new CausetteError('not-connected', `Sign in to ${entry.record.jid} first.`, undefined, { context: 'account', jid: entry.record.jid });
        }
        // XEP-0191 §3.3, with the XEP-0377 report inside the block.
        await blocking.block(jid, block === 'report' ? 'spam' : undefined);
      }
      store.remove(accountId, jid);
      emit('chat.conversationRemoved', { accountId, peer: jid });
      return null;
    },
  };
}
