// Chat slice: per account, its conversations (most recent first), the loaded window of each opened conversation, the peers' chat states.
import { create } from 'zustand';
import type { ChatState as PeerChatState, Conversation, HistoryPage, Message } from '../../shared/model/message.ts';
import { attentionCount } from '../../shared/model/attention.ts';

/** Which page is being read: the newest, one around a message, or the next one on either side of what is loaded. */
export type PageKind = 'latest' | 'around' | 'older' | 'newer';

/** A contiguous window of a conversation's history, oldest first. */
export interface ConversationView {
  readonly messages: readonly Message[];
  readonly hasOlder: boolean;
  readonly hasNewer: boolean;
  readonly loading: PageKind | undefined;
  readonly error: string | undefined;
}

export interface AccountChat {
  readonly conversations: readonly Conversation[];
  /** Per peer; a peer not here has not been opened. */
  readonly views: Readonly<Record<string, ConversationView>>;
  /** XEP-0085: the peer's last chat state. */
  readonly typing: Readonly<Record<string, PeerChatState>>;
}

export interface ChatSliceState {
  readonly byAccount: Readonly<Record<string, AccountChat>>;
}

export const initialChat: ChatSliceState = { byAccount: {} };
const empty: AccountChat = { conversations: [], views: {}, typing: {} };
const emptyView: ConversationView = { messages: [], hasOlder: false, hasNewer: false, loading: undefined, error: undefined };
/** One shared empty list: a selector must return the same value while nothing changed. */
const none: readonly Conversation[] = [];

function withAccount(state: ChatSliceState, accountId: string, change: (chat: AccountChat) => AccountChat): ChatSliceState {
  return { byAccount: { ...state.byAccount, [accountId]: change(state.byAccount[accountId] ?? empty) } };
}

function withView(state: ChatSliceState, accountId: string, peer: string, change: (view: ConversationView) => ConversationView): ChatSliceState {
  return withAccount(state, accountId, (chat) => ({ ...chat, views: { ...chat.views, [peer]: change(chat.views[peer] ?? emptyView) } }));
}

const recency = (conversation: Conversation) => conversation.lastMessage?.timestamp ?? -Infinity;
const byRecency = (a: Conversation, b: Conversation) => recency(b) - recency(a);

export function applyConversations(state: ChatSliceState, accountId: string, conversations: readonly Conversation[]): ChatSliceState {
  return withAccount(state, accountId, (chat) => ({ ...chat, conversations: [...conversations].sort(byRecency) }));
}

/** A chat.conversation delta: replaces the peer's summary or adds it, and keeps the list most recent first. */
export function applyConversation(state: ChatSliceState, accountId: string, conversation: Conversation): ChatSliceState {
  return withAccount(state, accountId, (chat) => {
    const others = chat.conversations.filter((existing) => existing.peer !== conversation.peer);
    return { ...chat, conversations: [...others, conversation].sort(byRecency) };
  });
}

/** A conversation deleted in the core (a declined message request): its summary and loaded window go. */
export function applyConversationRemoved(state: ChatSliceState, accountId: string, peer: string): ChatSliceState {
  return withAccount(state, accountId, (chat) => ({
    conversations: chat.conversations.filter((conversation) => conversation.peer !== peer),
    views: Object.fromEntries(Object.entries(chat.views).filter(([viewed]) => viewed !== peer)),
    typing: Object.fromEntries(Object.entries(chat.typing).filter(([typing]) => typing !== peer)),
  }));
}

/** Where a message of this time goes in a list ordered by time: after every message not later than it. */
function insertionPoint(messages: readonly Message[], timestamp: number): number {
  let index = messages.length;
  while (index > 0 && (messages[index - 1]?.timestamp ?? 0) > timestamp) index -= 1;
  return index;
}

/**
 * A chat.message event: a message already loaded is replaced; a new one is inserted in time order when it falls
 * inside the loaded window (or past its newest end when that end is the present), so the window never gets a gap.
 */
export function applyMessage(state: ChatSliceState, message: Message): ChatSliceState {
  const chat = state.byAccount[message.accountId];
  const view = chat?.views[message.peer];
  const typing = message.direction === 'in' && chat?.typing[message.peer] !== undefined;
  if (!view && !typing) return state;
  return withAccount(state, message.accountId, (current) => {
    // XEP-0085 §5.2: a message carries "active" and ends the peer's typing.
    const next = typing ? { ...current, typing: Object.fromEntries(Object.entries(current.typing).filter(([peer]) => peer !== message.peer)) } : current;
    if (!view) return next;
    const at = view.messages.findIndex((existing) => existing.id === message.id);
    if (at >= 0) return { ...next, views: { ...next.views, [message.peer]: { ...view, messages: view.messages.with(at, message) } } };
    const first = view.messages[0];
    const last = view.messages.at(-1);
    const tooOld = view.hasOlder && first !== undefined && message.timestamp < first.timestamp;
    const tooNew = view.hasNewer && (last === undefined || message.timestamp > last.timestamp);
    if (tooOld || tooNew) return next;
    const index = insertionPoint(view.messages, message.timestamp);
    const messages = [...view.messages.slice(0, index), message, ...view.messages.slice(index)];
    return { ...next, views: { ...next.views, [message.peer]: { ...view, messages } } };
  });
}

/** What the core says of conversations, batched per frame by the sync (a busy room sends many a second). */
export type ChatEvent = { readonly kind: 'message'; readonly message: Message } | { readonly kind: 'conversation'; readonly accountId: string; readonly conversation: Conversation };

/** Several chat.message and chat.conversation events, in the order they came. */
export function applyChatEvents(state: ChatSliceState, events: readonly ChatEvent[]): ChatSliceState {
  return events.reduce((current, event) => (event.kind === 'message' ? applyMessage(current, event.message) : applyConversation(current, event.accountId, event.conversation)), state);
}

export function applyLoading(state: ChatSliceState, accountId: string, peer: string, kind: PageKind): ChatSliceState {
  return withView(state, accountId, peer, (view) => ({ ...view, loading: kind, error: undefined }));
}

export function applyLoadFailed(state: ChatSliceState, accountId: string, peer: string, error: string): ChatSliceState {
  return withView(state, accountId, peer, (view) => ({ ...view, loading: undefined, error }));
}

/** A page of history merged into the peer's window: the newest page or one around a message replaces it, older and newer pages extend it. */
export function applyPage(state: ChatSliceState, accountId: string, peer: string, kind: PageKind, page: HistoryPage): ChatSliceState {
  return withView(state, accountId, peer, (view) => {
    const known = new Set(view.messages.map((message) => message.id));
    const fresh = page.messages.filter((message) => !known.has(message.id));
    const loaded = { loading: undefined, error: undefined };
    switch (kind) {
      case 'older':
        return { ...view, ...loaded, messages: [...fresh, ...view.messages], hasOlder: page.hasOlder };
      case 'newer':
        return { ...view, ...loaded, messages: [...view.messages, ...fresh], hasNewer: page.hasNewer };
      case 'around':
        return { ...loaded, messages: page.messages, hasOlder: page.hasOlder, hasNewer: page.hasNewer };
      case 'latest': {
        // Messages that came as events while the page was read are kept after it.
        const inPage = new Set(page.messages.map((message) => message.id));
        const newest = page.messages.at(-1)?.timestamp ?? -Infinity;
        const later = view.hasNewer ? [] : view.messages.filter((message) => !inPage.has(message.id) && message.timestamp >= newest);
        return { ...loaded, messages: [...page.messages, ...later], hasOlder: page.hasOlder, hasNewer: page.hasNewer };
      }
    }
  });
}

export function applyTyping(state: ChatSliceState, accountId: string, peer: string, chatState: PeerChatState): ChatSliceState {
  return withAccount(state, accountId, (chat) => ({ ...chat, typing: { ...chat.typing, [peer]: chatState } }));
}

export function selectConversations(state: ChatSliceState, accountId: string | undefined): readonly Conversation[] {
  return (accountId === undefined ? undefined : state.byAccount[accountId]?.conversations) ?? none;
}

/** What counts towards the account's unread total: neither muted conversations nor message requests, rooms by their setting. */
export function selectAccountUnread(state: ChatSliceState, accountId: string): number {
  return (state.byAccount[accountId]?.conversations ?? none).reduce((total, conversation) => total + attentionCount(conversation), 0);
}

export function selectConversation(state: ChatSliceState, accountId: string, peer: string): Conversation | undefined {
  return state.byAccount[accountId]?.conversations.find((conversation) => conversation.peer === peer);
}

export function selectView(state: ChatSliceState, accountId: string, peer: string): ConversationView {
  return state.byAccount[accountId]?.views[peer] ?? emptyView;
}

export function selectPeerTyping(state: ChatSliceState, accountId: string, peer: string): PeerChatState | undefined {
  return state.byAccount[accountId]?.typing[peer];
}

interface ChatActions {
  readonly conversations: (accountId: string, conversations: readonly Conversation[]) => void;
  readonly conversationRemoved: (accountId: string, peer: string) => void;
  /** chat.message and chat.conversation events, a frame's worth at a time. */
  readonly events: (events: readonly ChatEvent[]) => void;
  readonly loading: (accountId: string, peer: string, kind: PageKind) => void;
  readonly loadFailed: (accountId: string, peer: string, error: string) => void;
  readonly page: (accountId: string, peer: string, kind: PageKind, page: HistoryPage) => void;
  readonly typing: (accountId: string, peer: string, chatState: PeerChatState) => void;
  readonly forget: (accountId: string) => void;
}

export const useChat = create<ChatSliceState & ChatActions>()((set) => ({
  ...initialChat,
  conversations: (accountId, conversations) => set((state) => applyConversations(state, accountId, conversations)),
  conversationRemoved: (accountId, peer) => set((state) => applyConversationRemoved(state, accountId, peer)),
  events: (events) => set((state) => applyChatEvents(state, events)),
  loading: (accountId, peer, kind) => set((state) => applyLoading(state, accountId, peer, kind)),
  loadFailed: (accountId, peer, error) => set((state) => applyLoadFailed(state, accountId, peer, error)),
  page: (accountId, peer, kind, page) => set((state) => applyPage(state, accountId, peer, kind, page)),
  typing: (accountId, peer, chatState) => set((state) => applyTyping(state, accountId, peer, chatState)),
  forget: (accountId) => set((state) => ({ byAccount: Object.fromEntries(Object.entries(state.byAccount).filter(([id]) => id !== accountId)) })),
}));
