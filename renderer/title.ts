// The window title carries the unread total: "(3) Causette", or "Causette" when everything is read.
import { attentionCount } from '../shared/model/attention.ts';
import type { Api } from './api.ts';
import { useAccounts } from './stores/accounts.ts';

export const APP_TITLE = 'Causette';

export function titleFor(unread: number): string {
  return unread > 0 ? `(${unread}) ${APP_TITLE}` : APP_TITLE;
}

/** Follows chat.unreadTotal; until the core sends one, the conversations' own counts (attentionCount) give it. */
export function startTitle(api: Api): void {
  let reported = false;
  const show = (unread: number) => {
    // A busy room sends a total with each message: the title is written (and the window's told) only on a change.
    const title = titleFor(unread);
    if (document.title !== title) document.title = title;
  };
  api.on('chat.unreadTotal', ({ count }) => {
    reported = true;
    show(count);
  });

  async function sum(accountIds: readonly string[]): Promise<void> {
    const lists = await Promise.all(accountIds.map((accountId) => api.call('chat.conversations', { accountId })));
    if (reported) return;
    show(lists.flat().reduce((total, conversation) => total + attentionCount(conversation), 0));
  }

  let known: readonly string[] = [];
  // The title keeps its last count when the sum cannot be made; the next event corrects it.
  const recount = () => void sum(known).catch(() => undefined);
  useAccounts.subscribe(({ accounts }) => {
    const ids = accounts.map((account) => account.id);
    if (ids.join(' ') === known.join(' ')) return;
    known = ids;
    recount();
  });
  // Events sent while the link was down are lost: count again.
  api.onLinkState((link) => {
    if (link !== 'open') return;
    reported = false;
    recount();
  });
}
