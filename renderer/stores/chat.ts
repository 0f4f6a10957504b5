// Chat slice: per account, its conversations (most recent first) and the loaded messages of each open peer.
import { create } from 'zustand';
import type { Conversation, Message } from '../../shared/model/message.ts';

export interface AccountChat {
  readonly conversations: readonly Conversation[];
  /** Loaded history per peer, oldest first; a peer not here has not been opened. */
  readonly messages: Readonly<Record<string, readonly Message[]>>;
}

export interface ChatState {
  readonly byAccount: Readonly<Record<string, AccountChat>>;
}

export const initialChat: ChatState = { byAccount: {} };
const empty: AccountChat = { conversations: [], messages: {} };
/** One shared empty list: a selector must return the same value while nothing changed. */
const none: readonly Conversation[] = [];

function withAccount(state: ChatState, accountId: string, change: (chat: AccountChat) => AccountChat): ChatState {
  return { byAccount: { ...state.byAccount, [accountId]: change(state.byAccount[accountId] ?? empty) } };
}

/** A message event: replaces the message with the same id, or appends it in time order, for a peer whose history is loaded. */
export function applyMessage(state: ChatState, message: Message): ChatState {
  return withAccount(state, message.accountId, (chat) => {
    const loaded = chat.messages[message.peer];
    if (!loaded) return chat;
    const at = loaded.findIndex((existing) => existing.id === message.id);
    const next = at >= 0 ? loaded.map((existing, index) => (index === at ? message : existing)) : [...loaded, message].sort((a, b) => a.timestamp - b.timestamp);
    return { ...chat, messages: { ...chat.messages, [message.peer]: next } };
  });
}

export function applyHistory(state: ChatState, accountId: string, peer: string, history: readonly Message[]): ChatState {
  return withAccount(state, accountId, (chat) => {
    // Messages that arrived as events while the history was being read are kept.
    const known = new Set(history.map((message) => message.id));
    const later = (chat.messages[peer] ?? []).filter((message) => !known.has(message.id));
    return { ...chat, messages: { ...chat.messages, [peer]: [...history, ...later] } };
  });
}

export function selectConversations(state: ChatState, accountId: string | undefined): readonly Conversation[] {
  return (accountId === undefined ? undefined : state.byAccount[accountId]?.conversations) ?? none;
}

export function selectMessages(state: ChatState, accountId: string, peer: string): readonly Message[] | undefined {
  return state.byAccount[accountId]?.messages[peer];
}

interface ChatActions {
  readonly message: (message: Message) => void;
  readonly history: (accountId: string, peer: string, history: readonly Message[]) => void;
  readonly conversations: (accountId: string, conversations: readonly Conversation[]) => void;
  readonly forget: (accountId: string) => void;
}

export const useChat = create<ChatState & ChatActions>()((set) => ({
  ...initialChat,
  message: (message) => set((state) => applyMessage(state, message)),
  history: (accountId, peer, history) => set((state) => applyHistory(state, accountId, peer, history)),
  conversations: (accountId, conversations) => set((state) => withAccount(state, accountId, (chat) => ({ ...chat, conversations }))),
  forget: (accountId) => set((state) => ({ byAccount: Object.fromEntries(Object.entries(state.byAccount).filter(([id]) => id !== accountId)) })),
}));
