// One entry of a conversation list: the peer's avatar and name, when and what the last message was, mute, the unread count
// and, for a room, how many of those name us. Files dropped on it go to that conversation, which opens.
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../../shared/model/message.ts';
import { locale } from '../../i18n/index.ts';
import { shortDate } from '../../i18n/short-date.ts';
import { useUi } from '../../stores/ui.ts';
import { Avatar } from '../contacts/Avatar.tsx';
import { sendDropped } from '../transfers/send-files.ts';
import { useFileDrop } from '../transfers/use-file-drop.ts';
import { conversationPreview } from './conversation-preview.ts';

interface ConversationItemProps {
  readonly accountId: string;
  readonly conversation: Conversation;
  /** The contact's name, or the address. */
  readonly name: string;
  readonly selected: boolean;
  /** The contact's avatar image, if it has one. */
  readonly avatarHash: string | undefined;
}

export function ConversationItem({ accountId, conversation, name, selected, avatarHash }: ConversationItemProps) {
  const { t } = useTranslation();
  const preview = conversationPreview(conversation.lastMessage);
  const last = conversation.lastMessage?.timestamp;
  const mentions = conversation.mentions ?? 0;
  const quiet = conversation.muted || (conversation.room === true && conversation.notify !== 'all');
  const drop = useFileDrop((files) => {
    useUi.getState().showChat(accountId, conversation.peer);
    sendDropped(accountId, conversation.peer, files);
  });
  return (
    <li className={drop.dragging ? 'dropping' : undefined} {...drop.handlers}>
      <button
        type="button"
        className={selected ? 'conversation-item selected' : 'conversation-item'}
        aria-current={selected ? 'true' : undefined}
        data-peer={conversation.peer}
        onClick={() => useUi.getState().showChat(accountId, conversation.peer)}
      >
        <Avatar jid={conversation.peer} name={name} accountId={accountId} hash={avatarHash} />
        <span className="conversation-name">
          {name}
          {conversation.muted && (
            <span className="muted-mark" title={t('chat.muted')}>
              <span aria-hidden="true"> 🔕</span>
              <span className="visually-hidden">{` ${t('conversations.muted')}`}</span>
            </span>
          )}
        </span>
        {last !== undefined && (
          <time className="conversation-time" dateTime={new Date(last).toISOString()}>
            {shortDate(last, Date.now(), locale())}
          </time>
        )}
        {preview !== '' && <span className={conversation.lastMessage?.retracted ? 'conversation-preview deleted' : 'conversation-preview'}>{preview}</span>}
        {(conversation.unread > 0 || mentions > 0) && (
          <span className="conversation-badges">
            {mentions > 0 && (
              <span className="mention-badge">
                <span aria-hidden="true">@{mentions}</span>
                <span className="visually-hidden">{` ${t('conversations.mentions', { count: mentions })}`}</span>
              </span>
            )}
            {conversation.unread > 0 && (
              // A room that does not notify every message shows its unread count quietly.
              <span className={quiet ? 'unread-badge quiet-badge' : 'unread-badge'}>
                <span aria-hidden="true">{conversation.unread}</span>
                <span className="visually-hidden">{` ${t('conversations.unread', { count: conversation.unread })}`}</span>
              </span>
            )}
          </span>
        )}
      </button>
    </li>
  );
}
