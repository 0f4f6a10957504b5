// The line under a conversation's name: its last message, shortened, prefixed "You:" when ours.
import type { Conversation } from '../../../shared/model/message.ts';

const previewLength = 80;

export function conversationPreview(last: Conversation['lastMessage']): string {
  if (!last) return '';
  if (last.retracted) return 'Message deleted';
  const line = last.body.replace(/\s+/gu, ' ').trim();
  const text = line.length > previewLength ? `${line.slice(0, previewLength)}…` : line;
  return last.direction === 'out' ? `You: ${text}` : text;
}
