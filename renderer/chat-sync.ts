// Keeps the chat slice current: chat.message events as they come, the conversation list per account, read marks.
import type { Api } from './api.ts';
import { useAccounts } from './stores/accounts.ts';
import { useChat } from './stores/chat.ts';
import { useUi } from './stores/ui.ts';

let current: Api | undefined;

export async function loadConversations(accountId: string): Promise<void> {
  if (!current) return;
  try {
    const conversations = await current.call('chat.conversations', { accountId });
    if (useAccounts.getState().accounts.some((account) => account.id === accountId)) useChat.getState().conversations(accountId, conversations);
  } catch {
    // The account went away meanwhile.
  }
}

export async function loadHistory(accountId: string, peer: string): Promise<void> {
  if (!current) return;
  const history = await current.call('chat.history', { accountId, peer });
  useChat.getState().history(accountId, peer, history);
}

/** Marks the peer's messages read and refreshes the unread counts. */
export async function markRead(accountId: string, peer: string): Promise<void> {
  if (!current) return;
  await current.call('chat.markRead', { accountId, peer });
  await loadConversations(accountId);
}

function visible(accountId: string, peer: string): boolean {
  const open = useUi.getState().openChat;
  return open?.accountId === accountId && open.peer === peer && document.visibilityState === 'visible';
}

export function startChatSync(api: Api): void {
  current = api;
  api.on('chat.message', ({ accountId, message }) => {
    useChat.getState().message(message);
    if (message.direction === 'in' && visible(accountId, message.peer)) void markRead(accountId, message.peer).catch(() => undefined);
    else void loadConversations(accountId);
  });
  api.on('account.removed', ({ accountId }) => useChat.getState().forget(accountId));
  const known = new Set<string>();
  const refresh = () => {
    for (const account of useAccounts.getState().accounts) {
      if (known.has(account.id)) continue;
      known.add(account.id);
      void loadConversations(account.id);
    }
  };
  useAccounts.subscribe(refresh);
  refresh();
}
