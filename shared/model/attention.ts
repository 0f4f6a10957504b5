// What a conversation asks of the user: how many of its unread messages count in the title, tray and badge, and whether a
// new message of it deserves a notification. A room counts and notifies as its setting says (mentions by default, as in
// Conversations and Dino); a muted conversation or a message request, nothing.
import { DEFAULT_ROOM_NOTIFY, type Conversation, type Message, type RoomNotify } from './message.ts';

/** The conversation's share of the unread total. */
export function attentionCount(conversation: Pick<Conversation, 'unread' | 'muted' | 'request' | 'room' | 'mentions' | 'notify'>): number {
  if (conversation.muted || conversation.request === true) return 0;
  if (conversation.room !== true) return conversation.unread;
  const notify = conversation.notify ?? DEFAULT_ROOM_NOTIFY;
  if (notify === 'all') return conversation.unread;
  return notify === 'mentions' ? (conversation.mentions ?? 0) : 0;
}

/** Whether a new message may be notified under its room's setting; any other message, yes. */
export function notifiedInRoom(message: Pick<Message, 'kind' | 'mention'>, notify: RoomNotify | undefined): boolean {
  if (message.kind !== 'groupchat') return true;
  const setting = notify ?? DEFAULT_ROOM_NOTIFY;
  return setting === 'all' || (setting === 'mentions' && message.mention === true);
}
