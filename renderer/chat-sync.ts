// Keeps the chat slice current: the conversation list once per account then its deltas, messages, chat states, and pages of history.
import { messageOf, type Api } from './api.ts';
import { useAccounts } from './stores/accounts.ts';
import { useArchiveSync } from './stores/archive-sync.ts';
import { createFrameBatch } from './frame-batch.ts';
import { selectView, useChat, type ChatEvent, type PageKind } from './stores/chat.ts';
import { useSettings } from './stores/settings.ts';
import { useUi } from './stores/ui.ts';

let current: Api | undefined;
const pageSize = 50;

async function loadConversations(accountId: string): Promise<void> {
  if (!current) return;
  try {
    const conversations = await current.call('chat.conversations', { accountId });
    if (useAccounts.getState().accounts.some((account) => account.id === accountId)) useChat.getState().conversations(accountId, conversations);
  } catch {
    // The account went away meanwhile.
  }
}

async function loadPage(accountId: string, peer: string, kind: PageKind, cursor: { before?: string; after?: string; around?: string }): Promise<void> {
  if (!current) return;
  const chat = useChat.getState();
  chat.loading(accountId, peer, kind);
  try {
    const page = await current.call('chat.history', { accountId, peer, limit: pageSize, ...cursor });
    useChat.getState().page(accountId, peer, kind, page);
  } catch (cause) {
    useChat.getState().loadFailed(accountId, peer, messageOf(cause));
  }
}

/** The newest page: what a conversation shows when it opens. */
export function openLatest(accountId: string, peer: string): Promise<void> {
  return loadPage(accountId, peer, 'latest', {});
}

/** The page centred on a message (a search hit, a quoted message further back). */
export function openAround(accountId: string, peer: string, messageId: string): Promise<void> {
  return loadPage(accountId, peer, 'around', { around: messageId });
}

/** The page before the oldest loaded message, unless one is being read or there is none. */
export function loadOlder(accountId: string, peer: string): Promise<void> {
  const view = selectView(useChat.getState(), accountId, peer);
  const oldest = view.messages[0];
  if (view.loading !== undefined || !view.hasOlder || !oldest) return Promise.resolve();
  return loadPage(accountId, peer, 'older', { before: oldest.id });
}

/** The page after the newest loaded message, when the window was opened further back. */
export function loadNewer(accountId: string, peer: string): Promise<void> {
  const view = selectView(useChat.getState(), accountId, peer);
  const newest = view.messages.at(-1);
  if (view.loading !== undefined || !view.hasNewer || !newest) return Promise.resolve();
  return loadPage(accountId, peer, 'newer', { after: newest.id });
}

/** A conversation marked read within the last window, and whether it was asked again meanwhile. */
const reading = new Map<string, { again: boolean }>();
const readWindowMs = 1000;

/**
 * Marks the conversation read; the new unread count comes back as a chat.conversation event. At most once a second
 * per conversation (the first at once, the last of a window at its end): a busy room open on screen would otherwise
 * mark it, and share the read state (XEP-0333, XEP-0490), for each of its messages.
 */
export async function markRead(accountId: string, peer: string): Promise<void> {
  const key = `${accountId} ${peer}`;
  const open = reading.get(key);
  if (open) {
    open.again = true;
    return;
  }
  const entry = { again: false };
  reading.set(key, entry);
  const windowEnds = () => {
    if (!entry.again) {
      reading.delete(key);
      return;
    }
    entry.again = false;
    setTimeout(windowEnds, readWindowMs);
    current?.call('chat.markRead', { accountId, peer }).catch(() => undefined);
  };
  setTimeout(windowEnds, readWindowMs);
  await current?.call('chat.markRead', { accountId, peer });
}

export function startChatSync(api: Api): void {
  current = api;
  // A busy room's messages (and the summaries each one changes) come many a second: one update per frame.
  const batch = createFrameBatch<ChatEvent>((events) => useChat.getState().events(events));
  api.on('chat.conversation', ({ accountId, conversation }) => batch.push({ kind: 'conversation', accountId, conversation }));
  api.on('chat.conversationRemoved', ({ accountId, peer }) => {
    batch.flush();
    useChat.getState().conversationRemoved(accountId, peer);
    const open = useUi.getState().openChat;
    if (open?.accountId === accountId && open.peer === peer) useUi.getState().closeChat();
  });
  api.on('chat.message', ({ message }) => batch.push({ kind: 'message', message }));
  api.on('chat.typing', ({ accountId, peer, state }) => useChat.getState().typing(accountId, peer, state));
  api.on('chat.archiveSync', ({ accountId, sync }) => useArchiveSync.getState().set(accountId, sync));
  api.on('account.removed', ({ accountId }) => {
    batch.flush();
    useChat.getState().forget(accountId);
  });
  const known = new Set<string>();
  const refresh = () => {
    for (const account of useAccounts.getState().accounts) {
      if (known.has(account.id)) continue;
      known.add(account.id);
      void loadConversations(account.id);
    }
  };
  useAccounts.subscribe(refresh);
  // Held or not as message requests, every conversation may have changed: the lists are read again.
  useSettings.subscribe((state, before) => {
    if (state.settings.holdRequests === before.settings.holdRequests) return;
    for (const accountId of known) void loadConversations(accountId);
  });
  // Deltas were missed while the link to the core was down: the lists are read again.
  api.onLinkState((link) => {
    if (link !== 'open') return;
    for (const accountId of known) void loadConversations(accountId);
  });
  refresh();
}
