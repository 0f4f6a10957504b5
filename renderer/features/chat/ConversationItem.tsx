// One entry of a conversation list: the peer's name, the last message, mute and the unread count.
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../../shared/model/message.ts';
import { useUi } from '../../stores/ui.ts';
import { conversationPreview } from './conversation-preview.ts';

interface ConversationItemProps {
  readonly accountId: string;
  readonly conversation: Conversation;
  /** The contact's name, or the address. */
  readonly name: string;
  readonly selected: boolean;
}

export function ConversationItem({ accountId, conversation, name, selected }: ConversationItemProps) {
  const { t } = useTranslation();
  const preview = conversationPreview(conversation.lastMessage);
  return (
    <li>
      <button
        type="button"
        className={selected ? 'conversation-item selected' : 'conversation-item'}
        aria-current={selected ? 'true' : undefined}
        onClick={() => useUi.getState().showChat(accountId, conversation.peer)}
      >
        <span className="conversation-name">
          {name}
          {conversation.muted && (
            <span className="muted-mark" title={t('chat.muted')}>
              <span aria-hidden="true"> 🔕</span>
              <span className="visually-hidden">{` ${t('conversations.muted')}`}</span>
            </span>
          )}
        </span>
        {preview !== '' && <span className={conversation.lastMessage?.retracted ? 'conversation-preview deleted' : 'conversation-preview'}>{preview}</span>}
        {conversation.unread > 0 && (
          <span className="unread-badge">
            <span aria-hidden="true">{conversation.unread}</span>
            <span className="visually-hidden">{` ${t('conversations.unread', { count: conversation.unread })}`}</span>
          </span>
        )}
      </button>
    </li>
  );
}
