// The unread total the tray and the badge show: summed from the conversations at start, then from chat.unreadTotal.
import type { Account } from '../../shared/model/account.ts';
import { attentionCount } from '../../shared/model/attention.ts';
import type { Conversation } from '../../shared/model/message.ts';
import type { Core } from '../core/core-api.ts';
import { onCoreEvents } from './core-events.ts';

export interface UnreadCount {
  count(): number;
  dispose(): void;
}

/** Unread messages that ask for attention (not muted, rooms by their setting), as the core counts them. */
export function unreadOf(conversations: readonly Conversation[]): number {
  return conversations.reduce((sum, conversation) => sum + attentionCount(conversation), 0);
}

export function trackUnread(core: Pick<Core, 'handlers' | 'onEvent'>, accounts: readonly Account[], onChange: (count: number) => void): UnreadCount {
  let count = 0;
  // The core sends the total when it changes; a total it sent wins over the start-up sum, which may be older.
  let reported = false;
  const unsubscribe = onCoreEvents(core, {
    'chat.unreadTotal': (total) => {
      reported = true;
      if (total.count === count) return;
      count = total.count;
      onChange(count);
    },
  });
  Promise.all(accounts.map((account) => core.handlers['chat.conversations']({ accountId: account.id }))).then(
    (lists) => {
      const summed = lists.reduce((sum, list) => sum + unreadOf(list), 0);
      if (reported || summed === count) return;
      count = summed;
      onChange(count);
    },
    // Events will bring the total; the sum only closes a start-up gap.
    () => undefined,
  );
  return { count: () => count, dispose: unsubscribe };
}
