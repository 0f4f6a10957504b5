// The line under a conversation's name: its last message, shortened, prefixed "You:" when ours.
import type { Conversation } from '../../../shared/model/message.ts';
import { i18n } from '../../i18n/index.ts';
import { sharedFileOf } from '../transfers/shared-file.ts';

const previewLength = 80;

export function conversationPreview(last: Conversation['lastMessage']): string {
  if (!last) return '';
  if (last.retracted) return i18n.t('preview.deleted');
  // An encrypted file's address holds its key: the preview names the file instead.
  const file = sharedFileOf(last);
  const line = file ? i18n.t('files.label', { name: file.name === '' ? i18n.t('files.unnamed') : file.name }) : last.body.replace(/\s+/gu, ' ').trim();
  const text = line.length > previewLength ? `${line.slice(0, previewLength)}…` : line;
  if (last.direction === 'out') return i18n.t('preview.own', { text });
  return last.senderNick === undefined ? text : i18n.t('preview.by', { nick: last.senderNick, text });
}
