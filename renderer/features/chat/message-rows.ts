// The rows of the message list: each message with the day heading and the "New messages" marker that go above it.
import type { Message } from '../../../shared/model/message.ts';
import { dayKey } from './days.ts';

export interface MessageRow {
  readonly message: Message;
  /** The first message of its day in what is loaded: a day heading goes above it. */
  readonly startsDay: boolean;
  /** The first unread message when the conversation was opened. */
  readonly firstUnread: boolean;
  /** The last of a run from the same side (in a room, the same nickname), the same day, each within GROUP_GAP_MS of the next: the avatar goes beside it. */
  readonly endsGroup: boolean;
}

/** Messages further apart than this start a new group, as in Element and Signal. */
export const GROUP_GAP_MS = 5 * 60_000;

export function messageRows(messages: readonly Message[], firstUnreadId: string | undefined): readonly MessageRow[] {
  let previousDay: string | undefined;
  return messages.map((message, index) => {
    const day = dayKey(message.timestamp);
    const startsDay = day !== previousDay;
    previousDay = day;
    const next = messages[index + 1];
    const endsGroup =
      next === undefined ||
      next.direction !== message.direction ||
      next.sender?.nick !== message.sender?.nick ||
      dayKey(next.timestamp) !== day || next.timestamp - message.timestamp > GROUP_GAP_MS;
    return { message, startsDay, firstUnread: message.id === firstUnreadId, endsGroup };
  });
}

/** Our last message in what is loaded, the one "Edit" and the Up arrow correct (XEP-0308 corrects the last message only). */
export function lastOwnMessage(messages: readonly Message[]): Message | undefined {
  const last = messages.findLast((message) => message.direction === 'out');
  return last && !last.retracted ? last : undefined;
}

/** Our reactions to a message, the set XEP-0444 §3 sends whole. */
export function ownReactions(message: Message, ownJid: string): readonly string[] {
  return (message.reactions ?? []).filter((reaction) => reaction.senders.includes(ownJid)).map((reaction) => reaction.emoji);
}

/** Our set with one emoji added or taken away. */
export function toggleReaction(own: readonly string[], emoji: string): string[] {
  return own.includes(emoji) ? own.filter((existing) => existing !== emoji) : [...own, emoji];
}
